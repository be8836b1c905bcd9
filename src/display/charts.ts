/**
 * Chart builders for the workbook's recurring pictures. Each returns a
 * {@link Figure}; `display.show(fig)` draws it. Every label that comes from
 * data (series names, categories, hover text) is escaped for Plotly, so a
 * row containing `<script>` shows those characters and never markup.
 *
 * Every builder draws with trace types in the "cartesian" bundle; the
 * waterfall uses bar traces with a per-bar `base` instead of Plotly's
 * `waterfall` trace, which only the 10 MB full bundle registers.
 */
import type { Annotation, Data, Layout, LayoutAxis, Shape } from "plotly.js-dist";
import { DurationUnit, Unit, checkUnit, formatDuration, formatMoney, formatValue, hoverField, plotlyFormat, unitSuffix } from "./format";
import { plotlyText } from "./html";
import { Figure, figure } from "./plotly";
import { array, boolean, finite, integer, nonEmptyString, object, oneOf, rangeError, typeError } from "../internal/errors";

/** Options every builder accepts. */
export interface ChartCommon {
  /** Title above the chart. */
  readonly title?: string;
  /** Height in CSS pixels, integer in [100, 4000]; default 420. */
  readonly heightPx?: number;
}

type Axis = Partial<LayoutAxis>;

// ---- validation helpers ----------------------------------------------------

function optionalString(where: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw typeError(where, name, "a string", value);
  return value;
}

function numbers(where: string, name: string, value: unknown, opts: { allowNull?: boolean; length?: number } = {}): (number | null)[] {
  const values = array<unknown>(where, name, value, opts.length === undefined ? { min: 1 } : { min: opts.length, max: opts.length });
  return values.map((v, i) => {
    if (v === null && opts.allowNull) return null;
    return finite(where, `${name}[${i}]`, v);
  });
}

function labels(where: string, name: string, value: unknown, opts: { unique?: boolean; length?: number } = {}): string[] {
  const values = array<unknown>(where, name, value, opts.length === undefined ? { min: 1 } : { min: opts.length, max: opts.length });
  const seen = new Set<string>();
  return values.map((v, i) => {
    if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v))) {
      throw typeError(where, `${name}[${i}]`, "a string or a finite number", v);
    }
    const label = String(v);
    if (opts.unique && seen.has(label)) throw rangeError(where, `${name}[${i}]`, "unique", v);
    seen.add(label);
    return label;
  });
}

function common(where: string, options: ChartCommon): { title: string | undefined; heightPx: number | undefined } {
  const title = optionalString(where, "title", options.title);
  const heightPx = options.heightPx === undefined ? undefined : integer(where, "heightPx", options.heightPx, { min: 100, max: 4000 });
  return { title, heightPx };
}

function heightOption(heightPx: number | undefined): { heightPx?: number } {
  return heightPx === undefined ? {} : { heightPx };
}

function axis(title: string | undefined, unit: Unit | undefined, extra: Axis = {}): Axis {
  const format = plotlyFormat(unit);
  const text = title === undefined ? undefined : plotlyText(title + unitSuffix(unit));
  return {
    ...(text === undefined ? {} : { title: { text } }),
    ...(format === undefined ? {} : { tickformat: format, hoverformat: format }),
    automargin: true,
    ...extra,
  };
}

function baseLayout(title: string | undefined): Partial<Layout> {
  return {
    ...(title === undefined ? {} : { title: { text: plotlyText(title) } }),
    margin: { t: title === undefined ? 24 : 56, r: 24, b: 48, l: 64 },
    hovermode: "closest",
    legend: { orientation: "h", y: -0.2 },
  };
}

function quoted(title: string | undefined): string {
  return title === undefined ? "" : ` "${title}"`;
}

// ---- line chart ----------------------------------------------------------------

/** One line of a {@link lineChart}. */
export interface LineSeries {
  /** Legend name. */
  readonly name: string;
  /** One value per x; null leaves a gap. */
  readonly y: readonly (number | null)[];
  /** Line style; default "solid". */
  readonly dash?: "solid" | "dash" | "dot";
}

/** Options for {@link lineChart}. */
export interface LineChartOptions extends ChartCommon {
  /** The swept parameter's values, finite numbers. */
  readonly x: readonly number[];
  /** One or more series, each with one y per x. */
  readonly series: readonly LineSeries[];
  /** Axis titles. */
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Units for axis ticks and hover text; default "number". */
  readonly xUnit?: Unit;
  readonly yUnit?: Unit;
  /** Logarithmic axes (every value must then be > 0). */
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Draw a marker at each point; default true when there are <= 30 points. */
  readonly markers?: boolean;
}

