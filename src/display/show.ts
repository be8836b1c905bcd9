/**
 * Sending output to the notebook.
 *
 * Inside a tslab kernel, `show` sends each item as one display message
 * through tslab's `lastWriteDisplayData`, which carries a whole MIME bundle:
 * a chart goes out as `text/html`, `application/vnd.plotly.v1+json` and
 * `text/plain` together; a table or explanation as `text/html`. tslab's
 * public `display` API would send one MIME type per message, i.e. one
 * output per type. tslab is found lazily, through the module cache, only when
 * something is shown: importing the library outside a kernel never loads
 * it. Outside a kernel (a script, a test) `show` prints each item's plain-
 * text form to stdout. `setSink` redirects output anywhere, e.g. into an
 * array in a test.
 */
import type { Explanation } from "./explain";
import {
  DEFAULT_BUNDLE,
  Figure,
  chartBundle,
  PLOTLY_BUNDLES,
  PlotlyBundle,
  bundleCovers,
  chartHtml,
  checkFigure,
  plotlyInitHtml,
  smallestBundle,
  traceTypes,
} from "./plotly";
import type { Table } from "./table";
import { libraryInitHtml, whatIfBundle, type WhatIf } from "./whatIf";
import { object, oneOf, rangeError, typeError } from "../internal/errors";
import { tslabJupyter } from "../internal/kernel";

/** Anything `show` can send: a chart, a table, an explained result or a what-if explorer. */
export type Showable = Figure | Table | Explanation | WhatIf;

