/**
 * What-if explorers in the real Notebook 6 UI: `npm start`'s Jupyter on
 * loopback, every notebook that has an explorer opened in Chromium and run
 * with Cell → Run All; then each explorer's controls are set in turn and
 * the output must be what the library computes in Node for the same values
 * (as on the exported pages). A notebook whose view reads a notebook
 * variable fails in the kernel, at that cell, naming the variable.
 *
 * Each notebook gets a new tab, and its kernel is shut down through
 * Jupyter's REST API once it is checked, so the server runs one notebook
 * kernel at a time, as a learner's would.
 */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { alive, freePort } from "../../kernel-setup/processes";
import { httpGet, startJupyter, type RunningJupyter } from "../../kernel-setup/start";
import type { ControlValue } from "../../src/display/whatIf/controls";
import { ROOT, requireJupyter, tempDir } from "../kernel-setup/helpers";
import { assertShowsNode, explorersInHtml, otherValue, setControl, waitMounted, type PageExplorer } from "./explorers";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, onlyOrigin, requireTool } from "./helpers";

interface NotebookCell {
  cell_type: string;
  input_prompt_number?: number | string | null;
  output_area?: { outputs: { output_type: string; name?: string; data?: Record<string, string>; text?: string }[] };
}

/** Notebook 6's front-end global, as far as this test uses it. */
const NOTEBOOK = "(globalThis.Jupyter && globalThis.Jupyter.notebook)";

async function runAll(page: Page, url: string): Promise<NotebookCell[]> {
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(`${NOTEBOOK} && ${NOTEBOOK}._fully_loaded && ${NOTEBOOK}.kernel && ${NOTEBOOK}.kernel.is_connected()`, undefined, { timeout: 60_000 });
  await page.click("#celllink");
  await page.click("#run_all_cells > a");
  await page.waitForFunction(
    // Notebook 6 does not run an empty code cell: it keeps no prompt number.
    `(function () { var code = ${NOTEBOOK}.get_cells().filter(function (c) { return c.cell_type === "code" && c.get_text().trim() !== ""; });
      var stopped = document.querySelector(".output_area .output_error") !== null;
      return code.length > 0 && (stopped || code.every(function (c) { return typeof c.input_prompt_number === "number"; }))
        && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null; })()`,
    undefined,
    { timeout: 180_000 },
  );
  return (await page.evaluate(`${NOTEBOOK}.get_cells().map(function (c) { return { cell_type: c.cell_type, output_area: c.output_area ? { outputs: c.output_area.outputs } : undefined }; })`)) as NotebookCell[];
}

