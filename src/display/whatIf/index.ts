/**
 * Live what-if explorers: controls declared like the notebook's parameters,
 * and a view (library, values) => chart, table or explained result that the
 * page re-runs on every change, in Jupyter and in the exported HTML, with no
 * kernel and no network.
 *
 * The kernel side (this module) checks the contract at once (see
 * contract.ts), renders the defaults (the output wherever JavaScript does
 * not run), and writes the explorer's HTML: the controls, the default
 * render, and a script holding the declarations as JSON and the view as
 * the compiled JavaScript of the notebook's own cell. The page side is the
 * browser bundle (scripts/build-browser.ts), sent once per page like
 * plotly.js.
 *
 * The default render's charts also travel as figures in the output's
 * {@link WHAT_IF_MIME} data, so that after execution the runner and the
 * export (src/display/staticImages.ts) draw them as SVG and put each image
 * in its chart's place ({@link withStaticImages}): the PDF and pages
 * without JavaScript show the default render's charts, not a placeholder.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Explanation } from "../explain";
import { escapeHtml, scriptJson } from "../html";
import { chartHtml, checkFigure, nextChartId, plainTitle, withTextForm, type Figure, type PlotlyJson } from "../plotly";
import type { Table } from "../table";
import { nonEmptyString, object, rangeError, typeError } from "../../internal/errors";
import type * as ViewLibrary from "./library";
import { checkView, viewExpression } from "./contract";
import { type ControlDeclaration, type ControlValue, checkDeclarations, controlHtml, valueProblem } from "./controls";

export type { ControlDeclaration, ControlValue, NumberControl, SelectControl, ToggleControl, ControlDeclarations } from "./controls";
export { SAFE_GLOBALS } from "./contract";

/** The library a view receives (in the kernel and in the page). */
export type WhatIfLibrary = typeof ViewLibrary;

/** The values a view receives, typed from the declarations. */
export type WhatIfValues<C extends Record<string, ControlDeclaration>> = {
  readonly [K in keyof C]: C[K] extends { type: "boolean" } ? boolean : C[K] extends { type: "number" | "integer" } ? number : string | number;
};

/** What a view returns: one item or several, shown in order. */
export type WhatIfItem = Figure | Table | Explanation;

/** Options for {@link whatIf}. */
export interface WhatIfOptions<C extends Record<string, ControlDeclaration>> {
  /** Controls by name: type, range or allowed values, unit, description (1 to 12). */
  readonly controls: C;
  /** Starting values (e.g. the notebook's parameters); each checked against its declaration. Default: each declaration's default. */
  readonly values?: { readonly [K in keyof C]?: ControlValue };
  /**
   * The view: a function of the library and the control values only. It may
   * read its two arguments and safe globals (Math, Number, Array, JSON,
   * Object, …); anything else fails here, naming the identifier.
   */
  readonly view: (lib: WhatIfLibrary, values: WhatIfValues<C>) => WhatIfItem | readonly WhatIfItem[];
  /** A heading above the controls. */
  readonly title?: string;
  /** The explorer's name in the URL fragment (`#<key>.<control>=<value>`): a letter, then letters, digits, `-`, `_`; default a hash of the controls and view. */
  readonly key?: string;
}

/** One chart of an explorer's default render: the id of its div in the explorer's HTML, its title, its figure. */
export interface WhatIfChart {
  readonly id: string;
  readonly title: string;
  readonly figure: PlotlyJson;
}

/** What an explorer output carries under {@link WHAT_IF_MIME}: its default render's charts, for static images. */
export interface WhatIfImageData {
  readonly key: string;
  readonly charts: readonly WhatIfChart[];
}

