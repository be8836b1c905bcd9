/**
 * The untouched learner copy of every workbook notebook, executed once per
 * `npm test` on the real tslab kernel, for the two test files that need
 * it: notebooks.test.ts checks each run (it ends, draws a chart, reports
 * every exercise not done), and browser/whatIf.test.ts exports the runs
 * and drives their explorers in Chromium. Each file used to execute them
 * itself: 12 notebook runs, about 30 CPU-seconds, twice.
 *
 * Under `npm test` (test/suite.mocharc.js loads this module), mocha's
 * global setup runs them, two at a time, before the test files start, and
 * hands their folder to mocha's workers in {@link LEARNER_RUNS_ENV}; the
 * global teardown removes it. A test file run alone (`npx mocha <file>`)
 * runs those it asks for itself, each once per process.
 *
 * Each run is stored as the executed notebook (`<slug>.ipynb`) and its
 * outcome (`<slug>.json`: ok, and the failing cell's index and message).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pool } from "../../src/internal/pool";
import { executeNotebookObject } from "../../src/runner";
import { notebookDirectory, readSources } from "../../src/notebookSources/files";
import { buildNotebook, type WorkbookSource } from "../../src/notebookSources/source";
import type { Notebook } from "../../src/runner/notebook";

/** The environment variable naming the folder of the suite's learner runs. */
export const LEARNER_RUNS_ENV = "TRADEOFF_LAB_TEST_LEARNER_RUNS";

/** One learner run: the executed notebook and its outcome. */
export interface LearnerRun {
  readonly slug: string;
  readonly notebook: Notebook;
  readonly ok: boolean;
  /** The failing cell and its message, when not ok. */
  readonly error?: { readonly cellIndex: number; readonly message: string };
}

/** Runs at the same time: a kernel compiles on one core, so two fill two cores. */
const PARALLEL_RUNS = 2;

/** Runs the learner copy of `source` and stores it in `dir`; a run that fails to start is stored as a failure. */
async function runOne(source: WorkbookSource, dir: string): Promise<void> {
  const notebook = buildNotebook(source, "learner");
  let outcome: Omit<LearnerRun, "slug" | "notebook">;
  try {
    const result = await executeNotebookObject(notebook, { cwd: notebookDirectory, cellTimeoutMs: 60_000 });
    writeFileSync(join(dir, `${source.slug}.ipynb`), JSON.stringify(result.notebook));
    outcome = { ok: result.ok, ...(result.error ? { error: { cellIndex: result.error.cellIndex, message: result.error.message } } : {}) };
  } catch (error) {
    // The run itself failed (the kernel did not start): the test that reads it reports this.
    writeFileSync(join(dir, `${source.slug}.ipynb`), JSON.stringify(notebook));
    outcome = { ok: false, error: { cellIndex: -1, message: `the run failed: ${(error as Error).message}` } };
  }
  writeFileSync(join(dir, `${source.slug}.json`), JSON.stringify(outcome));
}

function read(slug: string, dir: string): LearnerRun {
  const outcome = JSON.parse(readFileSync(join(dir, `${slug}.json`), "utf8")) as Omit<LearnerRun, "slug" | "notebook">;
  return { slug, notebook: JSON.parse(readFileSync(join(dir, `${slug}.ipynb`), "utf8")) as Notebook, ...outcome };
}

let localDir: string | undefined;
const localRuns = new Map<string, Promise<LearnerRun>>();

/**
 * The learner run of the workbook notebook `slug` (e.g. "04-quorums-and-staleness"):
 * the suite's, else run here on first use (kept until this process exits).
 * @throws Error when workbook/ has no such notebook
 */
export async function learnerRun(slug: string): Promise<LearnerRun> {
  const suite = process.env[LEARNER_RUNS_ENV];
  if (suite) return read(slug, suite);
  let run = localRuns.get(slug);
  if (run === undefined) {
    const source = readSources().find((s) => s.slug === slug);
    if (source === undefined) throw new Error(`learnerRun: workbook/ has no notebook ${slug}`);
    if (localDir === undefined) {
      const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-learner-runs-"));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      localDir = dir;
    }
    const dir = localDir;
    run = runOne(source, dir).then(() => read(slug, dir));
    localRuns.set(slug, run);
  }
  return run;
}

/** Mocha's global setup (main process, before the workers start): runs every learner notebook once. */
export async function mochaGlobalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-learner-runs-"));
  const started = performance.now();
  await pool(readSources(), PARALLEL_RUNS, (source) => runOne(source, dir));
  process.env[LEARNER_RUNS_ENV] = dir;
  process.stdout.write(`  learner runs of the ${readSources().length} workbook notebooks, for notebooks.test.ts and whatIf.test.ts: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Mocha's global teardown: removes the runs. */
export function mochaGlobalTeardown(): void {
  const dir = process.env[LEARNER_RUNS_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
