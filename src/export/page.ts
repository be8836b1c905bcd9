/**
 * The page stage: an executed notebook made ready for nbconvert, and
 * nbconvert's HTML finished into a site page.
 *
 * Before conversion ({@link preparePage}) every output is reduced to the one
 * MIME type the page shows, built or cleaned by the exporter:
 * - a chart (`application/vnd.plotly.v1+json`) becomes the exporter's own
 *   chart HTML: its static SVG as an `<img>` (a file under `img/`, or inline
 *   in a single-file page) that plotly.js replaces with the interactive
 *   chart when JavaScript runs; its script is written here from the figure
 *   JSON, never copied from the notebook;
 * - a what-if explorer keeps its script only when the export executed the
 *   notebook itself and the output has exactly the what-if module's shape
 *   ({@link isWhatIfOutput}); its view is the notebook's own code;
 * - every other `text/html` or `text/markdown` output is sanitized, SVG is
 *   shown through `<img>` (where its scripts cannot run), and JavaScript
 *   outputs and the plotly init output are dropped;
 * - a markdown cell is rendered here (formulas typeset, HTML sanitized) and
 *   replaced by a placeholder that {@link finishPage} swaps for the result,
 *   so nbconvert's own Markdown and MathJax handling never see it.
 * In report mode, exercise prompts, exercise cells and ✓/✗ verdicts go too.
 */
import { randomBytes } from "node:crypto";
import type { Cell, MimeBundle, Notebook, Output } from "../runner";
import { INIT_MARKER, PLOTLY_MIME, PlotlyJson, chartHtml, Figure, plainTitle } from "../display/plotly";
import { escapeHtml } from "../display/html";
import { VERDICT_MIME } from "../exercises/check";
import { LIBRARY_MARKER, libraryInitHtml } from "../display/whatIf";
import { renderMarkdown } from "./formulas";
import { sanitizeHtml } from "./sanitize";

/** One chart of a page, with its static image. */
export interface FigureEntry {
  /** 1-based, in page order. */
  readonly number: number;
  /** The chart's title (or its summary). */
  readonly title: string;
  /** Path of the SVG relative to the site, e.g. `img/04-quorums/figure-01.svg`; undefined when no image was made. */
  readonly file?: string;
  /** The SVG document (when there is one). */
  readonly svg?: string;
}

/** Options for {@link preparePage}. */
export interface PrepareOptions {
  /** The page's file name without extension; names its image folder. */
  readonly name: string;
  /** Hide exercise prompts, exercise cells and verdicts (code is hidden by nbconvert). */
  readonly report: boolean;
  /** Images inline as `data:` URLs instead of files under `img/`. */
  readonly singleFile: boolean;
  /**
   * The export executed this notebook itself in this run, so its what-if
   * explorers came from this run's kernel: they keep their script (the view
   * is the notebook's own code). Otherwise they are sanitized like any HTML
   * and show their default render.
   */
  readonly executedHere: boolean;
}

/** A notebook ready for nbconvert and what {@link finishPage} needs to finish its HTML. */
export interface PreparedPage {
  readonly notebook: Notebook;
  readonly figures: readonly FigureEntry[];
  /** Placeholder text → the rendered markdown cell. */
  readonly markdown: ReadonlyMap<string, string>;
  /** Formulas typeset. */
  readonly formulas: number;
  /** The page needs plotly.js: it has charts or what-if explorers. */
  readonly needsPlotly: boolean;
  /** What-if explorers kept with their script (a site then ships {@link SHARED_WHAT_IF_FILE}). */
  readonly explorers: number;
}

const EXERCISE_PROMPT = /^\s*\*\*Exercise \d\d\.\d+\*\*/;
/** A verdict `exercises.check` printed as text (outside a kernel): `✓ 04.1 …` or `✗ 04.1 … — hint`. */
const VERDICT = /^[✓✗] \d\d\.\d+ /;
/** The progress line `exercises.progress` prints: `Exercises in 04: 2 of 4 done (…)`. */
const EXERCISE_SUMMARY = /^Exercises in \d\d: \d+ of \d+ done/;

