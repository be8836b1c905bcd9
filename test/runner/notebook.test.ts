import { strict as assert } from "node:assert";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { NotebookFormatError } from "../../src/runner/errors";
import {
  ensureCellIds,
  isSourceNotebook,
  joinSource,
  listNotebooks,
  outputTarget,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  splitLines,
  writeNotebookAtomic,
  type Notebook,
} from "../../src/runner/notebook";

const FIXTURES = join(__dirname, "fixtures");

describe("runner/notebook", () => {
  it("parseNotebook() of 10,000 cells without ids gives each a unique id (linear, not quadratic)", () => {
    const cells = Array.from({ length: 10_000 }, () => ({ cell_type: "code", source: "1", metadata: {}, outputs: [], execution_count: null }));
    const nb = parseNotebook({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells }, "big.ipynb");
    assert.equal(new Set(nb.cells.map((c) => c.id)).size, 10_000);
  });
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "notebook-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a cell whose source is not text (an object, an array with a non-string) is refused by name before anything reads it", () => {
    const nb = (source: unknown) => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", id: "a", metadata: { tags: ["parameters"] }, source, outputs: [], execution_count: null }] }) as never;
    assert.throws(() => serializeNotebook(nb(Object.create(null))), { name: "TypeError", message: "runner.serializeNotebook: nb.cells[0].source must be a string or an array of strings, got an object" });
    assert.throws(() => serializeNotebook(nb(["a", 1])), { name: "TypeError", message: "runner.serializeNotebook: nb.cells[0].source must be a string or an array of strings, got an array of length 2" });
  });

  it("readNotebook(lab.ipynb) reads nbformat 4.5 with its cell ids and tags", () => {
    const nb = readNotebook(join(FIXTURES, "lab.ipynb"));
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.nbformat_minor, 5);
    assert.deepEqual(nb.cells.slice(0, 3).map((c) => c.id), ["title", "params", "answer"]);
    assert.deepEqual(nb.cells[1]?.metadata.tags, ["parameters"]);
  });

  it("readNotebook() of a missing file, bad JSON or a non-notebook throws NotebookFormatError", () => {
    const missing = join(dir, "missing.ipynb");
    assert.throws(() => readNotebook(missing), (e: unknown) => e instanceof NotebookFormatError && e.message.startsWith(`runner.readNotebook: cannot read ${missing}: ENOENT`));
    const bad = join(dir, "bad.ipynb");
    writeFileSync(bad, "{ not json");
    assert.throws(() => readNotebook(bad), (e: unknown) => e instanceof NotebookFormatError && e.message.startsWith(`runner.readNotebook: ${bad} is not valid JSON:`));
    assert.throws(() => parseNotebook({ nbformat: 3, cells: [] }, "x.ipynb"), {
      message: "runner.parseNotebook: x.ipynb is not an nbformat 4 notebook: nbformat must be 4, got 3",
    });
    assert.throws(() => parseNotebook({ nbformat: 4, cells: [{ cell_type: "widget", source: "" }] }, "x.ipynb"), {
      message: 'runner.parseNotebook: x.ipynb is not an nbformat 4 notebook: cell 0 has cell_type "widget"',
    });
    assert.throws(() => parseNotebook([], "x.ipynb"), { message: "runner.parseNotebook: x.ipynb is not an nbformat 4 notebook: the top level is not an object" });
    assert.throws(() => parseNotebook({ nbformat: 4, cells: [{ cell_type: "code", source: "", outputs: "junk" }] }, "x.ipynb"), {
      name: "NotebookFormatError",
      message: "runner.parseNotebook: x.ipynb is not an nbformat 4 notebook: cell 0 has outputs that are not an array of outputs",
    });
    assert.throws(() => parseNotebook({ nbformat: 4, cells: [{ cell_type: "markdown", source: "", metadata: { tags: "runner-error" } }] }, "x.ipynb"), {
      message: "runner.parseNotebook: x.ipynb is not an nbformat 4 notebook: cell 0 has metadata.tags that is not an array of strings",
    });
    // A number is a file descriptor to readFileSync; -0 used to abort the whole Node process.
    assert.throws(() => readNotebook(-0 as never), { name: "TypeError", message: "runner.readNotebook: path must be a non-empty string, got -0" });
  });

  it("parseNotebook() of an nbformat 4.4 notebook adds ids, outputs and upgrades to 4.5", () => {
    const nb = parseNotebook({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [{ cell_type: "code", source: ["1"] }, { cell_type: "markdown", source: "" }] });
    assert.equal(nb.nbformat_minor, 5);
    assert.ok(nb.cells.every((c) => /^[0-9a-f]{8}$/.test(c.id)));
    assert.deepEqual(nb.cells[0]?.cell_type === "code" && nb.cells[0].outputs, []);
  });

  it("property: ensureCellIds() leaves every id valid and unique, and keeps ids that already were", () => {
    const idArb = fc.oneof(fc.constantFrom("a", "b", "", "bad id!", "x".repeat(65)), fc.stringMatching(/^[a-z0-9]{1,8}$/));
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 20 }), (ids) => {
        const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: ids.map((id) => ({ cell_type: "markdown", id, source: "", metadata: {} })) } as Notebook;
        ensureCellIds(nb);
        const out = nb.cells.map((c) => c.id);
        assert.equal(new Set(out).size, out.length);
        assert.ok(out.every((id) => /^[a-zA-Z0-9-_]{1,64}$/.test(id)));
        const firstValid = ids.findIndex((id) => /^[a-zA-Z0-9-_]{1,64}$/.test(id));
        if (firstValid >= 0) assert.equal(out[firstValid], ids[firstValid]);
      }),
    );
  });

  it("property: splitLines() then joinSource() gives back the text", () => {
    fc.assert(fc.property(fc.string(), (text) => joinSource(splitLines(text)) === text));
  });

  it("writeNotebookAtomic() writes Jupyter's layout and leaves no temporary file", () => {
    const nb = readNotebook(join(FIXTURES, "two-cells.ipynb"));
    const out = join(dir, "out.ipynb");
    writeNotebookAtomic(out, nb);
    writeNotebookAtomic(out, nb); // replacing an existing file
    assert.equal(readFileSync(out, "utf8"), serializeNotebook(nb));
    assert.deepEqual(readNotebook(out), nb);
    assert.ok(serializeNotebook(nb).startsWith('{\n "cells": [\n  {\n   "cell_type": "code"'));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  });

  it("writeNotebookAtomic() into a missing folder or onto a folder is refused by name, and writes nothing", () => {
    const nb = readNotebook(join(FIXTURES, "two-cells.ipynb"));
    const missing = join(dir, "no-such-dir", "out.ipynb");
    assert.throws(() => writeNotebookAtomic(missing, nb), {
      name: "RangeError",
      message: `runner.writeNotebookAtomic: path must be a file in an existing folder, got ${JSON.stringify(missing)} (the folder ${join(dir, "no-such-dir")} does not exist; create it first)`,
    });
    const folder = join(dir, "folder.ipynb");
    mkdirSync(folder);
    writeFileSync(join(folder, "keep.txt"), "kept");
    assert.throws(() => writeNotebookAtomic(folder, nb), {
      name: "RangeError",
      message: `runner.writeNotebookAtomic: path must be a notebook file, not a folder, got ${JSON.stringify(folder)} (${folder} is a folder; name a file inside it)`,
    });
    assert.deepEqual(readdirSync(folder), ["keep.txt"]);
  });

  it("writeNotebookAtomic() through a symbolic link (and a linked folder) replaces the linked file atomically and keeps the link and the file's mode", () => {
    const nb = readNotebook(join(FIXTURES, "two-cells.ipynb"));
    const realDir = join(dir, "real");
    mkdirSync(realDir);
    const real = join(realDir, "nb.ipynb");
    writeFileSync(real, "old");
    chmodSync(real, 0o600);
    const link = join(dir, "link.ipynb");
    symlinkSync(join("real", "nb.ipynb"), link);
    const viaFolder = join(dir, "linked-dir");
    symlinkSync("real", viaFolder);
    const chain = join(dir, "chain.ipynb");
    symlinkSync("link.ipynb", chain);
    assert.equal(outputTarget(link), real);
    assert.equal(outputTarget(join(viaFolder, "nb.ipynb")), real);
    assert.equal(outputTarget(chain), real);
    assert.equal(outputTarget(join(dir, "new.ipynb")), join(dir, "new.ipynb"));
    writeNotebookAtomic(chain, nb);
    assert.ok(lstatSync(link).isSymbolicLink() && lstatSync(chain).isSymbolicLink());
    assert.equal(readlinkSync(link), join("real", "nb.ipynb"));
    assert.equal(readFileSync(real, "utf8"), serializeNotebook(nb));
    assert.equal(statSync(real).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(realDir), ["nb.ipynb"]);
    const loop = join(dir, "loop.ipynb");
    symlinkSync("loop.ipynb", loop);
    assert.throws(() => outputTarget(loop, "w", "out"), { name: "RangeError", message: `w: out must be a file path whose symbolic links end, got ${JSON.stringify(loop)} (more than 40 links from ${loop})` });
    assert.throws(() => outputTarget("/dev/null"), { name: "RangeError", message: 'runner.outputTarget: path must be a regular file, got "/dev/null" (/dev/null is a device, socket or pipe)' });
    assert.throws(() => outputTarget(""), { name: "RangeError", message: 'runner.outputTarget: path must be a non-empty string, got ""' });
  });

  it("listNotebooks(dir) lists sorted source notebooks only: no executed copies, checkpoints, hidden, _-prefixed files or folders", () => {
    const folder = mkdtempSync(join(tmpdir(), "list-notebooks-"));
    try {
      for (const f of ["b.ipynb", "a.ipynb", "a.executed.ipynb", "a.nbconvert.ipynb", ".hidden.ipynb", "_scratch.ipynb", "notes.txt"]) writeFileSync(join(folder, f), "{}");
      mkdirSync(join(folder, ".ipynb_checkpoints"));
      writeFileSync(join(folder, ".ipynb_checkpoints", "a-checkpoint.ipynb"), "{}");
      mkdirSync(join(folder, "folder.ipynb"));
      assert.deepEqual(listNotebooks(folder), [join(folder, "a.ipynb"), join(folder, "b.ipynb")]);
      assert.equal(isSourceNotebook(join("x", "01-trade-offs.executed.ipynb")), false);
      assert.equal(isSourceNotebook("01-trade-offs.ipynb"), true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
