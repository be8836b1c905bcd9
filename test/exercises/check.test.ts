import { strict as assert } from "node:assert";
import { choiceAnswer, formatVerdict, functionAnswer, numberAnswer, ruleAnswer } from "../../src/exercises/check";
import { check, checkCell, grade, list } from "../../src/exercises";

describe("exercises/check", () => {
  it("numberAnswer(5/9) passes within 0.5% and names a known mistake", () => {
    const g = numberAnswer(5 / 9, { mistakes: [{ value: 2 / 3, hint: "that is p_s" }] });
    assert.equal(g(0.5556).status, "pass");
    assert.deepEqual(g(2 / 3), { status: "fail", hint: "that is p_s" });
    assert.deepEqual(g(0.1), { status: "fail", hint: "0.1 is too low" });
    assert.deepEqual(g("0.55"), { status: "fail", hint: 'expected a finite number, got "0.55"' });
    assert.equal(g(NaN).status, "fail");
  });

  it("choiceAnswer('b') explains a wrong choice and rejects an unknown one", () => {
    const g = choiceAnswer("b", { a: "too weak", b: "right", c: "too strong" });
    assert.deepEqual(g("B"), { status: "pass", message: "right" });
    assert.deepEqual(g("a"), { status: "fail", hint: "not a: too weak" });
    assert.deepEqual(g("z"), { status: "fail", hint: 'choose one of "a", "b", "c", got "z"' });
  });

  it("functionAnswer() names the first failing case and survives a throwing function", () => {
    const g = functionAnswer([{ args: [3], expected: 2 }, { args: [4], expected: 3 }]);
    assert.equal(g((n: number) => Math.floor(n / 2) + 1).status, "pass");
    assert.deepEqual(g((n: number) => Math.ceil(n / 2)), { status: "fail", hint: "f(4) returned 2, expected 3" });
    assert.deepEqual(g(() => { throw new Error("boom"); }), { status: "fail", hint: "f(3) threw boom" });
    assert.deepEqual(g(42), { status: "fail", hint: "expected a function, got 42" });
  });

  it("functionAnswer() with a tolerance still requires Infinity exactly", () => {
    const g = functionAnswer([{ args: [1], expected: Infinity, tolerance: 0.01 }]);
    assert.equal(g(() => Infinity).status, "pass");
    assert.deepEqual(g(() => 5), { status: "fail", hint: "f(1) returned 5, expected Infinity" });
  });

  it("ruleAnswer() passes on undefined and fails with the rule's hint", () => {
    const g = ruleAnswer((x) => (x === 1 ? undefined : "must be 1"));
    assert.equal(g(1).status, "pass");
    assert.deepEqual(g(2), { status: "fail", hint: "must be 1" });
  });

  it("grade() of undefined is 'todo', of an unknown id is a failure, and never throws", () => {
    assert.equal(grade("00.0", 1).status, "fail");
    for (const exercise of list()) assert.equal(grade(exercise.id, undefined).status, "todo");
  });

  it("check() prints one ✓/✗ line and returns nothing (tslab would print a value)", () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      assert.equal(check("00.0", 1), undefined);
      check("00.1", 43.2);
    } finally {
      console.log = original;
    }
    assert.deepEqual(lines, ['✗ 00.0 (unknown exercise) — unknown exercise id "00.0"', "✓ 00.1 minutes of downtime 99.9% allows in a 30-day month"]);
    assert.equal(formatVerdict({ id: "1.1", title: "t" }, { status: "pass" }), "✓ 1.1 t");
  });

  it("checkCell() reads the answer lazily: a ReferenceError (the answer cell did not compile) is a ✗ naming the expected type", () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      checkCell("00.1", () => {
        throw new ReferenceError("minutesAllowed is not defined");
      }, "number");
      checkCell("00.1", () => 43.2, "number");
      checkCell("00.1", () => undefined, "number");
      checkCell("00.0", () => 1, "number");
    } finally {
      console.log = original;
    }
    assert.deepEqual(lines, [
      "✗ 00.1 minutes of downtime 99.9% allows in a 30-day month — your answer cell did not run (minutesAllowed is not defined): fix the error shown under it; exercise 00.1 expects number",
      "✓ 00.1 minutes of downtime 99.9% allows in a 30-day month",
      "✗ 00.1 minutes of downtime 99.9% allows in a 30-day month — not done yet: replace `undefined` with your answer",
      '✗ 00.0 (unknown exercise) — unknown exercise id "00.0"',
    ]);
  });

  it("every registered exercise has a unique NN.n id, a title and one of the four kinds", () => {
    const ids = list().map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const e of list()) {
      assert.match(e.id, /^\d\d\.\d+$/);
      assert.ok(e.title.length > 0);
      assert.ok(["compute", "implement", "choose", "explain"].includes(e.kind));
    }
  });
});
