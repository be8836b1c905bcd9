/**
 * Charts and formulas where JavaScript does not run (issue 13's done-when),
 * and no script from a notebook in an export (issue 16, item 6). One
 * executed notebook (04: 5 charts, 2 display formulas) is shared by every
 * test; every request that is not a local file (or the local Jupyter) is
 * blocked and recorded.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { alive, freePort } from "../../kernel-setup/processes";
import { startJupyter, type RunningJupyter } from "../../kernel-setup/start";
import { MISSING_PLOTLY_MESSAGE } from "../../src/display/plotly";
import { SHARED_PLOTLY_FILE, exportSite, type ExportResult } from "../../src/export";
import { requireJupyter, tempDir } from "../kernel-setup/helpers";
import { CHARTS_04, FORMULAS_04, ROOT, executed04, type Executed } from "../export/executed";
import { writeHandmade } from "../export/handmade";
import { MARKDOWN_PAYLOADS } from "../export/payloads";
import { CHROMIUM, hasChromium, hasNbconvert, launch, onlyOrigin, openPage, requireTool } from "./helpers";

const PYTHON = "/usr/bin/python3";
const NAME = "04-quorums-and-staleness";

/** Opens a local page with JavaScript off; every non-file request is blocked and recorded. */
async function openStatic(browser: Browser, path: string): Promise<{ page: Page; network: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const network: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    network.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  return { page, network, close: () => context.close() };
}

/** Images on the page that loaded and have a size (naturalWidth > 0), for a CSS selector. */
function loadedImages(page: Page, selector: string): Promise<number> {
  return page.evaluate(`Array.from(document.querySelectorAll(${JSON.stringify(selector)})).filter(function (i) { return i.complete && i.naturalWidth > 0; }).length`) as Promise<number>;
}

