/**
 * The real Jupyter UI (issue 6): `npm start`'s Jupyter on loopback with a
 * token, a notebook that imports tradeoff-lab's `display`, opened in
 * Chromium, Cell → Run All, then a rendered Plotly chart and a table must
 * be on the page. The screenshot goes to build/screenshots/jupyter-ui.png
 * (a CI artifact).
 *
 * The fixture is copied into a temp folder (the repo stays clean), with a
 * `node_modules` link to the checkout's so that the kernel, which runs in
 * the notebook's folder, resolves `tradeoff-lab` as a notebook in
 * notebooks/ does.
 */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { alive, descendants, freePort, waitFor } from "../../kernel-setup/processes";
import { startJupyter, type RunningJupyter } from "../../kernel-setup/start";
import { ROOT, requireJupyter, tempDir } from "../kernel-setup/helpers";
import { CHROMIUM_ARGS, hasChromium, onlyOrigin, requireTool, CHROMIUM } from "./helpers";

const SCREENSHOT = join(ROOT, "build", "screenshots", "jupyter-ui.png");

/** The classic Notebook front-end's global, as far as this test uses it. */
interface NotebookGlobal {
  notebook?: {
    _fully_loaded?: boolean;
    kernel?: { is_connected(): boolean; name?: string } | null;
    get_cells(): { cell_type: string; input_prompt_number?: number | string | null }[];
  };
}

/** The page's globals this test reads, typed here (the tsconfig has no DOM lib). */
interface PageGlobals {
  Jupyter?: NotebookGlobal;
  document: { querySelector(selector: string): unknown };
}

