/**
 * slo: evaluating the SRE Workbook's three multiwindow burn-rate rules over a
 * year of per-minute data (525,600 points), side by side with pandas rolling
 * windows (`shared/anchors/burnrate_pandas.py`: the same three rules and
 * windows over a year of its own synthetic minutes; it times the
 * evaluation only). Medians of 7 pandas runs and of 20 of ours, and the
 * ratio. Target: under 20 ms for all three rules.
 */
import { slo } from "../dist";
import { anchorsUnavailable, runAnchor, sharedAnchor } from "./anchors";
import { bestOf, median, ratio, timeOnce } from "./timing";

const MINUTES = 525_600;

export async function run(): Promise<void> {
  let series = slo.syntheticSeries({ seed: 2025 });
  const generateMs = bestOf(3, () => {
    series = slo.syntheticSeries({ seed: 2025 });
  });
  const rules = slo.workbookAlertRules();
  let report = slo.evaluateAlerts({ series, slo: 0.999, rules, incidents: series.incidents });
  const runs: number[] = [];
  for (let i = 0; i < 20; i++) {
    runs.push(
      await timeOnce(() => {
        report = slo.evaluateAlerts({ series, slo: 0.999, rules, incidents: series.incidents });
      }),
    );
  }
  const allMs = median(runs);
  const oneRuleMs = bestOf(20, () => {
    slo.evaluateAlerts({ series, slo: 0.999, rules: [rules[2]] });
  });
  const burnMs = bestOf(20, () => {
    slo.burnRateSeries({ series, slo: 0.999, windowMinutes: 60 });
  });
  console.log(`syntheticSeries, 365 days (${series.total.length} minutes): ${generateMs.toFixed(1)} ms`);
  const missing = anchorsUnavailable();
  const anchor = sharedAnchor("burnrate_pandas.py");
  let pandas: string;
  if (missing || !anchor) pandas = `; pandas anchor skipped: ${missing ?? "shared/anchors/burnrate_pandas.py not found above the checkout"}`;
  else {
    const pandasMs = median(Array.from({ length: 7 }, () => Number(runAnchor(anchor, [MINUTES, 7])[2])));
    pandas = `; pandas rolling windows ${pandasMs.toFixed(1)} ms (median of 7): ours ${ratio(pandasMs, allMs)}`;
  }
  console.log(`evaluateAlerts, all 3 Workbook rules over ${series.total.length} minutes: ${allMs.toFixed(1)} ms median of 20 (target < 20 ms)${pandas}`);
  console.log(`evaluateAlerts, the 3 d/6 h ticket rule alone: ${oneRuleMs.toFixed(1)} ms (window length does not matter: prefix sums)`);
  console.log(`burnRateSeries, 1 h window: ${burnMs.toFixed(1)} ms`);
  for (const r of report.rules) {
    const detected = r.detections.filter((d) => d.detectedMinute !== null).length;
    console.log(`  ${r.rule.name}: ${r.firings.length} firings, ${r.firingMinutes} min firing, detected ${detected}/${r.detections.length} injected incidents`);
  }
}
