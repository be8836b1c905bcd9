import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  checkDeclarations,
  controlHtml,
  fragmentValues,
  parseValue,
  valueProblem,
  withFragmentValues,
  type ControlDeclaration,
} from "../../../src/display/whatIf/controls";

const n: ControlDeclaration = { type: "integer", min: 1, max: 9, description: "replicas N" };
const rate: ControlDeclaration = { type: "number", min: 0, max: 1, step: 0.05 };
const profile: ControlDeclaration = { type: "string", allowed: ["LNKD-SSD", "YMMR"] };
const on: ControlDeclaration = { type: "boolean" };

describe("whatIf controls", () => {
  it("valueProblem({integer 1..9}, v): in range is allowed; 0, 10, 2.5, NaN, \"5\" are not", () => {
    assert.equal(valueProblem(n, 5), undefined);
    for (const bad of [0, 10, 2.5, NaN, "5", Infinity]) assert.equal(valueProblem(n, bad), "an integer in [1, 9]");
  });

  it("valueProblem({number 0..1 step 0.05}, v): 0.35 is on the grid, 0.33 is not", () => {
    assert.equal(valueProblem(rate, 0.35), undefined);
    assert.equal(valueProblem(rate, 0.33), "a number in [0, 1] in steps of 0.05");
  });

  it("valueProblem(select, v) and valueProblem(toggle, v): only allowed values and booleans", () => {
    assert.equal(valueProblem(profile, "YMMR"), undefined);
    assert.equal(valueProblem(profile, "WAN"), 'one of "LNKD-SSD", "YMMR"');
    assert.equal(valueProblem(on, false), undefined);
    assert.equal(valueProblem(on, "false"), "true or false");
  });

  it("parseValue reads text as data: decimals only, never expressions", () => {
    assert.equal(parseValue(n, "7"), 7);
    assert.equal(parseValue(n, "1e0"), 1);
    for (const text of ["7+1", "0x7", "", " ", "alert(1)", "Infinity", "12"]) assert.equal(parseValue(n, text), undefined, text);
    assert.equal(parseValue(profile, "YMMR"), "YMMR");
    assert.equal(parseValue(on, "true"), true);
  });

  it("property: every value parseValue accepts is allowed by valueProblem", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseValue(n, text);
        return value === undefined || valueProblem(n, value) === undefined;
      }),
    );
  });

  it("fragmentValues(\"#q.n=5&q.profile=YMMR&other.n=3\", \"q\", …) keeps this explorer's valid values and reports the rest", () => {
    const decls = { n, profile };
    assert.deepEqual(fragmentValues("#q.n=5&q.profile=YMMR&other.n=3", "q", decls), { values: { n: 5, profile: "YMMR" }, rejected: [] });
    assert.deepEqual(fragmentValues("#q.n=50&q.profile=%3Cscript%3E&q.constructor=1&q.n=%E0%A4%A", "q", decls), { values: {}, rejected: ["n", "profile", "constructor"] });
  });

  it("withFragmentValues keeps other entries and round-trips through fragmentValues", () => {
    const hash = withFragmentValues("#other.n=3&q.n=1", "q", { n: 4, profile: "LNKD-SSD" });
    assert.equal(hash, "#other.n=3&q.n=4&q.profile=LNKD-SSD");
    assert.deepEqual(fragmentValues(hash, "q", { n, profile }).values, { n: 4, profile: "LNKD-SSD" });
  });

  it("checkDeclarations fills in defaults and pins its messages", () => {
    const decls = checkDeclarations("display.whatIf", { n, profile, on });
    assert.deepEqual([decls.n?.default, decls.profile?.default, decls.on?.default], [1, "LNKD-SSD", false]);
    assert.throws(() => checkDeclarations("display.whatIf", {}), { name: "RangeError", message: "display.whatIf: controls must be 1 to 12 declarations, got 0" });
    assert.throws(() => checkDeclarations("display.whatIf", { n: { type: "integer", min: 5, max: 1 } }), {
      name: "RangeError",
      message: "display.whatIf: controls.n.max must be a finite number > min=5, got 1",
    });
    assert.throws(() => checkDeclarations("display.whatIf", { n: { ...n, default: 12 } }), { name: "RangeError", message: "display.whatIf: controls.n.default must be an integer in [1, 9], got 12" });
    assert.throws(() => checkDeclarations("display.whatIf", { "a-b": n }), { name: "RangeError", message: 'display.whatIf: controls must be names that are identifiers (letters, digits, _), got "a-b"' });
    assert.throws(() => checkDeclarations("display.whatIf", { p: { type: "string", allowed: [{}] } }), { name: "TypeError", message: "display.whatIf: controls.p.allowed[0] must be a string or a number, got an object" });
  });

  it("controlHtml escapes labels and allowed values and starts disabled", () => {
    const html = controlHtml("x", "p", { type: "string", allowed: ['<img src=x onerror="1">'], description: "a <b>", default: '<img src=x onerror="1">' });
    assert.ok(!html.includes("<img"), html);
    assert.ok(html.includes("a &lt;b&gt;"));
    assert.match(html, /<select [^>]*disabled/);
    assert.match(controlHtml("x", "n", { ...n, default: 3 }), /<input type="range" [^>]*min="1" max="9" step="1" value="3"/);
  });
});
