/**
 * Plotly output that renders in Jupyter, in nbconvert's HTML export and
 * offline, modelled on plotly.py's `init_notebook_mode(connected=False)`:
 *
 * - one **init output** per notebook carries the whole plotly.js bundle
 *   inline and defines `window.Plotly`;
 * - each **chart** is one output with several MIME types ({@link chartBundle}):
 *   `text/html`, a div with an explicit height and a small script that
 *   draws into it when `window.Plotly` exists and polls for a while when it
 *   does not (JupyterLab renders lazily, and an exported page may run a
 *   chart's script before a later bundle); `application/vnd.plotly.v1+json`,
 *   the figure itself, which VS Code and JupyterLab draw natively; and
 *   `text/plain`, its one-line summary. The runner and the export add static
 *   images (`image/svg+xml`, `image/png`) after execution: see
 *   `staticImages.ts`.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { escapeHtml, scriptJson } from "./html";
import { array, finite, integer, nonEmptyString, object, oneOf, rangeError, typeError } from "../internal/errors";

/**
 * Which plotly.js bundle the init output embeds:
 * - `basic`: plotly.js-basic-dist-min, ~1.2 MB; traces bar, pie, scatter;
 * - `cartesian`: plotly.js-cartesian-dist-min, ~1.5 MB; adds box, contour,
 *   heatmap, histogram, histogram2d, histogram2dcontour, image,
 *   scatterternary, violin;
 * - `full`: plotly.js-dist, ~10 MB unminified; every trace type.
 */
export type PlotlyBundle = "basic" | "cartesian" | "full";

/** Every bundle, smallest first. */
export const PLOTLY_BUNDLES: readonly PlotlyBundle[] = ["basic", "cartesian", "full"];

/**
 * The default bundle: the smallest that draws every chart the builders in
 * this module make. The waterfall is drawn with bar traces (`base` set per
 * bar), so the heatmap and the histogram are what need "cartesian".
 */
export const DEFAULT_BUNDLE: PlotlyBundle = "cartesian";

/**
 * Trace types registered by each partial bundle, as the bundles' READMEs
 * list them; test/browser checks them against `Plotly.PlotSchema` in
 * Chromium. `full` registers every type.
 */
export const BUNDLE_TRACES: Readonly<Record<Exclude<PlotlyBundle, "full">, readonly string[]>> = {
  basic: ["bar", "pie", "scatter"],
  cartesian: [
    "bar",
    "box",
    "contour",
    "heatmap",
    "histogram",
    "histogram2d",
    "histogram2dcontour",
    "image",
    "pie",
    "scatter",
    "scatterternary",
    "violin",
  ],
};

const BUNDLE_FILES: Readonly<Record<PlotlyBundle, string>> = {
  basic: "plotly.js-basic-dist-min/plotly-basic.min.js",
  cartesian: "plotly.js-cartesian-dist-min/plotly-cartesian.min.js",
  full: "plotly.js-dist/plotly.js",
};

/**
 * A Plotly trace as JSON (plotly.js's `Data`): `type` plus any attributes.
 * The public types are deliberately loose: plotly.js's own declarations are
 * 1.2 MB that tslab would compile against in every notebook (about 130 ms
 * of CPU in each import cell). The library's chart builders are checked
 * against plotly.js's types inside the library.
 */
export type PlotlyTrace = { readonly type?: string } & { readonly [attribute: string]: unknown };
/** A Plotly layout as JSON (plotly.js's `Partial<Layout>`). */
export type PlotlyLayout = { readonly [attribute: string]: unknown };
/** A Plotly config as JSON (plotly.js's `Partial<Config>`). */
export type PlotlyConfig = { readonly [option: string]: unknown };

/** A chart ready to show: Plotly's figure plus the height of its div. */
export interface Figure {
  readonly kind: "figure";
  /** Plotly traces. */
  readonly data: PlotlyTrace[];
  /** Plotly layout; `height` equals `heightPx`. */
  readonly layout: PlotlyLayout;
  /** Plotly config (responsive, no Plotly logo). */
  readonly config: PlotlyConfig;
  /** Height of the chart's div in CSS pixels. */
  readonly heightPx: number;
  /** One line describing the chart, used as its plain-text form. */
  readonly summary: string;
}