/**
 * Whole-number sweeps (k = 1..5, replicas, shards) get a tick on every
 * integer rather than Plotly's automatic 0.5 steps, up to 20 ticks.
 */
function integerTicks(x: readonly number[]): Partial<LayoutAxis> {
  if (!x.every(Number.isInteger)) return {};
  // Reductions, not Math.max(...x): spreading a long series overflows the stack.
  const span = x.reduce((m, v) => Math.max(m, v), -Infinity) - x.reduce((m, v) => Math.min(m, v), Infinity);
  return span > 0 && span <= 20 ? { dtick: 1 } : {};
}

/**
 * A line chart of one or more series over a swept parameter, for example
 * P(consistent) against k for several (R, W) choices.
 * @param options x, series, titles, units, log axes, markers, heightPx
 * @throws TypeError when a value has the wrong type (NaN is a TypeError)
 * @throws RangeError when lengths differ, a list is empty, or a log axis has a value <= 0
 * @example lineChart({ x: [1, 2], series: [{ name: "R=W=1", y: [1 / 3, 5 / 9] }] }).data.length // => 1
 */
export function lineChart(options: LineChartOptions): Figure {
  const where = "display.lineChart";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const x = numbers(where, "x", options.x) as number[];
  const series = array<LineSeries>(where, "series", options.series);
  const xTitle = optionalString(where, "xTitle", options.xTitle);
  const yTitle = optionalString(where, "yTitle", options.yTitle);
  const xUnit = options.xUnit === undefined ? "number" : checkUnit(where, "xUnit", options.xUnit);
  const yUnit = options.yUnit === undefined ? "number" : checkUnit(where, "yUnit", options.yUnit);
  const logX = options.logX === undefined ? false : boolean(where, "logX", options.logX);
  const logY = options.logY === undefined ? false : boolean(where, "logY", options.logY);
  const markers = options.markers === undefined ? x.length <= 30 : boolean(where, "markers", options.markers);
  if (logX) x.forEach((v, i) => { if (!(v > 0)) throw rangeError(where, `x[${i}]`, "> 0 on a log axis", v); });
  const xField = hoverField("x", xUnit);
  const yField = hoverField("y", yUnit);
  const data: Data[] = series.map((s, si) => {
    object(where, `series[${si}]`, s);
    const name = nonEmptyString(where, `series[${si}].name`, s.name);
    const y = numbers(where, `series[${si}].y`, s.y, { allowNull: true, length: x.length });
    if (logY) y.forEach((v, i) => { if (v !== null && !(v > 0)) throw rangeError(where, `series[${si}].y[${i}]`, "> 0 on a log axis", v); });
    const dash = s.dash === undefined ? "solid" : oneOf(where, `series[${si}].dash`, s.dash, ["solid", "dash", "dot"] as const);
    const base = {
      type: "scatter" as const,
      mode: markers ? ("lines+markers" as const) : ("lines" as const),
      name: plotlyText(name),
      x: [...x],
      y,
      line: { dash },
    };
    if (xField !== undefined && yField !== undefined) {
      // One template per trace instead of a string per point: long sweeps stay small on the page.
      const template = `${plotlyText(name)}<br>${plotlyText(xTitle ?? "x")}: ${xField}<br>${plotlyText(yTitle ?? "y")}: ${yField}<extra></extra>`;
      return { ...base, hovertemplate: template };
    }
    const hover = y.map((v, i) =>
      plotlyText(`${name}\n${xTitle ?? "x"}: ${formatValue(x[i], xUnit)}\n${yTitle ?? "y"}: ${formatValue(v, yUnit)}`).replace(/\n/g, "<br>"),
    );
    return { ...base, hovertext: hover, hoverinfo: "text" as const };
  });
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    xaxis: axis(xTitle, xUnit === "number" ? undefined : xUnit, logX ? { type: "log" } : integerTicks(x)),
    yaxis: axis(yTitle, yUnit === "number" ? undefined : yUnit, logY ? { type: "log" } : {}),
    showlegend: series.length > 1,
  };
  const names = series.map((s) => s.name).join(", ");
  return figure(data, {
    layout,
    ...heightOption(heightPx),
    summary: `line chart${quoted(title)}: ${series.length} series (${names}) over ${x.length} x values`,
  });
}

// ---- heatmap -------------------------------------------------------------------

