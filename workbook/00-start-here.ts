// %% [markdown]
// # 00 · Start here
//
// **tradeoff-lab** is a workbook on production data-system trade-offs: CAP and PACELC, consistency
// models, quorums and staleness, cost, SLOs and error budgets, multi-region design, disaster recovery,
// sharding, backpressure and self-healing. Every number in it comes from a typed, tested TypeScript
// library (`src/`, imported here as `tradeoff-lab`), and every claim of the course text it follows is
// reproduced — or corrected, with a source.
//
// This notebook shows the four things you will do in every other one:
//
// 1. **Change a parameter** and run all cells (the *what-if* loop of an analyst);
// 2. **read a chart** (Plotly, drawn offline — no CDN);
// 3. **complete an exercise** and get feedback straight away (the learner's loop);
// 4. **export** a notebook to HTML for a design doc (the team's loop).
//
// | Notebook | Answers |
// |---|---|
// | 01 trade-offs | Which architecture wins for *our* weights? |
// | 02 CAP and PACELC | What does each real system give up, on a partition and otherwise? |
// | 03 consistency models | Which guarantee do we need, and what does it cost? |
// | 04 quorums and staleness | How stale are reads for a given N, R, W, and how fast? |
// | 05 cost optimization | What does the pipeline cost and which change saves most? |
// | 06 SLIs, SLOs and error budgets | Can we afford this SLO, and when do we page? |
// | 07 multi-region | How much slower, more available and more expensive is each layout? |
// | 08 disaster recovery | Which DR strategy meets our RTO and RPO most cheaply? |
// | 09 partitioning and sharding | How many keys move when we add a shard? |
// | 10 backpressure and flow control | What happens to latency when a queue has no bound? |
// | 11 self-healing | Do retries, breakers and failover heal — or make it worse? |
// | 12 capstone | A design review that ends in a one-page summary. |

// %% [markdown]
// ## 1. Parameters
// The next cell is tagged `parameters`. Change a value and choose *Run → Run All Cells*. From a
// terminal, the same what-if runs headless without editing the notebook:
//
// ```
// npx tradeoff-lab run notebooks/00-start-here.ipynb out.ipynb -p availabilityTarget=0.9995
// npx tradeoff-lab run notebooks/00-start-here.ipynb --help-params
// ```
//
// Parameters are typed: a string where a number belongs is refused before anything runs.

// %% tags=["parameters"]
const availabilityTarget: number = 0.999; // ratio in (0, 1): the SLO
const period: string = "month"; // "day" | "week" | "month" | "quarter" | "year": the period the budget is counted over

// %% [markdown]
// ## 2. The library and a chart
// Every notebook starts by importing the namespaces it needs. `display.plotlyInit()` embeds the
// plotly.js bundle once, inline, so charts draw with no network and survive HTML export.

// %%
import { availability, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %%
const budget = availability.allowedDowntime({ target: availabilityTarget, period: period as availability.Period });
display.show(
  display.explain({
    subject: `${display.formatPercent(availabilityTarget, 3)} over a ${period}`,
    verdict: `${budget.text} of downtime allowed`,
    reason: "error budget = (1 − target) × period, with the SRE book's 30-day month and 365-day year",
    source: "Google SRE book, Appendix A",
  }),
);

// %% [markdown]
// The chart sweeps the number of nines. Each extra nine divides the allowed downtime by ten — which is
// why the course's "99.9% uptime (43 minutes downtime/month)" and a 99.99% target are different
// engineering problems, not a small step. Hover over a point to read it.

// %%
const ninesSwept = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
display.show(
  display.lineChart({
    title: `Allowed downtime per ${period} against the number of nines`,
    x: ninesSwept,
    series: [
      {
        name: `downtime per ${period}`,
        y: ninesSwept.map((n) => availability.allowedDowntime({ target: availability.ratioFromNines(n), period: period as availability.Period }).minutes),
      },
    ],
    xTitle: "nines (3 = 99.9%)",
    yTitle: "minutes",
    logY: true,
  }),
);

// %% [markdown]
// ## 3. Exercises
// An exercise cell declares an answer that starts as `undefined`. Replace it, run the cell, then run
// the check below it: you get ✓, or ✗ with a hint that says what went wrong. A check never throws,
// so *Run All* always reaches the end, and the last cell counts what you have done.
//
// Try this one: how many **minutes** of downtime does 99.9% allow over a 30-day month?
// (Hint: 30 × 24 × 60 × 0.001.) Compute it by hand, or use
// `availability.allowedDowntime({ target: 0.999, period: "month" }).minutes`.

// %% [exercise] id="00.1" points=2
// **Exercise 00.1** — minutes of downtime that 99.9% allows in a 30-day month.
// BEGIN SOLUTION
const minutesAllowed = availability.allowedDowntime({ target: 0.999, period: "month" }).minutes;
// END SOLUTION
// BEGIN STUB
const minutesAllowed: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const minutesAllowed = 43.8;
// END WRONG

// %%
exercises.check("00.1", minutesAllowed);

// %% [markdown]
// Your own edited notebooks can be graded from a terminal too: `npm run exercises` runs them
// headless and lists which exercises pass.
//
// ## 4. Export for a design doc
// `npm run export` executes every notebook and converts it to HTML in `build/site/`, with an index
// page. `npm run export -- --report` hides the code, for a design-doc appendix. The pages make no
// network requests: the chart library is inside each page.
//
// ## Where the numbers come from
// Golden values are pinned by tests against their sources (Bailis et al. VLDB 2012 for PBS, the
// Google SRE book and Workbook for budgets and burn rates, Abadi 2012 for PACELC, Jepsen's
// consistency map, AWS's Well-Architected Reliability pillar for DR). Data files in `data/` each carry
// their source and date.

// %%
exercises.progress("00");
