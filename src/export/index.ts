/**
 * export: notebooks executed with the runner, given static chart images,
 * and written as an offline HTML site (default), PDFs or Markdown, with an
 * index (titles, descriptions, run date, git commit, parameters used, the
 * figures of each page).
 *
 * Stages, per notebook: execute (the runner) → static images
 * (`display/staticImages.ts`, one headless Chromium for the whole run) →
 * for HTML and PDF: prepare (`page.ts`: sanitized outputs, markdown with
 * formulas typeset by KaTeX, the exporter's own chart HTML) → convert
 * (`nbconvert.ts`) → finish and make offline (`page.ts`, `offline.ts`) →
 * print (`pdf.ts`, PDF only); for Markdown: `markdownFormat.ts`. Then the
 * index page (`site.ts`). Notebooks go through these stages `jobs` at a
 * time. `exportSite` is the entry; the command line (`tradeoff-lab
 * export`, `npm run export`) is in `src/cli/export.ts`.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { executeNotebook, listNotebooks, notebookParameters, readNotebook, writeNotebookAtomic } from "../runner";
import type { Notebook, NotebookParameter } from "../runner";
import { rangeError } from "../internal/errors";
import { DEFAULT_BUNDLE, PLOTLY_BUNDLES, PLOTLY_MIME, PlotlyBundle, PlotlyJson, bundlePath, bundleVersion, plotlyInitHtml, smallestBundle } from "../display/plotly";
import type { Figure } from "../display/plotly";
import { ChartRenderer, addStaticImages, needsStaticImages, runImages, type RunImages } from "../display/staticImages";
import { convertNotebook, findNbconvert, pythonCandidates } from "./nbconvert";
import type { NbconvertPython } from "./nbconvert";
import { externalResources, makeOffline } from "./offline";
import { PageAssets, SHARED_WHAT_IF_FILE, finishPage, preparePage, sharedStyles } from "./page";
import { BROWSER_BUNDLE_PATH } from "../display/whatIf";
import { katexAssets, katexInlineCss } from "./formulas";
import { notebookMarkdown } from "./markdownFormat";
import { PAPERS, Paper, printPdf } from "./pdf";
import { PageEntry, describeNotebook, gitCommit, indexHtml } from "./site";
import { pool } from "../internal/pool";

export { NBCONVERT_HELP, NbconvertMissingError, NbconvertError, findNbconvert, convertNotebook } from "./nbconvert";
export type { NbconvertPython, ConvertOptions } from "./nbconvert";
export { makeOffline, externalResources, isExternalUrl } from "./offline";
export type { OfflineResult } from "./offline";
export { describeNotebook, gitCommit, indexHtml } from "./site";
export type { PageEntry, SiteInfo } from "./site";
export { sanitizeHtml } from "./sanitize";
export { renderMarkdown } from "./formulas";
export { preparePage, finishPage, forReport } from "./page";
export type { FigureEntry, PreparedPage } from "./page";
export { notebookMarkdown } from "./markdownFormat";
export { printPdf, PAPERS } from "./pdf";
export type { Paper } from "./pdf";

/** Runs one notebook; the runner's `executeNotebook` by default. */
export type NotebookExecutor = (
  path: string,
  options: { parameters: Record<string, unknown>; outputPath: string; cellTimeoutMs?: number },
) => Promise<{ ok: boolean; error?: { message: string } }>;

/** What the export writes: an HTML site, one PDF per notebook, or Markdown with SVG images. */
export type ExportFormat = "html" | "pdf" | "md";