/** Options for {@link heatmap}. */
export interface HeatmapOptions extends ChartCommon {
  /** Column labels (left to right). */
  readonly x: readonly (number | string)[];
  /** Row labels (bottom to top). */
  readonly y: readonly (number | string)[];
  /** z[row][column]: one row per y label, one column per x label; null is an empty cell. */
  readonly z: readonly (readonly (number | null)[])[];
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Colour bar title. */
  readonly zTitle?: string;
  /** How cell values are shown in annotations and hover; default "number". */
  readonly zUnit?: Unit;
  /** Write each cell's value in it; default true when there are <= 400 cells. */
  readonly annotate?: boolean;
  /** Colour range; default the data's range. */
  readonly zMin?: number;
  readonly zMax?: number;
  /** A perceptually uniform, dark-to-light colour scale; default "Viridis". */
  readonly colorscale?: "Viridis" | "Cividis";
}

/**
 * A heatmap with the value written in each cell, for example the
 * probability of a consistent read over R×W for N = 3.
 * @param options x and y labels, z rows, titles, zUnit, annotate, zMin/zMax, colorscale, heightPx
 * @throws TypeError when a value has the wrong type
 * @throws RangeError when z's shape does not match y × x or zMin >= zMax
 * @example heatmap({ x: [1, 2], y: [1, 2], z: [[0.33, 0.67], [0.67, 1]] }).data[0].type // => "heatmap"
 */
export function heatmap(options: HeatmapOptions): Figure {
  const where = "display.heatmap";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const x = labels(where, "x", options.x, { unique: true });
  const y = labels(where, "y", options.y, { unique: true });
  const rows = array<readonly (number | null)[]>(where, "z", options.z, { min: y.length, max: y.length });
  const z = rows.map((row, i) => numbers(where, `z[${i}]`, row, { allowNull: true, length: x.length }));
  const xTitle = optionalString(where, "xTitle", options.xTitle);
  const yTitle = optionalString(where, "yTitle", options.yTitle);
  const zTitle = optionalString(where, "zTitle", options.zTitle);
  const zUnit = options.zUnit === undefined ? "number" : checkUnit(where, "zUnit", options.zUnit);
  const annotate = options.annotate === undefined ? x.length * y.length <= 400 : boolean(where, "annotate", options.annotate);
  const colorscale = options.colorscale === undefined ? "Viridis" : oneOf(where, "colorscale", options.colorscale, ["Viridis", "Cividis"] as const);
  const present = z.flat().filter((v): v is number => v !== null);
  const zMin = options.zMin === undefined ? present.reduce((m, v) => Math.min(m, v), Infinity) : finite(where, "zMin", options.zMin);
  const zMax = options.zMax === undefined ? present.reduce((m, v) => Math.max(m, v), -Infinity) : finite(where, "zMax", options.zMax);
  if (options.zMin !== undefined && options.zMax !== undefined && !(zMin < zMax)) {
    throw rangeError(where, "zMax", `> zMin=${zMin}`, zMax);
  }
  const xs = x.map(plotlyText);
  const ys = y.map(plotlyText);
  const hover = z.map((row, i) =>
    row.map((v, j) => plotlyText(`${xTitle ?? "x"}: ${x[j]}\n${yTitle ?? "y"}: ${y[i]}\n${zTitle ?? "value"}: ${formatValue(v, zUnit)}`).replace(/\n/g, "<br>")),
  );
  const zFormat = plotlyFormat(zUnit);
  const scaled = Number.isFinite(zMin) && Number.isFinite(zMax);
  const trace: Data = {
    type: "heatmap",
    x: xs,
    y: ys,
    z,
    colorscale,
    ...(scaled ? { zmin: zMin, zmax: zMax === zMin ? zMin + 1 : zMax } : {}),
    hovertext: hover as unknown as string[],
    hoverinfo: "text",
    colorbar: {
      ...(zTitle === undefined ? {} : { title: { text: plotlyText(zTitle) } }),
      ...(zFormat === undefined ? {} : { tickformat: zFormat }),
    },
  };
  const annotations: Partial<Annotation>[] = [];
  if (annotate) {
    const span = zMax > zMin ? zMax - zMin : 1;
    z.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        annotations.push({
          x: xs[j],
          y: ys[i],
          text: plotlyText(formatValue(v, zUnit)),
          showarrow: false,
          // Viridis and Cividis run dark to light: light text on the dark half.
          font: { color: (v - zMin) / span < 0.5 ? "white" : "black" },
        });
      }),
    );
  }
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    xaxis: { ...axis(xTitle, undefined), type: "category" },
    yaxis: { ...axis(yTitle, undefined), type: "category" },
    annotations: annotations as Annotation[],
  };
  return figure([trace], {
    layout,
    ...heightOption(heightPx),
    summary: `heatmap${quoted(title)}: ${y.length} × ${x.length} cells`,
  });
}

