/** Shared assertions for the exercise-grader tests: grade by id, expect a pass, or a failure whose hint matches. */
import { strict as assert } from "node:assert";
import type { Exercise, Verdict } from "../../../src/exercises/check";

export function gradersOf(all: readonly Exercise[]): {
  grade: (id: string, answer: unknown) => Verdict;
  passes: (id: string, answer: unknown) => void;
  failsWith: (id: string, answer: unknown, hint: RegExp) => void;
} {
  function grade(id: string, answer: unknown): Verdict {
    const exercise = all.find((e) => e.id === id);
    assert.ok(exercise, `no exercise ${id}`);
    return exercise.grade(answer);
  }
  const passes = (id: string, answer: unknown): void => assert.equal(grade(id, answer).status, "pass", JSON.stringify(grade(id, answer)));
  function failsWith(id: string, answer: unknown, hint: RegExp): void {
    const verdict = grade(id, answer);
    assert.equal(verdict.status, "fail");
    assert.match(verdict.status === "fail" ? verdict.hint : "", hint);
  }
  return { grade, passes, failsWith };
}
