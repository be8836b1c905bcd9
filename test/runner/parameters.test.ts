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
  });

  it("parseParameters() reads comments, multi-line objects, union types, exports and skips non-literals", () => {
    const params = parseParameters(
      [
        "// what-if knobs",
        "export const mode: \"fast\" | \"safe\" = 'safe'; /* trailing */",
        "let slo = { target: 0.999, windowDays: 30, // a comment",
        "  regions: [\"eu\", 'us'], };",
        "const big = 1_000_000, ignored = 1;",
        "const derived = slo.target * 2;",
        "const hex = 0xff",
        "var neg = -2.5e-3",
        "console.log(mode);",
      ].join("\n"),
    );
    assert.deepEqual(
      params.map((p) => [p.name, p.type, p.default]),
      [
        ["mode", "string", "safe"],
        ["slo", "object", { target: 0.999, windowDays: 30, regions: ["eu", "us"] }],
        ["hex", "number", 255],
        ["neg", "number", -0.0025],
      ],
    );
  });

  it("parseParameters() keeps an annotated non-literal as a parameter of the annotated type", () => {
    const [p] = parseParameters("const budget: number = Math.round(3.7);");
    assert.deepEqual([p?.name, p?.type, p?.default], ["budget", "number", undefined]);
  });

  it("parseTypeScriptLiteral() reads the escapes of single-quoted and template strings", () => {
    assert.equal(parseTypeScriptLiteral("'it\\'s \"x\" \\x41\\u{1F600}'"), 'it\'s "x" A\u{1F600}');
    assert.equal(parseTypeScriptLiteral("`two\nlines`"), "two\nlines");
    assert.throws(() => parseTypeScriptLiteral("`${x}`"), /^SyntaxError: not a TypeScript literal: template substitution is not a literal/);
    assert.throws(() => parseTypeScriptLiteral("[1, 2"), SyntaxError);
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

  it("injectParameters(nb, {}) returns the notebook unchanged", () => {
    const nb = readNotebook(LAB);
    assert.equal(injectParameters(nb, {}), nb);
  });

  it("validateParameters() refuses a value of the wrong type, naming the parameter, the type and the value", () => {
    const nb = readNotebook(LAB);
    refused(() => validateParameters(nb, { replicas: "three" }), 'runner.executeNotebook: parameters.replicas must be a finite number, got "three"', {
      parameter: "replicas",
      expected: "a finite number",
      value: "three",
    });
    refused(() => validateParameters(nb, { replicas: Number.NaN }), "runner.executeNotebook: parameters.replicas must be a finite number, got NaN", {});
    refused(() => validateParameters(nb, { weights: [1, "2"] }), "runner.executeNotebook: parameters.weights must be an array of numbers, got an array of length 2", {});
    refused(() => validateParameters(nb, { verbose: "yes" }), 'runner.executeNotebook: parameters.verbose must be a boolean, got "yes"', {});
  });

  it("validateParameters() refuses an unknown name, listing the known ones", () => {
    refused(
      () => validateParameters(readNotebook(LAB), { replica: 5 }),
      'runner.executeNotebook: parameters.replica must be one of the notebook\'s parameters ("replicas", "region", "weights", "verbose"), got "replica"',
      { parameter: "replica", value: 5 },
    );
  });

  it("validateParameters() refuses any parameter for a notebook without a parameters cell", () => {
    const nb: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] };
    refused(() => validateParameters(nb, { x: 1 }), 'runner.executeNotebook: parameters.x must be declared in a cell tagged "parameters" (this notebook has none), got "x"', {});
  });

  it("notebookParameters() of a malformed parameters cell throws ParameterError", () => {
    const nb = readNotebook(LAB);
    (nb.cells[1] as CodeCell).source = "const = 3;";
    assert.throws(() => notebookParameters(nb), /^ParameterError: runner.notebookParameters: the parameters cell \(cell 1\) must declare `const name = literal;`, got parameters cell: expected a name/);
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
});