// ---- bars ---------------------------------------------------------------------

/** One group of bars of a {@link barChart}. */
export interface BarSeries {
  readonly name: string;
  /** One value per category. */
  readonly values: readonly number[];
}

/** Options for {@link barChart}. */
export interface BarChartOptions extends ChartCommon {
  /** Category labels, unique. */
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** How values are shown on bars, axis and hover; default "number". */
  readonly unit?: Unit;
  /** Title of the value axis. */
  readonly valueTitle?: string;
  /** "vertical" (default) or "horizontal" bars. */
  readonly orientation?: "vertical" | "horizontal";
  /** Stack the series instead of grouping them; default false. */
  readonly stacked?: boolean;
}

/**
 * Bars per category, grouped or stacked by series, with each value written
 * on its bar: cost line items, for example.
 * @param options categories, series, unit, valueTitle, orientation, stacked, heightPx
 * @throws TypeError when a value has the wrong type
 * @throws RangeError when lengths differ or a category repeats
 * @example barChart({ categories: ["S3", "NAT"], series: [{ name: "monthly", values: [23, 32.85] }], unit: "money" }).data.length // => 1
 */
export function barChart(options: BarChartOptions): Figure {
  const where = "display.barChart";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const categories = labels(where, "categories", options.categories, { unique: true });
  const series = array<BarSeries>(where, "series", options.series);
  const unit = options.unit === undefined ? "number" : checkUnit(where, "unit", options.unit);
  const valueTitle = optionalString(where, "valueTitle", options.valueTitle);
  const orientation = options.orientation === undefined ? "vertical" : oneOf(where, "orientation", options.orientation, ["vertical", "horizontal"] as const);
  const stacked = options.stacked === undefined ? false : boolean(where, "stacked", options.stacked);
  const cats = categories.map(plotlyText);
  const horizontal = orientation === "horizontal";
  const data: Data[] = series.map((s, si) => {
    object(where, `series[${si}]`, s);
    const name = nonEmptyString(where, `series[${si}].name`, s.name);
    const values = numbers(where, `series[${si}].values`, s.values, { length: categories.length }) as number[];
    const text = values.map((v) => plotlyText(formatValue(v, unit)));
    return {
      type: "bar",
      name: plotlyText(name),
      orientation: horizontal ? "h" : "v",
      x: horizontal ? values : cats,
      y: horizontal ? cats : values,
      text,
      textposition: "auto",
      hovertext: values.map((v, i) => plotlyText(`${name}\n${categories[i]}: ${formatValue(v, unit)}`).replace(/\n/g, "<br>")),
      hoverinfo: "text",
    };
  });
  const valueAxis = axis(valueTitle, unit === "number" ? undefined : unit);
  const categoryAxis: Axis = { type: "category", automargin: true };
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    barmode: stacked ? "stack" : "group",
    xaxis: horizontal ? valueAxis : categoryAxis,
    yaxis: horizontal ? { ...categoryAxis, autorange: "reversed" } : valueAxis,
    showlegend: series.length > 1,
  };
  return figure(data, {
    layout,
    ...heightOption(heightPx),
    summary: `bar chart${quoted(title)}: ${series.length} series over ${categories.length} categories`,
  });
}

// ---- waterfall -----------------------------------------------------------------

/** One step of a {@link waterfall}: a line item or a saving (negative). */
export interface WaterfallStep {
  readonly label: string;
  /** Change to the running total, in the chart's unit; negative for a saving. */
  readonly amount: number;
}

/** Options for {@link waterfall}. */
export interface WaterfallOptions extends ChartCommon {
  /** The starting total, drawn as a full bar; default none (start at 0). */
  readonly start?: WaterfallStep;
  /** The changes, in order. */
  readonly steps: readonly WaterfallStep[];
  /** Label of the final total bar; default "Total". */
  readonly totalLabel?: string;
  /** Unit of amounts; default "money". */
  readonly unit?: Unit;
  readonly valueTitle?: string;
  /** Colour increases as bad (red) and decreases as good (green), as for costs; default true. */
  readonly increaseIsBad?: boolean;
}

