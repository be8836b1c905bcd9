/**
 * What-if explorers on exported pages, in Chromium, offline, from file://
 * with every other request blocked: every notebook that has an explorer is
 * executed on the real kernel (the suite's learner runs, learnerRuns.ts)
 * and exported with nbconvert; then, for each
 * explorer, each control is set in turn (the earlier ones stay set, so
 * controls combine) and the output must be exactly what the library
 * computes in Node for the same values, from the view's own source in the
 * page. Out-of-range values cannot be entered; the URL fragment restores a
 * scenario and is read as data only. Where JavaScript does not run (the
 * page with JavaScript disabled, and the PDF), each explorer shows its
 * default render's charts as images.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { exportSite, type NotebookExecutor } from "../../src/export";
import { isNumberControl, type ControlValue } from "../../src/display/whatIf/controls";
import { MISSING_PLOTLY_MESSAGE } from "../../src/display/plotly";
import { assertShowsNode, explorersInHtml, nodeItems, otherValue, renders, setControl, waitMounted, type PageExplorer } from "./explorers";
import { Tab, hasChromium, hasNbconvert, launch, requireTool } from "./helpers";
import { learnerRun } from "../notebookSources/learnerRuns";

const ROOT = join(__dirname, "..", "..");

/** The notebooks whose sources call display.whatIf. */
function notebooksWithExplorers(): string[] {
  return readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb") && readFileSync(join(ROOT, "notebooks", f), "utf8").includes("display.whatIf("))
    .sort();
}

/** The titles of an explorer's default charts, as the library computes them in Node. */
function defaultChartTitles(explorer: PageExplorer): string[] {
  const values: Record<string, ControlValue> = {};
  for (const [name, decl] of Object.entries(explorer.controls)) values[name] = decl.default;
  return nodeItems(explorer, values).flatMap((item) => (item.kind === "figure" ? [item.layout?.title?.text ?? ""] : []));
}

/** Opens a page in `tab`, runs `check`, then requires a clean log: no error, request or dialog. */
async function onPage(tab: Tab, url: string, check: (page: Page) => Promise<void>): Promise<void> {
  const { page, log } = await tab.open(url);
  await check(page);
  assert.deepEqual(log, { errors: [], network: [], dialogs: [] });
}

/**
 * The export's runner, replaced by the suite's runs of the same notebooks on
 * the real kernel (learnerRuns.ts: the learner copies, which are the
 * notebooks/ files), so that they are not executed twice per `npm test`.
 * The export itself (src/export) is run through its own runner in export.test.ts.
 */
const fromLearnerRuns: NotebookExecutor = async (path, { parameters, outputPath }) => {
  assert.deepEqual(parameters, {}, "this export gives no parameters");
  const run = await learnerRun(basename(path, ".ipynb"));
  writeFileSync(outputPath, JSON.stringify(run.notebook));
  return run.ok ? { ok: true } : { ok: false, error: { message: run.error?.message ?? "a cell raised an error" } };
};

describe("what-if explorers on exported pages (Chromium, offline)", function () {
  this.timeout(900_000);
  let dir: string;
  let browser: Browser | undefined;
  // The pages open one after the other in one tab each (see Tab): a new tab per page cost ~0.9 CPU-s more.
  let tab: Tab;
  let noScriptTab: Tab;
  const pages: { name: string; url: string; explorers: PageExplorer[] }[] = [];

  before(async function () {
    requireTool(this, hasNbconvert(), "nbconvert (/usr/bin/python3 -m nbconvert)", "sudo apt-get install jupyter-nbconvert");
    requireTool(this, hasChromium(), "Chromium (/usr/bin/chromium)", "sudo apt-get install chromium");
    dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-whatif-"));
    // The notebooks read ../data and import tradeoff-lab, as in the checkout.
    mkdirSync(join(dir, "notebooks"));
    symlinkSync(join(ROOT, "data"), join(dir, "data"), "dir");
    symlinkSync(join(ROOT, "node_modules"), join(dir, "notebooks", "node_modules"), "dir");
    const names = notebooksWithExplorers();
    assert.ok(names.length > 0, "some notebook has an explorer");
    for (const name of names) writeFileSync(join(dir, "notebooks", name), readFileSync(join(ROOT, "notebooks", name)));
    // Two at a time, as `npm run export -- --jobs 2` would: a notebook waits on nbconvert and Chromium in turn.
    const result = await exportSite({ notebooksDir: join(dir, "notebooks"), outDir: join(dir, "site"), executedDir: join(dir, "executed"), commit: "test", jobs: 2, executor: fromLearnerRuns });
    assert.equal(result.ok, true, JSON.stringify(result.pages.filter((p) => !p.ok)));
    for (const name of names) {
      const file = join(dir, "site", name.replace(/\.ipynb$/, ".html"));
      pages.push({ name, url: pathToFileURL(file).href, explorers: explorersInHtml(readFileSync(file, "utf8")) });
    }
    browser = await launch();
    tab = new Tab(browser);
    noScriptTab = new Tab(browser, { javaScript: false });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("every exported notebook that calls display.whatIf has its explorers in the page, with the library once", () => {
    for (const p of pages) {
      assert.ok(p.explorers.length > 0, `${p.name}: explorers`);
      const html = readFileSync(new URL(p.url), "utf8");
      assert.equal(html.split('data-tradeoff-lab="what-if-library"').length - 1, 1, `${p.name}: one library bundle`);
    }
  });

  it("with JavaScript disabled, each explorer shows its default render's charts as images (the SVG of each chart the view draws), no placeholder", async () => {
    let charts = 0;
    for (const p of pages) {
      await onPage(
        noScriptTab,
        p.url,
        async (page) => {
          for (const explorer of p.explorers) {
            const titles = defaultChartTitles(explorer);
            const shown = (await page.evaluate(`Array.from(document.querySelectorAll("#${explorer.id} .tl-whatif-output .tradeoff-lab-chart")).map(function (c) {
              var img = c.querySelector("img.tl-whatif-static");
              return { alt: img && img.alt, loaded: Boolean(img && img.complete && img.naturalWidth > 0), height: c.getBoundingClientRect().height, placeholder: c.querySelector(".tradeoff-lab-chart-missing") !== null };
            })`)) as { alt: string | null; loaded: boolean; height: number; placeholder: boolean }[];
            assert.deepEqual(
              shown.map((s) => s.alt),
              titles.map((t) => t.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "")),
              `${p.name} ${explorer.key}: one image per default chart, titled as the chart`,
            );
            for (const s of shown) assert.ok(s.loaded && !s.placeholder && s.height > 100, `${p.name} ${explorer.key}: ${JSON.stringify(s)}`);
            charts += shown.length;
          }
          assert.equal(await page.locator(".tradeoff-lab-whatif .tradeoff-lab-chart-missing").count(), 0, `${p.name}: no explorer shows the placeholder`);
        },
      );
    }
    assert.ok(charts > 0, `explorer charts checked: ${charts}`);
  });

  it("export --format pdf: an explorer's default charts are in the PDF as vector graphics (their text extractable), not the placeholder", async function () {
    requireTool(this, spawnSync("pdftotext", ["-v"]).status === 0, "pdftotext (poppler-utils)", "apt-get install poppler-utils");
    const p = pages.find((page) => page.explorers.some((e) => defaultChartTitles(e).length > 0));
    assert.ok(p, "some explorer draws a chart");
    const pdfDir = join(dir, "pdf");
    // The executed copy the site export wrote (with its explorer images), printed as it is.
    const result = await exportSite({ notebooks: [join(dir, "executed", p.name)], execute: false, format: "pdf", outDir: pdfDir, commit: "test", log: () => undefined });
    assert.equal(result.ok, true);
    const text = spawnSync("pdftotext", [join(pdfDir, p.name.replace(/\.ipynb$/, ".pdf")), "-"], { encoding: "utf8" });
    assert.equal(text.status, 0, text.stderr);
    const flat = text.stdout.replace(/\s+/g, " ");
    for (const explorer of p.explorers) {
      for (const title of defaultChartTitles(explorer)) {
        // The chart's title is text inside its SVG; pdftotext may break it across lines, so compare its words in order.
        const words = title.replace(/<[^>]*>/g, " ").split(/\s+/).filter((w) => w !== "");
        assert.ok(flat.includes(words.join(" ")), `${p.name} ${explorer.key}: the PDF has the chart "${title}"`);
      }
    }
    assert.ok(!flat.includes(MISSING_PLOTLY_MESSAGE.split(".")[0] ?? MISSING_PLOTLY_MESSAGE), "no placeholder in the PDF");
  });

  it("for each explorer, setting each control in turn shows exactly what the library computes in Node", async () => {
    for (const p of pages) {
      await onPage(tab, p.url, async (page) => {
        for (const explorer of p.explorers) {
          await waitMounted(page, explorer.id);
          const values: Record<string, ControlValue> = {};
          for (const [name, decl] of Object.entries(explorer.controls)) values[name] = decl.default;
          await assertShowsNode(page, explorer, values, `${p.name} ${explorer.key} defaults`);
          for (const [name, decl] of Object.entries(explorer.controls)) {
            values[name] = otherValue(decl, values[name] as ControlValue);
            await setControl(page, explorer, name, values[name] as ControlValue);
            await assertShowsNode(page, explorer, values, `${p.name} ${explorer.key} ${name}=${String(values[name])}`);
          }
          const hash = (await page.evaluate("location.hash")) as string;
          for (const [name, value] of Object.entries(values)) assert.ok(hash.includes(`${explorer.key}.${name}=${encodeURIComponent(String(value))}`), `${p.name}: fragment keeps ${name}`);
        }
      });
    }
  });

  it("a shared link (the fragment) opens the same scenario, and what the library computes for it", async () => {
    for (const p of pages) {
      const explorer = p.explorers[0] as PageExplorer;
      const values: Record<string, ControlValue> = {};
      for (const [name, decl] of Object.entries(explorer.controls)) values[name] = otherValue(decl, decl.default);
      const fragment = Object.entries(values)
        .map(([name, value]) => `${explorer.key}.${name}=${encodeURIComponent(String(value))}`)
        .join("&");
      await onPage(tab, `${p.url}#${fragment}`, async (page) => {
        await waitMounted(page, explorer.id);
        await page.waitForFunction(`Number(document.getElementById(${JSON.stringify(explorer.id)}).dataset.renders) >= 1`);
        await assertShowsNode(page, explorer, values, `${p.name} from the link`);
      });
    }
  });

  it("out-of-range values cannot be entered: sliders clamp, boxes refuse and revert, the fragment is data only", async () => {
    for (const p of pages) {
      const explorer = p.explorers[0] as PageExplorer;
      const hostile = `${explorer.key}.${Object.keys(explorer.controls)[0]}=${encodeURIComponent("alert(1)")}&${explorer.key}.constructor=1`;
      await onPage(tab, `${p.url}#${hostile}`, async (page) => {
        await waitMounted(page, explorer.id);
        const status = `#${explorer.id} .tl-whatif-status`;
        assert.match((await page.textContent(status)) ?? "", /^Ignored values in the link that are not allowed for: /);
        assert.equal(await renders(page, explorer.id), 0, "nothing rendered from a refused link");
        for (const [name, decl] of Object.entries(explorer.controls)) {
          if (!isNumberControl(decl)) continue;
          const selector = `#${explorer.id} [data-control="${name}"]`;
          const kind = await page.getAttribute(selector, "type");
          const before = await renders(page, explorer.id);
          if (kind === "range") {
            await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).value = "${decl.max + 1000}"`);
            assert.equal(await page.inputValue(selector), String(decl.max), `${name}: the slider clamps to max`);
          } else {
            const previous = await page.inputValue(selector);
            await page.fill(selector, String(decl.max + (decl.step ?? 1)));
            assert.match((await page.textContent(status)) ?? "", /must be an? (integer|number) in \[/);
            assert.equal(await page.getAttribute(selector, "aria-invalid"), "true");
            await page.dispatchEvent(selector, "change");
            assert.equal(await page.inputValue(selector), previous, `${name}: the box reverts to the last allowed value`);
            assert.equal(await renders(page, explorer.id), before, `${name}: nothing redrawn for a refused value`);
          }
        }
      });
    }
  });
});