function text(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** A chart's title as plain text (see `plainTitle`), from its figure and its `text/plain` summary; "chart" when it has neither. */
export function figureTitle(fig: PlotlyJson, plain: unknown): string {
  const summary = typeof plain === "string" ? plain : Array.isArray(plain) ? plain.join("") : "";
  return plainTitle(fig.layout, summary) || "chart";
}

/** The export's chart HTML: the static image inside the chart div, the drawing script after it. */
function chartOutput(fig: PlotlyJson, entry: FigureEntry, src: string | undefined): string {
  const height = typeof fig.layout?.height === "number" ? fig.layout.height : 420;
  const figure: Figure = { kind: "figure", data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {}, heightPx: height, summary: entry.title };
  const fallback =
    src === undefined
      ? undefined
      : `<img class="tradeoff-lab-static" src="${escapeHtml(src)}" alt="${escapeHtml(entry.title)}" style="width:100%;height:100%;object-fit:contain;">`;
  const chart = chartHtml(figure, { id: `figure-${entry.number}`, ...(fallback === undefined ? {} : { fallbackHtml: fallback }) });
  const link = entry.file === undefined ? "" : ` · <a href="${escapeHtml(entry.file)}">SVG</a>`;
  return `<figure class="tradeoff-lab-figure" style="margin:0;break-inside:avoid;page-break-inside:avoid;">${chart}<figcaption style="font:13px sans-serif;color:#555;">Figure ${entry.number}. ${escapeHtml(entry.title)}${link}</figcaption></figure>`;
}

function asHtmlOutput(output: Output, html: string): Output {
  if (output.output_type !== "display_data" && output.output_type !== "execute_result") return output;
  return { ...output, data: { "text/html": html }, metadata: {} };
}

function base64(textValue: string): string {
  return Buffer.from(textValue, "utf8").toString("base64");
}

/**
 * The notebook as a report shows it: without exercise prompts (markdown
 * cells that start with `**Exercise NN.n**`), exercise cells (tagged
 * `exercise`) and the ✓/✗ verdict lines `exercises.check` prints; a cell
 * left with no output is dropped. The input is not changed.
 * @example forReport(nb).cells.length <= nb.cells.length // => true
 */
export function forReport(nb: Notebook): Notebook {
  const cells: Cell[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type === "markdown" && EXERCISE_PROMPT.test(text(cell.source))) continue;
    if (cell.cell_type !== "code") {
      cells.push(cell);
      continue;
    }
    if ((cell.metadata.tags ?? []).includes("exercise")) continue;
    const outputs: Output[] = [];
    for (const output of cell.outputs) {
      if (output.output_type !== "stream") {
        // A check's structured verdict (display_data) goes with the printed ones.
        if (!((output.output_type === "display_data" || output.output_type === "execute_result") && VERDICT_MIME in output.data)) outputs.push(output);
        continue;
      }
      const kept = text(output.text)
        .split(/(?<=\n)/)
        .filter((line) => !VERDICT.test(line.replace(/\n$/, "")) && !EXERCISE_SUMMARY.test(line))
        .join("");
      if (kept.trim() !== "") outputs.push({ ...output, text: kept });
    }
    if (outputs.length === 0 && cell.outputs.length > 0) continue;
    cells.push({ ...cell, outputs });
  }
  return { ...nb, cells };
}

/**
 * Prepares an executed notebook for nbconvert (see the module comment).
 * The input is not changed.
 * @param nb an executed notebook (charts with `image/svg+xml` get an image)
 * @param options name, report, singleFile
 * @example const page = preparePage(nb, { name: "04-quorums", report: false, singleFile: false });
 */