/**
 * A chart's title as plain text: the layout's title (a string or
 * `{ text }`) without Plotly's tags and with `&lt;`, `&gt;`, `&amp;`
 * decoded, else `fallback` without a leading "chart: ".
 * @param layout a Plotly layout, or undefined
 * @param fallback the text when the layout has no title, e.g. the figure's summary
 * @example plainTitle({ title: { text: "p99 <b>latency</b><br>N=3" } }, "chart") // => "p99 latency N=3"
 */
export function plainTitle(layout: PlotlyLayout | undefined, fallback: string): string {
  const title = layout?.["title"];
  const text = typeof title === "string" ? title : typeof title === "object" && title !== null ? (title as { text?: unknown }).text : undefined;
  if (typeof text === "string" && text.trim() !== "") {
    return text.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }
  return fallback.replace(/^chart: /, "");
}

/** Options for {@link figure}. */
export interface FigureOptions {
  /** Plotly layout; `height` is taken from `heightPx`. */
  readonly layout?: PlotlyLayout;
  /** Plotly config, merged over `{ responsive: true, displaylogo: false }`. */
  readonly config?: PlotlyConfig;
  /** Height in CSS pixels, integer in [100, 4000]; default 420. */
  readonly heightPx?: number;
  /** Plain-text description; default "chart: <title>". */
  readonly summary?: string;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * Gives an output object a plain-text form for `console.log` (which is how
 * tslab prints a cell's last expression) without making it enumerable.
 * Internal to the display stage.
 */
export function withTextForm<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, inspectSymbol, { value: () => text, enumerable: false });
  return Object.freeze(value);
}

/**
 * Wraps hand-made Plotly traces and layout as a {@link Figure}, for charts
 * the builders do not cover. Text inside the traces is used as given (Plotly
 * interprets `<b>`, `<br>`): escape data-derived labels yourself.
 * @param data Plotly traces, a non-empty array of objects
 * @param options layout, config, heightPx (integer in [100, 4000], default 420), summary
 * @throws TypeError when `data` is not an array of objects
 * @throws RangeError when `data` is empty or `heightPx` is out of range
 * @example figure([{ type: "bar", x: ["a"], y: [1] }]).heightPx // => 420
 */
export function figure(data: readonly PlotlyTrace[], options: FigureOptions = {}): Figure {
  const where = "display.figure";
  checkTraces(where, "data", array(where, "data", data));
  object(where, "options", options);
  if (options.layout !== undefined) object(where, "layout", options.layout);
  if (options.config !== undefined) object(where, "config", options.config);
  if (options.summary !== undefined && typeof options.summary !== "string") throw typeError(where, "summary", "a string", options.summary);
  jsonData(where, "data", data);
  const heightPx = options.heightPx === undefined ? 420 : integer(where, "heightPx", options.heightPx, { min: 100, max: 4000 });
  const layout: PlotlyLayout = { ...(options.layout ?? {}), height: heightPx, autosize: true };
  const config: PlotlyConfig = { responsive: true, displaylogo: false, ...(options.config ?? {}) };
  const titleObject = layout["title"];
  const title = typeof titleObject === "object" && titleObject !== null ? (titleObject as { text?: unknown }).text : undefined;
  const summary = options.summary ?? `chart: ${title ?? `${data.length} trace${data.length === 1 ? "" : "s"}`}`;
  return withTextForm({ kind: "figure" as const, data: [...data] as PlotlyTrace[], layout, config, heightPx, summary }, summary);
}

/**
 * Trace types a figure uses, deduplicated and sorted (`scatter` when unset).
 * @param fig a {@link Figure}
 * @example traceTypes(figure([{ type: "bar" }, {}])) // => ["bar", "scatter"]
 */
