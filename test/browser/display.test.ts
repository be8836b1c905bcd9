/**
 * The display output and the exported site in a real browser: Debian's
 * Chromium via playwright-core, every request that is not file:/data:
 * blocked and recorded (issue 6, "Verified in a real browser").
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import type { Browser } from "playwright-core";
import { display } from "../../src";
import { chartBundle, initScript } from "../../src/display/plotly";
import { exportSite } from "../../src/export";
import { writeHandmade } from "../export/handmade";
import { Tab, hasChromium, hasNbconvert, launch, requireTool, waitForCharts } from "./helpers";

const REQUIRE_JS = "/usr/share/javascript/requirejs/require.js";

function page(dir: string, name: string, body: string, head = ""): string {
  const path = join(dir, `${name}.html`);
  writeFileSync(path, `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
  return pathToFileURL(path).href;
}

/** One of each builder, with small data (the chart types the workbook uses). */
function everyChart(): display.Figure[] {
  const ks = [1, 2, 3, 4, 5];
  return [
    display.lineChart({
      title: "P(read within k versions), N=3",
      x: ks,
      series: [
        { name: "R=W=1", y: ks.map((k) => 1 - (2 / 3) ** k) },
        { name: "R=1, W=2", y: ks.map((k) => 1 - (1 / 3) ** k), dash: "dash" },
      ],
      xTitle: "k",
      yTitle: "P(consistent)",
      yUnit: "percent",
    }),
    display.heatmap({ title: "P(consistent), k=1, N=3", x: [1, 2, 3], y: [1, 2, 3], z: [[1 / 3, 2 / 3, 1], [2 / 3, 1, 1], [1, 1, 1]], xTitle: "W", yTitle: "R", zUnit: "percent" }),
    display.barChart({ title: "Monthly cost", categories: ["S3", "NAT", "Transfer"], series: [{ name: "USD", values: [230, 32.85 + 45, 20] }], unit: "money" }),
    display.waterfall({ title: "Savings", start: { label: "Now", amount: 10_000 }, steps: [{ label: "Spot (70%)", amount: -2100 }, { label: "Logs to IA", amount: -1200 }, { label: "Cross-region copy", amount: 300 }] }),
    display.burnDown({ title: "Budget", time: [0, 5, 10, 15, 20], remaining: [1, 0.9, 0.6, 0.55, 0.2], periodLength: 30, alerts: [{ time: 9, label: "burn 14.4 over 1 h" }, { time: 18, label: "burn 1 over 3 d", severity: "ticket" }] }),
    display.drScatter({
      title: "DR strategies",
      strategies: [
        { name: "Backup & restore", rtoMinutes: 24 * 60, rpoMinutes: 60, monthlyCostUsd: 100 },
        { name: "Pilot light", rtoMinutes: 30, rpoMinutes: 5, monthlyCostUsd: 800 },
        { name: "Warm standby", rtoMinutes: 5, rpoMinutes: 0.1, monthlyCostUsd: 3000 },
        { name: "Active/active", rtoMinutes: 0.5, rpoMinutes: 0.01, monthlyCostUsd: 9000 },
      ],
    }),
    display.histogram({ title: "Latency", values: [1, 2, 2, 3, 3, 3, 4, 4, 5], valueTitle: "latency", unit: "ms" }),
  ];
}

