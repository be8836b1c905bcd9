/**
 * Static images of charts, made after execution: each chart output that
 * carries its figure (`application/vnd.plotly.v1+json`) is drawn by
 * plotly.js in headless Chromium (playwright-core driving the system's
 * Chromium, one browser for a whole run, no network) and gets
 * `image/svg+xml` and `image/png` beside it.
 *
 * Where JavaScript does not run, Jupyter shows the first MIME type it
 * prefers: Notebook 6 and nbconvert (HTML and Markdown) prefer `text/html`
 * to any image, and an untrusted Notebook 6 sanitizes that HTML (dropping
 * `data:` images) and ignores SVG, showing only PNG. So once a chart has its
 * images, its `text/html` and the page's plotly init output are dropped
 * (or kept as `application/javascript` while a what-if explorer needs it):
 * the executed notebook then shows the SVG (trusted Notebook 6, nbconvert
 * HTML and Markdown), the PNG (untrusted Notebook 6), or the figure drawn
 * natively from its JSON (VS Code, JupyterLab with the plotly renderer).
 * A chart that could not be drawn keeps its HTML.
 *
 * A what-if explorer keeps its HTML (its controls and live view need it),
 * but the charts of its default render, which it carries as figures under
 * `application/vnd.tradeoff-lab.what-if+json`, are drawn too and put in
 * their places in that HTML as SVG images: wherever JavaScript does not run
 * (nbconvert's HTML, the export's pages and PDF) the explorer shows its
 * default charts; where it runs, plotly.js replaces them.
 *
 * Used by the runner (`tradeoff-lab run`) and the export; both say once
 * when no browser can be started and go on without images.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { LIBRARY_MARKER as WHAT_IF_LIBRARY_MARKER, WHAT_IF_MIME, withStaticImages, type WhatIfImageData } from "./whatIf";
import { INIT_MARKER, PLOTLY_MIME, PlotlyBundle, PlotlyJson, bundlePath, bundleCovers } from "./plotly";
import { finite, object, typeError } from "../internal/errors";

/** Chromium's command-line switches for a quiet headless browser with no background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Where Chromium is looked for: $CHROMIUM_PATH, then Debian's and other common paths. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter((p): p is string => typeof p === "string" && p !== "");
}

/** The first Chromium executable that exists, or undefined. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return chromiumCandidates(env).find((p) => existsSync(p));
}

/** No Chromium could be started: the message says what was tried and how to install it. */
export class BrowserMissingError extends Error {
  constructor(detail: string) {
    super(`no headless Chromium for static chart images (${detail}); install it with \`sudo apt-get install chromium\` or set CHROMIUM_PATH`);
    this.name = "BrowserMissingError";
  }
}

/** A chart's static images. */
export interface ChartImages {
  /** A standalone SVG document (vector). */
  readonly svg: string;
  /** A PNG, base64-encoded as nbformat stores it. */
  readonly png: string;
}

/** Options for {@link ChartRenderer.render}. */
export interface RenderOptions {
  /** Image width in CSS pixels, in [100, 4000]; default the layout's width, else 860 (a notebook's output area). */
  readonly widthPx?: number;
}

/** Default image width: about the width of Notebook 6's and nbconvert's output area, CSS px. */
export const DEFAULT_IMAGE_WIDTH_PX = 860;

/** The traces a figure uses (`scatter` when unset). */
function figureTraces(fig: PlotlyJson): string[] {
  return fig.data.map((trace) => trace.type ?? "scatter");
}

/**
 * Draws figures to SVG and PNG in one headless Chromium. Every request
 * other than the page itself is aborted, so nothing is fetched.
 * @example
 * const renderer = await ChartRenderer.open();
 * const { svg } = await renderer.render({ data: [{ type: "bar", y: [1] }], layout: { height: 300 }, config: {} });
 * await renderer.close();
 */
export class ChartRenderer {
  /** The browser, shared with other work of the same run (the PDF export prints with it). */
  readonly browser: Browser;
  private readonly pages = new Map<PlotlyBundle, Promise<Page>>();

  private constructor(browser: Browser) {
    this.browser = browser;
  }

