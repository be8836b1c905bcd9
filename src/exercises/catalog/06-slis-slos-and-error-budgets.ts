/**
 * Exercises of notebook 06 (SLIs, SLOs, SLAs and error budgets). Expected
 * answers come from the `slo` module; the alert-rule exercise is graded by
 * running the learner's rule through `evaluateAlerts` on a fixed series.
 */
import { evaluateAlerts, type AlertRule } from "../../slo/alerting";
import { burnRateThreshold } from "../../slo/burnRate";
import { budgetConsumption, errorBudget } from "../../slo/errorBudget";
import { histogramQuantile, type HistogramBucket } from "../../slo/histogram";
import { AWS_COMPUTE_OPTIMIZER_SLA, slaCredit } from "../../slo/sla";
import { COURSE_SLIS, checkCompliance, defineSli, type SliDefinition } from "../../slo/sli";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** The pipeline-duration histogram of exercise 06.7 (cumulative counts, seconds). */
export const PIPELINE_DURATION_BUCKETS: readonly HistogramBucket[] = [
  { le: 30, count: 400 },
  { le: 60, count: 700 },
  { le: 120, count: 900 },
  { le: 300, count: 980 },
  { le: 600, count: 995 },
  { le: Infinity, count: 1000 },
];

const cacheHitRatio = defineSli({
  name: "cache_hit_ratio",
  query: "sum(rate(cache_hits[5m])) / sum(rate(cache_requests[5m]))",
  target: 0.9,
  unit: "ratio",
  direction: "higher-is-better",
});

const complianceCases: readonly { sli: SliDefinition; value: number }[] = [
  { sli: COURSE_SLIS.latency_p95, value: 240 },
  { sli: COURSE_SLIS.throughput, value: 12_000 },
  { sli: COURSE_SLIS.throughput, value: 9_500 },
  { sli: COURSE_SLIS.latency_p95, value: 320 },
  { sli: COURSE_SLIS.availability, value: 0.9985 },
  { sli: COURSE_SLIS.availability, value: 0.9995 },
  { sli: COURSE_SLIS.freshness, value: 900 },
  { sli: COURSE_SLIS.error_rate, value: 0.002 },
  { sli: cacheHitRatio, value: 0.95 },
  { sli: cacheHitRatio, value: 0.85 },
];

/**
 * The series exercise 06.5 grades a rule on, 1000 requests a minute:
 * a 2-day slow burn at 0.5% errors (burn rate 5 at 99.9%), 6 clean hours,
 * then a 30-minute full outage and an hour of recovery.
 */
const SLOW_BURN_MINUTES = 2 * 1440;
const OUTAGE_START = SLOW_BURN_MINUTES + 360;
const OUTAGE_MINUTES = 30;
function ruleTestSeries(): { good: number[]; total: number[] } {
  const length = OUTAGE_START + OUTAGE_MINUTES + 60;
  const total = new Array<number>(length).fill(1000);
  const good = total.map((t, minute) => {
    if (minute < SLOW_BURN_MINUTES) return t - 5;
    if (minute >= OUTAGE_START && minute < OUTAGE_START + OUTAGE_MINUTES) return 0;
    return t;
  });
  return { good, total };
}

function gradePageRule(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null) {
    return "give an object { longWindowMinutes, shortWindowMinutes, burnRateThreshold }";
  }
  const rule = answer as Partial<AlertRule>;
  const long = rule.longWindowMinutes;
  const short = rule.shortWindowMinutes;
  const threshold = rule.burnRateThreshold;
  if (typeof long !== "number" || !Number.isInteger(long) || long < 1 || long > 1440) {
    return `longWindowMinutes must be a whole number of minutes in [1, 1440], got ${String(long)}`;
  }
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold <= 0) {
    return `burnRateThreshold must be a positive number, got ${String(threshold)}`;
  }
  const expectedShort = Math.max(1, Math.round(long / 12));
  if (short !== expectedShort) {
    return `the short window should be 1/12 of the long one (the Workbook's ratio): ${expectedShort} min for a ${long}-min long window, got ${String(short)}`;
  }
  const report = evaluateAlerts({
    series: ruleTestSeries(),
    slo: 0.999,
    rules: [{ name: "your page", severity: "page", longWindowMinutes: long, shortWindowMinutes: short, burnRateThreshold: threshold }],
    incidents: [
      { startMinute: 0, durationMinutes: SLOW_BURN_MINUTES },
      { startMinute: OUTAGE_START, durationMinutes: OUTAGE_MINUTES },
    ],
  });
  const [slowBurn, outage] = report.rules[0]!.detections;
  if (slowBurn!.detectedMinute !== null) {
    return `it pages on the 0.5% slow burn (burn rate 5, the budget would last 6 days): that deserves a ticket, not a page — raise the threshold to at least 5 (the Workbook's pages use 6 and 14.4)`;
  }
  if (outage!.detectedMinute === null || (outage!.detectionDelayMinutes ?? Infinity) > 2) {
    const needed = 0.001 * long * threshold;
    return `a full outage is not paged within 2 minutes: the long window needs ${needed.toFixed(2)} minutes of 100% errors (0.001 × ${long} × ${threshold}); keep long window × threshold below 2000`;
  }
  return undefined;
}

