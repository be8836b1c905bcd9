import { strict as assert } from "node:assert";
import fc from "fast-check";
import { display } from "../../src";
import type { Layout } from "plotly.js-dist";

type Trace = Record<string, unknown> & { x?: unknown[]; y?: unknown[]; base?: number[]; hovertext?: unknown; name?: string; type?: string };
const traces = (fig: display.Figure): Trace[] => fig.data as unknown as Trace[];
/** The layout with plotly.js's own types (the public type is loose JSON). */
const layoutOf = (fig: display.Figure): Partial<Layout> => fig.layout as Partial<Layout>;
const close = (actual: unknown, expected: number[]): void => {
  const values = actual as number[];
  assert.equal(values.length, expected.length);
  values.forEach((v, i) => assert.ok(Math.abs(v - (expected[i] as number)) < 1e-12, `${v} vs ${expected[i]}`));
};

describe("display.charts", () => {
  it("lineChart: k-staleness for N=3 (Bailis et al. 2012): R=W=1 gives 1/3, 5/9, 19/27; hover shows percent", () => {
    const ks = [1, 2, 3];
    const fig = display.lineChart({ x: ks, series: [{ name: "R=W=1", y: ks.map((k) => 1 - (2 / 3) ** k) }], xTitle: "k", yTitle: "P", yUnit: "percent" });
    const [trace] = traces(fig);
    close(trace?.y, [1 / 3, 5 / 9, 19 / 27]);
    assert.equal(trace?.mode, "lines+markers");
    assert.equal(trace?.hovertemplate, "R=W=1<br>k: %{x:.4~r}<br>P: %{y:.3~%}<extra></extra>");
    assert.equal(trace?.hovertext, undefined, "one template per trace, no string per point");
    assert.equal((fig.layout.yaxis as { tickformat?: string }).tickformat, ".3~%");
    assert.equal(fig.summary, "line chart: 1 series (R=W=1) over 3 x values");
  });

  it("lineChart with a duration unit writes hover text per point in human units (no d3 format fits)", () => {
    const fig = display.lineChart({ x: [0.999, 0.9999], series: [{ name: "monthly budget", y: [2592, 259.2] }], xUnit: "percent", yUnit: "duration:s" });
    assert.deepEqual(traces(fig)[0]?.hovertext, ["monthly budget<br>x: 99.9%<br>y: 43.2 min", "monthly budget<br>x: 99.99%<br>y: 4.32 min"]);
  });

  it("lineChart: null is a gap, names are escaped for Plotly, logY sets a log axis", () => {
    const fig = display.lineChart({ x: [1, 2], series: [{ name: "<b>a</b>", y: [1, null] }, { name: "b", y: [2, 3] }], logY: true });
    assert.equal(traces(fig)[0]?.name, "&lt;b&gt;a&lt;/b&gt;");
    assert.deepEqual(traces(fig)[0]?.y, [1, null]);
    assert.equal((fig.layout.yaxis as { type?: string }).type, "log");
    assert.equal(fig.layout.showlegend, true);
  });

  it("heatmap: R×W consistency for N=3, k=1 (R+W>N is 1), annotations per cell, light text on dark cells", () => {
    const n = 3;
    const ps = (r: number, w: number): number => (r + w > n ? 1 : 1 - [1, 2, 3].reduce((acc, i) => acc * (i <= r ? (n - w - i + 1) / (n - i + 1) : 1), 1));
    const z = [1, 2, 3].map((r) => [1, 2, 3].map((w) => ps(r, w)));
    close(z[0], [1 / 3, 2 / 3, 1]);
    const fig = display.heatmap({ x: [1, 2, 3], y: [1, 2, 3], z, xTitle: "W", yTitle: "R", zUnit: "percent" });
    const ann = layoutOf(fig).annotations ?? [];
    assert.equal(ann.length, 9);
    assert.equal(ann[0]?.text, "33.333%");
    assert.equal(ann[0]?.font?.color, "white");
    assert.equal(ann[2]?.font?.color, "black");
    close([traces(fig)[0]?.zmin as number], [1 / 3]);
    assert.equal(traces(fig)[0]?.zmax, 1);
    assert.equal(fig.summary, "heatmap: 3 × 3 cells");
  });

  it("heatmap: null cells get no annotation; annotate:false gives none", () => {
    const fig = display.heatmap({ x: ["a", "b"], y: ["r"], z: [[null, 0.5]] });
    assert.equal(layoutOf(fig).annotations?.length, 1);
    assert.equal(layoutOf(display.heatmap({ x: ["a"], y: ["r"], z: [[1]], annotate: false })).annotations?.length, 0);
  });

  it("barChart: S3 Standard 1 TB at $0.023/GB-month is $23.55 (REFERENCES.md), written on the bar", () => {
    const fig = display.barChart({ categories: ["S3 Standard", "S3 Standard-IA"], series: [{ name: "monthly", values: [1024 * 0.023, 1024 * 0.0125] }], unit: "money" });
    assert.deepEqual(traces(fig)[0]?.text, ["$23.55", "$12.80"]);
    assert.equal(fig.layout.barmode, "group");
    const h = display.barChart({ categories: ["a"], series: [{ name: "s", values: [1] }], orientation: "horizontal", stacked: true });
    assert.equal(traces(h)[0]?.orientation, "h");
    assert.equal(h.layout.barmode, "stack");
  });

  it("waterfall: $10,000 less 70% spot on $3,000 less $1,200 plus $300 ends at $7,000; bars float between running totals", () => {
    const fig = display.waterfall({ start: { label: "Now", amount: 10_000 }, steps: [{ label: "Spot", amount: -0.7 * 3000 }, { label: "IA", amount: -1200 }, { label: "Copy", amount: 300 }] });
    assert.equal(fig.summary, "waterfall: Now $10K, 3 steps, Total $7,000");
    const [total, up, down] = traces(fig);
    assert.deepEqual(total?.base, [0, 0]);
    assert.deepEqual(total?.y, [10_000, 7_000]);
    assert.deepEqual(down?.x, ["Spot", "IA"]);
    assert.deepEqual(down?.base, [7900, 6700]);
    assert.deepEqual(down?.y, [2100, 1200]);
    assert.deepEqual(up?.base, [6700]);
    assert.deepEqual(up?.text, ["+$300"]);
    assert.deepEqual((fig.layout.xaxis as { categoryarray?: string[] }).categoryarray, ["Now", "Spot", "IA", "Copy", "Total"]);
    assert.equal(layoutOf(fig).shapes?.length, 4);
    assert.ok(fig.data.every((t) => t.type === "bar"), "no waterfall trace: it is not in the cartesian bundle");
  });

  it("waterfall: the last bar is start + Σ steps and each step's bar spans |amount| (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.array(fc.integer({ min: -1e5, max: 1e5 }), { minLength: 1, maxLength: 8 }), (start, amounts) => {
        const fig = display.waterfall({ start: { label: "s", amount: start }, steps: amounts.map((amount, i) => ({ label: `step ${i}`, amount })) });
        const total = traces(fig)[0]?.y as number[];
        assert.equal(total[total.length - 1], amounts.reduce((a, b) => a + b, start));
        const spans = traces(fig).slice(1).flatMap((t) => t.y as number[]);
        assert.deepEqual([...spans].sort((a, b) => a - b), amounts.map(Math.abs).sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });

  it("burnDown: alerts sit on the curve (linear interpolation), even-spend line from 100% to 0% over the period", () => {
    const fig = display.burnDown({ time: [0, 10, 20], remaining: [1, 0.5, 0.3], periodLength: 30, alerts: [{ time: 5, label: "14.4× over 1 h" }, { time: 15, label: "1× over 3 d", severity: "ticket" }] });
    const [, even, page, ticket] = traces(fig);
    assert.deepEqual(even?.x, [0, 30]);
    assert.deepEqual(even?.y, [1, 0]);
    assert.deepEqual(page?.y, [0.75]);
    assert.equal(ticket?.name, "Ticket");
    assert.ok(Math.abs((ticket?.y as number[])[0] as number - 0.4) < 1e-12);
    assert.equal(fig.summary, "burn-down: 30% of budget left after 20 d, 2 alerts");
  });

  it("drScatter: marker area ∝ cost, log axes when every RTO/RPO > 0, linear otherwise; hover in human units", () => {
    const fig = display.drScatter({
      strategies: [
        { name: "Backup", rtoMinutes: 24 * 60, rpoMinutes: 60, monthlyCostUsd: 100 },
        { name: "Active/active", rtoMinutes: 0.5, rpoMinutes: 0.01, monthlyCostUsd: 400 },
      ],
    });
    const marker = traces(fig)[0]?.marker as { size: number[] };
    assert.deepEqual(marker.size, [30, 50]); // 10 + 40·√(100/400) and 10 + 40·√1
    assert.equal((fig.layout.xaxis as { type?: string }).type, "log");
    assert.equal((traces(fig)[0]?.hovertext as string[])[0], "Backup<br>RTO: 1 d<br>RPO: 1 h<br>Cost: $100 / month");
    const zero = display.drScatter({ strategies: [{ name: "AA", rtoMinutes: 0, rpoMinutes: 0, monthlyCostUsd: 1 }] });
    assert.equal((zero.layout.xaxis as { type?: string }).type, undefined);
  });

  // Spreading more than about 125,000 arguments (Math.max(...xs)) overflows Node's stack; 150,000 is past that.
  it("drScatter and heatmap take 150,000 points without overflowing the stack", function () {
    this.timeout(60_000);
    const strategies = Array.from({ length: 150_000 }, (_, i) => ({ name: `s${i}`, rtoMinutes: 1 + (i % 7), rpoMinutes: 1, monthlyCostUsd: i === 5 ? 400 : 100 }));
    const marker = traces(display.drScatter({ strategies }))[0]?.marker as { size: number[] };
    assert.equal(marker.size[5], 50);
    assert.equal(marker.size[0], 30);
    const z = [Array.from({ length: 150_000 }, (_, i) => i)];
    const heat = display.heatmap({ x: z[0].map((_, i) => i), y: [0], z, annotate: false });
    assert.equal((traces(heat)[0] as { zmax?: number }).zmax, 149_999);
  });

  it("histogram: summary names the range; bins sets nbinsx", () => {
    const fig = display.histogram({ values: [1, 2, 2, 3], bins: 3, unit: "ms" });
    assert.equal(fig.summary, "histogram: 4 values from 1 ms to 3 ms");
    assert.equal(traces(fig)[0]?.nbinsx, 3);
  });

  it("bad input: every builder pins its message (NaN is a TypeError, shapes are RangeErrors)", () => {
    assert.throws(() => display.lineChart({ x: [1, 2], series: [{ name: "a", y: [1, Number.NaN] }] }), {
      name: "TypeError",
      message: "display.lineChart: series[0].y[1] must be a finite number, got NaN",
    });
    assert.throws(() => display.lineChart({ x: [1, 2], series: [{ name: "a", y: [1] }] }), {
      name: "RangeError",
      message: "display.lineChart: series[0].y must be an array with length in [2, 2], got an array of length 1",
    });
    assert.throws(() => display.lineChart({ x: [0, 1], series: [{ name: "a", y: [1, 2] }], logX: true }), { name: "RangeError", message: "display.lineChart: x[0] must be > 0 on a log axis, got 0" });
    assert.throws(() => display.heatmap({ x: [1, 2], y: [1], z: [[1]] }), { name: "RangeError", message: "display.heatmap: z[0] must be an array with length in [2, 2], got an array of length 1" });
    assert.throws(() => display.heatmap({ x: [1, 1], y: [1], z: [[1, 2]] }), { name: "RangeError", message: "display.heatmap: x[1] must be unique, got 1" });
    assert.throws(() => display.heatmap({ x: [1], y: [1], z: [[1]], zMin: 1, zMax: 0 }), { name: "RangeError", message: "display.heatmap: zMax must be > zMin=1, got 0" });
    assert.throws(() => display.barChart({ categories: ["a"], series: [{ name: "", values: [1] }] }), { name: "RangeError", message: 'display.barChart: series[0].name must be a non-empty string, got ""' });
    assert.throws(() => display.barChart({ categories: ["a"], series: [{ name: "s", values: [1] }], unit: "usd" as "money" }), { name: "RangeError", message: /^display\.barChart: unit must be one of "money"/ });
    assert.throws(() => display.waterfall({ steps: [] }), { name: "RangeError", message: "display.waterfall: steps must be an array with length >= 1, got an array of length 0" });
    assert.throws(() => display.waterfall({ steps: [{ label: "Total", amount: 1 }] }), { name: "RangeError", message: 'display.waterfall: labels[1] must be unique, got "Total"' });
    assert.throws(() => display.waterfall({ steps: [{ label: "a", amount: Infinity }] }), { name: "TypeError", message: "display.waterfall: steps[0].amount must be a finite number, got Infinity" });
    assert.throws(() => display.burnDown({ time: [0, 0], remaining: [1, 1] }), { name: "RangeError", message: "display.burnDown: time[1] must be > time[0]=0, got 0" });
    assert.throws(() => display.burnDown({ time: [0, 1], remaining: [1, 1], alerts: [{ time: 2, label: "x" }] }), {
      name: "RangeError",
      message: "display.burnDown: alerts[0].time must be a finite number in [time[0]=0, last time=1], got 2",
    });
    assert.throws(() => display.burnDown({ time: [0, 1], remaining: [1, 1], timeUnit: "s" as "h" }), { name: "RangeError", message: 'display.burnDown: timeUnit must be one of "min", "h", "d", got "s"' });
    assert.throws(() => display.drScatter({ strategies: [{ name: "a", rtoMinutes: -1, rpoMinutes: 0, monthlyCostUsd: 0 }] }), {
      name: "RangeError",
      message: "display.drScatter: strategies[0].rtoMinutes must be a finite number >= 0, got -1",
    });
    assert.throws(() => display.drScatter({ strategies: [{ name: "a", rtoMinutes: 0, rpoMinutes: 1, monthlyCostUsd: 0 }], logAxes: true }), {
      name: "RangeError",
      message: "display.drScatter: strategies[0].rtoMinutes must be > 0 with logAxes, got 0",
    });
    assert.throws(() => display.histogram({ values: [1], bins: 0 }), { name: "RangeError", message: "display.histogram: bins must be an integer in [1, 1000], got 0" });
    assert.throws(() => display.histogram({ values: [1], title: 3 as unknown as string }), { name: "TypeError", message: "display.histogram: title must be a string, got 3" });
    assert.throws(() => display.histogram(null as unknown as display.HistogramOptions), { name: "TypeError", message: "display.histogram: options must be an object, got null" });
  });
});

describe("display.lineChart ticks", () => {
  it("lineChart() over whole numbers ticks every integer; over fractions it leaves ticks to Plotly", () => {
    const whole = display.lineChart({ x: [1, 2, 3, 4, 5], series: [{ name: "a", y: [1, 2, 3, 4, 5] }] });
    assert.equal((whole.layout.xaxis as { dtick?: number }).dtick, 1);
    const fractional = display.lineChart({ x: [0.5, 1, 1.5], series: [{ name: "a", y: [1, 2, 3] }] });
    assert.equal((fractional.layout.xaxis as { dtick?: number }).dtick, undefined);
  });
});