export function preparePage(nb: Notebook, options: PrepareOptions): PreparedPage {
  const nonce = randomBytes(6).toString("hex");
  const figures: FigureEntry[] = [];
  const markdown = new Map<string, string>();
  let formulas = 0;
  const cells: Cell[] = [];
  const kept = { explorers: 0 };
  for (const cell of (options.report ? forReport(nb) : nb).cells) {
    if (cell.cell_type === "markdown") {
      const rendered = renderMarkdown(text(cell.source));
      formulas += rendered.formulas;
      const key = `TLMD${nonce}N${markdown.size}E`;
      markdown.set(key, rendered.html);
      cells.push({ ...cell, source: key, attachments: {} });
      continue;
    }
    if (cell.cell_type !== "code") {
      cells.push(cell);
      continue;
    }
    const outputs: Output[] = [];
    for (const output of cell.outputs) {
      if (output.output_type === "stream" || output.output_type === "error") {
        outputs.push(output);
        continue;
      }
      const prepared = prepareOutput(output, output.data, options, figures, kept);
      if (prepared !== undefined) outputs.push(prepared);
    }
    cells.push({ ...cell, outputs });
  }
  return { notebook: { ...nb, cells }, figures, markdown, formulas, needsPlotly: figures.length > 0 || kept.explorers > 0, explorers: kept.explorers };
}

/**
 * Whether HTML is exactly what the what-if module writes: its runtime init
 * (byte for byte this checkout's browser bundle) or one explorer (the root
 * element and one mount script of the module's own shape, inside show's
 * MathJax wrapper). Only trusted in notebooks the export executed itself.
 */