/** A what-if explorer, ready to show. */
export interface WhatIf {
  readonly kind: "what-if";
  /** `text/html`: controls, default render, and the script that mounts it. */
  readonly html: string;
  /** Plain text: the title, the controls and the default render's text. */
  readonly text: string;
  /** The fragment key. */
  readonly key: string;
  /** The view's compiled JavaScript (the page runs it with its computed keys guarded, see contract.ts). */
  readonly viewSource: string;
  /** The values the default render used. */
  readonly values: Readonly<Record<string, ControlValue>>;
  /** The default render. */
  readonly items: readonly WhatIfItem[];
  /** The default render's charts, with the ids of their divs in `html`. */
  readonly charts: readonly WhatIfChart[];
}

/** Marker attribute of the library init output (one per page). */
export const LIBRARY_MARKER = 'data-tradeoff-lab="what-if-library"';
/** Marker attribute of an explorer's root element and mount script. */
export const WHAT_IF_MARKER = 'data-tradeoff-lab="what-if"';
/**
 * The MIME type under which an explorer output carries its default
 * render's charts ({@link WhatIfImageData}) until static images replace it.
 * No front end renders it; it is data for the image step.
 */
export const WHAT_IF_MIME = "application/vnd.tradeoff-lab.what-if+json";
/** Class of the static image that stands in an explorer chart's div where JavaScript does not run. */
export const WHAT_IF_STATIC_CLASS = "tl-whatif-static";
const MAX_ITEMS = 8;

/** The built browser bundle: dist/browser/ beside both src/ and dist/. */
export const BROWSER_BUNDLE_PATH = join(__dirname, "..", "..", "..", "dist", "browser", "tradeoff-lab.min.js");

let bundle: string | undefined;

/**
 * The init output of the what-if runtime: the browser bundle inline, which
 * defines `window.tradeoffLab` unless it exists (re-running the cell, or
 * two inits on one page, is harmless).
 * @throws Error when the bundle has not been built (`npm run build`)
 * @example libraryInitHtml().startsWith("<script") // => true
 */
export function libraryInitHtml(): string {
  if (bundle === undefined) {
    if (!existsSync(BROWSER_BUNDLE_PATH)) throw new Error(`display.whatIf: the browser bundle ${BROWSER_BUNDLE_PATH} is missing; run \`npm run build\``);
    bundle = readFileSync(BROWSER_BUNDLE_PATH, "utf8").replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
  }
  return `<script type="text/javascript" ${LIBRARY_MARKER}>\n${bundle}\n</script>`;
}

let viewLibrary: WhatIfLibrary | undefined;
function library(): WhatIfLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  viewLibrary ??= require("./library") as WhatIfLibrary;
  return viewLibrary;
}

/** FNV-1a, 32 bits, as hex: a short stable key. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

function itemHtml(where: string, item: unknown, index: number): { html: string; text: string; item: WhatIfItem; chart?: WhatIfChart } {
  const kind = typeof item === "object" && item !== null ? (item as { kind?: unknown }).kind : undefined;
  if (kind === "figure") {
    const fig = checkFigure(where, `view result[${index}]`, item);
    const id = nextChartId();
    const chart: WhatIfChart = { id, title: plainTitle(fig.layout, fig.summary), figure: { data: fig.data, layout: fig.layout, config: fig.config } };
    return { html: chartHtml(fig, { id }), text: fig.summary, item: fig, chart };
  }
  if (kind === "table" || kind === "explanation") {
    const t = item as Table | Explanation;
    return { html: t.html, text: t.text, item: t };
  }
  throw typeError(where, `view result[${index}]`, "a chart, table or explanation from lib.display", item);
}

/** A JavaScript expression made safe inside an inline script. */
function inScript(expression: string): string {
  return expression.replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
}