/**
 * A waterfall from a starting total through increases and savings to the
 * final total, each step floating from the running total before it to the
 * one after it. Drawn with bar traces whose `base` is set per bar, so it
 * needs no `waterfall` trace (absent from the basic and cartesian bundles).
 * @param options start, steps, totalLabel, unit (default "money"), valueTitle, increaseIsBad, heightPx
 * @throws TypeError when a value has the wrong type
 * @throws RangeError when steps is empty or a label repeats
 * @example waterfall({ start: { label: "Now", amount: 100 }, steps: [{ label: "Spot", amount: -30 }] }).summary // => 'waterfall: Now $100, 1 step, Total $70'
 */
export function waterfall(options: WaterfallOptions): Figure {
  const where = "display.waterfall";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const steps = array<WaterfallStep>(where, "steps", options.steps);
  const unit = options.unit === undefined ? "money" : checkUnit(where, "unit", options.unit);
  const valueTitle = optionalString(where, "valueTitle", options.valueTitle);
  const totalLabel = options.totalLabel === undefined ? "Total" : nonEmptyString(where, "totalLabel", options.totalLabel);
  const increaseIsBad = options.increaseIsBad === undefined ? true : boolean(where, "increaseIsBad", options.increaseIsBad);
  let start: { label: string; amount: number } | undefined;
  if (options.start !== undefined) {
    object(where, "start", options.start);
    start = {
      label: nonEmptyString(where, "start.label", options.start.label),
      amount: finite(where, "start.amount", options.start.amount),
    };
  }
  const items = steps.map((s, i) => {
    object(where, `steps[${i}]`, s);
    return { label: nonEmptyString(where, `steps[${i}].label`, s.label), amount: finite(where, `steps[${i}].amount`, s.amount) };
  });
  const order = [...(start ? [start.label] : []), ...items.map((s) => s.label), totalLabel];
  labels(where, "labels", order, { unique: true });

  const fmt = (v: number): string => formatValue(v, unit);
  const signedFmt = (v: number): string => (v > 0 ? `+${fmt(v)}` : fmt(v));
  interface Bar { label: string; base: number; height: number; text: string; hover: string }
  const totals: Bar[] = [];
  const up: Bar[] = [];
  const down: Bar[] = [];
  let running = start?.amount ?? 0;
  if (start) totals.push({ label: start.label, base: 0, height: start.amount, text: fmt(start.amount), hover: `${start.label}: ${fmt(start.amount)}` });
  const levels: number[] = [running];
  for (const step of items) {
    const after = running + step.amount;
    const bar = {
      label: step.label,
      base: Math.min(running, after),
      height: Math.abs(step.amount),
      text: signedFmt(step.amount),
      hover: `${step.label}: ${signedFmt(step.amount)}\n${fmt(running)} → ${fmt(after)}`,
    };
    (step.amount >= 0 ? up : down).push(bar);
    running = after;
    levels.push(running);
  }
  totals.push({ label: totalLabel, base: 0, height: running, text: fmt(running), hover: `${totalLabel}: ${fmt(running)}` });

  const good = "#2ca02c";
  const bad = "#d62728";
  const trace = (name: string, bars: Bar[], color: string): Data => ({
    type: "bar",
    name,
    x: bars.map((b) => plotlyText(b.label)),
    y: bars.map((b) => b.height),
    base: bars.map((b) => b.base),
    marker: { color },
    text: bars.map((b) => plotlyText(b.text)),
    textposition: "outside",
    cliponaxis: false,
    hovertext: bars.map((b) => plotlyText(b.hover).replace(/\n/g, "<br>")),
    hoverinfo: "text",
  });
  const data: Data[] = [trace("Total", totals, "#1f77b4")];
  if (up.length > 0) data.push(trace("Increase", up, increaseIsBad ? bad : good));
  if (down.length > 0) data.push(trace("Decrease", down, increaseIsBad ? good : bad));

  // Dotted connectors from each bar's top of the running total to the next bar.
  const firstStep = start ? 1 : 0;
  const shapes: Partial<Shape>[] = levels.map((level, i) => ({
    type: "line",
    xref: "x",
    yref: "y",
    x0: firstStep + i - 1 + 0.4,
    x1: firstStep + i - 0.4,
    y0: level,
    y1: level,
    line: { color: "#888", width: 1, dash: "dot" },
  }));
  if (!start) shapes.shift();
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    barmode: "overlay",
    xaxis: { type: "category", categoryorder: "array", categoryarray: order.map(plotlyText), automargin: true },
    yaxis: axis(valueTitle, unit === "number" ? undefined : unit),
    shapes: shapes as Shape[],
  };
  const startText = start ? ` ${start.label} ${fmt(start.amount)},` : "";
  return figure(data, {
    layout,
    ...heightOption(heightPx),
    summary: `waterfall${quoted(title)}:${startText} ${items.length} step${items.length === 1 ? "" : "s"}, ${totalLabel} ${fmt(running)}`,
  });
}