export function isWhatIfOutput(html: string): boolean {
  if (html.includes(LIBRARY_MARKER)) {
    try {
      return html === libraryInitHtml();
    } catch {
      return false;
    }
  }
  const explorer = /^<div class="tex2jax_ignore"><div id="tl-whatif-[0-9a-f]{8}" class="tradeoff-lab-whatif" data-tradeoff-lab="what-if" [^>]*>[\s\S]*<\/div>\n<script type="text\/javascript" data-tradeoff-lab="what-if">\n\(function \(\) \{\nvar spec = [\s\S]*<\/script><\/div>$/;
  return explorer.test(html) && html.split("<script").length === 2 + (html.match(/<script type="text\/javascript">\n\(function \(\) \{\nvar id = "tl-chart-/g) ?? []).length;
}

/** The file a site shares for the what-if runtime, beside its pages. */
export const SHARED_WHAT_IF_FILE = "tradeoff-lab.min.js";

/** The what-if runtime on a page: the site's shared file, or inline in a single-file page. */
function whatIfRuntime(options: PrepareOptions): string {
  return options.singleFile ? libraryInitHtml() : `<script type="text/javascript" src="${SHARED_WHAT_IF_FILE}" ${LIBRARY_MARKER}></script>`;
}

function prepareOutput(output: Output, data: MimeBundle, options: PrepareOptions, figures: FigureEntry[], kept: { explorers: number }): Output | undefined {
  const fig = data[PLOTLY_MIME] as PlotlyJson | undefined;
  if (fig !== undefined && typeof fig === "object" && fig !== null && Array.isArray(fig.data)) {
    const number = figures.length + 1;
    const svgData = data["image/svg+xml"];
    const svg = typeof svgData === "string" ? svgData : Array.isArray(svgData) ? svgData.join("") : undefined;
    const title = figureTitle(fig, data["text/plain"]);
    const file = svg === undefined ? undefined : `img/${options.name}/figure-${String(number).padStart(2, "0")}.svg`;
    const entry: FigureEntry = { number, title, ...(file === undefined || svg === undefined ? {} : { file, svg }) };
    figures.push(entry);
    const src = svg === undefined ? undefined : options.singleFile ? `data:image/svg+xml;base64,${base64(svg)}` : file;
    return asHtmlOutput(output, chartOutput(fig, entry, src));
  }
  const html = data["text/html"];
  if (html !== undefined) {
    const markup = text(html as string | string[]);
    if (markup.includes(INIT_MARKER)) return undefined;
    if (options.executedHere && isWhatIfOutput(markup)) {
      if (markup.includes(LIBRARY_MARKER)) return asHtmlOutput(output, whatIfRuntime(options));
      kept.explorers += 1;
      return asHtmlOutput(output, markup);
    }
    return asHtmlOutput(output, sanitizeHtml(markup));
  }
  const md = data["text/markdown"];
  if (md !== undefined) return asHtmlOutput(output, renderMarkdown(text(md as string | string[])).html);
  const svg = data["image/svg+xml"];
  if (svg !== undefined) return asHtmlOutput(output, `<img src="data:image/svg+xml;base64,${base64(text(svg as string | string[]))}" alt="">`);
  const js = data["application/javascript"];
  if (options.executedHere && typeof js === "string" && isWhatIfOutput(`<script type="text/javascript" ${LIBRARY_MARKER}>${js}</script>`)) {
    // The what-if runtime, kept as JavaScript once the runner gave the charts their images.
    return asHtmlOutput(output, whatIfRuntime(options));
  }
  const { "application/javascript": _js, ...rest } = data;
  if (Object.keys(rest).length === 0) return undefined;
  return { ...output, data: rest } as Output;
}

/** How a finished page gets plotly.js and KaTeX's stylesheet. */
export interface PageAssets {
  /** Head HTML that loads plotly.js: a `<script src>` of the site's shared file, or the bundle inline. */
  readonly plotly: string;
  /** Head HTML for KaTeX's stylesheet: a `<link>` to the site's `katex/`, or a `<style>` with fonts inline. */
  readonly katex: string;
}

/**
 * Moves the page's `<style>` elements out into one stylesheet (nbconvert's
 * lab template inlines about 550 KB of CSS, the same on every page), so a
 * site can keep it once in a shared file.
 * @param html a finished page
 * @param href the stylesheet's path relative to the page, given its text (e.g. a name from its hash)
 * @returns the page linking the stylesheet, and the stylesheet's text
 * @example sharedStyles("<head><style>p{}</style></head>", () => "a.css") // => { html: '<head><link rel="stylesheet" href="a.css">\n</head>', css: "p{}" }
 */
export function sharedStyles(html: string, href: (css: string) => string): { html: string; css: string } {
  const head = /<head>[\s\S]*?<\/head>/.exec(html);
  if (head === null) return { html, css: "" };
  const STYLE = /<style(?:\s+type="text\/css")?>([\s\S]*?)<\/style>\s*/g;
  const css = [...head[0].matchAll(STYLE)].map((m) => (m[1] ?? "").trim()).join("\n");
  if (css === "") return { html, css };
  let first = true;
  const newHead = head[0].replace(STYLE, () => {
    const link = first ? `<link rel="stylesheet" href="${escapeHtml(href(css))}">\n` : "";
    first = false;
    return link;
  });
  return { html: html.slice(0, head.index) + newHead + html.slice(head.index + head[0].length), css };
}

/** Print rules: charts and formulas are never cut by a page break. */
const PRINT_CSS =
  "<style>@media print{.tradeoff-lab-figure,.katex-display,table{break-inside:avoid;page-break-inside:avoid}" +
  "body{margin:0}.jp-Cell{break-inside:auto}}.tradeoff-lab-figure img{display:block}</style>";

/**
 * Finishes nbconvert's HTML of a {@link preparePage} notebook: puts the
 * rendered markdown cells in, sets the page title, and adds KaTeX's
 * stylesheet, the print rules and plotly.js to the head.
 * @param html nbconvert's output
 * @param page what {@link preparePage} returned
 * @param title the page's title (the notebook's H1)
 * @param assets how the page loads plotly.js and KaTeX's stylesheet
 */
export function finishPage(html: string, page: PreparedPage, title: string, assets: PageAssets): string {
  let out = html.replace(/<p>(TLMD[0-9a-f]+N\d+E)<\/p>/g, (whole, key: string) => page.markdown.get(key) ?? whole);
  out = out.replace(/<title>[\s\S]*?<\/title>/, () => `<title>${escapeHtml(title)}</title>`);
  return out.replace("</head>", () => `${assets.katex}\n${PRINT_CSS}\n${page.needsPlotly ? assets.plotly : ""}\n</head>`);
}