/**
 * A what-if explorer: controls declared like the notebook's parameters and a
 * view of (library, control values) that the page re-runs on every change,
 * redrawing in place, in Jupyter and in exported HTML opened from disk. The
 * URL fragment keeps the values, so a link shares a scenario. The contract
 * is checked here, at once: the view may read only its arguments and safe
 * globals; the defaults are rendered here too (the output wherever
 * JavaScript does not run). Show it with `display.show`.
 * @param options controls, values, view, title, key
 * @throws TypeError naming the identifier when the view reads a notebook variable or an unknown global
 * @throws TypeError or RangeError when a declaration, a value or the view's result is not allowed
 * @example
 * display.show(display.whatIf({
 *   controls: { n: { type: "integer", min: 1, max: 9, description: "replicas N" } },
 *   values: { n: 3 },
 *   view: (lib, v) => lib.display.explain({ subject: `N=${v.n}`, verdict: `majority ${lib.quorum.quorumSize(v.n)}` }),
 * }));
 */
export function whatIf<C extends Record<string, ControlDeclaration>>(options: WhatIfOptions<C>): WhatIf {
  const where = "display.whatIf";
  object(where, "options", options);
  const decls = checkDeclarations(where, options.controls);
  const viewSource = checkView(options.view);
  const given = options.values === undefined ? {} : object<Record<string, unknown>>(where, "values", options.values);
  const values: Record<string, ControlValue> = {};
  for (const [name, decl] of Object.entries(decls)) values[name] = decl.default;
  for (const [name, value] of Object.entries(given)) {
    const decl = decls[name];
    if (decl === undefined) throw rangeError(where, "values", `names of controls (${Object.keys(decls).join(", ")})`, name);
    const problem = valueProblem(decl, value);
    if (problem !== undefined) throw rangeError(where, `values.${name}`, problem, value);
    values[name] = value as ControlValue;
  }
  const title = options.title === undefined ? undefined : nonEmptyString(where, "title", options.title);
  const key = options.key === undefined ? `w${hash(`${Object.keys(decls).join(",")}|${viewSource}`)}` : nonEmptyString(where, "key", options.key);
  if (!/^[A-Za-z][\w-]{0,39}$/.test(key)) throw rangeError(where, "key", 'a letter, then up to 39 letters, digits, "-" or "_"', key);

  // The kernel renders the defaults with the very code the page runs (the view's source, its computed keys guarded).
  const expression = viewExpression(viewSource);
  const pageView = new Function(`return ${expression};`)() as (lib: WhatIfLibrary, values: unknown) => unknown;
  const result = pageView(library(), Object.freeze({ ...values }));
  const list = Array.isArray(result) ? (result as unknown[]) : [result];
  if (list.length === 0 || list.length > MAX_ITEMS) throw rangeError(where, "view result", `1 to ${MAX_ITEMS} charts, tables or explanations`, list.length);
  const rendered = list.map((item, i) => itemHtml(where, item, i));

  const id = `tl-whatif-${randomBytes(4).toString("hex")}`;
  const controls: Record<string, ControlDeclaration & { default: ControlValue }> = {};
  for (const [name, decl] of Object.entries(decls)) controls[name] = { ...decl, default: values[name] } as ControlDeclaration & { default: ControlValue };
  const spec = { id, key, controls };
  const html = [
    `<div id="${id}" class="tradeoff-lab-whatif" ${WHAT_IF_MARKER} data-whatif-key="${escapeHtml(key)}" style="border-left:3px solid #4c78a8;padding:0.3em 0 0.3em 0.8em;margin:0.5em 0;">`,
    title === undefined ? "" : `<div class="tl-whatif-title" style="font-weight:bold;margin-bottom:0.3em;">${escapeHtml(title)}</div>`,
    `<form class="tl-whatif-controls">`,
    ...Object.entries(controls).map(([name, decl]) => controlHtml(id, name, decl)),
    "</form>",
    `<p class="tl-whatif-status" role="status" aria-live="polite" style="margin:0.2em 0;min-height:1.2em;font:13px sans-serif;color:#555;"></p>`,
    `<div class="tl-whatif-output">`,
    ...rendered.map((r) => `<div class="tl-whatif-item" data-kind="${r.item.kind}">${r.html}</div>`),
    "</div>",
    "</div>",
    `<script type="text/javascript" ${WHAT_IF_MARKER}>`,
    "(function () {",
    `var spec = ${scriptJson(spec)};`,
    `var view = ${inScript(expression)};`,
    "var waited = 0;",
    "function go() {",
    "  if (window.tradeoffLab && window.Plotly) { window.tradeoffLab.mount(spec, view); return; }",
    "  if (waited >= 20000) { return; }",
    "  waited += 50; setTimeout(go, 50);",
    "}",
    "go();",
    "})();",
    "</script>",
  ].join("\n");
  const controlText = Object.entries(values)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(", ");
  const text = [`what-if${title === undefined ? "" : `: ${title}`} (${controlText})`, ...rendered.map((r) => r.text)].join("\n");
  const charts = rendered.flatMap((r) => (r.chart === undefined ? [] : [r.chart]));
  return withTextForm({ kind: "what-if" as const, html, text, key, viewSource, values: Object.freeze(values), items: rendered.map((r) => r.item), charts }, text);
}

