// %% [markdown]
// # 06 · SLIs, SLOs, SLAs and error budgets
// How much unreliability can we afford, how fast are we spending it, and when should someone be woken
// up? This notebook follows the course's section 5 — definitions, the pipeline's SLO dictionary, error
// budget arithmetic, the action table — then goes where the course stops: burn rates, the Google SRE
// Workbook's multiwindow multi-burn-rate alerts evaluated on a per-minute SLI series, an error-budget
// policy applied to an incident log, Prometheus's `histogram_quantile`, and SLA credits.
//
// **Sources:** Google SRE book ch. 3–4 and Appendix A; SRE Workbook ch. 5 "Alerting on SLOs" and
// Appendix B "Example Error Budget Policy"; Prometheus docs (`histogram_quantile`, "Histograms and
// summaries"); AWS Compute Optimizer SLA (4 May 2022). Course numbers that are wrong are corrected in place.

// %% tags=["parameters"]
// What-if parameters: change them and Run All.
const sloTarget: number = 0.999; // ratio in (0, 1): availability SLO
const periodDays: number = 30; // days, >= 3: SLO period (the ticket rule's window is 3 days)
const weeklyDowntimeMinutes: number[] = [10, 5, 15, 0]; // minutes, each >= 0, length >= 1: full outage per week (the course's example)
const seriesDays: number = 60; // integer in [3, 365]: length of the synthetic per-minute SLI series, days
const seriesSeed: number = 2025; // integer: seed of the series, the same seed gives the same series
const requestsPerMinute: number = 1000; // requests per minute, >= 1: mean traffic of the series
const incidentsPerYear: number = 12; // >= 0: mean number of random incidents per 365 days
const policyWindowDays: number = 28; // days, > 0: error-budget policy window (the Workbook: four weeks)
const monthlyBillUsd: number = 10000; // USD, >= 0: the customer's monthly bill, for SLA credits

