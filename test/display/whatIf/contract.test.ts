import { strict as assert } from "node:assert";
import { FORBIDDEN_PROPERTIES, checkView, freeIdentifiers, viewExpression } from "../../../src/display/whatIf/contract";

const PROPERTY_RULE =
  "display.whatIf: view must be a function that uses no property named constructor, prototype, __proto__, caller, callee or a prototype reflection (Object.getPrototypeOf, …), got ";
const CODE_RULE = "display.whatIf: view must be a function that evaluates no code (no eval, Function or import()), got ";
/** A view from its source, as the kernel would receive it (compiled JavaScript). */
const fn = (source: string): unknown => new Function(`return ${source}`)();
/** The function the page (and the kernel) runs for a view source. */
const pageView = (source: string): ((lib: unknown, v: unknown) => unknown) => new Function(`return ${viewExpression(source)};`)() as (lib: unknown, v: unknown) => unknown;

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

  it("checkView([].constructor.constructor) and every other way to Function by a property name is refused, naming it", () => {
    const refused: [string, string][] = [
      ["(lib, v) => [].constructor.constructor('return this')()", '"[].constructor.constructor"'],
      ["(lib, v) => v?.constructor", '"v?.constructor"'],
      ["(lib, v) => []['constructor']", `"[]['constructor']"`],
      ["(lib, v) => (() => 0)[`prototype`]", '"(() => 0)[`prototype`]"'],
      ["(lib, v) => { const { constructor: F } = () => 0; return F; }", '"constructor"'],
      ["(lib, { constructor }) => constructor", '"constructor"'],
      ["(lib, v) => ({ __proto__: v })", '"__proto__"'],
      ["(lib, v) => v.__defineGetter__", '"v.__defineGetter__"'],
      ["(lib, v) => arguments.callee.caller", '"arguments.callee.caller"'],
      ["(lib, v) => Object.getPrototypeOf(v)", '"Object.getPrototypeOf"'],
      ["(lib, v) => Object.getOwnPropertyDescriptors(v)", '"Object.getOwnPropertyDescriptors"'],
    ];
    for (const [source, got] of refused) {
      assert.throws(() => checkView(fn(source)), { name: "TypeError", message: `${PROPERTY_RULE}${got}` }, source);
    }
    assert.ok(FORBIDDEN_PROPERTIES.includes("constructor") && FORBIDDEN_PROPERTIES.includes("__proto__"));
  });

  it("checkView(eval, Function, import()) is refused: a view evaluates no code", () => {
    assert.throws(() => checkView(fn("(lib, v) => eval('v')")), { name: "TypeError", message: `${CODE_RULE}"eval"` });
    assert.throws(() => checkView(fn("(lib, v) => Function('return 1')()")), { name: "TypeError", message: `${CODE_RULE}"Function"` });
    assert.throws(() => checkView(fn("(lib, v) => import('data:text/javascript,alert(1)')")), { name: "TypeError", message: `${CODE_RULE}"import('data:text/javascript,alert(1)')"` });
    // A local variable of that name is the view's own, not the global.
    assert.doesNotThrow(() => checkView(fn("(lib, v) => { const eval2 = 1; return eval2; }")));
  });

  it("viewExpression: a computed key that is not a literal is guarded when the view runs; literal and numeric keys pass as written", () => {
    const source = "(lib, v) => { const rows = [{ a: 1 }, { a: 2 }]; const k = v.key; return rows[v.i][k] + rows[rows.length - 1]['a']; }";
    const expression = viewExpression(source);
    assert.ok(expression.includes("rows[__tlKey(v.i)][__tlKey(k)] + rows[__tlKey(rows.length - 1)]['a']"), expression);
    const view = pageView(source);
    assert.equal(view({}, { i: 0, key: "a" }), 3);
    assert.throws(() => view({}, { i: 0, key: "constructor" }), {
      name: "TypeError",
      message: 'display.whatIf: a computed key in the view must be none of constructor, prototype, __proto__, caller, callee or a prototype reflection (getPrototypeOf, …), got "constructor"',
    });
    // The key is read once, as a string: an object whose toString says "constructor" is refused too.
    assert.throws(() => view({}, { i: 0, key: { toString: () => "constructor" } }), { name: "TypeError", message: /got "constructor"$/ });
    const built = pageView("(lib, v) => { const k = 'constr' + 'uctor'; return [][k][k]('return globalThis')(); }");
    assert.throws(() => built({}, {}), { name: "TypeError", message: /got "constructor"$/ });
    // Nested keys and computed names in object literals are guarded too; a view with literal keys only is sent as written.
    assert.deepEqual(pageView("(lib, v) => ({ [v.k]: [[5]][v.i][v.i] })")({}, { k: "x", i: 0 }), { x: 5 });
    assert.throws(() => pageView("(lib, v) => ({ [v.k]: 1 })")({}, { k: "__proto__" }), { message: /got "__proto__"$/ });
    assert.equal(viewExpression("(lib, v) => [v.n][0]"), "((lib, v) => [v.n][0]\n)");
  });

  it("checkView(a view that declares __tlKey) is refused: the page's key guard has that name", () => {
    assert.throws(() => checkView(fn("(lib, v) => { const __tlKey = 1; return v[__tlKey]; }")), {
      name: "RangeError",
      message: 'display.whatIf: view must be a function that declares no variable named __tlKey (the page\'s key guard), got "__tlKey"',
    });
  });
});