/** Every format. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ["html", "pdf", "md"];

/** Options for {@link exportSite}. */
export interface ExportOptions {
  /** Folder of `.ipynb` files; default `notebooks`. */
  readonly notebooksDir?: string;
  /** Export only these notebook files (in this order) instead of every notebook of `notebooksDir`. */
  readonly notebooks?: readonly string[];
  /** Where the output goes; default `build/site` (`build/pdf`, `build/md` for those formats). */
  readonly outDir?: string;
  /** Where the executed notebooks go; default `build/executed`. */
  readonly executedDir?: string;
  /** "html" (default), "pdf" or "md". */
  readonly format?: ExportFormat;
  /** Hide code cells, exercise prompts, exercise cells and verdicts, for design docs; default false. */
  readonly report?: boolean;
  /** Execute before converting; false converts the notebooks as they are (already executed). Default true. */
  readonly execute?: boolean;
  /** Notebooks processed at the same time, each on its own kernel; integer in [1, 16], default 1. */
  readonly jobs?: number;
  /** HTML pages that hold everything (plotly.js, images, KaTeX's fonts) instead of sharing files beside them; default false. */
  readonly singleFile?: boolean;
  /** Paper for PDF: "a4" (default) or "letter". */
  readonly paper?: Paper;
  /** Make static chart images in headless Chromium; default true (without a browser the export says so once and goes on, except for PDF). */
  readonly images?: boolean;
  /** Parameter values, each given to every notebook that declares that name. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Per-cell timeout for the runner, ms. */
  readonly cellTimeoutMs?: number;
  /** The Python with nbconvert; default the first of $TRADEOFF_LAB_PYTHON, /usr/bin/python3, python3, python that has it. */
  readonly python?: string;
  /** Shown on the index page; default now. */
  readonly runDate?: Date;
  /** Shown on the index page; default `git rev-parse --short=12 HEAD` (+dirty). */
  readonly commit?: string;
  /** Replaces the runner (tests). */
  readonly executor?: NotebookExecutor;
  /** Progress lines; default none. */
  readonly log?: (line: string) => void;
}

/** What {@link exportSite} produced. */
export interface ExportResult {
  readonly outDir: string;
  readonly indexPath: string;
  readonly pages: readonly PageEntry[];
  /** True when every notebook ran without error. */
  readonly ok: boolean;
  /** Bytes written under `outDir`. */
  readonly bytes: number;
}

const defaultExecutor: NotebookExecutor = (path, options) => executeNotebook(path, options);

function literal(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Total size of the files under a folder, bytes. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** The plotly.js file a site shares, beside its pages. */
export const SHARED_PLOTLY_FILE = "plotly.min.js";

function writeFiles(root: string, files: ReadonlyMap<string, string | Buffer>): void {
  for (const [path, contents] of files) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
}

function chartsOf(nb: Notebook): Figure[] {
  const figures: Figure[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    for (const output of cell.outputs) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
      const fig = output.data[PLOTLY_MIME] as PlotlyJson | undefined;
      if (fig !== undefined && Array.isArray(fig.data)) figures.push({ kind: "figure", data: fig.data, layout: fig.layout, config: fig.config, heightPx: 420, summary: "" });
    }
  }
  return figures;
}

/** The bundle a page or a site needs: the smallest covering its charts, at least the default. */
function bundleFor(figures: readonly Figure[]): PlotlyBundle {
  const needed = PLOTLY_BUNDLES.indexOf(smallestBundle(figures));
  return PLOTLY_BUNDLES[Math.max(needed, PLOTLY_BUNDLES.indexOf(DEFAULT_BUNDLE))] ?? "full";
}

interface RunContext {
  readonly options: ExportOptions;
  readonly log: (line: string) => void;
  readonly format: ExportFormat;
  readonly outDir: string;
  readonly executedDir: string;
  readonly workDir: string;
  readonly report: boolean;
  readonly singleFile: boolean;
  readonly paper: Paper;
  readonly nbconvert: NbconvertPython | undefined;
  /** Static chart images: a browser started on the first notebook that needs one (unless images are off). */
  readonly images: RunImages | undefined;
  /** The browser that prints PDFs (started up front: a PDF cannot be made without it). */
  readonly printer: ChartRenderer | undefined;
  readonly given: Readonly<Record<string, unknown>>;
  readonly declared: ReadonlyMap<string, NotebookParameter[]>;
  /** Every figure of the site, for the shared bundle. */
  readonly figures: Figure[];
  /** Some page needs plotly.js (charts or what-if explorers). */
  readonly needsPlotly: { value: boolean };
  /** Some page loads the shared what-if runtime. */
  readonly needsWhatIf: { value: boolean };
}