  /**
   * Starts Chromium.
   * @param executablePath default the first of {@link chromiumCandidates} that exists
   * @throws BrowserMissingError when no Chromium exists or it does not start
   */
  static async open(executablePath: string | undefined = findChromium()): Promise<ChartRenderer> {
    if (executablePath === undefined) throw new BrowserMissingError(`tried ${chromiumCandidates().join(", ")}`);
    let chromium: typeof import("playwright-core").chromium;
    try {
      ({ chromium } = await import("playwright-core"));
    } catch (error) {
      throw new BrowserMissingError(`playwright-core did not load: ${(error as Error).message}`);
    }
    try {
      return new ChartRenderer(await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] }));
    } catch (error) {
      throw new BrowserMissingError(`${executablePath} did not start: ${(error as Error).message.split("\n")[0] ?? ""}`);
    }
  }

  /** A page with plotly.js loaded, offline; one per bundle, made on first use. */
  private page(bundle: PlotlyBundle): Promise<Page> {
    let page = this.pages.get(bundle);
    if (page === undefined) {
      page = (async () => {
        const p = await this.browser.newPage();
        await p.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
        await p.setContent("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>");
        await p.addScriptTag({ path: bundlePath(bundle) });
        return p;
      })();
      this.pages.set(bundle, page);
    }
    return page;
  }

  /**
   * Draws one figure to SVG with plotly.js's `toImage`, and the PNG from that SVG.
   * @param fig the figure as `application/vnd.plotly.v1+json` carries it
   * @param options widthPx in [100, 4000]
   * @throws TypeError when `fig` has no `data` array
   * @throws Error when plotly.js cannot draw the figure
   */
  async render(fig: PlotlyJson, options: RenderOptions = {}): Promise<ChartImages> {
    const where = "staticImages.render";
    object(where, "fig", fig);
    if (!Array.isArray(fig.data)) throw typeError(where, "fig.data", "an array of traces", fig.data);
    const layout = fig.layout ?? {};
    const width = finite(where, "widthPx", options.widthPx ?? (typeof layout.width === "number" ? layout.width : DEFAULT_IMAGE_WIDTH_PX), { min: 100, max: 4000 });
    const height = typeof layout.height === "number" ? layout.height : 420;
    const bundle = (["cartesian", "full"] as const).find((b) => bundleCovers(b, figureTraces(fig))) ?? "full";
    const page = await this.page(bundle);
    // A string, evaluated in the page: the project's tsconfig has no DOM lib.
    const script = `(async function (fig, size) {
      var Plotly = window.Plotly;
      var layout = Object.assign({}, fig.layout, { width: size.width, height: size.height, autosize: false });
      var figure = { data: fig.data, layout: layout, config: Object.assign({}, fig.config, { staticPlot: true }) };
      var svg = await Plotly.toImage(figure, { format: "svg", width: size.width, height: size.height });
      // The PNG from that SVG, as plotly.js's own PNG export does it (an image
      // drawn on a canvas), without plotting the figure a second time.
      var image = new Image();
      image.src = svg;
      await image.decode();
      var canvas = document.createElement("canvas");
      canvas.width = size.width;
      canvas.height = size.height;
      canvas.getContext("2d").drawImage(image, 0, 0, size.width, size.height);
      var png = canvas.toDataURL("image/png");
      return { svg: decodeURIComponent(svg.slice(svg.indexOf(",") + 1)), png: png.slice(png.indexOf(",") + 1) };
    })`;
    return page.evaluate(`${script}(${JSON.stringify({ data: fig.data, layout, config: fig.config ?? {} })}, ${JSON.stringify({ width, height })})`) as Promise<ChartImages>;
  }

  /** Closes the browser. */
  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * Starts a {@link ChartRenderer}, or says once through `log` why there is
 * none and returns undefined (a run goes on without static images).
 * @param log where the one-line notice goes
 * @param executablePath default the first of {@link chromiumCandidates} that exists
 * @example const renderer = await openChartRenderer((line) => console.error(line));
 */
export async function openChartRenderer(log: (line: string) => void, executablePath: string | undefined = findChromium()): Promise<ChartRenderer | undefined> {
  try {
    return await ChartRenderer.open(executablePath);
  } catch (error) {
    if (!(error instanceof BrowserMissingError)) throw error;
    log(`${error.message}; charts keep their interactive HTML only`);
    return undefined;
  }
}

