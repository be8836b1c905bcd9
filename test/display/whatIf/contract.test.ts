import { strict as assert } from "node:assert";
import { checkView, freeIdentifiers } from "../../../src/display/whatIf/contract";

const names = (source: string): string[] => freeIdentifiers(source).map((f) => f.name);

describe("whatIf contract", () => {
  it("freeIdentifiers: parameters, locals, destructuring, inner functions, catch and loop variables are declared", () => {
    const source = `(lib, { n, r: [a, b = c] }) => {
      const f = function g(x) { return g && x; };
      class K { m() { return K; } }
      for (let i = 0; i < n; i++) { var hoisted = i; }
      for (const k of [1]) k;
      try { f(1); } catch (e) { e.message; }
      label: for (;;) { break label; }
      return lib.quorum.kStaleness({ n, r: a, w: b, k: hoisted, f, K });
    }`;
    assert.deepEqual(names(source), ["c"]);
  });

  it("freeIdentifiers: property names, keys and method names are not reads; shorthand is", () => {
    assert.deepEqual(names("(lib, v) => ({ a: v.x, b() { return 1; }, N })"), ["N"]);
    assert.deepEqual(names("(lib) => { { let inner = 1; } return inner; }"), ["inner"]);
  });

  it("freeIdentifiers: reads through tslab's exports and a module variable keep the property", () => {
    assert.deepEqual(freeIdentifiers("(lib, v) => exports.N + tradeoff_lab_1.quorum.quorumSize(v.n)"), [
      { name: "exports", property: "N" },
      { name: "tradeoff_lab_1", property: "quorum" },
    ]);
  });

  it("freeIdentifiers works on method syntax and function expressions", () => {
    assert.deepEqual(names("view(lib, v) { return Math.max(v.n, seed); }"), ["Math", "seed"]);
    assert.deepEqual(names("function (lib, v) { return window.x; }"), ["window"]);
  });

  it("checkView accepts safe globals and returns the source", () => {
    const view = (lib: { quorum: { quorumSize(n: number): number } }, v: { n: number }): number => Math.max(Number(JSON.stringify(v.n)), lib.quorum.quorumSize(v.n));
    assert.equal(checkView(view), view.toString());
  });

  it("checkView(view reading a notebook variable) names it", () => {
    assert.throws(() => checkView(new Function("return (lib, v) => exports.replicationFactor + v.n")()), {
      name: "TypeError",
      message:
        'display.whatIf: view must be a function of its arguments (library, control values) and safe globals (Math, Number, Array, JSON, Object, …) only (replicationFactor is a notebook variable: pass it in through a control or compute it inside the view), got "replicationFactor"',
    });
  });

  it("checkView(view using the notebook's import) says to use lib", () => {
    assert.throws(() => checkView(new Function("return (lib, v) => exports.quorum.quorumSize(v.n)")()), { name: "TypeError", message: /\(quorum is the notebook's import: use lib\.quorum\), got "quorum"$/ });
  });

  it("checkView(view reading an unknown global) names it", () => {
    assert.throws(() => checkView(new Function("return (lib, v) => fetch('x')")()), { name: "TypeError", message: /\(a notebook value goes in through a control; anything else is computed inside the view\), got "fetch"$/ });
    assert.throws(() => checkView(new Function("return (lib, v) => document.title")()), { message: /got "document"$/ });
  });

  it("checkView rejects what has no source to send", () => {
    assert.throws(() => checkView(Math.max), { name: "TypeError", message: "display.whatIf: view must be a function written in the notebook (not a built-in or bound function), got a function" });
    assert.throws(() => checkView(((a: number) => a).bind(null)), { name: "TypeError", message: /not a built-in or bound function/ });
    assert.throws(() => checkView(3), { name: "TypeError", message: "display.whatIf: view must be a function (lib, values) => chart, table or explanation, got 3" });
  });
});
