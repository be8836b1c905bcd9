/**
 * The workbook's export: wall time with `--jobs 2` (execute, static chart
 * images, nbconvert, finish) and the size of the site, of each page, and of
 * the files the pages share (plotly.js, nbconvert's stylesheet, KaTeX).
 * Targets (issue 13): the whole site at most 8 MB, at most 45 s on this
 * 2-core machine. Exports notebooks/ into a temporary folder (the test
 * fixture when notebooks/ is empty). Needs nbconvert, Chromium and a built
 * library (npm run build).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportSite, folderBytes } from "../dist/export";
import { listNotebooks } from "../dist/runner/notebook";

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

export async function run(): Promise<void> {
  const root = join(__dirname, "..");
  const own = join(root, "notebooks");
  const notebooksDir = listNotebooks(own).length > 0 ? own : join(root, "test", "export", "fixtures");
  const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-bench-"));
  try {
    const start = process.hrtime.bigint();
    const result = await exportSite({ notebooksDir, outDir: join(dir, "site"), executedDir: join(dir, "executed"), commit: "bench", jobs: 2 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const figures = result.pages.reduce((n, p) => n + (p.figures?.length ?? 0), 0);
    console.log(`export --jobs 2: ${result.pages.length} notebook(s) from ${notebooksDir} in ${seconds.toFixed(1)} s (target <= 45 s); ${figures} charts`);
    console.log(`site size: ${mb(result.bytes)} (target <= 8 MB)`);
    for (const p of result.pages) if (!p.ok) console.log(`  FAILED ${p.name}: ${p.error ?? ""}`);
    const site = result.outDir;
    for (const file of readdirSync(site).sort()) {
      const path = join(site, file);
      const bytes = statSync(path).isDirectory() ? folderBytes(path) : statSync(path).size;
      console.log(`  ${file.padEnd(44)} ${kib(bytes)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
