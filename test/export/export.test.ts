/**
 * The export pipeline end to end: the runner executes a fixture notebook on
 * the real tslab kernel (it imports the built library, so `npm run build`
 * must have run), nbconvert converts it, the page is made offline and the
 * index page written.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { display } from "../../src";
import { exportSite, externalResources } from "../../src/export";
import type { ExportResult } from "../../src/export";
import { hasNbconvert, requireTool } from "../browser/helpers";
import { writeHandmade } from "./handmade";

const FIXTURES = join(__dirname, "fixtures");
const BUNDLE_BANNER = "plotly.js (cartesian - minified) v4.1.1";

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe("export (runner + nbconvert)", function () {
  this.timeout(120_000);
  let dir: string;
  let result: ExportResult;

  before(async function () {
    requireTool(this, hasNbconvert(), "nbconvert (/usr/bin/python3 -m nbconvert)", "sudo apt-get install jupyter-nbconvert, or pip install nbconvert");
    dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-export-"));
    result = await exportSite({
      notebooksDir: FIXTURES,
      outDir: join(dir, "site"),
      executedDir: join(dir, "executed"),
      parameters: { replicas: 5 },
      runDate: new Date(Date.UTC(2026, 10, 24)),
      commit: "fixture",
    });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("exportSite(fixtures) executes the notebook with the runner and writes one page plus index.html", () => {
    assert.equal(result.ok, true, JSON.stringify(result.pages));
    assert.deepEqual(result.pages.map((p) => p.href), ["display-demo.html"]);
    assert.equal(result.indexPath, join(dir, "site", "index.html"));
  });

  it("the page loads the site's one plotly.js file once and inlines no bundle; each chart has its SVG beside the page", () => {
    const html = readFileSync(join(dir, "site", "display-demo.html"), "utf8");
    assert.equal(count(html, 'class="tradeoff-lab-chart"'), 2);
    assert.equal(count(html, '<script src="plotly.min.js"></script>'), 1);
    assert.equal(count(html, display.INIT_MARKER), 0);
    assert.equal(count(html, BUNDLE_BANNER), 0);
    assert.equal(count(readFileSync(join(dir, "site", "plotly.min.js"), "utf8"), BUNDLE_BANNER), 1);
    assert.ok(html.includes('src="img/display-demo/figure-01.svg"') && html.includes('src="img/display-demo/figure-02.svg"'));
    assert.ok(existsSync(join(dir, "site", "img", "display-demo", "figure-02.svg")));
  });

  it("the page loads nothing from outside: no http(s)/file/protocol-relative src or href on loading elements", () => {
    const html = readFileSync(join(dir, "site", "display-demo.html"), "utf8");
    assert.deepEqual(externalResources(html), []);
    assert.deepEqual([...html.matchAll(/<script[^>]*\ssrc="([^"]*)"/gi)].map((m) => m[1]), ["plotly.min.js"], "the one script file is the site's plotly.js");
    assert.ok(!/(src|href)="https?:/i.test(html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")));
  });

  it("the injected parameter reached the kernel (N=5 in the explained result) and the table escaped its script cell", () => {
    const html = readFileSync(join(dir, "site", "display-demo.html"), "utf8");
    assert.ok(html.includes("R=2, W=2, N=5 → <strong>strong</strong>"));
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(!html.includes("<script>alert(1)</script>"));
  });

  it("index.html lists title, description, run date, commit and the parameters used (override over default)", () => {
    const index = readFileSync(result.indexPath, "utf8");
    assert.ok(index.includes('<h2><a href="display-demo.html">Display demo</a></h2>'));
    assert.ok(index.includes("One chart and one table, drawn by tradeoff-lab&#39;s display helpers."));
    assert.ok(index.includes("Run 2026-11-24 00:00:00 UTC · commit <code>fixture</code>"));
    assert.ok(index.includes('<tr class="changed"><td><code>replicas</code></td><td><code>5</code> <span class="default">changed; default <code>3</code></span></td></tr>'));
  });

  it("exportSite({report: true}) hides code cells (nbconvert --no-input) but keeps outputs", async () => {
    const notebooks = join(dir, "handmade");
    writeHandmade(notebooks, "report", [
      { markdown: "# Report\n\nCode hidden." },
      { code: "display.plotlyInit(); // CODE-MARKER", html: [display.plotlyInitHtml("basic")] },
      { code: "display.show(t); // CODE-MARKER", html: [display.table([{ a: 1 }]).html] },
    ]);
    const report = await exportSite({ notebooksDir: notebooks, outDir: join(dir, "report"), execute: false, report: true, commit: "x" });
    const html = readFileSync(join(dir, "report", "report.html"), "utf8");
    assert.equal(count(html, "CODE-MARKER"), 0);
    assert.equal(count(html, 'class="tradeoff-lab-table"'), 1);
    assert.ok(readFileSync(report.indexPath, "utf8").includes("report mode (code hidden)"));
  });

  it("exportSite({singleFile: true}) keeps self-contained pages: the bundle inline once, chart images and KaTeX fonts as data: URLs, no files beside", async () => {
    const out = join(dir, "single");
    await exportSite({ notebooks: [join(dir, "executed", "display-demo.ipynb")], execute: false, outDir: out, singleFile: true, commit: "x" });
    const html = readFileSync(join(out, "display-demo.html"), "utf8");
    assert.equal(count(html, BUNDLE_BANNER), 1);
    assert.equal(count(html, 'src="data:image/svg+xml;base64,'), 2);
    assert.ok(html.includes("url(data:font/woff2;base64,"));
    assert.ok(!/<(script|link)[^>]*\s(src|href)="(?!data:)/i.test(html), "nothing loaded from beside the page");
    assert.equal(existsSync(join(out, "plotly.min.js")) || existsSync(join(out, "img")) || existsSync(join(out, "katex")), false);
  });

  it("exportSite({report: true}) hides exercise prompts, exercise cells and ✓/✗ verdicts; the title comes from the H1", async () => {
    const notebooks = join(dir, "exercises");
    const path = writeHandmade(notebooks, "ex", [
      { markdown: "# Exercises *demo*\n\nProse stays." },
      { markdown: "**Exercise 04.1** — PROMPT-MARKER which is right?" },
      { code: "const answer041 = undefined; // EXERCISE-CELL", tags: ["exercise"], html: ["<p>EXERCISE-OUTPUT</p>"] },
      { code: "exercises.check(\"04.1\", answer041);" },
      { markdown: "Kept after the exercise." },
    ]);
    const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { outputs?: unknown[] }[] };
    (nb.cells[3] as { outputs: unknown[] }).outputs = [{ output_type: "stream", name: "stdout", text: "✗ 04.1 which read is strong — not done yet: replace `undefined` with your answer\nExercises in 04: 0 of 1 done (04.1 to go)\n" }];
    writeFileSync(path, JSON.stringify(nb));
    await exportSite({ notebooks: [path], execute: false, report: true, outDir: join(dir, "ex-site"), commit: "x", images: false });
    const html = readFileSync(join(dir, "ex-site", "ex.html"), "utf8");
    for (const marker of ["PROMPT-MARKER", "EXERCISE-CELL", "EXERCISE-OUTPUT", "✗ 04.1", "not done yet", "Exercises in 04"]) assert.equal(count(html, marker), 0, marker);
    assert.ok(html.includes("Prose stays.") && html.includes("Kept after the exercise."));
    assert.ok(html.includes("<title>Exercises demo</title>"));
  });

  it("a notebook whose cell fails is still converted and marked failed; ok is false", async () => {
    const notebooks = join(dir, "failing");
    writeHandmade(notebooks, "broken", [{ markdown: "# Broken" }, { code: "throw new Error()" }]);
    const failed = await exportSite({
      notebooksDir: notebooks,
      outDir: join(dir, "failing-site"),
      executedDir: join(dir, "failing-exec"),
      commit: "x",
      executor: async (path, { outputPath }) => {
        copyFileSync(path, outputPath);
        return { ok: false, error: { message: "cell 1: Error: boom" } };
      },
    });
    assert.equal(failed.ok, false);
    assert.equal(failed.pages[0]?.error, "cell 1: Error: boom");
    assert.ok(readFileSync(failed.indexPath, "utf8").includes("<strong>Failed:</strong> cell 1: Error: boom"));
  });

  it("a notebook whose run throws before writing is marked failed with no page, never the previous run's executed copy", async () => {
    const notebooks = join(dir, "stale");
    writeHandmade(notebooks, "crashed", [{ markdown: "# Crashed" }, { code: "1" }]);
    const executedDir = join(dir, "stale-exec");
    const outDir = join(dir, "stale-site");
    mkdirSync(executedDir, { recursive: true });
    mkdirSync(outDir, { recursive: true });
    writeHandmade(executedDir, "crashed", [{ markdown: "# Crashed\n\nSTALE-MARKER from last week" }]);
    writeFileSync(join(outDir, "crashed.html"), "<p>STALE-MARKER</p>");
    const crashed = await exportSite({
      notebooksDir: notebooks,
      outDir,
      executedDir,
      commit: "x",
      executor: () => Promise.reject(new Error("runner: kernel did not start")),
    });
    assert.equal(crashed.ok, false);
    assert.equal(crashed.pages[0]?.error, "runner: kernel did not start");
    assert.equal(crashed.pages[0]?.bytes, 0);
    assert.equal(existsSync(join(outDir, "crashed.html")), false);
    assert.equal(existsSync(join(executedDir, "crashed.ipynb")), false);
  });

  it("exportSite: a parameter no notebook declares is a RangeError naming the known ones", async () => {
    await assert.rejects(exportSite({ notebooksDir: FIXTURES, parameters: { nope: 1 }, outDir: join(dir, "never") }), {
      name: "RangeError",
      message: 'export.exportSite: parameters key must be a parameter some notebook declares (replicas), got "nope"',
    });
  });
});
