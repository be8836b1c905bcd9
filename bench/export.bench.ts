/**
 * Exported page sizes and the share of each taken by the plotly bundle
 * (embedded once per page, never per chart). Exports the workbook's
 * notebooks/ (executed with the runner) into a temporary folder; when
 * notebooks/ is empty it uses the test fixture. Needs nbconvert and a
 * built library (npm run build).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { display } from "../src";
import { exportSite, listNotebooks } from "../dist/export";

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;

export async function run(): Promise<void> {
  for (const bundle of display.PLOTLY_BUNDLES) {
    const bytes = statSync(display.bundlePath(bundle)).size;
    console.log(`bundle ${bundle.padEnd(9)} plotly.js ${display.bundleVersion(bundle)}: ${kib(bytes)}${bundle === display.DEFAULT_BUNDLE ? "  (default)" : ""}`);
  }
  const root = join(__dirname, "..");
  const own = join(root, "notebooks");
  const notebooksDir = listNotebooks(own).length > 0 ? own : join(root, "test", "export", "fixtures");
  const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-bench-"));
  try {
    const start = process.hrtime.bigint();
    const result = await exportSite({ notebooksDir, outDir: join(dir, "site"), executedDir: join(dir, "executed"), commit: "bench" });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`exported ${result.pages.length} notebook(s) from ${notebooksDir} in ${seconds.toFixed(1)} s (execute + nbconvert)`);
    for (const p of result.pages) if (!p.ok) console.log(`  FAILED ${p.name}: ${p.error ?? ""}`);
    for (const file of readdirSync(result.outDir).filter((f) => f.endsWith(".html")).sort()) {
      const html = readFileSync(join(result.outDir, file), "utf8");
      const bytes = Buffer.byteLength(html);
      const inits = [...html.matchAll(/<script[^>]*data-tradeoff-lab="plotly-init"[^>]*>[\s\S]*?<\/script>/g)].map((m) => Buffer.byteLength(m[0]));
      const bundleBytes = inits.reduce((a, b) => a + b, 0);
      const charts = html.split('class="tradeoff-lab-chart"').length - 1;
      const share = bytes > 0 ? ((100 * bundleBytes) / bytes).toFixed(1) : "0";
      console.log(`${file.padEnd(40)} ${kib(bytes)}  plotly bundle ${kib(bundleBytes)} (${share}%), ${inits.length} bundle cop${inits.length === 1 ? "y" : "ies"}, ${charts} chart(s)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