// ---- error-budget burn-down --------------------------------------------------

/** An alert to mark on a {@link burnDown}. */
export interface BurnAlert {
  /** When it fired, in the chart's time unit, within the plotted time range. */
  readonly time: number;
  readonly label: string;
  /** "page" (red triangle) or "ticket" (orange diamond); default "page". */
  readonly severity?: "page" | "ticket";
}

/** Options for {@link burnDown}. */
export interface BurnDownOptions extends ChartCommon {
  /** Elapsed time of each sample, strictly increasing, in `timeUnit`. */
  readonly time: readonly number[];
  /** Fraction of the error budget left at each time: 1 is untouched, 0 exhausted, below 0 overspent. */
  readonly remaining: readonly number[];
  /** Unit of `time` and of alert times; default "d". */
  readonly timeUnit?: "min" | "h" | "d";
  /** SLO period length in `timeUnit`; when given, an even-spend line runs from 100% at time[0] to 0% at the period's end. */
  readonly periodLength?: number;
  readonly alerts?: readonly BurnAlert[];
}

const TIME_WORDS: Readonly<Record<"min" | "h" | "d", string>> = { min: "minutes", h: "hours", d: "days" };

function interpolate(xs: readonly number[], ys: readonly number[], t: number): number {
  for (let i = 1; i < xs.length; i++) {
    const x0 = xs[i - 1] as number;
    const x1 = xs[i] as number;
    if (t <= x1) {
      const y0 = ys[i - 1] as number;
      const y1 = ys[i] as number;
      return y0 + ((y1 - y0) * (t - x0)) / (x1 - x0);
    }
  }
  return ys[ys.length - 1] as number;
}

/**
 * An error-budget burn-down: the fraction of budget left over the SLO
 * period, an optional even-spend line, a dashed line at exhaustion and
 * markers where alerts fired (Google SRE Workbook, "Alerting on SLOs").
 * @param options time, remaining, timeUnit ("min", "h" or "d"; default "d"), periodLength, alerts, title, heightPx
 * @throws TypeError when a value has the wrong type
 * @throws RangeError when lengths differ, time is not strictly increasing, or an alert lies outside the time range
 * @example burnDown({ time: [0, 15, 30], remaining: [1, 0.5, 0], periodLength: 30 }).data.length // => 2
 */
