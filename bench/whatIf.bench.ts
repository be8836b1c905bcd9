/**
 * What-if explorers: the browser bundle's size, and, in Chromium, the time
 * from an input event to the redrawn output for every explorer of the
 * workbook (median and p95 over every control, each moved back and forth).
 *
 * The notebooks that have explorers are executed with the runner (the views
 * are the kernel's compiled cells); their explorer outputs are put on one
 * offline page per notebook with plotly.js and the bundle, opened from
 * file:// with every other request blocked. Two figures per explorer:
 * "redrawn", from the input event to Plotly's promise (the chart's SVG and
 * tables replaced), as the page's runtime reports it; and "next frame",
 * measured around the event in the page, up to the next animation frame
 * after the redraw (what a user can see). Target: p95 under 100 ms.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUDGET_BYTES, BUNDLE_FILE } from "../scripts/build-browser";
import { isNumberControl, isSelectControl } from "../src/display/whatIf/controls";
import { explorersInHtml, otherValue, type PageExplorer } from "../test/browser/explorers";
import { launch, openPage } from "../test/browser/helpers";
import { display } from "../dist";
import { executeNotebook } from "../dist/runner";
import { loadLine, median } from "./timing";

const ROOT = join(__dirname, "..");
/** Times each control is moved (alternating between two allowed values). */
const MOVES = 12;

function p95(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN;
}

/** In the page: move one control `moves` times between two values; returns [redrawn ms, next-frame ms] per move. */
const MEASURE = `async function (args) {
  var root = document.getElementById(args.id);
  var input = root.querySelector('[data-control="' + args.name + '"]');
  var out = [];
  for (var i = 0; i < args.moves; i++) {
    var value = args.values[i % 2];
    var done = new Promise(function (resolve) { root.addEventListener("tradeoff-lab:rendered", function (e) { resolve(e.detail.ms); }, { once: true }); });
    var t0 = performance.now();
    var type = input.type;
    if (type === "checkbox") { input.checked = value; input.dispatchEvent(new Event("change", { bubbles: true })); }
    else if (input.tagName === "SELECT") { input.value = String(value); input.dispatchEvent(new Event("change", { bubbles: true })); }
    else { input.value = String(value); input.dispatchEvent(new Event("input", { bubbles: true })); }
    var redrawn = await done;
    await new Promise(function (resolve) { requestAnimationFrame(function () { resolve(); }); });
    out.push([redrawn, performance.now() - t0]);
  }
  return out;
}`;

/** Two values of a control to alternate between, as the input element holds them (a select: option indexes). */
function twoValues(explorer: PageExplorer, name: string): [string | boolean, string | boolean] {
  const decl = explorer.controls[name];
  if (!decl) throw new Error(name);
  const other = otherValue(decl, decl.default);
  if (isSelectControl(decl)) return [String(decl.allowed.indexOf(other as string | number)), String(decl.allowed.indexOf(decl.default as string | number))];
  if (isNumberControl(decl)) return [String(other), String(decl.default)];
  return [other as boolean, decl.default as boolean];
}

export async function run(): Promise<void> {
  const bytes = statSync(BUNDLE_FILE).size;
  console.log(`browser bundle: ${(bytes / 1024).toFixed(1)} KB minified (budget ${BUDGET_BYTES / 1024} KB; plotly.js, loaded separately, not included)`);

  const names = readdirSync(join(ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb") && readFileSync(join(ROOT, "notebooks", f), "utf8").includes("display.whatIf("))
    .sort();
  const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-whatif-bench-"));
  const browser = await launch();
  const all: number[] = [];
  try {
    console.log(`input event → redrawn output, in Chromium, ${MOVES} moves per control (${loadLine()}):`);
    for (const name of names) {
      const result = await executeNotebook(join(ROOT, "notebooks", name));
      const htmls = result.notebook.cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : [])).map((o) => {
        const html = "data" in o ? (o.data as Record<string, unknown>)["text/html"] : undefined;
        return Array.isArray(html) ? html.join("") : typeof html === "string" ? html : "";
      });
      const explorerHtml = htmls.filter((h) => h.includes(display.WHAT_IF_MARKER));
      const page = join(dir, name.replace(/\.ipynb$/, ".html"));
      writeFileSync(page, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${display.plotlyInitHtml()}${display.libraryInitHtml()}${explorerHtml.join("\n")}</body></html>`);
      const { page: tab } = await openPage(browser, pathToFileURL(page).href);
      for (const explorer of explorerHtml.flatMap((h) => explorersInHtml(h))) {
        await tab.waitForFunction(`document.getElementById(${JSON.stringify(explorer.id)}).dataset.ready === "true"`);
        const redrawn: number[] = [];
        const frame: number[] = [];
        for (const control of Object.keys(explorer.controls)) {
          const pairs = (await tab.evaluate(`(${MEASURE})(${JSON.stringify({ id: explorer.id, name: control, values: twoValues(explorer, control), moves: MOVES })})`)) as [number, number][];
          for (const [r, f] of pairs) {
            redrawn.push(r);
            frame.push(f);
          }
        }
        all.push(...frame);
        const line = `  ${name.slice(0, 2)} ${explorer.key.padEnd(9)} ${String(Object.keys(explorer.controls).length).padStart(2)} controls: redrawn median ${median(redrawn).toFixed(1)} ms, p95 ${p95(redrawn).toFixed(1)} ms; next frame median ${median(frame).toFixed(1)} ms, p95 ${p95(frame).toFixed(1)} ms`;
        console.log(p95(frame) < 100 ? line : `${line}  (over the 100 ms target)`);
      }
      await tab.close();
    }
    console.log(`  all explorers: next frame median ${median(all).toFixed(1)} ms, p95 ${p95(all).toFixed(1)} ms over ${all.length} moves (target p95 < 100 ms)`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