export const exercises: readonly Exercise[] = [
  {
    id: "06.1",
    title: "direction-aware SLO compliance",
    kind: "implement",
    grade: functionAnswer(complianceCases.map(({ sli, value }) => ({ args: [sli, value], expected: checkCompliance(sli, value).compliant }))),
  },
  {
    id: "06.2",
    title: "error budget of a 99.95% SLO over 30 days, in minutes",
    kind: "compute",
    grade: numberAnswer(errorBudget({ slo: 0.9995, periodDays: 30 }).budgetMinutes, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: errorBudget({ slo: 0.999, periodDays: 30 }).budgetMinutes, hint: "43.2 min is the 99.9% budget; 99.95% leaves half of that" },
        { value: 0.0005 * 730 * 60, hint: "21.9 min uses the 730-hour billing month; the SRE book's month is 30 days (43,200 min)" },
        { value: 0.36, hint: "0.36 is in hours; the question asks for minutes" },
        { value: 0.0005, hint: "0.0005 is the budget as a fraction (1 − SLO); multiply by the period's 43,200 minutes" },
        { value: 0.05, hint: "0.05 is the budget in percent; multiply the fraction 0.0005 by 43,200 minutes" },
        { value: errorBudget({ slo: 0.9995, periodDays: 7 }).budgetMinutes, hint: "5.04 min is one week's budget; the period is 30 days" },
      ],
    }),
  },
  {
    id: "06.3",
    title: "fraction of the 99.9% budget the course's four weeks consumed",
    kind: "compute",
    grade: numberAnswer(budgetConsumption({ slo: 0.999, periodDays: 30, downtimeMinutes: [10, 5, 15, 0] }).consumed, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 30 / 43, hint: "30/43 = 0.698 divides by the course's rounded 43 minutes; the budget is 43.2 minutes" },
        { value: 1 - 30 / 43.2, hint: "that is the budget remaining; the question asks for the fraction consumed" },
        { value: 69.444, hint: "give a fraction (0 to 1), not a percentage" },
        { value: 30, hint: "30 is the downtime in minutes; divide it by the budget in minutes" },
      ],
    }),
  },
  {
    id: "06.4",
    title: "burn-rate threshold for spending 5% of a 30-day budget in 1 hour",
    kind: "compute",
    grade: numberAnswer(burnRateThreshold({ fractionOfBudget: 0.05, windowMinutes: 60, periodDays: 30 }), {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 0.05 * 30, hint: "1.5 mixes units: the period (30 days) and the window (1 hour) must be in the same unit — 720 hours" },
        { value: 14.4, hint: "14.4 spends 2% in an hour; the question asks for 5%" },
        { value: 6, hint: "6 spends 5% in 6 hours; the window here is 1 hour" },
        { value: burnRateThreshold({ fractionOfBudget: 0.05, windowMinutes: 60, periodDays: 28 }), hint: "33.6 uses a 28-day period; the question's period is 30 days" },
        { value: 0.05 / 0.001, hint: "50 divides by the budget fraction; the threshold is fraction × period / window" },
      ],
    }),
  },
  {
    id: "06.5",
    title: "a page rule that catches outages fast but not slow burns",
    kind: "choose",
    grade: ruleAnswer(gradePageRule),
  },
  {
    id: "06.6",
    title: "why a multiwindow alert also needs its short window",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "both windows must exceed the threshold, so adding a short window can only delay firing, never speed it up; detection time is set by the long window",
      b: "yes: the short window drops below the threshold minutes after the errors stop, so the alert resets quickly instead of firing for up to an hour after the fix (SRE Workbook, 'Alerting on SLOs', §6)",
      c: "the budget spent before detection depends on the long window and the threshold (2% for 1 h at 14.4); the short window does not change it",
      d: "slow burns are caught by the 3-day ticket rule with burn rate 1; a short window makes an alert less sensitive, not more",
    }),
  },
  {
    id: "06.7",
    title: "p95 pipeline duration from histogram buckets (histogram_quantile)",
    kind: "compute",
    grade: numberAnswer(histogramQuantile(0.95, PIPELINE_DURATION_BUCKETS), {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 300, hint: "300 is the upper bound of the bucket holding the 95th percentile; histogram_quantile interpolates linearly inside it" },
        { value: 120, hint: "120 is the lower bound of the bucket; interpolate: 120 + (300 − 120) × (950 − 900) / (980 − 900)" },
        { value: 600, hint: "rank = 0.95 × 1000 = 950 falls in the (120, 300] bucket, whose cumulative count first reaches 950" },
        { value: 210, hint: "210 is the bucket's midpoint; histogram_quantile interpolates by rank: 120 + 180 × (950 − 900) / (980 − 900)" },
      ],
    }),
  },
  {
    id: "06.8",
    title: "SLA credit for a 99.5% month under the AWS Compute Optimizer SLA",
    kind: "compute",
    grade: numberAnswer(slaCredit({ measuredAvailability: 0.995, monthlyBill: 40_000, sla: AWS_COMPUTE_OPTIMIZER_SLA }).credit, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 10_000, hint: "the 25% tier applies below 99.0%; 99.5% falls in the 'below 99.9%' tier" },
        { value: 0, hint: "99.5% is below the committed 99.9%, so a credit is owed" },
        { value: 40_000, hint: "the 100% tier applies below 95.0% only" },
        { value: 10, hint: "give the credit in dollars, not the percentage" },
      ],
    }),
  },
];
