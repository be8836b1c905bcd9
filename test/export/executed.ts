/**
 * One executed notebook shared by the export and browser tests: notebook 04
 * (5 charts, 2 display formulas), run once per mocha process by the runner
 * on the real tslab kernel, with static chart images added as
 * `tradeoff-lab run` adds them. The kernel imports the built library, so
 * `npm run build` must have run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { executeNotebook, writeNotebookAtomic, type Notebook } from "../../src/runner";
import { runImages } from "../../src/display/staticImages";

export const ROOT = resolve(__dirname, "..", "..");
export const NOTEBOOK_04 = join(ROOT, "notebooks", "04-quorums-and-staleness.ipynb");
/** Charts notebook 04 draws. */
export const CHARTS_04 = 5;
/** Display formulas in notebook 04's markdown. */
export const FORMULAS_04 = 2;

export interface Executed {
  /** A temp folder holding the executed notebook (removed when the process exits). */
  readonly dir: string;
  /** The executed notebook with static images. */
  readonly path: string;
  /** The same notebook executed without images (charts as the live kernel sends them). */
  readonly livePath: string;
  readonly notebook: Notebook;
  /** Lines the image stage logged. */
  readonly log: readonly string[];
}

let executed: Promise<Executed> | undefined;

/** Executes notebook 04 once (about 15-30 s) and keeps it for every test of this process. */
export function executed04(): Promise<Executed> {
  executed ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-executed-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const log: string[] = [];
    const images = runImages((line) => log.push(line));
    const livePath = join(dir, "04-live.ipynb");
    const path = join(dir, "04-quorums-and-staleness.ipynb");
    try {
      const result = await executeNotebook(NOTEBOOK_04, {
        outputPath: path,
        finish: async (nb) => {
          writeNotebookAtomic(livePath, nb);
          await images.add(nb);
        },
      });
      if (!result.ok) throw new Error(`notebook 04 failed: ${result.error?.message ?? ""}`);
      return { dir, path, livePath, notebook: result.notebook, log };
    } finally {
      await images.close();
    }
  })();
  return executed;
}
