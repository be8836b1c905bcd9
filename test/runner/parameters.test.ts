import { strict as assert } from "node:assert";
import { runInNewContext } from "node:vm";
import { join } from "node:path";
import fc from "fast-check";
import { ParameterError } from "../../src/runner/errors";
import { cellTags, joinSource, readNotebook, type CodeCell, type Notebook } from "../../src/runner/notebook";
import {
  injectParameters,
  INJECTED_TAG,
  notebookParameters,
  parseCliValue,
  parseParameters,
  parseTypeScriptLiteral,
  toTypeScriptLiteral,
  validateParameters,
} from "../../src/runner/parameters";

const LAB = join(__dirname, "fixtures", "lab.ipynb");

/** A JSON-like value without -0 (JSON has no negative zero). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

function refused(fn: () => unknown, message: string, fields: Partial<ParameterError>): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ParameterError, String(e));
    assert.equal(e.message, message);
    for (const [k, v] of Object.entries(fields)) assert.deepEqual((e as unknown as Record<string, unknown>)[k], v);
    return true;
  });
}

describe("runner/parameters", () => {
  it("notebookParameters(lab.ipynb) lists the declarations with types and defaults", () => {
    const params = notebookParameters(readNotebook(LAB));
    assert.deepEqual(
      params.map(({ name, type, default: d, annotation, elementType }) => ({ name, type, default: d, annotation, elementType })),
      [
        { name: "replicas", type: "number", default: 3, annotation: undefined, elementType: undefined },
        { name: "region", type: "string", default: "eu-west-1", annotation: "string", elementType: undefined },
        { name: "weights", type: "array", default: [1, 2], annotation: "number[]", elementType: "number" },
        { name: "verbose", type: "boolean", default: false, annotation: undefined, elementType: undefined },
      ],
    );
    assert.equal(params[0]?.source, "const replicas = 3;");
    assert.deepEqual(params.map((p) => p.line), [1, 2, 3, 4]);
  });

  it("parseParameters() reads each declaration's rule from its trailing comment", () => {
    const [n] = parseParameters("const replicationFactor: number = 3; // integer in [1, 9]: N, replicas of each key");
    assert.deepEqual(n?.rule, { integer: true, min: 1, max: 9, description: "N, replicas of each key" });
  });

  it("toTypeScriptLiteral() refuses a cycle and 20,000-deep nesting with its TypeError, not a stack overflow", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    for (const value of [cyclic, deep]) {
      assert.throws(() => toTypeScriptLiteral(value), { name: "TypeError", message: /^runner\.toTypeScriptLiteral: value must be JSON-like data/ });
    }
  });
  it("toTypeScriptLiteral() keeps an own __proto__ key as a property and escapes U+2028, in the kernel's JavaScript too", () => {
    const value = JSON.parse('{"__proto__": {"a": 1}, "s": "x\u2028y"}') as Record<string, unknown>;
    const text = toTypeScriptLiteral(value);
    assert.equal(text, '{["__proto__"]:{"a":1},"s":"x\\u2028y"}');
    const evaluated = runInNewContext(`(${text})`, {}) as Record<string, unknown>;
    assert.deepEqual(Object.keys(evaluated), ["__proto__", "s"]);
    assert.deepStrictEqual(parseTypeScriptLiteral(text), value);
  });
  it("parseTypeScriptLiteral() names itself when the text is not a literal or not a string", () => {
    assert.throws(() => parseTypeScriptLiteral("1 +"), { name: "SyntaxError", message: /^runner\.parseTypeScriptLiteral: not a TypeScript literal/ });
    assert.throws(() => parseTypeScriptLiteral(3 as never), { name: "TypeError", message: "runner.parseTypeScriptLiteral: text must be a string of TypeScript, got 3" });
  });
  it("property: parseTypeScriptLiteral(toTypeScriptLiteral(v)) is v for any JSON value", () => {
    fc.assert(fc.property(jsonValue, (v) => assert.deepStrictEqual(parseTypeScriptLiteral(toTypeScriptLiteral(v)), v)));
  });

  it("property: an injected literal evaluates to exactly the value, whatever the string holds (no code injection)", () => {
    const nasty = fc.oneof(fc.string(), fc.constantFrom("\"; process.exit(1); \"", "`${process.exit(1)}`", "*/ x /*", "\\", "\u2028\u2029", "</script>"));
    fc.assert(
      fc.property(fc.oneof(nasty, fc.array(nasty), fc.dictionary(nasty, nasty)), (v) => {
        const evaluated = runInNewContext(`(${toTypeScriptLiteral(v)})`, {});
        assert.equal(JSON.stringify(evaluated), JSON.stringify(v));
      }),
    );
  });

  it('toTypeScriptLiteral({ ["__proto__"]: 1 }) writes a computed key, so the literal holds the key rather than setting a prototype', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown;
    assert.equal(toTypeScriptLiteral(value), '{["__proto__"]:{"x":1},"a":2}');
    assert.equal(JSON.stringify(runInNewContext(`(${toTypeScriptLiteral(value)})`, {})), JSON.stringify(value));
  });

  it("toTypeScriptLiteral() refuses values that are not data", () => {
    for (const bad of [Number.NaN, Infinity, undefined, () => 1, new Date(0), [1, Number.NaN], { a: undefined }]) {
      assert.throws(() => toTypeScriptLiteral(bad), TypeError);
    }
    assert.throws(() => toTypeScriptLiteral(Number.NaN), {
      message: "runner.toTypeScriptLiteral: value must be JSON-like data (finite numbers, strings, booleans, null, arrays, plain objects), got NaN",
    });
  });

  it("injectParameters(lab, {replicas: 5, region: 'us'}) adds one injected cell after the parameters cell, keeping annotations", () => {
    const nb = readNotebook(LAB);
    const before = JSON.stringify(nb);
    const out = injectParameters(nb, { replicas: 5, region: "us", weights: [3, 4] });
    assert.equal(JSON.stringify(nb), before, "the input notebook object is not modified");
    const cell = out.cells[2] as CodeCell;
    assert.deepEqual(cellTags(cell), [INJECTED_TAG]);
    assert.equal(joinSource(cell.source), '// Injected parameters\nconst replicas = 5;\nlet region: string = "us";\nconst weights: number[] = [3,4];\n');
    assert.equal(out.cells.length, nb.cells.length + 1);
    const again = injectParameters(out, { replicas: 7 });
    assert.equal(again.cells.length, nb.cells.length + 1, "an earlier injected cell is replaced");
    assert.equal(joinSource((again.cells[2] as CodeCell).source), "// Injected parameters\nconst replicas = 7;\n");
  });

  it("injectParameters(nb, values) records the values where papermill does, metadata.papermill.parameters", () => {
    const nb = readNotebook(LAB);
    assert.deepEqual(injectParameters(nb, { replicas: 5 }).metadata["papermill"], { parameters: { replicas: 5 } });
    const none = injectParameters(nb, {});
    assert.deepEqual(none.metadata["papermill"], { parameters: {} });
    assert.equal(none.cells, nb.cells, "without values the cells are the same");
  });

  it("validateParameters() checks the rule of each comment; with checkDefaults, the cell's own values too", () => {
    const nb = readNotebook(LAB);
    (nb.cells[1] as CodeCell).source = "const replicas: number = 3; // integer in [1, 9]: replicas\nconst quorum: number = 2; // integer in [1, replicas]: quorum";
    refused(() => validateParameters(nb, { replicas: 20 }), "runner.executeNotebook: parameters.replicas must be an integer in [1, 9], got 20", {
      parameter: "replicas",
      expected: "number, integer in [1, 9]",
      value: 20,
    });
    assert.equal(validateParameters(nb, { replicas: 1 }).length, 2, "a default made invalid is left to the notebook's own check");
    refused(() => validateParameters(nb, { replicas: 1 }, "tradeoff-lab run", true), "tradeoff-lab run: parameters.quorum must be an integer in [1, replicas=1], got 2", {});
  });

  it("validateParameters() refuses a value of the wrong type, naming the parameter, the type and the value", () => {
    const nb = readNotebook(LAB);
    refused(() => validateParameters(nb, { replicas: "three" }), 'runner.executeNotebook: parameters.replicas must be a finite number, got "three"', {
      parameter: "replicas",
      expected: "number",
      value: "three",
    });
    refused(() => validateParameters(nb, { replicas: Number.NaN }), "runner.executeNotebook: parameters.replicas must be a finite number, got NaN", {});
    refused(() => validateParameters(nb, { weights: [1, "2"] }), 'runner.executeNotebook: parameters.weights[1] must be a finite number, got "2"', {});
    refused(() => validateParameters(nb, { verbose: "yes" }), 'runner.executeNotebook: parameters.verbose must be a boolean, got "yes"', {});
  });

  it("validateParameters() refuses an unknown name, listing the known ones", () => {
    refused(
      () => validateParameters(readNotebook(LAB), { replica: 5 }),
      'runner.executeNotebook: parameters.replica must be one of the notebook\'s parameters ("replicas", "region", "weights", "verbose"), got "replica"',
      { parameter: "replica", value: 5 },
    );
  });

  /** A notebook whose parameters cell is `source`. */
  const withParameters = (source: string): Notebook => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: "code", id: "p", metadata: { tags: ["parameters"] }, source, execution_count: null, outputs: [] }],
  });

  it("validateParameters() refuses a name bound by destructuring or computed in the parameters cell, naming its line", () => {
    const nb = withParameters("const n: number = 2; // integer in [1, 9]: n\nconst { a, b: [c] } = { a: 1, b: [2] };\nlet [x, , y] = [1, 2, 3];\nconst now = Date.now();\n");
    assert.deepEqual(notebookParameters(nb).map((p) => p.name), ["n"]);
    refused(
      () => validateParameters(nb, { c: 5 }),
      'runner.executeNotebook: parameters.c must be declared on its own line to be set, as `const name: type = literal;`, got "c" (line 2 of the parameters cell binds it by destructuring: const { a, b: [c] } = { a: 1, b: [2] };)',
      { parameter: "c", value: 5 },
    );
    refused(
      () => validateParameters(nb, { y: 5 }),
      'runner.executeNotebook: parameters.y must be declared on its own line to be set, as `const name: type = literal;`, got "y" (line 3 of the parameters cell binds it by destructuring: let [x, , y] = [1, 2, 3];)',
      {},
    );
    refused(
      () => validateParameters(nb, { now: 5 }, "tradeoff-lab run"),
      'tradeoff-lab run: parameters.now must be declared on its own line to be set, as `const name: type = literal;`, got "now" (line 4 of the parameters cell binds it to a computed value without a type annotation: const now = Date.now();)',
      {},
    );
    // The cell still runs with its own values, and its real parameter can be set.
    assert.equal(joinSource((injectParameters(nb, { n: 3 }).cells[1] as CodeCell).source), "// Injected parameters\nconst n: number = 3;\n");
  });

  it("a non-ASCII parameter name is read, validated and injected as written", () => {
    const nb = withParameters("const größe: number = 2; // integer in [1, 9]: Größe\nconst π = 3.14;\n");
    assert.deepEqual(notebookParameters(nb).map((p) => [p.name, p.line]), [["größe", 1], ["π", 2]]);
    refused(() => validateParameters(nb, { größe: 20 }), "runner.executeNotebook: parameters.größe must be an integer in [1, 9], got 20", { parameter: "größe" });
    assert.equal(joinSource((injectParameters(nb, { größe: 3, π: 3 }).cells[1] as CodeCell).source), "// Injected parameters\nconst größe: number = 3;\nconst π = 3;\n");
  });

  it("validateParameters() refuses, before any kernel, a parameters cell declaring a name that starts with __ (tslab cannot run it)", () => {
    const nb = withParameters("const n = 1;\nconst __proto__: number = 0;\n");
    const message = 'runner.executeNotebook: parameters.__proto__ must be a name that does not start with "__" (tslab renames such top-level names and then cannot find them), got "__proto__" (line 2 of the parameters cell; rename it)';
    refused(() => validateParameters(nb, {}), message, { parameter: "__proto__", value: 0 });
    refused(() => injectParameters(nb, JSON.parse('{"__proto__": 1}') as Record<string, unknown>), message, {});
  });

  it('validateParameters() refuses an own "__proto__" key that the notebook does not declare, naming it', () => {
    refused(
      () => validateParameters(readNotebook(LAB), JSON.parse('{"__proto__": 1}') as Record<string, unknown>),
      'runner.executeNotebook: parameters.__proto__ must be one of the notebook\'s parameters ("replicas", "region", "weights", "verbose"), got "__proto__"',
      { parameter: "__proto__", value: 1 },
    );
  });

  it("notebookParameters() of a parameters cell without source names the cell, not a generic TypeError", () => {
    const nb = withParameters("x") as unknown as { cells: { source?: unknown }[] };
    delete nb.cells[0]?.source;
    assert.throws(() => notebookParameters(nb as never), { name: "TypeError", message: "runner.notebookParameters: nb.cells[0].source must be a string or an array of strings, got undefined" });
  });

  it("validateParameters() refuses any parameter for a notebook without a parameters cell", () => {
    const nb: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
    refused(() => validateParameters(nb, { x: 1 }), 'runner.executeNotebook: parameters.x must be declared in a cell tagged "parameters" (this notebook has none), got "x"', {});
  });

  it("notebookParameters() of a malformed parameters cell throws ParameterError", () => {
    const nb = readNotebook(LAB);
    (nb.cells[1] as CodeCell).source = "const = 3;";
    assert.throws(() => notebookParameters(nb), /^ParameterError: runner\.notebookParameters: the parameters cell \(cell 1\) must be TypeScript declarations `const name: type = literal; \/\/ rule: description`, got line 1: /);
  });

  it("parseCliValue() converts -p text to the declared type, or refuses it", () => {
    const [replicas, region, weights, verbose] = notebookParameters(readNotebook(LAB)) as [never, never, never, never];
    assert.equal(parseCliValue(replicas, "5"), 5);
    assert.equal(parseCliValue(region, "5"), "5");
    assert.deepEqual(parseCliValue(weights, "[1, 2.5]"), [1, 2.5]);
    assert.equal(parseCliValue(verbose, "true"), true);
    refused(() => parseCliValue(replicas, "five"), 'runner.cli: parameters.replicas must be a finite number, got "five"', {});
    refused(() => parseCliValue(replicas, ""), 'runner.cli: parameters.replicas must be a finite number, got ""', {});
    refused(() => parseCliValue(verbose, "1"), 'runner.cli: parameters.verbose must be a boolean, got "1"', {});
    refused(() => parseCliValue(weights, "[1,"), 'runner.cli: parameters.weights must be an array of numbers, got "[1,"', {});
  });

  it("parseCliValue() and injectParameters() refuse a caller name that names no function or command (it would start their messages)", () => {
    const [replicas] = notebookParameters(readNotebook(LAB)) as [never];
    const expected = 'the caller\'s name, e.g. "runner.executeNotebook"';
    for (const where of ["__proto__", "sync", "month", "constructor", " 1 ", "a b", "x."]) {
      assert.throws(() => parseCliValue(replicas, "5", where), { name: "TypeError", message: `runner.parseCliValue: where must be ${expected}, got ${JSON.stringify(where)}` });
      assert.throws(() => injectParameters(readNotebook(LAB), {}, where), { name: "TypeError", message: `runner.injectParameters: where must be ${expected}, got ${JSON.stringify(where)}` });
    }
    assert.equal(parseCliValue(replicas, "5", "tradeoff-lab run"), 5);
    assert.equal(parseCliValue(replicas, "5", "my.tool"), 5);
  });
});