export function traceTypes(fig: Figure): string[] {
  return typesOf("display.traceTypes", "fig", fig);
}

function typesOf(where: string, name: string, fig: unknown): string[] {
  return [...new Set(checkFigure(where, name, fig).data.map((trace) => trace.type ?? "scatter"))].sort();
}

/** Traces are objects whose `type`, when given, is a string. */
function checkTraces(where: string, name: string, data: readonly unknown[]): void {
  data.forEach((trace, i) => {
    const t = object<PlotlyTrace>(where, `${name}[${i}]`, trace);
    if (t.type !== undefined && typeof t.type !== "string") throw typeError(where, `${name}[${i}].type`, "a trace type name (string)", t.type);
  });
}

/** Figures travel as JSON into the page: a BigInt or a cycle is refused here, not by JSON.stringify mid-render. */
function jsonData(where: string, name: string, value: unknown): void {
  try {
    JSON.stringify(value);
  } catch (error) {
    throw typeError(where, name, `JSON data (${(error as Error).message.split("\n")[0]})`, value);
  }
}

/**
 * The smallest bundle that registers every trace type of the given
 * figures.
 * @example smallestBundle([figure([{ type: "heatmap", z: [[1]] }])]) // => "cartesian"
 */
export function smallestBundle(figures: readonly Figure[]): PlotlyBundle {
  const where = "display.smallestBundle";
  const needed = new Set(array<Figure>(where, "figures", figures, { min: 0 }).flatMap((fig, i) => typesOf(where, `figures[${i}]`, fig)));
  for (const bundle of PLOTLY_BUNDLES) {
    if (bundleCovers(bundle, needed)) return bundle;
  }
  return "full";
}

/** Whether `bundle` registers every trace type in `types`. */
export function bundleCovers(bundle: PlotlyBundle, types: Iterable<string>): boolean {
  if (bundle === "full") return true;
  const registered = BUNDLE_TRACES[bundle];
  for (const type of types) if (!registered.includes(type)) return false;
  return true;
}

const bundleCache = new Map<PlotlyBundle, string>();

/**
 * Absolute path of a bundle's JavaScript file in node_modules.
 * @param bundle "basic", "cartesian" or "full"
 * @throws RangeError when `bundle` is not one of those
 * @example bundlePath("basic") // => ".../node_modules/plotly.js-basic-dist-min/plotly-basic.min.js"
 */
export function bundlePath(bundle: PlotlyBundle): string {
  oneOf("display.bundlePath", "bundle", bundle, PLOTLY_BUNDLES);
  return require.resolve(BUNDLE_FILES[bundle]);
}

/**
 * The plotly.js version of a bundle, read from its package.json.
 * @param bundle "basic", "cartesian" or "full"
 * @throws RangeError when `bundle` is not one of those
 * @example bundleVersion("cartesian") // => "4.1.1"
 */