export function burnDown(options: BurnDownOptions): Figure {
  const where = "display.burnDown";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const time = numbers(where, "time", options.time) as number[];
  if (time.length < 2) throw rangeError(where, "time", "an array with length >= 2", options.time);
  time.forEach((t, i) => {
    if (i > 0 && !(t > (time[i - 1] as number))) throw rangeError(where, `time[${i}]`, `> time[${i - 1}]=${time[i - 1]}`, t);
  });
  const remaining = numbers(where, "remaining", options.remaining, { length: time.length }) as number[];
  const timeUnit = options.timeUnit === undefined ? "d" : oneOf(where, "timeUnit", options.timeUnit, ["min", "h", "d"] as const);
  const periodLength = options.periodLength === undefined ? undefined : finite(where, "periodLength", options.periodLength, { min: 0, minExclusive: true });
  const alerts = options.alerts === undefined ? [] : array<BurnAlert>(where, "alerts", options.alerts, { min: 0 });
  const t0 = time[0] as number;
  const tEnd = time[time.length - 1] as number;
  const durationUnit: DurationUnit = timeUnit;
  const when = (t: number): string => `after ${formatDuration(t - t0, durationUnit)}`;

  const data: Data[] = [
    {
      type: "scatter",
      mode: "lines",
      name: "Budget remaining",
      x: [...time],
      y: [...remaining],
      line: { color: "#1f77b4", width: 2 },
      hovertext: time.map((t, i) => `${when(t)}: ${formatValue(remaining[i], "percent")} of budget left`),
      hoverinfo: "text",
    },
  ];
  if (periodLength !== undefined) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "Even spend",
      x: [t0, t0 + periodLength],
      y: [1, 0],
      line: { color: "#888", dash: "dot" },
      hoverinfo: "skip",
    });
  }
  const checked = alerts.map((a, i) => {
    object(where, `alerts[${i}]`, a);
    const t = finite(where, `alerts[${i}].time`, a.time, { min: t0, max: tEnd, minLabel: `time[0]=${t0}`, maxLabel: `last time=${tEnd}` });
    const label = nonEmptyString(where, `alerts[${i}].label`, a.label);
    const severity = a.severity === undefined ? "page" : oneOf(where, `alerts[${i}].severity`, a.severity, ["page", "ticket"] as const);
    return { t, label, severity, y: interpolate(time, remaining, t) };
  });
  const shapes: Partial<Shape>[] = [
    { type: "line", xref: "paper", x0: 0, x1: 1, yref: "y", y0: 0, y1: 0, line: { color: "#d62728", width: 1, dash: "dash" } },
  ];
  for (const severity of ["page", "ticket"] as const) {
    const group = checked.filter((a) => a.severity === severity);
    if (group.length === 0) continue;
    const color = severity === "page" ? "#d62728" : "#ff7f0e";
    data.push({
      type: "scatter",
      mode: "markers",
      name: severity === "page" ? "Page" : "Ticket",
      x: group.map((a) => a.t),
      y: group.map((a) => a.y),
      marker: { symbol: severity === "page" ? "triangle-down" : "diamond", size: 12, color },
      hovertext: group.map((a) => plotlyText(`${severity}: ${a.label}\n${when(a.t)}, ${formatValue(a.y, "percent")} of budget left`).replace(/\n/g, "<br>")),
      hoverinfo: "text",
    });
    for (const a of group) {
      shapes.push({ type: "line", xref: "x", x0: a.t, x1: a.t, yref: "paper", y0: 0, y1: 1, line: { color, width: 1, dash: "dot" } });
    }
  }
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    xaxis: axis(`Time (${TIME_WORDS[timeUnit]})`, undefined),
    yaxis: axis("Error budget remaining", "percent", { tickformat: ".0%" }),
    shapes: shapes as Shape[],
    showlegend: true,
  };
  return figure(data, {
    layout,
    ...heightOption(heightPx),
    summary: `burn-down${quoted(title)}: ${formatValue(remaining[remaining.length - 1], "percent")} of budget left after ${formatDuration(tEnd - t0, durationUnit)}, ${checked.length} alert${checked.length === 1 ? "" : "s"}`,
  });
}

// ---- DR strategies -----------------------------------------------------------

/** One disaster-recovery strategy for {@link drScatter}. */
export interface DrPoint {
  readonly name: string;
  /** Recovery time objective, minutes, >= 0. */
  readonly rtoMinutes: number;
  /** Recovery point objective, minutes, >= 0. */
  readonly rpoMinutes: number;
  /** Running cost, US dollars per month, >= 0. */
  readonly monthlyCostUsd: number;
}

/** Options for {@link drScatter}. */
export interface DrScatterOptions extends ChartCommon {
  readonly strategies: readonly DrPoint[];
  /** Log-scale axes; default true when every RTO and RPO is > 0. */
  readonly logAxes?: boolean;
}

/**
 * DR strategies on RTO × RPO, with monthly cost as marker size (area
 * proportional to cost) and colour: the AWS Well-Architected ladder from
 * backup-and-restore to multi-site active/active (REL13-BP02).
 * @param options strategies, logAxes, title, heightPx
 * @throws TypeError when a value has the wrong type
 * @throws RangeError when a value is negative, or logAxes is true with a zero RTO or RPO
 * @example drScatter({ strategies: [{ name: "Pilot light", rtoMinutes: 30, rpoMinutes: 5, monthlyCostUsd: 800 }] }).data[0].type // => "scatter"
 */