/** The parts of an nbformat output this module reads and writes. */
interface MimeOutput {
  output_type: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

interface CellWithOutputs {
  cell_type: string;
  outputs?: MimeOutput[];
}

/** What {@link addStaticImages} did to a notebook. */
export interface StaticImagesResult {
  /** Charts: outputs carrying `application/vnd.plotly.v1+json`, and the charts of what-if explorers' default renders. */
  readonly charts: number;
  /** Charts that got their SVG and PNG. */
  readonly rendered: number;
  /** One message per chart that could not be drawn. */
  readonly failures: readonly string[];
}

function htmlOf(output: MimeOutput): string {
  const html = output.data?.["text/html"];
  const text = Array.isArray(html) ? html.join("") : html;
  return typeof text === "string" ? text : "";
}

/** A runtime init output: the plotly.js bundle, or the what-if runtime (one inline script each). */
function isInitOutput(output: MimeOutput): boolean {
  const html = htmlOf(output);
  return html.includes(INIT_MARKER) || html.includes(WHAT_IF_LIBRARY_MARKER);
}

/** An init output's script as `application/javascript` (the same code, without its `<script>` element). */
function asJavaScript(output: MimeOutput): MimeOutput {
  const script = /^<script[^>]*>([\s\S]*)<\/script>$/.exec(htmlOf(output).trim());
  return script === null ? output : { ...output, data: { "application/javascript": script[1] ?? "" }, metadata: {} };
}

/**
 * Adds `image/svg+xml` and `image/png` to every chart output of an executed
 * notebook, in place, and drops what only JavaScript can show: the chart's
 * `text/html` and, when every chart has its images, the plotly init outputs.
 * @param nb an nbformat 4 notebook (its code cells' outputs are changed)
 * @param renderer an open {@link ChartRenderer}
 * @returns how many charts there were and how many got images
 * @example const { charts, rendered } = await addStaticImages(nb, renderer);
 */
export async function addStaticImages(nb: { cells: CellWithOutputs[] }, renderer: ChartRenderer): Promise<StaticImagesResult> {
  let charts = 0;
  let rendered = 0;
  const failures: string[] = [];
  for (const [i, cell] of nb.cells.entries()) {
    for (const output of cell.outputs ?? []) {
      const explorer = output.data?.[WHAT_IF_MIME] as WhatIfImageData | undefined;
      if (explorer !== undefined && output.data !== undefined) {
        const done = await explorerImages(output.data, explorer, renderer, `cell ${i}`);
        charts += done.charts;
        rendered += done.rendered;
        failures.push(...done.failures);
        continue;
      }
      const fig = output.data?.[PLOTLY_MIME] as PlotlyJson | undefined;
      if (fig === undefined || output.data === undefined) continue;
      charts += 1;
      try {
        const images = await renderer.render(fig);
        const { "text/html": _html, ...rest } = output.data;
        output.data = { ...rest, "image/svg+xml": images.svg, "image/png": images.png };
        rendered += 1;
      } catch (error) {
        failures.push(`cell ${i}: ${(error as Error).message.split("\n")[0] ?? ""}`);
      }
    }
  }
  if (charts > 0 && rendered === charts) {
    // Outputs that still draw with plotly.js (a what-if explorer) keep the init outputs, as
    // application/javascript: run where the notebook is trusted, ignored by nbconvert's Markdown.
    const stillDraws = nb.cells.some((cell) => (cell.outputs ?? []).some((o) => !isInitOutput(o) && /window\.Plotly/.test(htmlOf(o))));
    for (const cell of nb.cells) {
      if (!cell.outputs) continue;
      cell.outputs = stillDraws ? cell.outputs.map((o) => (isInitOutput(o) ? asJavaScript(o) : o)) : cell.outputs.filter((o) => !isInitOutput(o));
    }
  }
  return { charts, rendered, failures };
}

/**
 * Draws an explorer's default charts and puts them into its `text/html`,
 * in place; once every chart has its image, the figures' MIME type goes
 * (it is only data for this step). A chart that cannot be drawn keeps its
 * placeholder, and the figures stay for another try.
 */
async function explorerImages(data: Record<string, unknown>, explorer: WhatIfImageData, renderer: ChartRenderer, where: string): Promise<StaticImagesResult> {
  const charts = Array.isArray(explorer.charts) ? explorer.charts : [];
  const what = `${where} (what-if ${String(explorer.key)})`;
  const images: { id: string; title: string; svg: string }[] = [];
  const left: typeof charts = [];
  const failures: string[] = [];
  for (const chart of charts) {
    try {
      images.push({ id: chart.id, title: chart.title, svg: (await renderer.render(chart.figure)).svg });
    } catch (error) {
      left.push(chart);
      failures.push(`${what}: ${(error as Error).message.split("\n")[0] ?? ""}`);
    }
  }
  const html = data["text/html"];
  try {
    data["text/html"] = withStaticImages(Array.isArray(html) ? html.join("") : String(html ?? ""), images);
  } catch (error) {
    return { charts: charts.length, rendered: 0, failures: [`${what}: ${(error as Error).message}`] };
  }
  if (left.length === 0) delete data[WHAT_IF_MIME];
  else data[WHAT_IF_MIME] = { key: explorer.key, charts: left } satisfies WhatIfImageData;
  return { charts: charts.length, rendered: images.length, failures };
}

/** Whether a notebook has a chart output (or a what-if explorer's chart) still without its static image. */
export function needsStaticImages(nb: { cells: CellWithOutputs[] }): boolean {
  return nb.cells.some((cell) => (cell.outputs ?? []).some((o) => o.data?.[WHAT_IF_MIME] !== undefined || (o.data?.[PLOTLY_MIME] !== undefined && o.data["image/svg+xml"] === undefined)));
}

/** Static images for a whole run: the browser starts on the first notebook that has a chart, once. */
export interface RunImages {
  /** Adds static images to a notebook in place; undefined when it has no chart to draw or there is no browser. */
  add(nb: { cells: CellWithOutputs[] }): Promise<StaticImagesResult | undefined>;
  /** Closes the browser, if one was started. */
  close(): Promise<void>;
}

/**
 * One browser for a run of several notebooks, started only when a notebook
 * has a chart; without a browser it says so once through `log` and every
 * notebook keeps its interactive HTML.
 * @param log where the one-line notice goes
 * @example const images = runImages(console.error); await images.add(nb); await images.close();
 */
export function runImages(log: (line: string) => void): RunImages {
  let opening: Promise<ChartRenderer | undefined> | undefined;
  return {
    async add(nb) {
      if (!needsStaticImages(nb)) return undefined;
      opening ??= openChartRenderer(log);
      const renderer = await opening;
      return renderer === undefined ? undefined : addStaticImages(nb, renderer);
    },
    async close() {
      const renderer = await opening;
      await renderer?.close();
    },
  };
}
