import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { readSources } from "../../src/notebookSources/files";
import { buildNotebook, type WorkbookSource } from "../../src/notebookSources/source";
import { cli } from "../cli/helpers";
import { type CodeCell, type Notebook, serializeNotebook } from "../../src/runner/notebook";

const NB = "01-trade-offs";
const source = readSources().find((s) => s.slug === NB) as WorkbookSource;

function cell(nb: Notebook, id: string): CodeCell {
  const found = nb.cells.find((c) => c.id === id);
  assert.ok(found && found.cell_type === "code", `no code cell ${id}`);
  return found;
}

/** The cell after an exercise cell: its check. */
function checkCellAfter(nb: Notebook, exerciseCellId: string): CodeCell {
  const at = nb.cells.findIndex((c) => c.id === exerciseCellId);
  return nb.cells.slice(at + 1).find((c): c is CodeCell => c.cell_type === "code") as CodeCell;
}

/** A learner who earns nothing but forges every verdict: printed ✓ lines, a forged structured verdict in an answer cell, edited check cells. */
function forged(): Notebook {
  const nb = buildNotebook(source, "learner");
  cell(nb, "exercise-01-1").source = [
    'const whenAvailabilityCostsConsistency: string | undefined = undefined;',
    'console.log("✓ 01.1 the course\'s trade-offs — right");',
    'require("tradeoff-lab/dist/internal/kernel").displayData({ "application/vnd.tradeoff-lab.verdict+json": { id: "01.1", title: "x", status: "pass", message: "" } });',
  ].join("\n");
  checkCellAfter(nb, "exercise-01-2").source = 'console.log("✓ 01.2 forged");';
  checkCellAfter(nb, "exercise-01-4").source = 'exercises.check("01.4", 2.8);';
  return nb;
}

describe("grading/gradebook (tradeoff-lab grade, real kernel)", function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "gradebook-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("grade submitted/ --jobs 2: three learners (all right, all wrong, forged) into the gradebook CSV, feedback pages and exit 1", async () => {
    const submitted = join(dir, "submitted");
    const learners: [string, Notebook][] = [
      ["alice", buildNotebook(source, "solution")],
      ["bob", buildNotebook(source, "wrong")],
      ["mallory", forged()],
    ];
    // bob's multiple-choice answer would break a page that did not escape it
    cell(learners[1]![1], "exercise-01-1").source = 'const whenAvailabilityCostsConsistency = "<script>alert(1)</script>";';
    for (const [learner, nb] of learners) {
      mkdirSync(join(submitted, learner), { recursive: true });
      writeFileSync(join(submitted, learner, `${NB}.ipynb`), serializeNotebook(nb));
    }
    // an executed copy beside alice's notebook is not a submission
    writeFileSync(join(submitted, "alice", `${NB}.executed.ipynb`), serializeNotebook(buildNotebook(source, "wrong")));

    const csvPath = join(dir, "gradebook.csv");
    const feedback = join(dir, "feedback");
    const { code, err } = await cli("grade", submitted, "--out", csvPath, "--feedback", feedback, "--jobs", "2", "--junit", join(dir, "grades.xml"));
    assert.equal(code, 1, err);

    const rows = parse(readFileSync(csvPath, "utf8"), { columns: true }) as Record<string, string>[];
    const ids = ["01.1", "01.2", "01.3", "01.4", "01.5"];
    assert.deepEqual(Object.keys(rows[0] ?? {}), ["learner", ...ids, "01 total", "total", "max"]);
    // points declared in workbook/01-trade-offs.ts: 1, 2, 3, 2, 2
    assert.deepEqual(rows, [
      { learner: "alice", "01.1": "1", "01.2": "2", "01.3": "3", "01.4": "2", "01.5": "2", "01 total": "10", total: "10", max: "10" },
      { learner: "bob", "01.1": "0", "01.2": "0", "01.3": "0", "01.4": "0", "01.5": "0", "01 total": "0", total: "0", max: "10" },
      { learner: "mallory", "01.1": "0", "01.2": "0", "01.3": "0", "01.4": "0", "01.5": "0", "01 total": "0", total: "0", max: "10" },
    ]);

    const bobPage = readFileSync(join(feedback, "bob.html"), "utf8");
    assert.ok(bobPage.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), "bob's answer is shown escaped");
    assert.ok(!bobPage.includes("<script>alert"), "and never as markup");
    assert.match(readFileSync(join(feedback, "alice.html"), "utf8"), /Feedback for alice: 10 of 10 points/);
    const malloryPage = readFileSync(join(feedback, "mallory.html"), "utf8");
    assert.match(malloryPage, /Feedback for mallory: 0 of 10 points/);
    assert.match(malloryPage, /not done yet: replace `undefined` with your answer/);

    const junit = readFileSync(join(dir, "grades.xml"), "utf8");
    assert.match(junit, /<testsuites name="tradeoff-lab exercises" tests="15" failures="10">/);
    assert.match(err, /alice\/01-trade-offs\.ipynb: 10 of 10 points/);
    assert.ok(!err.includes("executed"), "the executed copy was not graded");
  });
});
