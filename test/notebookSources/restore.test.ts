import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { learnerFile, readSources } from "../../src/notebookSources/files";
import { folderTimestamp, restoreNotebooks } from "../../src/notebookSources/restore";
import { cli } from "../cli/helpers";

const sources = readSources();

describe("notebookSources/restore", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "restore-"));
    for (const source of sources) {
      const { path, text } = learnerFile(source, dir);
      writeFileSync(path, text);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("folderTimestamp() has no colons (a folder name on every OS)", () => {
    assert.equal(folderTimestamp(new Date("2026-12-04T21:40:05.123Z")), "2026-12-04T21-40-05Z");
  });

  it("restoreNotebooks() moves an edited notebook to my-work/<timestamp>/ untouched, writes the pristine copy and creates a missing one", () => {
    const edited = join(dir, "04-quorums-and-staleness.ipynb");
    writeFileSync(edited, '{"my": "work"}');
    rmSync(join(dir, "06-slis-slos-and-error-budgets.ipynb"));
    const now = new Date("2026-12-04T21:40:05Z");
    const results = restoreNotebooks({ notebooks: dir, now });
    const saved = join(dir, "my-work", "2026-12-04T21-40-05Z", "04-quorums-and-staleness.ipynb");
    assert.deepEqual(
      results.filter((r) => r.action !== "kept"),
      [
        { file: "04-quorums-and-staleness.ipynb", action: "restored", savedTo: saved },
        { file: "06-slis-slos-and-error-budgets.ipynb", action: "created" },
      ],
    );
    assert.equal(readFileSync(saved, "utf8"), '{"my": "work"}');
    for (const source of sources) assert.equal(readFileSync(join(dir, `${source.slug}.ipynb`), "utf8"), learnerFile(source, dir).text);
  });

  it("restoreNotebooks({ dryRun, only }) changes nothing and refuses a name that is not a workbook notebook", () => {
    writeFileSync(join(dir, "04-quorums-and-staleness.ipynb"), "{}");
    const results = restoreNotebooks({ notebooks: dir, dryRun: true, only: ["04-quorums-and-staleness.ipynb"] });
    assert.deepEqual(results.map((r) => [r.file, r.action]), [["04-quorums-and-staleness.ipynb", "restored"]]);
    assert.equal(readFileSync(join(dir, "04-quorums-and-staleness.ipynb"), "utf8"), "{}");
    assert.ok(!existsSync(join(dir, "my-work")));
    assert.throws(() => restoreNotebooks({ notebooks: dir, only: ["99-nope"] }), /^RangeError: notebookSources\.restoreNotebooks: only must be names of workbook notebooks \(00-start-here, .*12-capstone\), got "99-nope"$/);
  });

  it("tradeoff-lab restore --notebooks <dir> reports what it did; a bad name exits 2", async () => {
    writeFileSync(join(dir, "01-trade-offs.ipynb"), "{}");
    const { code, out } = await cli("restore", "--notebooks", dir);
    assert.equal(code, 0);
    assert.match(out, /^restored 01-trade-offs\.ipynb \(your copy is in .*my-work\/[\dT-]+Z\/01-trade-offs\.ipynb\)\n1 of 13 notebooks restored; the others were already pristine\n$/);
    assert.equal(readdirSync(join(dir, "my-work")).length, 1);
    const bad = await cli("restore", "nope", "--notebooks", dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^tradeoff-lab restore: notebookSources\.restoreNotebooks: only must be names of workbook notebooks/);
  });
});