export function drScatter(options: DrScatterOptions): Figure {
  const where = "display.drScatter";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const strategies = array<DrPoint>(where, "strategies", options.strategies).map((s, i) => {
    object(where, `strategies[${i}]`, s);
    return {
      name: nonEmptyString(where, `strategies[${i}].name`, s.name),
      rto: finite(where, `strategies[${i}].rtoMinutes`, s.rtoMinutes, { min: 0 }),
      rpo: finite(where, `strategies[${i}].rpoMinutes`, s.rpoMinutes, { min: 0 }),
      cost: finite(where, `strategies[${i}].monthlyCostUsd`, s.monthlyCostUsd, { min: 0 }),
    };
  });
  const allPositive = strategies.every((s) => s.rto > 0 && s.rpo > 0);
  const logAxes = options.logAxes === undefined ? allPositive : boolean(where, "logAxes", options.logAxes);
  if (logAxes && !allPositive) {
    strategies.forEach((s, i) => {
      if (!(s.rto > 0)) throw rangeError(where, `strategies[${i}].rtoMinutes`, "> 0 with logAxes", s.rto);
      if (!(s.rpo > 0)) throw rangeError(where, `strategies[${i}].rpoMinutes`, "> 0 with logAxes", s.rpo);
    });
  }
  const maxCost = strategies.reduce((m, s) => Math.max(m, s.cost), -Infinity);
  // formatDuration converts with mathjs (~0.1 ms a call); strategies often share an RTO or RPO.
  const durations = new Map<number, string>();
  const minutes = (m: number): string => durations.get(m) ?? (durations.set(m, formatDuration(m, "min")), durations.get(m) as string);
  // Marker area proportional to cost: diameter ∝ √cost, 10 px to 50 px.
  const size = strategies.map((s) => (maxCost > 0 ? 10 + 40 * Math.sqrt(s.cost / maxCost) : 20));
  const data: Data[] = [
    {
      type: "scatter",
      mode: "text+markers",
      name: "DR strategies",
      x: strategies.map((s) => s.rto),
      y: strategies.map((s) => s.rpo),
      text: strategies.map((s) => plotlyText(s.name)),
      textposition: "top center",
      marker: {
        size,
        color: strategies.map((s) => s.cost),
        colorscale: "Viridis",
        showscale: true,
        colorbar: { title: { text: "$ / month" }, tickformat: "$,.0f" },
        line: { color: "#333", width: 1 },
      },
      hovertext: strategies.map((s) =>
        plotlyText(`${s.name}\nRTO: ${minutes(s.rto)}\nRPO: ${minutes(s.rpo)}\nCost: ${formatMoney(s.cost)} / month`).replace(/\n/g, "<br>"),
      ),
      hoverinfo: "text",
    },
  ];
  const extra: Axis = logAxes ? { type: "log" } : { rangemode: "tozero" };
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    xaxis: axis(`RTO (minutes${logAxes ? ", log scale" : ""})`, undefined, extra),
    yaxis: axis(`RPO (minutes${logAxes ? ", log scale" : ""})`, undefined, extra),
    showlegend: false,
  };
  return figure(data, {
    layout,
    ...heightOption(heightPx),
    summary: `DR strategies${quoted(title)}: ${strategies.map((s) => s.name).join(", ")}`,
  });
}

// ---- histogram ------------------------------------------------------------------

/** Options for {@link histogram}. */
export interface HistogramOptions extends ChartCommon {
  /** The sample, finite numbers. */
  readonly values: readonly number[];
  readonly valueTitle?: string;
  /** Unit of the values for the axis; default "number". */
  readonly unit?: Unit;
  /** Most bins Plotly may use, integer in [1, 1000]; default Plotly's choice. */
  readonly bins?: number;
}

/**
 * A histogram of a sample, for example simulated read latencies.
 * @param options values, valueTitle, unit, bins, title, heightPx
 * @throws TypeError when a value has the wrong type
 * @throws RangeError when values is empty or bins is out of range
 * @example histogram({ values: [1, 2, 2, 3] }).summary // => "histogram: 4 values from 1 to 3"
 */
export function histogram(options: HistogramOptions): Figure {
  const where = "display.histogram";
  object(where, "options", options);
  const { title, heightPx } = common(where, options);
  const values = numbers(where, "values", options.values) as number[];
  const valueTitle = optionalString(where, "valueTitle", options.valueTitle);
  const unit = options.unit === undefined ? "number" : checkUnit(where, "unit", options.unit);
  const bins = options.bins === undefined ? undefined : integer(where, "bins", options.bins, { min: 1, max: 1000 });
  const data: Data[] = [{ type: "histogram", x: values, name: "count", ...(bins === undefined ? {} : { nbinsx: bins }) }];
  const layout: Partial<Layout> = {
    ...baseLayout(title),
    xaxis: axis(valueTitle, unit === "number" ? undefined : unit),
    yaxis: axis("Count", undefined),
    bargap: 0.05,
  };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return figure(data, {
    layout,
    ...heightOption(heightPx),
    summary: `histogram${quoted(title)}: ${values.length} values from ${formatValue(min, unit)} to ${formatValue(max, unit)}`,
  });
}