function nbconvert(args: string[], cwd: string): void {
  const run = spawnSync(PYTHON, ["-m", "nbconvert", ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
}

describe("browser: charts and formulas without JavaScript, exports without notebook script", function () {
  this.timeout(240_000);
  let browser: Browser;
  let run: Executed;
  let work: { dir: string; remove: () => void };

  before(async function () {
    requireTool(this, hasChromium(), `Chromium (${CHROMIUM})`, "apt-get install chromium");
    requireTool(this, hasNbconvert(), "nbconvert (/usr/bin/python3 -m nbconvert)", "apt-get install jupyter-nbconvert");
    assert.ok(existsSync(join(ROOT, "dist", "index.js")), "dist/index.js is missing: run `npm run build` first (notebooks import the built library)");
    run = await executed04();
    browser = await launch();
    work = tempDir("static-charts");
  });

  after(async () => {
    await browser?.close();
    work?.remove();
  });

  it("the executed notebook's 5 charts each carry HTML-free bundles: plotly JSON, SVG, PNG, text; no plotly init output is left", () => {
    const outputs = run.notebook.cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : []));
    const charts = outputs.filter((o) => (o.output_type === "display_data" || o.output_type === "execute_result") && "application/vnd.plotly.v1+json" in o.data);
    assert.equal(charts.length, CHARTS_04);
    for (const chart of charts) {
      const data = (chart as { data: Record<string, unknown> }).data;
      assert.deepEqual(Object.keys(data).sort(), ["application/vnd.plotly.v1+json", "image/png", "image/svg+xml", "text/plain"]);
    }
    // The plotly bundle is no longer HTML: dropped, or kept as application/javascript while a what-if explorer needs it.
    const inits = outputs.filter((o) => (o.output_type === "display_data" || o.output_type === "execute_result") && String(o.data["text/html"] ?? "").includes("plotly-init"));
    assert.deepEqual(inits, []);
    assert.deepEqual(run.log, [], "the browser started");
  });

  it("`jupyter nbconvert --to html` of the executed notebook, viewed with JavaScript disabled, shows every chart", async () => {
    const dir = join(work.dir, "nbconvert-html");
    mkdirSync(dir, { recursive: true });
    copyFileSync(run.path, join(dir, `${NAME}.ipynb`));
    nbconvert(["--to", "html", `${NAME}.ipynb`], dir);
    const { page, close } = await openStatic(browser, join(dir, `${NAME}.html`));
    try {
      const svgs = await page.locator('[data-mime-type="image/svg+xml"] svg').count();
      assert.equal(svgs, CHARTS_04);
      const sizes = await page.locator('[data-mime-type="image/svg+xml"] svg').evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height));
      assert.ok(sizes.every((h) => h > 100), `every chart has a height: ${sizes.join(", ")}`);
    } finally {
      await close();
    }
  });

  it("`jupyter nbconvert --to markdown` gives 5 SVG image links that resolve, and no plotly bundle", () => {
    const dir = join(work.dir, "nbconvert-md");
    mkdirSync(dir, { recursive: true });
    copyFileSync(run.path, join(dir, `${NAME}.ipynb`));
    nbconvert(["--to", "markdown", `${NAME}.ipynb`], dir);
    const md = readFileSync(join(dir, `${NAME}.md`), "utf8");
    const links = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => decodeURI(m[1] as string));
    assert.equal(links.filter((l) => l.endsWith(".svg")).length, CHARTS_04);
    for (const link of links) assert.ok(existsSync(join(dir, link)), `${link} exists`);
    assert.ok(!md.includes("plotly.js v"), "no plotly bundle");
    assert.ok(md.length < 200_000, `the Markdown is small (${md.length} bytes)`);
  });

  describe("Notebook 6", function () {
    let jupyter: RunningJupyter | undefined;
    let data: { dir: string; remove: () => void };
    let notebooks: { dir: string; remove: () => void };
    let page: Page;
    const offsite: string[] = [];

    before(async function () {
      const found = requireJupyter(this);
      if (found.server?.app !== "notebook") {
        if (process.env.CI === "true") throw new Error(`these steps drive Notebook 6; ${found.server?.label} was found`);
        this.skip();
      }
      data = tempDir("static-data");
      notebooks = tempDir("static-notebooks");
      copyFileSync(run.path, join(notebooks.dir, `${NAME}.ipynb`));
      copyFileSync(run.livePath, join(notebooks.dir, "live.ipynb"));
      symlinkSync(join(ROOT, "node_modules"), join(notebooks.dir, "node_modules"), "dir");
      jupyter = await startJupyter({ port: await freePort(19_400), openBrowser: false, install: false, dataDir: data.dir, notebookDir: notebooks.dir, log: () => undefined, output: () => undefined });
      page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
      await onlyOrigin(page, `http://127.0.0.1:${jupyter.port}`, offsite);
    });

    after(async () => {
      await page?.close().catch(() => undefined);
      await jupyter?.stop(5000);
      if (jupyter && alive(-jupyter.pid)) process.kill(-jupyter.pid, "SIGKILL");
      data?.remove();
      notebooks?.remove();
    });

    async function open(file: string): Promise<void> {
      const running = jupyter as RunningJupyter;
      await page.goto(`http://127.0.0.1:${running.port}/notebooks/${file}?token=${running.token}`, { waitUntil: "domcontentloaded" });
      await page.waitForFunction("Boolean(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded)", undefined, { timeout: 60_000 });
    }

    it("the runner-executed notebook opens untrusted and shows every chart as an image (PNG)", async () => {
      await open(`${NAME}.ipynb`);
      assert.equal(await page.evaluate("Jupyter.notebook.trusted"), false);
      await page.waitForFunction(`document.querySelectorAll(".output_png img").length >= ${CHARTS_04}`, undefined, { timeout: 30_000 });
      assert.equal(await loadedImages(page, ".output_png img"), CHARTS_04);
      // The what-if explorer's default chart is an image too (a data: SVG inside its HTML, which the sanitizer keeps).
      assert.equal(await page.locator(".tradeoff-lab-chart-missing").count(), 0);
      assert.equal(await loadedImages(page, ".tradeoff-lab-whatif img.tl-whatif-static"), 1);
    });

    it("a notebook saved with live charts only, opened untrusted, says only what works: File → Trust Notebook, or Run All", async () => {
      await open("live.ipynb");
      assert.equal(await page.evaluate("Jupyter.notebook.trusted"), false);
      const notices = await page.locator(".tradeoff-lab-chart-missing").allInnerTexts();
      const inExplorers = await page.locator(".tradeoff-lab-whatif .tradeoff-lab-chart-missing").count();
      assert.equal(notices.length, CHARTS_04 + inExplorers);
      for (const text of notices) assert.equal(text.trim(), MISSING_PLOTLY_MESSAGE);
      assert.match(MISSING_PLOTLY_MESSAGE, /File → Trust Notebook, or run all cells \(Cell → Run All\)/);
      assert.doesNotMatch(MISSING_PLOTLY_MESSAGE, /init cell/);
      assert.deepEqual(offsite.filter((u) => /plotly/i.test(u)), []);
    });
  });

  describe("tradeoff-lab export", function () {
    let site: ExportResult;
    let siteDir: string;

    before(async () => {
      const notebooks = join(work.dir, "hostile");
      const hostile = writeHandmade(notebooks, "hostile", [
        { markdown: "# Hostile notes\n\nPrices: \\$100K before, \\$30K after; $$x = \\frac{a}{b}$$" },
        ...MARKDOWN_PAYLOADS.map((markdown) => ({ markdown })),
        { code: "display.show(x)", html: ["<p>output</p><script>window.__pwned = 'output-script'</script><img src=x onerror=\"window.__pwned='output-onerror'\">"] },
      ]);
      siteDir = join(work.dir, "site");
      site = await exportSite({ notebooks: [run.path, hostile], execute: false, outDir: siteDir, commit: "test", log: () => undefined });
    });

    it("pages show every formula typeset with JavaScript disabled, every chart as its SVG, no \\$, and fetch nothing", async () => {
      const { page, network, close } = await openStatic(browser, join(siteDir, `${NAME}.html`));
      try {
        assert.equal(await page.locator(".katex-display").count(), FORMULAS_04);
        const mathHeight = await page.locator(".katex-display .katex-html").first().evaluate((e) => (e as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height);
        assert.ok(mathHeight > 20, `the formula is laid out by KaTeX's CSS (height ${mathHeight})`);
        assert.equal(await loadedImages(page, "img.tradeoff-lab-static"), CHARTS_04);
        const text = String(await page.evaluate("document.body.innerText"));
        assert.ok(!text.includes("\\$") && !text.includes("$$"), "no raw TeX or \\$");
        assert.equal(await page.title(), "04 · Quorums and staleness");
        assert.deepEqual(network, []);
      } finally {
        await close();
      }
      const hostile = await openStatic(browser, join(siteDir, "hostile.html"));
      try {
        const text = String(await hostile.page.evaluate("document.body.innerText"));
        assert.ok(text.includes("Prices: $100K before, $30K after"), text.slice(0, 300));
        assert.equal(await hostile.page.locator(".katex-display").count(), 1);
      } finally {
        await hostile.close();
      }
    });

    it("with JavaScript on, the charts are interactive from the one shared plotly.js, and none of the 7 markdown payloads (nor an output's script) runs", async () => {
      const { page, log } = await openPage(browser, pathToFileURL(join(siteDir, `${NAME}.html`)).href);
      await page.waitForFunction(`document.querySelectorAll(".tradeoff-lab-chart .main-svg").length >= ${CHARTS_04}`, undefined, { timeout: 30_000 });
      assert.deepEqual(log.network, []);
      await page.close();
      const hostile = await openPage(browser, pathToFileURL(join(siteDir, "hostile.html")).href);
      await hostile.page.click("#jslink").catch(() => undefined);
      await hostile.page.waitForTimeout(300);
      assert.equal(await hostile.page.evaluate("typeof window.__pwned"), "undefined");
      assert.deepEqual(hostile.log.dialogs, []);
      assert.deepEqual(hostile.log.network, []);
      const html = readFileSync(join(siteDir, "hostile.html"), "utf8");
      assert.doesNotMatch(html, /<script\b[^>]*>[^<]*__pwned|\son\w+\s*=\s*["']?[^"'>]*__pwned|href=["']?javascript:|srcdoc|<iframe/i, "no payload survives as script, handler, link or frame");
      // The control: the same markup, unsanitized, does run in this browser.
      await hostile.page.setContent(MARKDOWN_PAYLOADS[0] ?? "");
      assert.equal(await hostile.page.evaluate("window.__pwned"), "script");
      await hostile.page.close();
      const pages = readdirSync(siteDir).filter((f) => f.endsWith(".html") && f !== "index.html");
      for (const f of pages) assert.ok(!readFileSync(join(siteDir, f), "utf8").includes("plotly.js v4"), `${f} does not inline the bundle`);
      assert.ok(existsSync(join(siteDir, SHARED_PLOTLY_FILE)));
    });

    it("the site has one SVG per chart under img/<notebook>/ with stable names, listed on the index", () => {
      const files = readdirSync(join(siteDir, "img", NAME)).sort();
      assert.deepEqual(files, ["figure-01.svg", "figure-02.svg", "figure-03.svg", "figure-04.svg", "figure-05.svg"]);
      const index = readFileSync(site.indexPath, "utf8");
      for (const f of files) assert.ok(index.includes(`href="img/${NAME}/${f}"`), f);
      assert.ok(index.includes("5 figures (SVG)"));
    });

    it("export --format pdf of notebook 04: A4, text extractable, charts as vectors (no raster image bigger than the heatmap's grid)", async function () {
      requireTool(this, spawnSync("pdftotext", ["-v"]).status === 0, "pdftotext and pdfimages (poppler-utils)", "apt-get install poppler-utils");
      const pdfDir = join(work.dir, "pdf");
      const result = await exportSite({ notebooks: [run.path], execute: false, format: "pdf", outDir: pdfDir, commit: "test", log: () => undefined });
      const pdf = join(pdfDir, `${NAME}.pdf`);
      assert.equal(result.pages[0]?.href, `${NAME}.pdf`);
      const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /Quorums and staleness/);
      assert.match(text.stdout, /k \(versions of tolerated staleness\)/, "a chart's axis title is vector text");
      const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
      assert.match(info, /Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
      const images = spawnSync("pdfimages", ["-list", pdf], { encoding: "utf8" }).stdout.split("\n").slice(2).filter((l) => l.trim() !== "");
      const sizes = images.map((l) => l.trim().split(/\s+/).slice(3, 5).map(Number));
      assert.ok(sizes.every(([w, h]) => (w ?? 0) <= 9 && (h ?? 0) <= 9), `only heatmap grids are raster: ${JSON.stringify(sizes)}`);
    });

    it("export --format md: Markdown whose image links resolve, no plotly bundle, an index.md", async () => {
      const mdDir = join(work.dir, "md");
      await exportSite({ notebooks: [run.path], execute: false, format: "md", outDir: mdDir, commit: "test", log: () => undefined, images: false });
      const md = readFileSync(join(mdDir, `${NAME}.md`), "utf8");
      const links = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => decodeURI(m[1] as string));
      assert.equal(links.length, CHARTS_04);
      for (const link of links) assert.ok(existsSync(join(mdDir, link)), link);
      assert.ok(!md.includes("plotly.js v") && !md.includes("<script"));
      assert.ok(existsSync(join(mdDir, "index.md")));
    });
  });
});