/**
 * The MIME bundle of an explorer output: its `text/html`, its default
 * render's charts under {@link WHAT_IF_MIME} (when it has any), and
 * `text/plain`.
 * @param item a {@link WhatIf}
 * @param html the output's HTML (default `item.html`; `show` wraps it for MathJax)
 * @example
 * const w = whatIf({ controls: { n: { type: "integer", min: 1, max: 9 } }, view: (lib, v) => lib.display.lineChart({ x: [1], series: [{ name: "n", y: [v.n] }] }) });
 * Object.keys(whatIfBundle(w)) // => ["text/html", "application/vnd.tradeoff-lab.what-if+json", "text/plain"]
 */
export function whatIfBundle(item: WhatIf, html: string = item.html): Record<string, unknown> {
  const images: WhatIfImageData = { key: item.key, charts: item.charts };
  return { "text/html": html, ...(item.charts.length === 0 ? {} : { [WHAT_IF_MIME]: images }), "text/plain": item.text };
}

/**
 * An explorer's HTML with static images in its charts' places: in each
 * chart div named in `images`, the placeholder that says plotly.js is
 * missing becomes the image (a `data:` URL), which plotly.js replaces with
 * the live chart when JavaScript runs.
 * @param html an explorer output's `text/html`, as {@link whatIf} wrote it
 * @param images per chart: the div's id, the image's alt text, the SVG document
 * @returns the HTML with every image placed
 * @throws RangeError when a chart div (or its placeholder) is not in `html`
 * @example
 * const w = whatIf({ controls: { n: { type: "integer", min: 1, max: 9 } }, view: (lib, v) => lib.display.lineChart({ x: [1], series: [{ name: "n", y: [v.n] }] }) });
 * withStaticImages(w.html, [{ id: w.charts[0].id, title: "n", svg: "<svg/>" }]).includes('<img class="tl-whatif-static"') // => true
 */
export function withStaticImages(html: string, images: readonly { readonly id: string; readonly title: string; readonly svg: string }[]): string {
  let out = html;
  for (const image of images) {
    const div = `<div id="${image.id}" class="tradeoff-lab-chart" `;
    const start = out.indexOf(div);
    const placeholder = start < 0 ? -1 : out.indexOf('<p class="tradeoff-lab-chart-missing"', start);
    const end = placeholder < 0 ? -1 : out.indexOf("</p>", placeholder);
    if (end < 0 || out.lastIndexOf("</div>", placeholder) > start) throw rangeError("display.withStaticImages", "images", "ids of chart divs, with their placeholders, in the explorer's HTML", image.id);
    const src = `data:image/svg+xml;base64,${Buffer.from(image.svg, "utf8").toString("base64")}`;
    const img = `<img class="${WHAT_IF_STATIC_CLASS}" src="${src}" alt="${escapeHtml(image.title)}" style="width:100%;height:100%;object-fit:contain;">`;
    out = out.slice(0, placeholder) + img + out.slice(end + "</p>".length);
  }
  return out;
}