// %%
import { slo, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. SLI, SLO, SLA
// - **SLI** (indicator): "a carefully defined quantitative measure of some aspect of the level of service
//   that is provided" (SRE book ch. 4); the SRE Workbook (ch. 2, "Implementing SLOs") recommends writing it
//   as a ratio, *good events / valid events*. Latency percentiles, availability, throughput, error rate,
//   freshness.
// - **SLO** (objective): the internal target for an SLI over a period — "99.9% of pipeline runs succeed
//   over 30 days". It sets the **error budget**.
// - **SLA** (agreement): the contract with customers, with a penalty (credits). An SLA should be *looser*
//   than the SLO, so that the SLO's alerts fire while there is still time to act before money is owed.
//
// The course's data-pipeline SLO dictionary, with each SLI's **direction** made explicit:

// %%
display.show(
  display.table(Object.values(slo.COURSE_SLIS).map((s) => ({ ...s })), {
    columns: ["name", "query", "target", "unit", "direction"],
    caption: "The course's SLOs (§5 Real-World SLOs), plus 'Error rate < 0.1%' from its list of examples",
  }),
);

// %% [markdown]
// ### The course's compliance check has a bug
// The course's `check_slo_compliance` uses `current_value >= target` for availability and `<=` for
// **every other** SLI. That is right for latency and freshness (lower is better) and wrong for
// throughput, where higher is better: a pipeline doing 12,000 records/s against a 10,000 records/s
// target would page someone for being *faster* than required. The fix is to store the direction with
// the SLI and compare accordingly (`slo.checkCompliance`).
//
// Two PromQL details are also off. The real error in `histogram_quantile(0.95, pipeline_duration_seconds)`
// is the missing **`rate()` window**: histogram buckets are counters since the process started, so without
// `rate(…[5m])` the "p95" covers the whole uptime, not the recent past. Whether the argument is the
// `_bucket` series depends on the histogram: a *classic* histogram needs
// `histogram_quantile(0.95, sum by (le) (rate(pipeline_duration_seconds_bucket[5m])))` (Prometheus docs,
// "Query functions"), while a *native* histogram is queried by its bare name,
// `histogram_quantile(0.95, sum(rate(pipeline_duration_seconds[5m])))` ("native histogram queries do not
// include the _bucket, _sum and _count suffixes of classic histograms", Grafana Mimir docs, "Visualize
// native histograms"). And the course's prose says "Availability > 99.9%" while its code accepts exactly
// 99.9% (`>=`) — pick one and write it down.

// %%
display.show(
  display.table(slo.explainComplianceBug().map((r) => ({ ...r })), {
    columns: ["sli", "direction", "target", "value", "courseSays", "correct", "differs"],
    labels: { courseSays: "course's check", correct: "direction-aware" },
    caption: "Healthy measurements judged by the course's check and by the SLI's direction",
  }),
);

// %% [exercise] id="06.1" points=3
// **Exercise 06.1** — implement a direction-aware compliance check. `sli` has `target` and `direction`
// (`"higher-is-better"` or `"lower-is-better"`); a value exactly on the target complies. It must work
// for any SLI, not only the course's (the check also tries a `cache_hit_ratio` SLI).
// BEGIN SOLUTION
const isCompliant = (sli: slo.SliDefinition, value: number): boolean =>
  sli.direction === "higher-is-better" ? value >= sli.target : value <= sli.target;
// END SOLUTION
// BEGIN STUB
const isCompliant: ((sli: slo.SliDefinition, value: number) => boolean) | undefined = undefined;
// END STUB
// BEGIN WRONG
const isCompliant = (sli: slo.SliDefinition, value: number): boolean =>
  sli.name === "availability" ? value >= sli.target : value <= sli.target;
// END WRONG

// %%
exercises.check("06.1", isCompliant);

// %% [markdown]
// ## 2. Error budget arithmetic
// **Error budget = 1 − SLO.** Over a period it is a time (or event) allowance:
//
// $$\text{budget minutes} = (1 - \text{SLO}) \times \text{period days} \times 1440$$
//
// 99.9% over 30 days is 0.001 × 43,200 = **43.2 minutes** (SRE book, Appendix A). The course rounds it to
// "43 minutes"; cloud *pricing* uses a 730-hour month (AWS's pricing calculator: 24 × 365 / 12), which
// gives 43.8 — a billing convention, not an SLA one (cloud SLAs define their own monthly measurement
// period). Each extra nine divides the
// budget by ten:

// %%
const targets = [0.99, 0.999, 0.9995, 0.9999, 0.99999, sloTarget].filter((t, i, all) => all.indexOf(t) === i).sort();
display.show(
  display.table(
    targets.map((t) => ({
      slo: t,
      perPeriod: slo.errorBudget({ slo: t, periodDays: periodDays }).budgetMinutes,
      perWeek: slo.errorBudget({ slo: t, periodDays: 7 }).budgetMinutes,
      perDay: slo.errorBudget({ slo: t, periodDays: 1 }).budgetMinutes,
      per730hMonth: (1 - t) * 730 * 60,
    })),
    {
      units: { slo: "percent", perPeriod: "duration:min", perWeek: "duration:min", perDay: "duration:min", per730hMonth: "duration:min" },
      labels: { perPeriod: `per ${periodDays} days`, perWeek: "per week", perDay: "per day", per730hMonth: "per 730-h month" },
      caption: "Allowed full-outage time (SRE book, Appendix A)",
    },
  ),
);

// %% [exercise] id="06.2" points=2
// **Exercise 06.2** — how many **minutes** of error budget does a **99.95%** SLO allow over **30 days**?
// BEGIN SOLUTION
const budget9995 = slo.errorBudget({ slo: 0.9995, periodDays: 30 }).budgetMinutes;
// END SOLUTION
// BEGIN STUB
const budget9995: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const budget9995 = (1 - 0.9995) * 730 * 60;
// END WRONG

// %%
exercises.check("06.2", budget9995);

// %% [markdown]
// ### The course's weekly example: 69%, not 70%
// The course spends 10, 5, 15 and 0 minutes in four weeks and divides by 43 minutes. Week by week the
// rounded percentages agree with the exact budget of 43.2 minutes, but the total does not:
// 30/43 = 69.8% → "70%", while 30/43.2 = **69.4% → 69%**. Here it changes nothing that matters: either way
// about 30% of the budget remains, inside the course's 20–50% "ship features with caution" band. But near a
// band's edge the same rounding would decide which band a team is in, so compute with 43.2.

// %%
display.show(
  display.table(slo.courseWeeklyExample().map((r) => ({ ...r })), {
    columns: ["week", "downtimeMinutes", "coursePercent", "exactFraction", "exactPercent", "roundedDiffers"],
    units: { exactFraction: "percent" },
    labels: { coursePercent: "course (÷43) %", exactFraction: "exact (÷43.2)", exactPercent: "exact, rounded %" },
    caption: "Course §5 'Calculating Error Budget', recomputed",
  }),
);

// %% [markdown]
// With your parameters (`weeklyDowntimeMinutes`, `sloTarget`, `periodDays`) the same weeks burn the
// budget down like this. The dashed even-spend line is the pace that uses exactly the whole budget by the
// end of the period; above it you are saving budget, below it you are borrowing from the future.

// %%
const weekly = slo.budgetConsumption({ slo: sloTarget, periodDays: periodDays, downtimeMinutes: weeklyDowntimeMinutes });
let spentSoFar = 0;
const weeklyRemaining = [1, ...weekly.perEvent.map((f) => 1 - (spentSoFar += f))];
display.show(
  display.burnDown({
    title: `${weeklyDowntimeMinutes.length} weeks against a ${display.formatPercent(sloTarget, 2)} / ${periodDays}-day budget of ${weekly.budgetMinutes.toFixed(1)} min`,
    time: weeklyRemaining.map((_, i) => i * 7),
    remaining: weeklyRemaining,
    periodLength: periodDays,
  }),
  display.explain({
    subject: `${weekly.downtimeMinutes} min of downtime`,
    verdict: `${display.formatPercent(weekly.consumed, 1)} of the budget consumed, ${display.formatPercent(weekly.remaining, 1)} left`,
    reason: `course's action: ${slo.budgetAction(Math.min(1, weekly.remaining)).action}`,
    tone: weekly.remaining > 0.2 ? "good" : weekly.remaining > 0 ? "warn" : "bad",
  }),
);

// %% [exercise] id="06.3" points=2
// **Exercise 06.3** — what **fraction** (0 to 1) of the 99.9%, 30-day budget did the course's four weeks
// (10, 5, 15 and 0 minutes) consume, computed exactly?
// BEGIN SOLUTION
const courseConsumed = slo.budgetConsumption({ slo: 0.999, periodDays: 30, downtimeMinutes: [10, 5, 15, 0] }).consumed;
// END SOLUTION
// BEGIN STUB
const courseConsumed: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const courseConsumed = 30 / 43;
// END WRONG

// %%
exercises.check("06.3", courseConsumed);

// %% [markdown]
// ### The course's action table, made precise
// The course's bands overlap at their edges: 20% is in both "20–50%" and "10–20%", and "0%" is a point,
// not a band (what about an *overspent* budget, below 0?). `slo.budgetAction` resolves them as below; the
// SRE Workbook's own policy (section 5) is simpler and is written in terms of *exceeding* the budget.

// %%
display.show(
  display.table(slo.BUDGET_ACTIONS.map((r) => ({ ...r })), {
    labels: { budgetRemaining: "course's wording", interval: "remaining, precisely" },
    caption: "Course §5 'Actions based on budget'",
  }),
);

// %% [markdown]
// ## 3. Burn rate
// A budget is spent at some **rate**. The SRE Workbook defines
//
// $$\text{burn rate} = \frac{\text{error ratio}}{1 - \text{SLO}}, \qquad \text{time to exhaustion} = \frac{\text{period}}{\text{burn rate}}$$
//
// Burn rate 1 spends exactly the whole budget in the period; 1000 at 99.9% is a full outage, and empties
// a 30-day budget in 43.2 minutes. An alert that should fire when a fraction *f* of the budget is spent
// within a window *w* uses the threshold *f* × period / *w*: 2% in 1 h → 14.4, 5% in 6 h → 6, 10% in 3 d → 1.

// %%
display.show(
  display.table(
    [1, 2, 6, 10, 14.4, 1000].map((rate) => ({
      burnRate: rate,
      errorRatio: rate * (1 - sloTarget),
      exhaustedIn: slo.timeToExhaustionMinutes({ burnRate: rate, periodDays: periodDays }),
    })),
    { units: { errorRatio: "percent", exhaustedIn: "duration:min" }, caption: `Time to exhaust a ${display.formatPercent(sloTarget, 2)} / ${periodDays}-day budget (SRE Workbook, ch. 5)` },
  ),
  display.table(
    [
      { spend: 0.02, windowMinutes: 60 },
      { spend: 0.05, windowMinutes: 360 },
      { spend: 0.1, windowMinutes: 3 * 1440 },
    ].map(({ spend, windowMinutes }) => ({
      budgetSpent: spend,
      longWindow: windowMinutes,
      burnRateThreshold: slo.burnRateThreshold({ fractionOfBudget: spend, windowMinutes, periodDays: periodDays }),
    })),
    { units: { budgetSpent: "percent", longWindow: "duration:min" }, caption: `The Workbook's thresholds for a ${periodDays}-day period` },
  ),
);

// %% [exercise] id="06.4" points=2
// **Exercise 06.4** — what burn-rate threshold fires when **5%** of a **30-day** budget is spent within
// **1 hour**? (The Workbook gives this one in its text, beside its table of 2% in 1 h, 5% in 6 h and 10%
// in 3 days.)
// BEGIN SOLUTION
const threshold5pct1h = slo.burnRateThreshold({ fractionOfBudget: 0.05, windowMinutes: 60, periodDays: 30 });
// END SOLUTION
// BEGIN STUB
const threshold5pct1h: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const threshold5pct1h = 0.05 * 30;
// END WRONG

// %%
exercises.check("06.4", threshold5pct1h);

// %% [markdown]
// ## 4. Multiwindow, multi-burn-rate alerts on an SLI series
// The Workbook's recommended alerting for a 99.9% SLO pages when the 1 h **and** 5 min burn rates both
// exceed 14.4, or the 6 h and 30 min rates both exceed 6, and opens a ticket when the 3 d and 6 h rates
// both exceed 1. The long window sets how much budget is gone before the alert fires; the short window
// (1/12 of the long one) makes the alert stop soon after the problem is fixed.
//
// We generate a per-minute good/total series (`slo.syntheticSeries`: daily traffic cycle, background
// errors at burn rate ≈ 0.2, random outages, partial failures and slow burns — see data/sli-series.md)
// and evaluate the three rules on it with `slo.evaluateAlerts`.

// %%
const series = slo.syntheticSeries({ seed: seriesSeed, days: seriesDays, requestsPerMinute: requestsPerMinute, incidentsPerYear: incidentsPerYear });
const rules = slo.workbookAlertRules(periodDays);
const report = slo.evaluateAlerts({ series: series, slo: sloTarget, rules: rules, periodDays: periodDays, incidents: series.incidents });
display.show(
  display.table(
    series.incidents.map((inc) => ({
      kind: inc.kind,
      startDay: inc.startMinute / 1440,
      duration: inc.durationMinutes,
      errorRatio: inc.errorRatio,
      burnRate: slo.burnRate({ errorRatio: inc.errorRatio, slo: sloTarget }),
    })),
    { units: { duration: "duration:min", errorRatio: "percent" }, caption: `Incidents injected into ${seriesDays} days of traffic (seed ${seriesSeed})` },
  ),
);

// %% [markdown]
// The burn-down below is the budget left in the **rolling** `periodDays` window, hour by hour (for the
// first period, the budget spent since the series began). Markers show where each rule started firing.

// %%
const periodMinutes = periodDays * 1440;
const burnOverPeriod = slo.burnRateSeries({ series: series, slo: sloTarget, windowMinutes: periodMinutes });
const hours = Math.floor(burnOverPeriod.length / 60);
const hourTimes = [0];
const hourRemaining = [1];
for (let h = 1; h <= hours; h++) {
  const m = h * 60 - 1;
  hourTimes.push(h / 24);
  hourRemaining.push(1 - (burnOverPeriod[m] * Math.min(m + 1, periodMinutes)) / periodMinutes);
}
const alertMarkers = report.rules.flatMap((r) =>
  r.firings.map((f) => ({ time: Math.min((f.startMinute + 1) / 1440, hourTimes[hourTimes.length - 1]), label: r.rule.name, severity: r.rule.severity })),
);
display.show(
  display.burnDown({
    title: `Budget left in the rolling ${periodDays}-day window (${display.formatPercent(sloTarget, 2)} SLO)`,
    time: hourTimes,
    remaining: hourRemaining,
    periodLength: periodDays,
    alerts: alertMarkers,
  }),
);

// %% [markdown]
// What each rule compares with its threshold: the burn rate over its windows. On a log scale (rates
// below 0.01 are drawn at 0.01) the background sits near 0.2, a slow burn lifts the 6 h line for hours,
// and an outage spikes the 1 h line toward 1000.

// %%
const burn1h = slo.burnRateSeries({ series: series, slo: sloTarget, windowMinutes: 60 });
const burn6h = slo.burnRateSeries({ series: series, slo: sloTarget, windowMinutes: 360 });
const every = 15;
const sampleAt = Array.from({ length: Math.floor(burn1h.length / every) }, (_, i) => i * every + every - 1);
display.show(
  display.lineChart({
    title: "Burn rate over 1 h and 6 h windows, with the page thresholds",
    x: sampleAt.map((m) => (m + 1) / 1440),
    series: [
      { name: "1 h burn rate", y: sampleAt.map((m) => Math.max(0.01, burn1h[m])) },
      { name: "6 h burn rate", y: sampleAt.map((m) => Math.max(0.01, burn6h[m])) },
      { name: `page ${rules[0].burnRateThreshold.toFixed(1)}`, y: sampleAt.map(() => rules[0].burnRateThreshold), dash: "dash" },
      { name: `page ${rules[1].burnRateThreshold.toFixed(1)}`, y: sampleAt.map(() => rules[1].burnRateThreshold), dash: "dot" },
    ],
    xTitle: "day",
    yTitle: "burn rate",
    logY: true,
    markers: false,
  }),
);

// %% [markdown]
// How fast, and at what cost, did each rule catch each incident? The Workbook's trade-off is visible:
// the 1 h page catches outages in a minute or two but is blind to slow burns below 14.4; the 6 h page
// catches those after hours; the 3-day ticket catches everything that matters, eventually.

// %%
display.show(
  display.table(
    report.rules.flatMap((r) =>
      r.detections.map((d, i) => ({
        rule: r.rule.name,
        incident: `${series.incidents[i].kind} @ day ${(d.incidentStartMinute / 1440).toFixed(1)}`,
        detected: d.detectedMinute !== null,
        delay: d.detectionDelayMinutes,
        incidentBudgetSpent: d.incidentBudgetSpent,
        firings: r.firings.length,
      })),
    ),
    { units: { delay: "duration:min", incidentBudgetSpent: "percent" }, labels: { incidentBudgetSpent: "budget spent by incident at detection" }, maxRows: 40 },
  ),
);

// %% [exercise] id="06.5" points=2
// **Exercise 06.5** — design one **page** rule for a 99.9% / 30-day SLO as
// `{ longWindowMinutes, shortWindowMinutes, burnRateThreshold }` such that:
// - the short window is 1/12 of the long one, rounded to a whole minute;
// - the long window is at most 1 day;
// - a steady 0.5% error ratio for two days (burn rate 5 — a ticket, not a page) never pages;
// - a full outage pages within 2 minutes of its start.
//
// The check replays your rule with `slo.evaluateAlerts` on exactly those two incidents.
// BEGIN SOLUTION
const myPageRule = { longWindowMinutes: 60, shortWindowMinutes: 5, burnRateThreshold: 14.4 };
// END SOLUTION
// BEGIN STUB
const myPageRule: { longWindowMinutes: number; shortWindowMinutes: number; burnRateThreshold: number } | undefined = undefined;
// END STUB
// BEGIN WRONG
const myPageRule = { longWindowMinutes: 60, shortWindowMinutes: 5, burnRateThreshold: 1 };
// END WRONG

// %%
exercises.check("06.5", myPageRule);

// %% [exercise] id="06.6" points=1
// **Exercise 06.6** — the page rule fires only when the 1 h **and** the 5 min burn rates both exceed
// 14.4. What does the 5-minute window add? Answer `"a"`, `"b"`, `"c"` or `"d"`.
// - a: it detects outages faster than the 1 h window alone
// - b: it makes the alert stop firing soon after the errors stop
// - c: it reduces the budget spent before the alert fires
// - d: it catches slow burns that the 1 h window misses
// BEGIN SOLUTION
const shortWindowPurpose = "b";
// END SOLUTION
// BEGIN STUB
const shortWindowPurpose: string | undefined = undefined;
// END STUB
// BEGIN WRONG
const shortWindowPurpose = "a";
// END WRONG

// %%
exercises.check("06.6", shortWindowPurpose);

// %% [markdown]
// ## 5. The error-budget policy over an incident log
// An SLO only changes behaviour if a policy says what happens when the budget runs out. The SRE
// Workbook's example policy (Appendix B):
// - if the service has **exceeded** its budget over the preceding **four weeks**, halt all changes and
//   releases other than P0 issues and security fixes until it is back within its SLO;
// - a single incident that consumes **more than 20%** of the four-week budget needs a postmortem with at
//   least one P0 action item.
//
// `data/incidents.csv` is a small, **synthetic** incident log (see data/incidents.md). An incident spends
// `impact_minutes × error_ratio` minutes of full outage from the budget.

// %%
// danfo (pandas for JavaScript) for the DataFrame work; it loads here, on first use (about a second).
import * as dfd from "danfojs-node";
const incidentFrame = await dfd.readCSV("../data/incidents.csv");
incidentFrame.addColumn("bad_minutes", incidentFrame["impact_minutes"].mul(incidentFrame["error_ratio"]), { inplace: true });
display.show(
  display.table(incidentFrame, {
    columns: ["id", "start_utc", "severity", "service", "impact_minutes", "error_ratio", "bad_minutes", "summary"],
    units: { error_ratio: "percent", bad_minutes: "number" },
    caption: "data/incidents.csv (synthetic)",
  }),
);

// %%
const byService = incidentFrame.groupby(["service"]).col(["bad_minutes"]).sum();
display.show(display.table(byService, { caption: "Budget minutes spent per service, January–June 2025" }));

// %%
const incidentLog = slo.loadIncidents();
const costs = slo.incidentCosts({ incidents: incidentLog, slo: sloTarget, windowDays: policyWindowDays });
display.show(
  display.table(costs.map((c) => ({ ...c })), {
    columns: ["id", "startUtc", "severity", "badMinutes", "budgetSpent", "postmortemRequired"],
    units: { budgetSpent: "percent" },
    caption: `Each incident against the ${policyWindowDays}-day budget at ${display.formatPercent(sloTarget, 2)} (postmortem above 20%)`,
  }),
);

// %%
const timeline = slo.policyTimeline({ incidents: incidentLog, slo: sloTarget, fromUtc: "2025-01-01T00:00:00Z", toUtc: "2025-06-30T00:00:00Z", windowDays: policyWindowDays });
const haltDays = timeline.filter((d) => d.haltChanges);
display.show(
  display.lineChart({
    title: `Budget left in the preceding ${policyWindowDays} days, evaluated daily (below 0: changes halt)`,
    x: timeline.map((_, i) => i),
    series: [
      { name: "budget remaining", y: timeline.map((d) => d.remaining) },
      { name: "exhausted", y: timeline.map(() => 0), dash: "dash" },
    ],
    xTitle: "days since 2025-01-01",
    yTitle: "budget remaining",
    yUnit: "percent",
  }),
  display.explain({
    subject: `${display.formatPercent(sloTarget, 2)} SLO, ${policyWindowDays}-day window`,
    verdict: haltDays.length === 0 ? "changes never halt" : `changes halt on ${haltDays.length} days`,
    reason: haltDays.length === 0 ? "the rolling budget is never exceeded" : `first ${haltDays[0].asOfUtc.slice(0, 10)}, last ${haltDays[haltDays.length - 1].asOfUtc.slice(0, 10)}`,
    details: [`postmortems required: ${costs.filter((c) => c.postmortemRequired).map((c) => c.id).join(", ") || "none"}`],
    tone: haltDays.length === 0 ? "good" : "bad",
    source: "SRE Workbook, Appendix B",
  }),
);

// %% [markdown]
// ## 6. Latency SLIs: `histogram_quantile`
// Latency SLOs (the course's p50 ≤ 60 s, p95 ≤ 300 s) are usually measured from a Prometheus histogram:
// cumulative counts of observations ≤ each bucket bound `le`. `histogram_quantile(φ, …)` finds the
// bucket holding rank φ × count and **interpolates linearly** inside it — so the answer is only as good as
// the buckets. The true p95 can be anywhere in its bucket; put a bucket bound **at the SLO threshold**
// (here 300 s) so that "is p95 ≤ 300 s?" is answered exactly (Prometheus docs, "Histograms and summaries").

// %%
const durationBuckets = [
  { le: 30, count: 400 },
  { le: 60, count: 700 },
  { le: 120, count: 900 },
  { le: 300, count: 980 },
  { le: 600, count: 995 },
  { le: Infinity, count: 1000 },
];
display.show(
  display.table(
    [0.5, 0.95, 0.99].map((q) => {
      const r = slo.histogramQuantileDetailed(q, durationBuckets);
      const sli = q === 0.5 ? slo.COURSE_SLIS.latency_p50 : q === 0.95 ? slo.COURSE_SLIS.latency_p95 : undefined;
      return { quantile: q, estimate: r.value, bucketLower: r.bucketLower, bucketUpper: r.bucketUpper, slo: sli?.target ?? null, compliant: sli ? slo.checkCompliance(sli, r.value).compliant : null };
    }),
    { units: { estimate: "duration:s", bucketLower: "duration:s", bucketUpper: "duration:s", slo: "duration:s" }, caption: "Pipeline duration quantiles from cumulative buckets" },
  ),
);

// %% [exercise] id="06.7" points=2
// **Exercise 06.7** — for the buckets above (30 s: 400, 60 s: 700, 120 s: 900, 300 s: 980, 600 s: 995,
// +Inf: 1000), what p95 duration in seconds does `histogram_quantile(0.95, …)` return? Compute it by hand:
// rank = 0.95 × 1000, find its bucket, interpolate.
// BEGIN SOLUTION
const p95Seconds = 120 + (300 - 120) * ((0.95 * 1000 - 900) / (980 - 900));
// END SOLUTION
// BEGIN STUB
const p95Seconds: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const p95Seconds = 300;
// END WRONG

// %%
exercises.check("06.7", p95Seconds);

// %% [markdown]
// ## 7. SLAs and credits
// The course's SLA is "99.9% uptime (43 minutes downtime/month)" with a 10% refund, and its SLO is also
// 99.9%. With SLO = SLA there is **no margin**: by the time the SLO is missed, money is already owed. The
// SRE book's advice is an internal SLO stricter than the SLA. Real SLAs are tiered; AWS Compute Optimizer's
// (4 May 2022) credits 10% below 99.9%, 25% below 99.0% and 100% below 95.0%.

// %%
const gap = slo.sloSlaGap({ slo: sloTarget });
display.show(
  display.explain({
    subject: `internal SLO ${display.formatPercent(sloTarget, 2)} vs the course's 99.9% SLA`,
    verdict: gap.marginMinutes > 0 ? `${gap.marginMinutes.toFixed(1)} min of margin per month` : gap.marginMinutes === 0 ? "no margin" : "SLO looser than the SLA",
    reason: `the SLO allows ${gap.sloBudgetMinutes.toFixed(1)} min, the SLA ${gap.slaBudgetMinutes.toFixed(1)} min of downtime per 30 days`,
    tone: gap.marginMinutes > 0 ? "good" : gap.marginMinutes === 0 ? "warn" : "bad",
    source: "SRE book, ch. 4",
  }),
  display.table(
    [0.9995, 0.999, 0.9985, 0.995, 0.985, 0.94].map((measured) => ({
      measured,
      downtime: (1 - measured) * 43_200,
      course: slo.slaCredit({ measuredAvailability: measured, monthlyBill: monthlyBillUsd }).credit,
      aws: slo.slaCredit({ measuredAvailability: measured, monthlyBill: monthlyBillUsd, sla: slo.AWS_COMPUTE_OPTIMIZER_SLA }).credit,
    })),
    {
      units: { measured: "percent", downtime: "duration:min", course: "money", aws: "money" },
      labels: { course: "course SLA credit", aws: "AWS Compute Optimizer credit" },
      caption: `Credits on a ${display.formatMoney(monthlyBillUsd)} monthly bill`,
    },
  ),
);

// %% [exercise] id="06.8" points=2
// **Exercise 06.8** — a month measures **99.5%** availability and the bill is **$40,000**. How many
// dollars of credit are owed under the AWS Compute Optimizer SLA tiers above?
// BEGIN SOLUTION
const creditUsd = slo.slaCredit({ measuredAvailability: 0.995, monthlyBill: 40_000, sla: slo.AWS_COMPUTE_OPTIMIZER_SLA }).credit;
// END SOLUTION
// BEGIN STUB
const creditUsd: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const creditUsd = 0.25 * 40_000;
// END WRONG

// %%
exercises.check("06.8", creditUsd);

// %% [markdown]
// ## What to take away
// - Write every SLI with its **direction** and unit; compare accordingly.
// - Budgets are exact arithmetic: 43.2 min (not 43) for 99.9% over 30 days; keep rounding for display.
// - Alert on **burn rate**, with a long window for significance and a short one for fast reset; page for
//   fast burns, ticket for slow ones.
// - A budget policy turns the number into decisions: halt changes when the window's budget is exceeded,
//   and write postmortems for any incident over 20% of it.
// - Keep the SLA looser than the SLO, and put a histogram bucket at every latency threshold.

// %% [markdown]
// ## Explore: the SLO target and its window
// Choose the target and the period: the budget, and the Workbook's three burn-rate alerts on a synthetic
// series of the same length (seed 7, 1,000 requests a minute), recompute in the page.

// %%
display.show(
  display.whatIf({
    title: "Error budget and burn-rate alerts",
    key: "budget",
    controls: {
      target: { type: "select", allowed: [0.99, 0.995, 0.999, 0.9995, 0.9999], description: "SLO target" },
      periodDays: { type: "integer", min: 7, max: 30, description: "period", unit: "days" },
      incidents: { type: "integer", min: 0, max: 48, step: 4, description: "incidents per year" },
    },
    values: { target: [0.99, 0.995, 0.999, 0.9995, 0.9999].includes(sloTarget) ? sloTarget : 0.999, periodDays: Math.min(30, Math.max(7, periodDays)), incidents: 12 },
    view: (lib, v) => {
      const target = Number(v.target);
      const series = lib.slo.syntheticSeries({ seed: 7, days: v.periodDays, requestsPerMinute: 1000, incidentsPerYear: v.incidents });
      const report = lib.slo.evaluateAlerts({ series, slo: target, rules: lib.slo.workbookAlertRules(v.periodDays), periodDays: v.periodDays, incidents: series.incidents });
      const periodMinutes = v.periodDays * 1440;
      const burn = lib.slo.burnRateSeries({ series, slo: target, windowMinutes: periodMinutes });
      const time = [0];
      const remaining = [1];
      for (let h = 1; h <= Math.floor(burn.length / 60); h++) {
        const m = h * 60 - 1;
        time.push(h / 24);
        remaining.push(1 - (burn[m] * Math.min(m + 1, periodMinutes)) / periodMinutes);
      }
      const alerts = report.rules.flatMap((r) => r.firings.map((f) => ({ time: Math.min((f.startMinute + 1) / 1440, time[time.length - 1]), label: r.rule.name, severity: r.rule.severity })));
      const budget = lib.slo.errorBudget({ slo: target, periodDays: v.periodDays });
      return [
        lib.display.explain({
          subject: `${lib.display.formatPercent(target)} over ${v.periodDays} days`,
          verdict: `${lib.display.formatDuration(budget.budgetMinutes, "min")} of full outage allowed`,
          reason: `${series.incidents.length} incidents in the series; the alert rules fired ${alerts.length} times; budget left at the end: ${lib.display.formatPercent(remaining[remaining.length - 1])}`,
          tone: remaining[remaining.length - 1] > 0 ? "good" : "bad",
          source: "SRE book, Appendix A; SRE Workbook, ch. 5",
        }),
        lib.display.burnDown({ title: `Budget left, ${lib.display.formatPercent(target)} SLO`, time, remaining, periodLength: v.periodDays, alerts }),
      ];
    },
  }),
);

// %%
exercises.progress("06");