describe("browser: the real Jupyter UI runs a tradeoff-lab notebook", function () {
  this.timeout(180_000);
  let data: { dir: string; remove: () => void } | undefined;
  let notebooks: { dir: string; remove: () => void } | undefined;
  let jupyter: RunningJupyter | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let offsite: string[] = [];
  let kernelPids: number[] = [];
  let jupyterLog = "";

  before(async function () {
    const found = requireJupyter(this);
    requireTool(this, hasChromium(), `Chromium (${CHROMIUM})`, "apt-get install chromium");
    assert.ok(existsSync(join(ROOT, "dist", "index.js")), "dist/index.js is missing: run `npm run build` first (notebooks import the built library)");
    if (found.server?.app !== "notebook" || found.server.configClass !== "NotebookApp") {
      // The steps below drive the classic Notebook 6 UI (Debian's, what CI installs).
      const message = `this test drives Notebook 6's UI; ${found.server?.label} was found`;
      if (process.env.CI === "true") throw new Error(message);
      console.warn(`\n  !!! SKIPPING JUPYTER UI TEST: ${message} !!!\n`);
      this.skip();
    }
    data = tempDir("ui-data");
    notebooks = tempDir("ui-notebooks");
    copyFileSync(join(ROOT, "test", "browser", "fixtures", "ui-check.ipynb"), join(notebooks.dir, "ui-check.ipynb"));
    symlinkSync(join(ROOT, "node_modules"), join(notebooks.dir, "node_modules"), "dir");
    jupyter = await startJupyter({
      port: await freePort(18_900),
      openBrowser: false,
      install: false,
      dataDir: data.dir,
      notebookDir: notebooks.dir,
      log: () => undefined,
      output: (chunk) => (jupyterLog += chunk),
    });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Tall enough for the whole notebook: Notebook 6 scrolls inside #site, so fullPage alone would cut it.
    page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
    // Nothing leaves the machine: CDN requests (MathJax, fonts) are refused and noted.
    await onlyOrigin(page, `http://127.0.0.1:${jupyter.port}`, offsite);
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed") console.error(`Jupyter's log:\n${jupyterLog.slice(-5000)}`);
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await jupyter?.stop(5000);
    if (jupyter && alive(-jupyter.pid)) process.kill(-jupyter.pid, "SIGKILL");
    data?.remove();
    notebooks?.remove();
  });

  it("opens ui-check.ipynb with the tslab kernel, runs all cells, and shows a Plotly chart and a table", async () => {
    const running = jupyter as RunningJupyter;
    await page.goto(`http://127.0.0.1:${running.port}/notebooks/ui-check.ipynb?token=${running.token}`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(
      () => {
        const nb = (globalThis as unknown as PageGlobals).Jupyter?.notebook;
        return Boolean(nb?._fully_loaded && nb.kernel?.is_connected());
      },
      undefined,
      { timeout: 60_000 },
    );
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).Jupyter?.notebook?.kernel?.name), "tslab");
    kernelPids = descendants(running.pid);
    assert.ok(kernelPids.length > 0, "Jupyter started a kernel process");

    // Cell → Run All, as a user does it.
    await page.click("#celllink");
    await page.click("#run_all_cells > a");
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as PageGlobals;
        const nb = g.Jupyter?.notebook;
        const code = nb?.get_cells().filter((c) => c.cell_type === "code") ?? [];
        const done = code.length > 0 && code.every((c) => typeof c.input_prompt_number === "number");
        return done && g.document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
      },
      undefined,
      { timeout: 90_000 },
    );

    const chart = page.locator(".output_area .tradeoff-lab-chart.js-plotly-plot .main-svg").first();
    await chart.waitFor({ state: "visible", timeout: 30_000 });
    assert.ok(((await chart.boundingBox())?.height ?? 0) > 100, "the chart has its height");
    assert.ok((await page.locator(".output_area .js-plotly-plot .scatterlayer .trace").count()) >= 1, "the line trace is drawn");
    // What Plotly drew: P(consistent) for N=3, R=W=1 at k=2 is 5/9 (REFERENCES.md: Bailis et al., VLDB 2012).
    const plotted = await page.evaluate(() => ((globalThis as unknown as PageGlobals).document.querySelector(".output_area .js-plotly-plot") as { data: { y: number[] }[] }).data[0]?.y);
    assert.ok(Math.abs((plotted?.[1] ?? NaN) - 5 / 9) < 1e-12, `y at k=2 is ${plotted?.[1]}`);

    const table = page.locator(".output_area table.tradeoff-lab-table");
    await table.waitFor({ state: "visible", timeout: 10_000 });
    const text = await table.innerText();
    assert.match(text, /S3 Standard/);
    assert.match(text, /\$0\.023/);
    assert.equal(await page.locator(".output_area .output_error").count(), 0, "no cell raised an error");
    assert.equal(await page.locator(".output_area .output_stderr").count(), 0, "nothing on stderr");
    assert.equal(await page.locator(".tradeoff-lab-chart-missing:visible").count(), 0, "no 'run the init cell' notice is visible");

    mkdirSync(join(ROOT, "build", "screenshots"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(statSync(SCREENSHOT).size > 10_000, "a real screenshot was written");
  });

  it("Jupyter's log as npm start shows it has none of tslab's comm_open complaints (the UI above made tslab print two)", () => {
    assert.ok(jupyterLog.includes("Kernel started"), jupyterLog.slice(-2000));
    assert.ok(!jupyterLog.includes("unknown msg_type: comm_open"), jupyterLog.slice(-2000));
  });

  it("stopping Jupyter ends the kernel it started, and nothing was fetched from the network", async () => {
    const running = jupyter as RunningJupyter;
    await browser?.close();
    browser = undefined;
    await running.stop(10_000);
    assert.ok(await waitFor(() => !alive(running.pid), 5_000), "Jupyter is gone");
    assert.ok(await waitFor(() => kernelPids.every((p) => !alive(p)), 5_000), `kernel processes left: ${kernelPids.filter((p) => alive(p)).join(", ")}`);
    // Notebook 6 asks for nothing off-site except, possibly, MathJax's CDN fallback; the charts never do.
    assert.deepEqual(offsite.filter((u) => /plot\.ly|plotly/i.test(u)), []);
    offsite = [];
  });
});