describe("what-if explorers in the Notebook 6 UI", function () {
  this.timeout(600_000);
  let data: { dir: string; remove: () => void } | undefined;
  let work: { dir: string; remove: () => void } | undefined;
  let jupyter: RunningJupyter | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let origin = "";
  const offsite: string[] = [];
  const errors: string[] = [];
  const names = readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb") && readFileSync(join(ROOT, "notebooks", f), "utf8").includes("display.whatIf("))
    .sort();

  // Jupyter's log (kernels starting, websocket errors), kept quiet and printed only when a test fails.
  const jupyterLog: string[] = [];
  const keepLog = (text: string): void => {
    jupyterLog.push(text);
    if (jupyterLog.length > 400) jupyterLog.splice(0, jupyterLog.length - 400);
  };
  afterEach(function () {
    if (this.currentTest?.state === "failed") console.log(`      Jupyter's log, last ${jupyterLog.length} chunks:\n${jupyterLog.join("")}`);
  });

  before(async function () {
    const found = requireJupyter(this);
    requireTool(this, hasChromium(), `Chromium (${CHROMIUM})`, "apt-get install chromium");
    assert.ok(existsSync(join(ROOT, "dist", "browser", "tradeoff-lab.min.js")), "run `npm run build` first (the kernel embeds the browser bundle)");
    if (found.server?.app !== "notebook" || found.server.configClass !== "NotebookApp") {
      const message = `this test drives Notebook 6's UI; ${found.server?.label} was found`;
      if (process.env.CI === "true") throw new Error(message);
      console.warn(`\n  !!! SKIPPING WHAT-IF UI TEST: ${message} !!!\n`);
      this.skip();
    }
    data = tempDir("whatif-ui-data");
    work = tempDir("whatif-ui");
    // The notebooks read ../data and import tradeoff-lab, as in the checkout.
    mkdirSync(join(work.dir, "notebooks"));
    symlinkSync(join(ROOT, "data"), join(work.dir, "data"), "dir");
    symlinkSync(join(ROOT, "node_modules"), join(work.dir, "notebooks", "node_modules"), "dir");
    for (const name of names) copyFileSync(join(ROOT, "notebooks", name), join(work.dir, "notebooks", name));
    copyFileSync(join(ROOT, "test", "browser", "fixtures", "what-if-contract.ipynb"), join(work.dir, "notebooks", "what-if-contract.ipynb"));
    jupyter = await startJupyter({
      port: await freePort(19_400 + Math.floor(Math.random() * 400)),
      openBrowser: false,
      install: false,
      dataDir: data.dir,
      notebookDir: join(work.dir, "notebooks"),
      log: (line) => keepLog(`${line}\n`),
      output: keepLog,
    });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    origin = `http://127.0.0.1:${jupyter.port}`;
  });

  /**
   * The one tab, offline but for the server, on a new document (the last notebook's page, with its kernel
   * websocket, unloaded first). One tab, not a new one per notebook: a new tab's renderer loads Notebook 6's
   * scripts and plotly.js again (~1 CPU-s more per notebook, measured).
   */
  async function freshPage(): Promise<Page> {
    if (page === undefined) {
      page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 1000 } });
      page.on("pageerror", (e) => errors.push(e.message));
      await onlyOrigin(page, origin, offsite);
    } else {
      // Notebook 6 asks before leaving a notebook with unsaved changes (every run leaves one); its kernel is already shut down.
      await page.evaluate("window.onbeforeunload = null");
    }
    await page.goto("about:blank");
    return page;
  }

  /** Shuts down the kernel of the notebook at `path` (DELETE /api/sessions/<id>), so the next notebook's kernel runs alone. */
  async function shutDownKernel(path: string): Promise<void> {
    const running = jupyter as RunningJupyter;
    const auth = { Authorization: `token ${running.token}` };
    const sessions = JSON.parse((await httpGet(`${origin}/api/sessions`, auth)).body) as { id: string; path: string }[];
    const session = sessions.find((s) => s.path === path);
    assert.ok(session, `${path}: Jupyter lists its session`);
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${origin}/api/sessions/${encodeURIComponent(session.id)}`, { method: "DELETE", headers: auth }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 204, `${path}: its session was deleted`);
  }

  after(async () => {
    await browser?.close().catch(() => undefined);
    await jupyter?.stop(5000);
    if (jupyter && alive(-jupyter.pid)) process.kill(-jupyter.pid, "SIGKILL");
    data?.remove();
    work?.remove();
  });

  it("a view that reads a notebook variable fails in the kernel at its cell, naming the variable", async () => {
    const running = jupyter as RunningJupyter;
    page = await freshPage();
    const cells = await runAll(page, `${origin}/notebooks/what-if-contract.ipynb?token=${running.token}`);
    const outputs = cells[2]?.output_area?.outputs ?? [];
    const text = outputs.map((o) => o.text ?? JSON.stringify(o)).join("\n");
    assert.match(
      text,
      /TypeError: display\.whatIf: view must be a function of its arguments \(library, control values\) and safe globals \(Math, Number, Array, JSON, Object, …\) only \(replicationFactor is a notebook variable: pass it in through a control or compute it inside the view\), got "replicationFactor"/,
    );
    assert.equal(await page.locator(".tradeoff-lab-whatif").count(), 0, "no explorer reached the page");
    await shutDownKernel("what-if-contract.ipynb");
  });
  it("each notebook's explorers, run in Notebook 6: setting each control shows what the library computes in Node", async () => {
    const running = jupyter as RunningJupyter;
    assert.ok(names.length > 0);
    for (const name of names) {
      const started = Date.now();
      page = await freshPage();
      const cells = await runAll(page, `${origin}/notebooks/${encodeURIComponent(name)}?token=${running.token}`);
      const failed = cells.flatMap((c) => c.output_area?.outputs ?? []).filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"));
      assert.deepEqual(failed, [], `${name}: no cell failed`);
      const htmls = cells.flatMap((c) => c.output_area?.outputs ?? []).map((o) => o.data?.["text/html"] ?? "");
      const explorers = htmls.flatMap((h) => explorersInHtml(h));
      assert.ok(explorers.length > 0, `${name}: explorers shown`);
      for (const explorer of explorers as PageExplorer[]) {
        await waitMounted(page, explorer.id, 30_000);
        const values: Record<string, ControlValue> = {};
        for (const [control, decl] of Object.entries(explorer.controls)) values[control] = decl.default;
        await assertShowsNode(page, explorer, values, `${name} ${explorer.key} defaults`);
        for (const [control, decl] of Object.entries(explorer.controls)) {
          values[control] = otherValue(decl, values[control] as ControlValue);
          await setControl(page, explorer, control, values[control] as ControlValue);
          await assertShowsNode(page, explorer, values, `${name} ${explorer.key} ${control}=${String(values[control])}`);
        }
      }
      assert.equal(await page.locator(".output_area .output_error").count(), 0, `${name}: no cell raised an error`);
      await shutDownKernel(name);
      console.log(`      ${name}: ${explorers.length} explorer(s) checked in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    assert.deepEqual(errors, [], "no page errors");
    assert.deepEqual(offsite, [], "no request left the Jupyter server");
  });

});
