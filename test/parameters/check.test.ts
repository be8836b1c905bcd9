import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { check } from "../../src/parameters/check";
import { readDeclarations } from "../../src/parameters/declaration";
import { executeNotebookObject } from "../../src/runner/execute";
import { joinSource, readNotebook, type CodeCell, type Notebook } from "../../src/runner/notebook";
import { PARAMETERS_CHECK_ID } from "../../src/notebookSources/source";

const NOTEBOOKS = join(__dirname, "..", "..", "notebooks");
const NB04 = "04-quorums-and-staleness.ipynb";
const NB06 = "06-slis-slos-and-error-budgets.ipynb";

/** The learner notebook with one declaration of its parameters cell edited, as a user would in the Notebook UI. */
function edited(file: string, from: string, to: string): Notebook {
  const nb = readNotebook(join(NOTEBOOKS, file));
  const cell = nb.cells.find((c) => (c.metadata.tags ?? []).includes("parameters")) as CodeCell;
  const source = joinSource(cell.source);
  assert.ok(source.includes(from), `${file} declares ${from}`);
  cell.source = source.replace(from, to);
  return nb;
}

async function firstError(nb: Notebook): Promise<{ cellId: string; index: number; ename: string; evalue: string; line?: number; ranAfter: number }> {
  const result = await executeNotebookObject(nb, { cwd: NOTEBOOKS });
  assert.equal(result.ok, false, "the run stops");
  const error = result.error as NonNullable<typeof result.error>;
  const cells = result.notebook.cells.filter((c): c is CodeCell => c.cell_type === "code");
  const at = cells.findIndex((c) => c.id === error.cellId);
  const ranAfter = cells.slice(at + 1).filter((c) => c.execution_count !== null || c.outputs.length > 0).length;
  return { cellId: error.cellId, index: at, ename: error.ename, evalue: error.evalue, ...(error.line === undefined ? {} : { line: error.line }), ranAfter };
}

describe("parameters/check", function () {
  this.timeout(120_000);

  it("check() passes the defaults of every learner notebook, whose generated check cell lists every parameter", async () => {
    const files = readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f) && !/\.(executed|nbconvert)\.ipynb$/.test(f));
    assert.equal(files.length, 13);
    for (const file of files) {
      const nb = readNotebook(join(NOTEBOOKS, file));
      const index = nb.cells.findIndex((c) => (c.metadata.tags ?? []).includes("parameters"));
      const declared = readDeclarations(joinSource((nb.cells[index] as CodeCell).source));
      const checkCell = nb.cells[index + 1] as CodeCell;
      assert.equal(checkCell.id, PARAMETERS_CHECK_ID, `${file}: the check cell follows the parameters cell`);
      const listed = [...joinSource(checkCell.source).matchAll(/^ {2}(\w+): (\w+),$/gm)].map((m) => [m[1], m[2]]);
      assert.deepEqual(listed, declared.map((d) => [d.name, d.name]), `${file}: every parameter, once`);
      assert.ok(joinSource(checkCell.source).includes(`await parameters.check("${file}", {`));
      await check(join(NOTEBOOKS, file), Object.fromEntries(declared.map((d) => [d.name, d.default])));
    }
  });

  it("check() of a notebook that is nowhere names where it looked", async () => {
    await assert.rejects(check("nowhere.ipynb", {}), (e: unknown) => e instanceof RangeError && /^parameters\.check: notebook must be a notebook file in .* or .*notebooks, got "nowhere\.ipynb"$/.test(e.message));
  });

  // The cases, through the real tslab kernel: the notebook stops at the cell right after the
  // parameters cell (or at the parameters cell itself for a type error), and nothing after it runs.
  const cases: [string, string, string, string, string][] = [
    [NB04, "const replicationFactor: number = 3;", "const replicationFactor: number = 20;", "RangeError", "parameters.check: replicationFactor must be an integer in [1, 9], got 20"],
    [NB04, 'const profileName: string = "LNKD-DISK";', 'const profileName: string = "FOO";', "RangeError", 'parameters.check: profileName must be one of "LNKD-SSD", "LNKD-DISK", "YMMR", "WAN", got "FOO"'],
    [NB06, "const sloTarget: number = 0.999;", "const sloTarget: number = 99.9;", "RangeError", "parameters.check: sloTarget must be a ratio in (0, 1), got 99.9 (a percent? write 0.999)"],
    [NB06, "const periodDays: number = 30;", "const periodDays: number = 1;", "RangeError", "parameters.check: periodDays must be a finite number >= 3, got 1"],
  ];
  for (const [file, from, to, ename, evalue] of cases) {
    it(`${file.slice(0, 2)}: \`${to}\` stops at the check cell: ${ename}: ${evalue}`, async () => {
      const error = await firstError(edited(file, from, to));
      assert.deepEqual(error, { cellId: PARAMETERS_CHECK_ID, index: 1, ename, evalue, ranAfter: 0 });
    });
  }

  it('04: `const replicationFactor: number = "5";` is a type error on the parameter\'s own line of the parameters cell', async () => {
    const error = await firstError(edited(NB04, "const replicationFactor: number = 3;", 'const replicationFactor: number = "5";'));
    assert.deepEqual(error, { cellId: "cell-01", index: 0, ename: "TypeScriptError", evalue: "Type 'string' is not assignable to type 'number'.", line: 2, ranAfter: 0 });
  });
});
