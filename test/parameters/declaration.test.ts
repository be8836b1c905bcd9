import { strict as assert } from "node:assert";
import fc from "fast-check";
import { DeclarationSyntaxError, otherBindings, parseLiteral, readDeclarations } from "../../src/parameters/declaration";

describe("parameters/declaration", () => {
  it("readDeclarations() reads name, type, default, line and rule of each declaration", () => {
    const [n, profile] = readDeclarations(
      ['// What-if parameters', 'const replicationFactor: number = 3; // integer in [1, 9]: N', 'const profileName: string = "WAN"; // "WAN" | "YMMR": PBS profile'].join("\n"),
    );
    assert.deepEqual(n, {
      name: "replicationFactor",
      type: "number",
      default: 3,
      source: "const replicationFactor: number = 3;",
      kind: "const",
      annotation: "number",
      line: 2,
      rule: { integer: true, min: 1, max: 9, description: "N" },
    });
    assert.deepEqual([profile?.line, profile?.rule], [3, { choices: ["WAN", "YMMR"], description: "PBS profile" }]);
  });

  it("readDeclarations() takes the type from the annotation, else from the literal, and choices from a union of literals", () => {
    const params = readDeclarations(
      [
        'export const mode: "fast" | "safe" = "safe";',
        "let slo = { target: 0.999, windowDays: 30, // a comment",
        '  regions: ["eu", \'us\'], };',
        "const dc: Record<string, number> = { a: 3 };",
        "const lags: readonly number[] = [0.3];",
        "const big = 1_000_000, hex = 0xff;",
        "var neg = -2.5e-3;",
        "const derived = slo.target * 2;",
        "const budget: number = Math.round(3.7);",
        "console.log(mode);",
      ].join("\n"),
    );
    assert.deepEqual(
      params.map((p) => [p.name, p.type, p.default, p.elementType, p.rule.choices]),
      [
        ["mode", "string", "safe", undefined, ["fast", "safe"]],
        ["slo", "object", { target: 0.999, windowDays: 30, regions: ["eu", "us"] }, undefined, undefined],
        ["dc", "object", { a: 3 }, "number", undefined],
        ["lags", "array", [0.3], "number", undefined],
        ["big", "number", 1000000, undefined, undefined],
        ["hex", "number", 255, undefined, undefined],
        ["neg", "number", -0.0025, undefined, undefined],
        ["budget", "number", undefined, undefined, undefined],
      ],
    );
    assert.equal(params[4]?.source, "const big = 1_000_000;");
  });

  it("readDeclarations() of a cell that is not TypeScript throws DeclarationSyntaxError with the line", () => {
    assert.throws(() => readDeclarations("const a = 1;\nconst = 3;"), (e: unknown) => e instanceof DeclarationSyntaxError && e.line === 2 && /^line 2: /.test(e.message));
  });

  it("otherBindings() lists the names bound by destructuring (nested, holes, renames) or computed without annotation, with their lines", () => {
    const source = "const n: number = 1;\nconst { a, b: { c }, ...rest } = { a: 1, b: { c: 2 }, d: 3 };\nlet [x, , [y]] = [1, 2, [3]];\nconst t = Date.now(), u: number = Date.now();\n";
    assert.deepEqual(readDeclarations(source).map((p) => p.name), ["n", "u"]);
    assert.deepEqual(
      otherBindings(source).map((b) => [b.name, b.line, b.reason]),
      [["a", 2, "destructuring"], ["c", 2, "destructuring"], ["rest", 2, "destructuring"], ["x", 3, "destructuring"], ["y", 3, "destructuring"], ["t", 4, "computed"]],
    );
    assert.equal(otherBindings(source)[0]?.statement, "const { a, b: { c }, ...rest } = { a: 1, b: { c: 2 }, d: 3 };");
    assert.deepEqual(otherBindings("const größe = 1;"), []);
    assert.throws(() => otherBindings("const = ;"), DeclarationSyntaxError);
  });

  it("parseLiteral() reads the escapes of single-quoted and template strings, and refuses code", () => {
    assert.equal(parseLiteral("'it\\'s \"x\" \\x41\\u{1F600}'"), 'it\'s "x" A\u{1F600}');
    assert.equal(parseLiteral("`two\nlines`"), "two\nlines");
    assert.throws(() => parseLiteral("`${x}`"), /^SyntaxError: not a TypeScript literal: an expression that is computed$/);
    assert.throws(() => parseLiteral("[1, 2"), SyntaxError);
    assert.throws(() => parseLiteral("1); process.exit(1"), SyntaxError);
  });

  it('parseLiteral(\'{"__proto__": 1}\') has an own key "__proto__", as JSON.parse does', () => {
    assert.deepStrictEqual(parseLiteral('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}'));
  });

  it("property: parseLiteral(JSON.stringify(v)) is v for any JSON value", () => {
    const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(fc.property(json, (v) => assert.deepStrictEqual(parseLiteral(JSON.stringify(v)), v)));
  });
});
