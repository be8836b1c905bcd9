/**
 * The deprecated aliases that keep learners' saved notebook copies running
 * after issue #10's renames: each old name is the very same function or
 * value as its new name, the workbook sources use none of the old names,
 * and the type aliases are the same types (checked by `npm run typecheck`,
 * which compiles this file).
 */
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { cost, display, dr, healing, pacelc, pbs, tradeoffs } from "../src";

/** [namespace, old name, new name, old value, new value] for every deprecated value alias. */
const VALUE_ALIASES: [string, string, string, unknown, unknown][] = [
  ["healing", "CLOSED", "CLOSED_BREAKER", healing.CLOSED, healing.CLOSED_BREAKER],
  ["healing", "transition", "breakerTransition", healing.transition, healing.breakerTransition],
  ["healing", "requestPermission", "requestBreakerPermission", healing.requestPermission, healing.requestBreakerPermission],
  ["dr", "select", "selectStrategy", dr.select, dr.selectStrategy],
  ["dr", "strategy", "strategyById", dr.strategy, dr.strategyById],
  ["cost", "fixed", "lumpSum", cost.fixed, cost.lumpSum],
  ["cost", "sensitivity", "tornado", cost.sensitivity, cost.tornado],
  ["tradeoffs", "sensitivity", "weightSensitivity", tradeoffs.sensitivity, tradeoffs.weightSensitivity],
  ["pbs", "constant", "constantDelay", pbs.constant, pbs.constantDelay],
  ["pbs", "sample", "sampleDelays", pbs.sample, pbs.sampleDelays],
  ["pacelc", "explain", "explainSystem", pacelc.explain, pacelc.explainSystem],
];

/** [namespace, old name] for every deprecated type alias (their identity is checked at compile time below). */
const TYPE_ALIASES: [string, string][] = [
  ["dr", "StrategyEvaluation"],
  ["pacelc", "Explanation"],
  ["display", "Output"],
];

/** True when A and B are mutually assignable (the same type for our purposes). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typeChecks: [
  Same<dr.StrategyEvaluation, dr.RecoveryStrategyEvaluation>,
  Same<pacelc.Explanation, pacelc.SystemExplanation>,
  Same<display.Output, display.SinkOutput>,
] = [true, true, true];

/** The old names a workbook source must not use, as `ns.old` (also `lib.ns.old` in what-if cells). */
function oldNameUses(source: string): string[] {
  const names = [...VALUE_ALIASES.map(([ns, old]) => [ns, old]), ...TYPE_ALIASES];
  return names.filter(([ns, old]) => new RegExp(`\\b${ns}\\.${old}\\b`).test(source)).map(([ns, old]) => `${ns}.${old}`);
}

describe("deprecated aliases", () => {
  for (const [ns, old, name, oldValue, newValue] of VALUE_ALIASES) {
    it(`${ns}.${old} is ${ns}.${name}`, () => {
      assert.notEqual(newValue, undefined, `${ns}.${name} is missing`);
      assert.equal(oldValue, newValue);
    });
  }

  it("the type aliases compile as the same types", () => assert.deepEqual(typeChecks, [true, true, true]));

  it("the workbook sources use none of the old names", () => {
    const dir = resolve(__dirname, "..", "workbook");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    assert.ok(files.length >= 13, `only ${files.length} workbook sources`);
    const uses = files.flatMap((f) => oldNameUses(readFileSync(join(dir, f), "utf8")).map((u) => `${f}: ${u}`));
    assert.deepEqual(uses, []);
  });

  it("the old-name scan finds an old name and ignores the new one (so the check above can fail)", () => {
    assert.deepEqual(oldNameUses("healing.transition(s, e); lib.dr.select(x); pbs.sampleDelays(d)"), ["healing.transition", "dr.select"]);
    assert.deepEqual(oldNameUses("healing.breakerTransition(s, e); dr.strategies; cost.lumpSum({})"), []);
  });
});
