import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeGrade } from "../../src/cli/grade";
import { readSources } from "../../src/notebookSources/files";
import { buildNotebook, type WorkbookSource } from "../../src/notebookSources/source";
import { cli } from "./helpers";
import { serializeNotebook } from "../../src/runner/notebook";

const nb00 = readSources().find((s) => s.slug === "00-start-here") as WorkbookSource;

describe("cli/grade", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-grade-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("grade --help and exercises --help document the layout, the outputs and the exit codes", async () => {
    const grade = await cli("grade", "--help");
    assert.equal(grade.code, 0);
    for (const text of ["<submissions>/<learner>/<notebook>.ipynb", "--out <file.csv>", "--feedback <dir>", "--jobs <n>", "--json <file>", "--junit <file>", "Exit codes: 0"]) {
      assert.ok(grade.out.includes(text), `grade --help mentions ${text}`);
    }
    const exercises = await cli("exercises", "--help");
    assert.ok(exercises.out.includes("executed copies are skipped") && exercises.out.includes("never from printed text"));
  });

  it("exercises <folder> skips executed copies, names a notebook it cannot grade, writes JSON and JUnit, and exits 1 when an exercise is not done", async () => {
    writeFileSync(join(dir, "00-start-here.ipynb"), serializeNotebook(buildNotebook(nb00, "learner")));
    writeFileSync(join(dir, "00-start-here.executed.ipynb"), serializeNotebook(buildNotebook(nb00, "solution")));
    writeFileSync(join(dir, "notes.ipynb"), serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
    const { code, out } = await cli("exercises", dir, "--json", join(dir, "grades.json"), "--junit", join(dir, "grades.xml"));
    assert.equal(code, 1);
    assert.match(out, /^00-start-here\.ipynb: 0 of 2 points, 0 of 1 exercises pass\n {2}✗ 00\.1 .* — not done yet: replace `undefined` with your answer \(0\/2\)$/m);
    assert.match(out, /^not graded: .*notes\.ipynb is not a workbook notebook: /m);
    assert.match(out, /^0 of 2 points$/m);
    assert.ok(!out.includes("executed"), "the executed copy is not graded");
    const json = JSON.parse(readFileSync(join(dir, "grades.json"), "utf8")) as { notebooks: { notebook: string; earned: number }[]; problems: unknown[] }[];
    assert.deepEqual([json[0]?.notebooks.map((n) => [n.notebook, n.earned]), json[0]?.problems.length], [[["00-start-here", 0]], 1]);
    assert.match(readFileSync(join(dir, "grades.xml"), "utf8"), /<failure type="todo" message="not done yet: replace `undefined` with your answer">/);
  });

  it("exercises <solution copy> exits 0 with every point", async () => {
    const path = join(dir, "solved", "00-start-here.ipynb");
    mkdirSync(join(dir, "solved"), { recursive: true });
    writeFileSync(path, serializeNotebook(buildNotebook(nb00, "solution")));
    const { code, out } = await cli("exercises", path);
    assert.equal(code, 0, out);
    assert.match(out, /^2 of 2 points$/m);
  });

  it("grade <not a folder> exits 2 saying what the layout is", async () => {
    const { code, err } = await cli("grade", join(dir, "missing"));
    assert.equal(code, 2);
    assert.match(err, /^tradeoff-lab grade: .*missing must be a submissions folder \(<learner>\/<notebook>\.ipynb\), and is not a folder$/m);
  });

  it("describeGrade() lists each exercise with ✓ or ✗, the hint and the points", () => {
    const text = describeGrade({
      notebook: "04-quorums-and-staleness",
      path: "x/04-quorums-and-staleness.ipynb",
      earned: 1,
      points: 3,
      exercises: [
        { id: "04.1", title: "a", points: 1, earned: 1, status: "pass", message: "right" },
        { id: "04.2", title: "b", points: 2, earned: 0, status: "fail", message: "too low" },
      ],
    });
    assert.equal(text, "04-quorums-and-staleness.ipynb: 1 of 3 points, 1 of 2 exercises pass\n  ✓ 04.1 a (1/1)\n  ✗ 04.2 b — too low (0/2)\n");
  });
});
