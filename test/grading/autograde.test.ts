import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeNotebook, GradingError } from "../../src/grading/autograde";
import { verdictsIn } from "../../src/grading/verdicts";
import { executeNotebookObject } from "../../src/runner/execute";
import { notebookDirectory, readSources } from "../../src/notebookSources/files";
import { buildNotebook, type WorkbookSource } from "../../src/notebookSources/source";
import { type CodeCell, serializeNotebook } from "../../src/runner/notebook";

const sources = readSources();
const nb00 = sources.find((s) => s.slug === "00-start-here") as WorkbookSource;

describe("grading/autograde", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "autograde-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a live check cell under an answer cell with a type error shows a ✗ naming the type the exercise expects, not \"Cannot find name\"", async () => {
    const nb = buildNotebook(nb00, "learner");
    (nb.cells.find((c) => c.id === "exercise-00-1") as CodeCell).source = 'const minutesAllowed: number = "43.2 minutes";';
    const { notebook } = await executeNotebookObject(nb, { cwd: notebookDirectory, allowErrors: true });
    const cells = notebook.cells.filter((c): c is CodeCell => c.cell_type === "code");
    const at = cells.findIndex((c) => c.id === "exercise-00-1");
    const check = cells[at + 1] as CodeCell;
    assert.deepEqual(check.outputs.filter((o) => o.output_type === "error"), [], "the check cell itself does not fail");
    const verdicts = verdictsIn(check.outputs);
    assert.equal(verdicts.length, 1);
    assert.equal(verdicts[0]?.status, "fail");
    assert.equal(verdicts[0]?.message, "your answer cell did not run (minutesAllowed is not defined): fix the error shown under it; exercise 00.1 expects number");
  });

  it("gradeNotebook() of a copy outside notebooks/ with a type error in its answer: ✗ saying what type the exercise expects", async () => {
    const nb = buildNotebook(nb00, "learner");
    (nb.cells.find((c) => c.id === "exercise-00-1") as CodeCell).source = 'const minutesAllowed: number = "43.2 minutes";';
    const path = join(dir, "00-start-here.ipynb");
    writeFileSync(path, serializeNotebook(nb));
    const grade = await gradeNotebook(path);
    assert.deepEqual(grade.exercises, [
      {
        id: "00.1",
        title: (grade.exercises[0] as { title: string }).title,
        points: 2,
        earned: 0,
        status: "fail",
        message: "your answer does not compile (line 1): Type 'string' is not assignable to type 'number'. — exercise 00.1 expects number",
      },
    ]);
    assert.ok(grade.exercises[0]?.title.length, "the title comes from the catalog");
  });

  it("gradeNotebook() grades a data answer again in its own process: tampering with the kernel (Math.abs = () => 0) turns no ✗ into ✓", async () => {
    const nb = buildNotebook(nb00, "learner");
    (nb.cells.find((c) => c.id === "exercise-00-1") as CodeCell).source = "const minutesAllowed: number | undefined = 1;\nMath.abs = () => 0;";
    const inKernel = await executeNotebookObject(nb, { cwd: notebookDirectory, allowErrors: true });
    const kernelVerdicts = inKernel.cells.flatMap((c) => verdictsIn(c.outputs));
    assert.deepEqual(kernelVerdicts.map((v) => [v.id, v.status, v.answer]), [["00.1", "pass", 1]], "the tampering fools the check in the kernel");
    const path = join(dir, "00-start-here.ipynb");
    writeFileSync(path, serializeNotebook(nb));
    const grade = await gradeNotebook(path);
    assert.deepEqual(grade.exercises.map((e) => [e.status, e.earned]), [["fail", 0]]);
    assert.match(grade.exercises[0]?.message ?? "", /^1 is too low/);
  });

  it("gradeNotebook() of a renamed copy finds its notebook by its exercise cells, and grades the answer", async () => {
    const path = join(dir, "Copy of my work.ipynb");
    writeFileSync(path, serializeNotebook(buildNotebook(nb00, "solution")));
    const grade = await gradeNotebook(path);
    assert.deepEqual([grade.notebook, grade.earned, grade.points], ["00-start-here", 2, 2]);
  });

  it("gradeNotebook() of a notebook that is not from the workbook says what to grade instead", async () => {
    const path = join(dir, "notes.ipynb");
    writeFileSync(path, serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
    await assert.rejects(gradeNotebook(path), (e: unknown) => {
      assert.ok(e instanceof GradingError);
      assert.match(e.message, /notes\.ipynb is not a workbook notebook: grade a copy of one of notebooks\/\*\.ipynb, named as there \(e\.g\. 04-quorums-and-staleness\.ipynb\), with its exercise cells$/);
      return true;
    });
  });
});