/** One output for a sink: the HTML to display and its plain-text form. */
export interface SinkOutput {
  /** `text/html` content. */
  readonly html: string;
  /** Plain text for logs; empty for the plotly init output. */
  readonly text: string;
  /** The whole MIME bundle when the output has more than `text/html` (a chart: html, plotly JSON, plain text). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Where `show` sends outputs. */
export type Sink = (output: SinkOutput) => void;

/** The default sink: tslab's display in a kernel, stdout elsewhere. */
const defaultSink: Sink = (output) => {
  const kernel = tslabJupyter();
  if (kernel) kernel.writeDisplayData({ data: { ...(output.data ?? { "text/html": output.html }) }, metadata: {} }, false);
  else if (output.text !== "") process.stdout.write(`${output.text}\n`);
};

let sink: Sink = defaultSink;
/** The bundle each sink has received, so a page gets the bundle once. */
const initialised = new WeakMap<Sink, PlotlyBundle>();
/** Sinks that have received the what-if runtime. */
const runtimeSent = new WeakSet<Sink>();

/**
 * Sends outputs somewhere else (a test's array, another kernel's API).
 * The plotly init state belongs to the sink: a new sink gets its own init.
 * @param next the new sink, or undefined to restore the default
 * @returns the sink that was in place
 * @throws TypeError when `next` is neither a function nor undefined
 * @example const outputs: SinkOutput[] = []; setSink((o) => outputs.push(o)); // show(...) now appends
 */
export function setSink(next: Sink | undefined): Sink {
  if (next !== undefined && typeof next !== "function") throw typeError("display.setSink", "sink", "a function or undefined", next);
  const previous = sink;
  sink = next ?? defaultSink;
  return previous;
}

function isShowable(value: unknown): value is Showable {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === "figure" || kind === "table" || kind === "explanation" || kind === "what-if";
}

/**
 * The HTML `show` would send for an item (a new chart id each call for a
 * figure). Useful to embed output in other HTML, and in tests.
 * @param item a figure, table or explanation
 * @throws TypeError when `item` is none of those
 * @example toHtml(explain({ subject: "N=3", verdict: "ok" })).startsWith("<div") // => true
 */
export function toHtml(item: Showable): string {
  return render("display.toHtml", "item", item).html;
}

function render(where: string, name: string, item: unknown): SinkOutput {
  if (!isShowable(item)) throw typeError(where, name, "a figure, table, explanation or what-if from display", item);
  if (item.kind === "figure") {
    checkFigure(where, name, item);
    const html = outsideMathJax(chartHtml(item));
    return { html, text: item.summary, data: chartBundle(item, html) };
  }
  if (typeof item.html !== "string") throw typeError(where, `${name}.html`, "a string of HTML", item.html);
  if (typeof item.text !== "string") throw typeError(where, `${name}.text`, "a string", item.text);
  const html = outsideMathJax(item.html);
  // An explorer's default charts go along as figures, for the static images added after execution.
  return item.kind === "what-if" && Array.isArray(item.charts) && item.charts.length > 0 ? { html, text: item.text, data: whatIfBundle(item, html) } : { html, text: item.text };
}

/**
 * Marks an output for MathJax to skip. Notebook and JupyterLab typeset
 * `$…$` in outputs as TeX, so two dollar amounts in one table or chart would
 * turn the text between them into math; both honour the `tex2jax_ignore`
 * class.
 */
function outsideMathJax(html: string): string {
  return `<div class="tex2jax_ignore">${html}</div>`;
}

/** Options for {@link plotlyInit}. */
export interface PlotlyInitOptions {
  /** "basic", "cartesian" (default; covers every builder) or "full". */
  readonly bundle?: PlotlyBundle;
}

/**
 * Shows the plotly init output: the plotly.js bundle inline, defining
 * `window.Plotly` for every chart on the page. Call it once near the top
 * of a notebook. Calling it again re-sends it (a re-run cell clears its old
 * output, and the page must keep one copy); in the browser a second copy
 * does nothing. Charts shown before any init send one automatically.
 * @param options bundle: "basic", "cartesian" (default) or "full"
 * @throws RangeError when `bundle` is not one of those
 * @example plotlyInit(); // in a notebook's first code cell
 */
export function plotlyInit(options: PlotlyInitOptions = {}): void {
  object("display.plotlyInit", "options", options);
  const bundle = options.bundle === undefined ? DEFAULT_BUNDLE : oneOf("display.plotlyInit", "bundle", options.bundle, PLOTLY_BUNDLES);
  const target = sink;
  target({ html: plotlyInitHtml(bundle), text: "" });
  initialised.set(target, bundle);
}

/**
 * Shows charts, tables and explained results in the notebook, one output
 * each (a chart's carries its figure as JSON too). Before the first chart on a sink that has had no
 * plotly init, it sends the init output (the smallest bundle covering the
 * chart, at least the default), so the bundle is on the page exactly once.
 * @param items figures, tables or explanations
 * @throws TypeError when an item is none of those
 * @throws RangeError when a chart needs a trace type the loaded bundle lacks
 * @example show(lineChart({ x: [1, 2], series: [{ name: "p", y: [0.3, 0.5] }] }), table(rows));
 */
export function show(...items: Showable[]): void {
  const outputs = items.map((item, i) => {
    const output = render("display.show", `items[${i}]`, item);
    return { item, output };
  });
  const target = sink;
  for (const { item, output } of outputs) {
    if (item.kind === "what-if") {
      if (!initialised.has(target)) {
        target({ html: plotlyInitHtml(DEFAULT_BUNDLE), text: "" });
        initialised.set(target, DEFAULT_BUNDLE);
      }
      if (!runtimeSent.has(target)) {
        target({ html: libraryInitHtml(), text: "" });
        runtimeSent.add(target);
      }
    }
    if (item.kind === "figure") {
      const loaded = initialised.get(target);
      if (loaded === undefined) {
        const bundle = PLOTLY_BUNDLES[Math.max(PLOTLY_BUNDLES.indexOf(DEFAULT_BUNDLE), PLOTLY_BUNDLES.indexOf(smallestBundle([item])))] ?? "full";
        target({ html: plotlyInitHtml(bundle), text: "" });
        initialised.set(target, bundle);
      } else if (!bundleCovers(loaded, traceTypes(item))) {
        throw rangeError(
          "display.show",
          "chart trace types",
          `in the "${loaded}" plotly bundle already on the page (use display.plotlyInit({ bundle: "${smallestBundle([item])}" }) before the first chart)`,
          traceTypes(item).join(", "),
        );
      }
    }
    target(output);
  }
}