/**
 * Executes the notebooks (every notebook of `notebooksDir`, or the files
 * given in `notebooks`), and writes an offline HTML site (a page per
 * notebook, `img/<notebook>/figure-NN.svg` per chart, plotly.js and KaTeX
 * once beside the pages, and `index.html`), or a PDF per notebook, or
 * Markdown with an `img/` folder.
 * A notebook whose cell fails is still converted (the runner puts an error
 * banner at its top) and is marked failed on the index; `ok` is then false.
 * @throws NbconvertMissingError (with install instructions) when no Python has nbconvert (HTML and PDF)
 * @throws BrowserMissingError when no Chromium can be started for a PDF
 * @throws RangeError when a parameter is declared by no notebook, or an option is out of range
 * @throws Error when a page would still load an external resource after clean-up
 * @example const { ok, indexPath } = await exportSite({ report: true, jobs: 2 }); // build/site/index.html
 */
export async function exportSite(options: ExportOptions = {}): Promise<ExportResult> {
  const where = "export.exportSite";
  const log = options.log ?? (() => undefined);
  const format = options.format ?? "html";
  if (!EXPORT_FORMATS.includes(format)) throw rangeError(where, "format", `one of ${EXPORT_FORMATS.map((f) => `"${f}"`).join(", ")}`, format);
  const paper = options.paper ?? "a4";
  if (!PAPERS.includes(paper)) throw rangeError(where, "paper", `one of ${PAPERS.map((f) => `"${f}"`).join(", ")}`, paper);
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw rangeError(where, "jobs", "an integer in [1, 16]", jobs);
  const notebooksDir = resolve(options.notebooksDir ?? "notebooks");
  const outDir = resolve(options.outDir ?? join("build", format === "html" ? "site" : format));
  const executedDir = resolve(options.executedDir ?? join("build", "executed"));
  const execute = options.execute ?? true;
  const notebooks = options.notebooks === undefined ? listNotebooks(notebooksDir) : options.notebooks.map((p) => resolve(p));
  for (const path of notebooks) {
    if (!path.endsWith(".ipynb") || !existsSync(path)) throw rangeError(where, "notebooks", "existing .ipynb files", relative(process.cwd(), path));
  }
  const names = notebooks.map((p) => basename(p, ".ipynb"));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw rangeError(where, "notebooks", "files with different names (each names its page)", `${duplicate}.ipynb twice`);
  const nbconvert = format === "md" ? undefined : findNbconvert(options.python === undefined ? pythonCandidates() : [options.python]);
  if (nbconvert) log(`nbconvert ${nbconvert.version} (${nbconvert.python})`);

  const declared = new Map<string, NotebookParameter[]>(notebooks.map((p) => [p, notebookParameters(readNotebook(p))]));
  const given = options.parameters ?? {};
  for (const name of Object.keys(given)) {
    if (![...declared.values()].some((list) => list.some((d) => d.name === name))) {
      const known = [...new Set([...declared.values()].flat().map((d) => d.name))];
      throw rangeError(where, "parameters key", `a parameter some notebook declares (${known.join(", ") || "none declared"})`, name);
    }
  }
  mkdirSync(outDir, { recursive: true });
  if (execute) mkdirSync(executedDir, { recursive: true });

  const printer = format === "pdf" ? await ChartRenderer.open() : undefined;
  const images = printer === undefined && (options.images ?? true) ? runImages(log) : undefined;
  const workDir = mkdtempSync(join(tmpdir(), "tradeoff-lab-export-"));
  const context: RunContext = {
    options,
    log,
    format,
    outDir,
    executedDir,
    workDir,
    report: options.report ?? false,
    singleFile: options.singleFile ?? false,
    paper,
    nbconvert,
    images,
    printer,
    given,
    declared,
    figures: [],
    needsPlotly: { value: false },
    needsWhatIf: { value: false },
  };
  try {
    // KaTeX's stylesheet and fonts once beside the pages (a PDF's pages are in the work folder; single files inline them).
    if (format === "pdf" || (format === "html" && !context.singleFile)) {
      writeFiles(format === "html" ? outDir : workDir, new Map([...katexAssets()].map(([p, c]) => [`katex/${p}`, c])));
    }
    // With --jobs, the largest notebooks start first, so that no long one is left to run alone at the end.
    const pages = await pool(notebooks, jobs, (path) => exportOne(path, context), jobs > 1 ? { weight: (path) => statSync(path).size } : {});
    if (format === "html" && !context.singleFile && context.needsPlotly.value) {
      const bundle = bundleFor(context.figures);
      copyFileSync(bundlePath(bundle), join(outDir, SHARED_PLOTLY_FILE));
      log(`plotly.js ${bundleVersion(bundle)} (${bundle}) → ${relative(process.cwd(), join(outDir, SHARED_PLOTLY_FILE))}, shared by every page`);
    }
    if (context.needsWhatIf.value) copyFileSync(BROWSER_BUNDLE_PATH, join(format === "html" ? outDir : workDir, SHARED_WHAT_IF_FILE));
    const commit = options.commit ?? gitCommit(notebooksDir);
    const info = { runDate: options.runDate ?? new Date(), commit, report: context.report };
    const indexPath = join(outDir, format === "md" ? "index.md" : "index.html");
    writeFileSync(indexPath, format === "md" ? indexMarkdown(pages, info) : indexHtml(pages, info));
    log(`index: ${relative(process.cwd(), indexPath)} (${pages.length} notebook${pages.length === 1 ? "" : "s"})`);
    return { outDir, indexPath, pages, ok: pages.every((p) => p.ok), bytes: folderBytes(outDir) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await images?.close();
    await printer?.close();
  }
}

/** One notebook through every stage; its index entry. */
async function exportOne(path: string, ctx: RunContext): Promise<PageEntry> {
  const { log, format, outDir } = ctx;
  const name = basename(path, ".ipynb");
  const ext = format === "html" ? "html" : format;
  const href = `${name}.${ext}`;
  const params = ctx.declared.get(path) ?? [];
  const parameters: Record<string, unknown> = {};
  for (const d of params) if (d.name in ctx.given) parameters[d.name] = ctx.given[d.name];
  const { title, description } = describeNotebook(readNotebook(path), name);
  const parameterList = params.map((d) => {
    const value = literal(d.name in parameters ? parameters[d.name] : d.default);
    const declaredValue = literal(d.default);
    return { name: d.name, value, ...(value === declaredValue ? {} : { default: declaredValue }) };
  });
  let converted = path;
  let ok = true;
  let error: string | undefined;
  if (ctx.options.execute ?? true) {
    converted = join(ctx.executedDir, `${name}.ipynb`);
    // A previous run's files must not pass for this run's when the runner fails before writing.
    rmSync(converted, { force: true });
    rmSync(join(outDir, href), { force: true });
    log(`${relative(process.cwd(), path)}: executing`);
    try {
      const executor = ctx.options.executor ?? defaultExecutor;
      const result = await executor(path, { parameters, outputPath: converted, ...(ctx.options.cellTimeoutMs === undefined ? {} : { cellTimeoutMs: ctx.options.cellTimeoutMs }) });
      ok = result.ok;
      if (!result.ok) error = result.error?.message ?? "a cell raised an error";
    } catch (e) {
      ok = false;
      error = (e as Error).message;
      if (!existsSync(converted)) {
        log(`${name}: FAILED before any output was written: ${error}`);
        return { name, href, title, description, parameters: [], ok, error, bytes: 0 };
      }
    }
  }
  const nb = readNotebook(converted);
  const images = ctx.printer !== undefined ? (needsStaticImages(nb) ? await addStaticImages(nb, ctx.printer) : undefined) : await ctx.images?.add(nb);
  if (images !== undefined) {
    log(`${name}: ${images.rendered} of ${images.charts} chart${images.charts === 1 ? "" : "s"} drawn as SVG and PNG${images.failures.length > 0 ? `; not drawn: ${images.failures.join("; ")}` : ""}`);
    // The executed copy keeps its images (never the input of a --no-execute export).
    if (converted !== path) writeNotebookAtomic(converted, nb);
  }
  ctx.figures.push(...chartsOf(nb));
  let bytes: number;
  let figures: PageEntry["figures"];
  if (format === "md") {
    const page = notebookMarkdown(nb, { name, report: ctx.report });
    writeFiles(outDir, page.files);
    writeFileSync(join(outDir, href), page.markdown);
    bytes = Buffer.byteLength(page.markdown);
    figures = page.figures;
  } else {
    const htmlDir = format === "html" ? outDir : ctx.workDir;
    const prepared = preparePage(nb, { name, report: ctx.report, singleFile: ctx.singleFile, executedHere: converted !== path });
    if (prepared.needsPlotly) ctx.needsPlotly.value = true;
    if (prepared.explorers > 0 && !ctx.singleFile) ctx.needsWhatIf.value = true;
    const source = join(ctx.workDir, `${name}.ipynb`);
    writeFileSync(source, JSON.stringify(prepared.notebook));
    log(`${name}: converting${ctx.report ? " (report: code and exercises hidden)" : ""}`);
    const htmlPath = await convertNotebook(source, { python: (ctx.nbconvert as NbconvertPython).python, outputDir: htmlDir, name, report: ctx.report });
    const assets: PageAssets = ctx.singleFile
      ? { plotly: plotlyInitHtml(bundleFor(chartsOf(nb))), katex: `<style>${katexInlineCss()}</style>` }
      : { plotly: `<script src="${SHARED_PLOTLY_FILE}"></script>`, katex: '<link rel="stylesheet" href="katex/katex.min.css">' };
    let finished = finishPage(readFileSync(htmlPath, "utf8"), prepared, title, assets);
    if (!ctx.singleFile) {
      const shared = sharedStyles(finished, (css) => `notebook-${createHash("sha256").update(css).digest("hex").slice(0, 12)}.css`);
      for (const [, file] of shared.html.matchAll(/<link rel="stylesheet" href="(notebook-[0-9a-f]{12}\.css)">/g)) writeFileSync(join(htmlDir, file as string), shared.css);
      finished = shared.html;
    }
    const { html, removed } = makeOffline(finished);
    const leftovers = externalResources(html);
    if (leftovers.length > 0) {
      throw new Error(`export: ${htmlPath} would load external resources: ${leftovers.join(", ")}. Remove them from the notebook, or keep the files beside it.`);
    }
    writeFileSync(htmlPath, html);
    if (removed.length > 0) log(`${name}: removed ${removed.length} external script/link tag(s): ${removed.map((u) => (u === "" ? "(empty src)" : JSON.stringify(u))).join(", ")}`);
    if (!ctx.singleFile) writeFiles(htmlDir, new Map(prepared.figures.flatMap((f) => (f.file === undefined || f.svg === undefined ? [] : [[f.file, f.svg] as const]))));
    figures = prepared.figures.map((f) => ({ number: f.number, title: f.title, ...(f.file === undefined || ctx.singleFile || format === "pdf" ? {} : { file: f.file }) }));
    bytes = Buffer.byteLength(html);
    if (format === "pdf") {
      const pdfPath = join(outDir, href);
      await printPdf((ctx.printer as ChartRenderer).browser, htmlPath, pdfPath, ctx.paper);
      bytes = statSync(pdfPath).size;
    }
  }
  log(`${name}: ${ok ? "ok" : `FAILED: ${error}`} → ${relative(process.cwd(), join(outDir, href))}`);
  return { name, href, title, description, parameters: parameterList, ok, ...(error === undefined ? {} : { error }), bytes, figures };
}

/** The Markdown index: one entry per notebook with its link, description, parameters and figures. */
function indexMarkdown(pages: readonly PageEntry[], info: { runDate: Date; commit: string; report: boolean }): string {
  const when = info.runDate.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const lines = ["# tradeoff-lab workbook", "", `Run ${when} · commit \`${info.commit}\`${info.report ? " · report mode" : ""} · ${pages.length} notebook${pages.length === 1 ? "" : "s"}`, ""];
  for (const p of pages) {
    lines.push(`## [${p.title.replace(/[\\[\]]/g, (c) => `\\${c}`)}](${encodeURI(p.href)})`, "");
    if (p.description !== "") lines.push(p.description, "");
    if (!p.ok) lines.push(`**Failed:** ${p.error ?? "a cell raised an error"}`, "");
    for (const q of p.parameters) lines.push(`- \`${q.name} = ${q.value}\`${q.default === undefined ? "" : ` (changed; default \`${q.default}\`)`}`);
    if (p.parameters.length > 0) lines.push("");
    for (const f of p.figures ?? []) if (f.file !== undefined) lines.push(`${f.number}. [${f.title.replace(/[\\[\]]/g, (c) => `\\${c}`)}](${encodeURI(f.file)})`);
    lines.push("");
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