describe("display in Chromium (browser)", function () {
  this.timeout(90_000);
  let browser: Browser;
  // Every page opens as a new document in this one tab (see Tab): a new tab per page costs a renderer each.
  let tab: Tab;
  let dir: string;

  before(async function () {
    requireTool(this, hasChromium(), "Chromium (/usr/bin/chromium)", "sudo apt-get install chromium, or set CHROMIUM_PATH");
    dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-browser-"));
    browser = await launch();
    tab = new Tab(browser);
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("show(every builder) after plotlyInit: every chart div holds Plotly's SVG, no console error, no request", async () => {
    const html = [display.plotlyInitHtml(), ...everyChart().map((f) => display.chartHtml(f))].join("\n");
    const { page: p, log } = await tab.open(page(dir, "charts", html));
    assert.equal(await waitForCharts(p), 7);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.network, []);
    // The waterfall is bars with a per-bar base: 5 bars drawn (start, 3 steps, total).
    const waterfallBars = await p.locator(".tradeoff-lab-chart").nth(3).locator("g.point").count();
    assert.equal(waterfallBars, 5);
  });

  it("chartHtml() before the bundle: the chart polls and draws once window.Plotly arrives later on the page", async () => {
    const fig = display.barChart({ categories: ["a"], series: [{ name: "s", values: [1] }] });
    const late = `${display.chartHtml(fig)}${display.plotlyInitHtml("basic")}`;
    const { page: p, log } = await tab.open(page(dir, "late", late));
    assert.equal(await waitForCharts(p), 1);
    assert.deepEqual(log.errors, []);
  });

  it("chartHtml({waitMs: 200}) with no bundle on the page says what to do, without errors", async () => {
    const fig = display.barChart({ categories: ["a"], series: [{ name: "s", values: [1] }] });
    const { page: p, log } = await tab.open(page(dir, "missing", display.chartHtml(fig, { waitMs: 200 })));
    await p.waitForTimeout(500);
    const text = await p.locator(".tradeoff-lab-chart").innerText();
    assert.equal(text.trim(), display.MISSING_PLOTLY_MESSAGE);
    assert.equal(await p.locator(".main-svg").count(), 0);
    assert.deepEqual(log.errors, []);
  });

  it("plotlyInitHtml() with require.js on the page (classic Notebook): window.Plotly is set, define restored, chart draws", async function () {
    if (!existsSync(REQUIRE_JS)) {
      if (process.env.CI === "true") throw new Error(`${REQUIRE_JS} is missing (apt-get install libjs-requirejs)`);
      console.warn(`\n  !!! require.js test needs ${REQUIRE_JS} (apt-get install libjs-requirejs) !!!\n`);
      this.skip();
    }
    const head = `<script src="${pathToFileURL(REQUIRE_JS).href}"></script><script>window.__define = window.define;</script>`;
    const fig = display.lineChart({ x: [1, 2], series: [{ name: "s", y: [1, 2] }] });
    const body = `${display.plotlyInitHtml()}${display.chartHtml(fig)}<script>window.__restored = window.define === window.__define && typeof window.define.amd === "object";</script>`;
    const { page: p, log } = await tab.open(page(dir, "requirejs", body, head));
    assert.equal(await waitForCharts(p), 1);
    assert.equal(await p.evaluate("window.__restored"), true);
    assert.deepEqual(log.errors, []);
  });

  it("initScript(an AMD-first UMD bundle) under require.js sets window.Plotly; the same bundle unwrapped does not (control)", async function () {
    if (!existsSync(REQUIRE_JS)) {
      if (process.env.CI === "true") throw new Error(`${REQUIRE_JS} is missing (apt-get install libjs-requirejs)`);
      this.skip();
    }
    // A classic UMD wrapper that prefers AMD, as plotly.js 1.x/2.x bundles did.
    const umd = '(function (root, factory) { if (typeof define === "function" && define.amd) { define([], factory); } else { root.Plotly = factory(); } })(self, function () { return { newPlot: function () { return Promise.resolve(); } }; });';
    const head = `<script src="${pathToFileURL(REQUIRE_JS).href}"></script>`;
    const wrapped = await tab.open(page(dir, "umd-wrapped", initScript(umd), head));
    assert.equal(await wrapped.page.evaluate("typeof (window.Plotly && window.Plotly.newPlot)"), "function");
    assert.deepEqual(wrapped.log.errors, []);
    const bare = await tab.open(page(dir, "umd-bare", `<script>${umd}</script>`, head));
    assert.equal(await bare.page.evaluate("typeof window.Plotly"), "undefined");
  });

  it("the basic and cartesian bundles register exactly BUNDLE_TRACES (Plotly.PlotSchema)", async () => {
    for (const bundle of ["basic", "cartesian"] as const) {
      const { page: p } = await tab.open(page(dir, `schema-${bundle}`, display.plotlyInitHtml(bundle)));
      const traces = (await p.evaluate("Object.keys(window.Plotly.PlotSchema.get().traces).sort()")) as string[];
      assert.deepEqual(traces, [...display.BUNDLE_TRACES[bundle]].sort());
    }
  });

  it("escaping: hostile CSV text shows literally in a table and in hover text, and never runs (no dialog)", async () => {
    const rows = parse(readFileSync(join(__dirname, "fixtures", "hostile.csv"), "utf8"), { columns: true, cast: (v, ctx) => (ctx.column === "monthlyCostUsd" ? Number(v) : v) }) as Record<string, string | number>[];
    const names = rows.map((r) => String(r.name));
    assert.deepEqual(names, ["<script>alert(1)</script>", "</script>", "plain & simple"]);
    const tbl = display.table(rows, { units: { monthlyCostUsd: "money" } });
    const chart = display.barChart({ title: "</script><script>alert(4)</script>", categories: names, series: [{ name: "<b>cost</b>", values: rows.map((r) => Number(r.monthlyCostUsd)) }], unit: "money" });
    const line = display.lineChart({ x: [1, 2], series: [{ name: names[0] as string, y: [1, 2] }], xTitle: "</script>", yTitle: "cost", yUnit: "money" });
    const body = [display.plotlyInitHtml(), display.chartHtml(chart), display.chartHtml(line), tbl.html, display.toHtml(display.explain({ subject: names[0] as string, verdict: "</script>" }))].join("\n");
    const { page: p, log } = await tab.open(page(dir, "hostile", body));
    await waitForCharts(p);
    const cells = await p.locator("table.tradeoff-lab-table tbody tr td:first-child").allTextContents();
    assert.deepEqual(cells, names);
    const notes = await p.locator("table.tradeoff-lab-table tbody tr td:nth-child(3)").allTextContents();
    assert.deepEqual(notes, rows.map((r) => String(r.note)));
    // Hover the first bar: Plotly's hover label shows the raw text.
    // Browser-side code is passed as strings: the project's tsconfig has no DOM lib.
    await p.evaluate('window.Plotly.Fx.hover(document.querySelector(".tradeoff-lab-chart"), [{ curveNumber: 0, pointNumber: 0 }])');
    const hover = await p.locator(".tradeoff-lab-chart").nth(0).locator(".hoverlayer").textContent();
    assert.ok(hover?.includes("<script>alert(1)</script>"), `hover text was ${JSON.stringify(hover)}`);
    // The line chart's hover comes from a hovertemplate: the escaped name and axis title show literally too.
    await p.evaluate('window.Plotly.Fx.hover(document.querySelectorAll(".tradeoff-lab-chart")[1], [{ curveNumber: 0, pointNumber: 1 }])');
    const lineHover = await p.locator(".tradeoff-lab-chart").nth(1).locator(".hoverlayer").textContent();
    assert.ok(lineHover?.includes("<script>alert(1)</script>") && lineHover.includes("</script>: 2") && lineHover.includes("$2.00"), `line hover was ${JSON.stringify(lineHover)}`);
    const title = await p.locator(".gtitle").first().textContent();
    assert.equal(title, "</script><script>alert(4)</script>");
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.errors, []);
    assert.equal(await p.locator("img").count(), 0);
  });

  describe("exported pages (runner + nbconvert)", () => {
    const sites: string[] = [];

    before(async function () {
      requireTool(this, hasNbconvert(), "nbconvert (/usr/bin/python3 -m nbconvert)", "sudo apt-get install jupyter-nbconvert, or pip install nbconvert");
      const notebooks = join(dir, "notebooks");
      writeHandmade(notebooks, "all-charts", [
        { markdown: "# Every chart\n\nEach builder once, as a notebook would show it." },
        { code: "const seed = 7;", tags: ["parameters"] },
        { code: "display.plotlyInit();", html: [display.plotlyInitHtml()] },
        // Charts as display.show sends them: one bundle (HTML, the figure as plotly JSON, text).
        ...everyChart().map((f, i) => ({ code: `display.show(chart${i});`, bundles: [chartBundle(f)] })),
        { code: "display.show(display.table(rows));", html: [display.table([{ k: 1, p: 1 / 3 }, { k: 2, p: 5 / 9 }], { units: { p: "percent" } }).html] },
      ]);
      for (const [name, options] of [
        ["full", { notebooksDir: notebooks, execute: false }],
        ["report", { notebooksDir: notebooks, execute: false, report: true }],
        // The fixture notebook really executed by the runner on the tslab kernel (needs npm run build).
        ["executed", { notebooksDir: join(__dirname, "..", "export", "fixtures"), executedDir: join(dir, "executed") }],
      ] as const) {
        const site = join(dir, `site-${name}`);
        const result = await exportSite({ ...options, outDir: site, commit: "test" });
        assert.equal(result.ok, true, JSON.stringify(result.pages));
        sites.push(site);
      }
    });

    it("every page of every exported site (full, report, runner-executed) opens offline: all chart divs hold Plotly's SVG, no console error, no request, no dialog; report mode has no code inputs", async () => {
      const expected: Record<string, number> = { "all-charts.html": 7, "display-demo.html": 2 };
      let pages = 0;
      for (const site of sites) {
        for (const file of readdirSync(site).filter((f) => f.endsWith(".html"))) {
          const { page: p, log } = await tab.open(pathToFileURL(join(site, file)).href);
          if (file === "index.html") assert.ok((await p.locator("li.page").count()) >= 1);
          else assert.equal(await waitForCharts(p), expected[file], `${site}/${file}`);
          if (file === "all-charts.html") {
            // Report mode (nbconvert --no-input) hides every code input; full mode shows all 10.
            assert.equal(await p.locator(".jp-CodeCell .jp-InputArea").count(), site === sites[1] ? 0 : 10);
          }
          assert.deepEqual(log.errors, [], `${site}/${file}`);
          assert.deepEqual(log.network, [], `${site}/${file}`);
          assert.deepEqual(log.dialogs, [], `${site}/${file}`);
          pages += 1;
        }
      }
      assert.equal(pages, 6);
    });
  });
});
