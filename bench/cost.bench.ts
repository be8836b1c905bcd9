/**
 * cost and dr: how long the models take at notebook sizes. Figures only;
 * nothing here fails a build.
 */
import { cost, dr } from "../src";
import { bestOf } from "./timing";

export function run(): void {
  const course = bestOf(20, () => cost.courseArchitectures());
  console.log(`cost.courseArchitectures(): ${course.toFixed(3)} ms (best of 20)`);
  const findings = bestOf(20, () => cost.courseFindings());
  console.log(`cost.courseFindings() (${cost.courseFindings().length} findings): ${findings.toFixed(3)} ms`);
  const rules = [
    { tier: "hot", fromMonth: 0 },
    { tier: "warm", fromMonth: 1 },
    { tier: "cold", fromMonth: 3 },
    { tier: "archive", fromMonth: 12 },
  ] as const;
  const life = bestOf(10, () => cost.lifecycle({ months: 120, ingestTbPerMonth: 50, rules, deleteAfterMonths: 84, compressionRatio: 3 }));
  console.log(`cost.lifecycle(120 months, 4 tiers): ${life.toFixed(2)} ms`);
  const sens = bestOf(10, () => cost.tornado({ model: cost.courseOptimizedModel, inputs: cost.courseOptimizedInputs }));
  console.log(`cost.tornado(course optimized, 12 inputs): ${sens.toFixed(2)} ms`);
  const targets = Array.from({ length: 10_000 }, (_, i) => ({ rtoMinutes: (i % 100) * 15, rpoMinutes: (i % 37) * 5 }));
  const select = bestOf(5, () => {
    for (const t of targets) dr.selectStrategy(t);
  });
  console.log(`dr.selectStrategy() × 10,000 targets: ${select.toFixed(1)} ms (${((select / 10_000) * 1000).toFixed(2)} µs each)`);
}
