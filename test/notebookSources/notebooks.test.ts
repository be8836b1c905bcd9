/**
 * The workbook as learners, instructors and analysts meet it, executed
 * through our runner on the real tslab kernel:
 * - every learner notebook matches its source (no drift) and is stored clean;
 * - the untouched learner copy runs to the end and reports every exercise not done
 *   (its run is the suite's, shared with the export test: learnerRuns.ts);
 * - the solution copy, run with a non-default parameter set, passes every check;
 * - the copy with a wrong answer in every exercise fails every check.
 * `npx mocha test/notebookSources/notebooks.test.ts -g 04-` runs one notebook.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { executeNotebookObject, type ExecutionResult } from "../../src/runner";
import { learnerFile, notebookDirectory, readSources, repositoryRoot } from "../../src/notebookSources/files";
import { buildNotebook, exerciseIds, type Variant, type WorkbookSource } from "../../src/notebookSources/source";
import { list } from "../../src/exercises";
import { verdictsIn } from "../../src/grading/verdicts";
import { joinSource, type Output } from "../../src/runner/notebook";
import { learnerRun } from "./learnerRuns";

const sources = readSources();
const whatIfs = JSON.parse(readFileSync(join(repositoryRoot, "workbook", "what-ifs.json"), "utf8")) as Record<string, Record<string, unknown>>;

/** "✓" or "✗" for each exercise id that a check reported (its structured output). */
function verdicts(outputs: readonly Output[]): Map<string, "✓" | "✗"> {
  return new Map(verdictsIn(outputs).map((v) => [v.id, v.status === "pass" ? "✓" : "✗"]));
}

function outputsOf(result: ExecutionResult): Output[] {
  return result.cells.flatMap((c) => c.outputs);
}

function run(source: WorkbookSource, variant: Variant, parameters?: Record<string, unknown>): Promise<ExecutionResult> {
  return executeNotebookObject(buildNotebook(source, variant), {
    cwd: notebookDirectory,
    cellTimeoutMs: 60_000,
    ...(parameters ? { parameters } : {}),
  });
}

/**
 * A notebook's runs are independent (a fresh kernel each), so they overlap,
 * at most one per core and two at most: a kernel spends much of a cell
 * compiling it, so two on two cores take about half the time of one after
 * the other.
 */
const PARALLEL_RUNS = Math.min(2, availableParallelism());
let runsActive = 0;
const runsWaiting: (() => void)[] = [];

async function overlapped(task: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  if (runsActive >= PARALLEL_RUNS) await new Promise<void>((resolve) => runsWaiting.push(resolve));
  runsActive++;
  try {
    return await task();
  } finally {
    runsActive--;
    runsWaiting.shift()?.();
  }
}

function failure(result: ExecutionResult): string {
  return result.error ? `cell ${result.error.cellIndex}: ${result.error.message}` : "";
}

describe("workbook notebooks", function () {
  this.timeout(180_000);

  it("there is a notebook for every topic of the course (00 to 12)", () => {
    const numbers = sources.map((s) => s.slug.slice(0, 2));
    for (let n = 0; n <= 12; n++) assert.ok(numbers.includes(String(n).padStart(2, "0")), `no notebook ${n}`);
  });

  it("the exercise catalog and the notebooks name the same exercises", () => {
    const inNotebooks = sources.flatMap(exerciseIds).sort();
    const inCatalog = list().map((e) => e.id).sort();
    assert.deepEqual(inNotebooks, inCatalog);
  });

  for (const source of sources) {
    describe(source.slug, () => {
      const ids = exerciseIds(source);
      // Started together when this notebook's tests begin; each test awaits its own run. The learner copy's run is the suite's (learnerRuns.ts).
      let solution: Promise<ExecutionResult> | undefined;
      let wrong: Promise<ExecutionResult> | undefined;
      before(() => {
        const parameters = whatIfs[source.slug];
        if (parameters && Object.keys(parameters).length > 0) solution = overlapped(() => run(source, "solution", parameters));
        if (ids.length > 0) wrong = overlapped(() => run(source, "wrong"));
        // A failed run is reported by the test that awaits it, not as an unhandled rejection before then.
        for (const p of [solution, wrong]) p?.catch(() => undefined);
      });

      it("notebooks/ holds the learner copy generated from workbook/ (no drift, no outputs, nbformat 4.5)", () => {
        const { path, text } = learnerFile(source);
        assert.ok(existsSync(path), `${path} is missing: run npm run notebooks`);
        assert.equal(readFileSync(path, "utf8"), text, `${path} drifted from workbook/${source.slug}.ts: run npm run notebooks`);
        const nb = JSON.parse(text) as { nbformat: number; nbformat_minor: number; cells: Array<{ id?: string; metadata: { tags?: string[] } }> };
        assert.equal(`${nb.nbformat}.${nb.nbformat_minor}`, "4.5");
        for (const cell of nb.cells) assert.match(cell.id ?? "", /^[A-Za-z0-9_-]{1,64}$/);
        assert.equal(nb.cells.filter((c) => c.metadata.tags?.includes("parameters")).length, 1, "exactly one parameters cell");
      });

      if (source.slug !== "00-start-here") {
        it("has at least 3 exercises", () => assert.ok(ids.length >= 3, `only ${ids.length}`));
      }

      it("the untouched learner copy runs to the end, draws a chart and reports every exercise not done", async () => {
        const learner = await learnerRun(source.slug);
        assert.ok(learner.ok, learner.error ? `cell ${learner.error.cellIndex}: ${learner.error.message}` : "");
        const outputs = learner.notebook.cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : []));
        assert.ok(
          outputs.some((o) => (o.output_type === "display_data" || o.output_type === "execute_result") && joinSource((o.data["text/html"] ?? "") as string | string[]).includes('class="tradeoff-lab-chart"')),
          "no Plotly chart was displayed",
        );
        const seen = verdicts(outputs);
        for (const id of ids) assert.equal(seen.get(id), "✗", `exercise ${id} should be reported not done`);
      });

      it("the solution copy passes every check with a non-default parameter set", async () => {
        const parameters = whatIfs[source.slug];
        assert.ok(parameters && Object.keys(parameters).length > 0 && solution, `workbook/what-ifs.json has no parameter set for ${source.slug}`);
        const result = await solution;
        assert.ok(result.ok, failure(result));
        const seen = verdicts(outputsOf(result));
        for (const id of ids) assert.equal(seen.get(id), "✓", `exercise ${id} should pass with the solution`);
      });

      if (ids.length > 0) {
        it("a wrong answer in every exercise makes every check fail", async () => {
          const result = await (wrong as Promise<ExecutionResult>);
          assert.ok(result.ok, failure(result));
          const seen = verdicts(outputsOf(result));
          for (const id of ids) assert.equal(seen.get(id), "✗", `exercise ${id}'s check cannot fail`);
        });
      }
    });
  }
});