export function bundleVersion(bundle: PlotlyBundle): string {
  oneOf("display.bundleVersion", "bundle", bundle, PLOTLY_BUNDLES);
  const pkg = BUNDLE_FILES[bundle].split("/")[0] ?? "";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

function bundleSource(bundle: PlotlyBundle): string {
  let source = bundleCache.get(bundle);
  if (source === undefined) {
    // The bundles contain no `</script` or `<!--` today (a test checks it);
    // if a future one does, break the sequences up so the inline script
    // element cannot end early.
    source = readFileSync(bundlePath(bundle), "utf8")
      .replace(/<\/script/gi, "<\\/script")
      .replace(/<!--/g, "<\\!--");
    bundleCache.set(bundle, source);
  }
  return source;
}

/** Marker attribute on the init output's script, for counting per page. */
export const INIT_MARKER = 'data-tradeoff-lab="plotly-init"';

/**
 * The init output: one `<script>` that defines `window.Plotly` from the
 * bundle inline. It does nothing when `window.Plotly` already exists, so a
 * re-run of the init cell, or two init outputs on one page, is harmless.
 * Classic Notebook pages load require.js; while the bundle runs, the global
 * `define` is hidden (as plotly.py does) so that no UMD wrapper inside the
 * bundle registers an anonymous AMD module ("Mismatched anonymous
 * define()") instead of setting `window.Plotly`.
 * @param bundle "basic", "cartesian" or "full"; default "cartesian"
 * @throws RangeError when `bundle` is not one of those
 * @example plotlyInitHtml("basic").startsWith("<script") // => true
 */
export function plotlyInitHtml(bundle: PlotlyBundle = DEFAULT_BUNDLE): string {
  oneOf("display.plotlyInitHtml", "bundle", bundle, PLOTLY_BUNDLES);
  const attributes = `${INIT_MARKER} data-bundle="${bundle}" data-plotly-version="${escapeHtml(bundleVersion(bundle))}"`;
  return initScript(bundleSource(bundle), attributes);
}

/**
 * Wraps a UMD bundle's source in the init script: skip when `window.Plotly`
 * exists, hide an AMD `define` while the bundle runs, restore it after.
 * Internal (exported for the browser test of the require.js case).
 */
export function initScript(source: string, attributes = INIT_MARKER): string {
  return [
    `<script type="text/javascript" ${attributes}>`,
    "(function () {",
    "if (window.Plotly && typeof window.Plotly.newPlot === 'function') { return; }",
    "var hasDefine = typeof window.define === 'function';",
    "var savedDefine = window.define;",
    "if (hasDefine) { window.define = undefined; }",
    "try {",
    source,
    "} finally {",
    "if (hasDefine) { window.define = savedDefine; }",
    "}",
    "})();",
    "</script>",
  ].join("\n");
}

/**
 * The message a chart shows until (and unless) plotly.js arrives. Jupyter
 * runs no output script in an untrusted notebook, so re-running one cell
 * cannot help: trusting the notebook, or running every cell, does.
 */
export const MISSING_PLOTLY_MESSAGE =
  "This chart is drawn by JavaScript, which Jupyter does not run in an untrusted notebook. " +
  "Use File → Trust Notebook, or run all cells (Cell → Run All).";

/** The MIME type of a Plotly figure as JSON, which VS Code and JupyterLab draw natively. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A figure as the `application/vnd.plotly.v1+json` MIME type carries it. */
export interface PlotlyJson {
  readonly data: PlotlyTrace[];
  readonly layout: PlotlyLayout;
  readonly config: PlotlyConfig;
}

/**
 * The MIME bundle of one chart output: `text/html` (the interactive chart,
 * {@link chartHtml}), `application/vnd.plotly.v1+json` (the figure) and
 * `text/plain` (its summary). Static images are added after execution.
 * @param fig a {@link Figure}
 * @param html the chart's `text/html`; default `chartHtml(fig)`
 * @throws TypeError when `fig` is not a figure
 * @example Object.keys(chartBundle(figure([{ type: "bar", y: [1] }]))) // => ["text/html", "application/vnd.plotly.v1+json", "text/plain"]
 */
export function chartBundle(fig: Figure, html?: string): Record<string, unknown> {
  checkFigure("display.chartBundle", "fig", fig);
  const json: PlotlyJson = { data: fig.data, layout: fig.layout, config: fig.config };
  return { "text/html": html ?? chartHtml(fig), [PLOTLY_MIME]: json, "text/plain": fig.summary };
}

/** Options for {@link chartHtml}. */
export interface ChartHtmlOptions {
  /** The div's id: letters, digits, `-` and `_`; default a unique `tl-chart-<n>-<random>`. */
  readonly id?: string;
  /** How long to wait for `window.Plotly`, ms, integer in [0, 600000]; default 10000. */
  readonly waitMs?: number;
  /** Polling interval while waiting, ms, integer in [10, 10000]; default 50. */
  readonly pollMs?: number;
  /**
   * What the div shows until plotly.js draws (HTML, trusted: the caller
   * builds it, e.g. the export's static `<img>`); default the
   * {@link MISSING_PLOTLY_MESSAGE} paragraph.
   */
  readonly fallbackHtml?: string;
}

let chartCounter = 0;

/** A fresh chart div id: a process-wide counter plus a random suffix. */
export function nextChartId(): string {
  chartCounter += 1;
  return `tl-chart-${chartCounter}-${randomBytes(3).toString("hex")}`;
}

/**
 * The `text/html` output of one chart: a div with an explicit height that
 * says what to do until plotly.js draws into it, and a script that draws
 * when `window.Plotly` exists or polls every `pollMs` for up to `waitMs`.
 * The figure's JSON is escaped so no string in the data can end the script.
 * @param fig a {@link Figure} from a builder or {@link figure}
 * @param options id, waitMs (default 10000), pollMs (default 50), fallbackHtml
 * @throws TypeError when `fig` is not a figure
 * @throws RangeError when an option is out of range
 * @example chartHtml(figure([{ type: "bar", x: ["a"], y: [1] }]), { id: "c1" }).startsWith('<div id="c1"') // => true
 */
export function chartHtml(fig: Figure, options: ChartHtmlOptions = {}): string {
  const where = "display.chartHtml";
  checkFigure(where, "fig", fig);
  object(where, "options", options);
  const id = options.id === undefined ? nextChartId() : nonEmptyString(where, "id", options.id);
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw rangeError(where, "id", 'an HTML id (a letter, then letters, digits, "-" or "_")', id);
  const waitMs = options.waitMs === undefined ? 10_000 : integer(where, "waitMs", options.waitMs, { min: 0, max: 600_000 });
  const pollMs = options.pollMs === undefined ? 50 : integer(where, "pollMs", options.pollMs, { min: 10, max: 10_000 });
  const payload = scriptJson({ data: fig.data, layout: fig.layout, config: fig.config });
  if (options.fallbackHtml !== undefined && typeof options.fallbackHtml !== "string") throw typeError(where, "fallbackHtml", "a string of HTML", options.fallbackHtml);
  const fallback =
    options.fallbackHtml === undefined
      ? `<p class="tradeoff-lab-chart-missing" style="margin:0;padding:1em;color:#666;font:14px sans-serif;">${escapeHtml(MISSING_PLOTLY_MESSAGE)}</p>`
      : options.fallbackHtml;
  return [
    `<div id="${id}" class="tradeoff-lab-chart" style="width:100%;height:${fig.heightPx}px;">`,
    fallback,
    "</div>",
    '<script type="text/javascript">',
    "(function () {",
    `var id = ${scriptJson(id)}, figure = ${payload};`,
    `var waited = 0, waitMs = ${waitMs}, pollMs = ${pollMs};`,
    "function draw() {",
    "  var el = document.getElementById(id);",
    "  if (el && window.Plotly && typeof window.Plotly.newPlot === 'function') {",
    "    el.textContent = '';",
    "    window.Plotly.newPlot(el, figure.data, figure.layout, figure.config).catch(function (e) {",
    "      el.textContent = 'Plotly could not draw this chart: ' + e;",
    "    });",
    "    return;",
    "  }",
    "  if (waited >= waitMs) { return; }",
    "  waited += pollMs;",
    "  setTimeout(draw, pollMs);",
    "}",
    "draw();",
    "})();",
    "</script>",
  ].join("\n");
}

/** Checks that a value is a {@link Figure}. Internal. */
export function checkFigure(where: string, name: string, value: unknown): Figure {
  object(where, name, value);
  const fig = value as Partial<Figure>;
  if (fig.kind !== "figure" || !Array.isArray(fig.data)) {
    throw typeError(where, name, "a figure from a display builder", value);
  }
  checkTraces(where, `${name}.data`, array(where, `${name}.data`, fig.data, { min: 0 }));
  object(where, `${name}.layout`, fig.layout);
  object(where, `${name}.config`, fig.config);
  finite(where, `${name}.heightPx`, fig.heightPx, { min: 1 });
  jsonData(where, name, { data: fig.data, layout: fig.layout, config: fig.config });
  return value as Figure;
}
