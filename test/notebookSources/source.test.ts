import { strict as assert } from "node:assert";
import { serializeNotebook } from "../../src/runner/notebook";
import { readSources } from "../../src/notebookSources/files";
import { buildNotebook, exerciseCode, expectedAnswerType, parseSource, WorkbookSourceError, type SourceCell } from "../../src/notebookSources/source";

const sample = [
  "// %% [markdown]",
  "// # 99 · Sample",
  "// Some *prose*.",
  "",
  '// %% tags=["parameters"]',
  "const n: number = 3; // integer in [1, 9]: replicas",
  "",
  '// %% [exercise] id="99.1" points=2',
  "// Exercise 99.1: compute it.",
  "// BEGIN SOLUTION",
  "const answer = n * 2;",
  "// END SOLUTION",
  "// BEGIN STUB",
  "const answer: number | undefined = undefined;",
  "// END STUB",
  "// BEGIN WRONG",
  "const answer = n;",
  "// END WRONG",
  "",
  "// %%",
  'exercises.check("99.1", answer);',
].join("\n");

describe("notebookSources/source", () => {
  it("parseSource() reads markdown, tagged code and exercise cells", () => {
    const source = parseSource("99-sample", sample);
    assert.deepEqual(
      source.cells.map((c) => [c.kind, c.tags, c.id]),
      [["markdown", [], undefined], ["code", ["parameters"], undefined], ["exercise", [], "99.1"], ["code", [], undefined]],
    );
    assert.equal(source.cells[2]?.points, 2);
  });

  it("exerciseCode() keeps shared lines plus exactly one region per variant", () => {
    const cell = parseSource("99-sample", sample).cells[2]!;
    assert.deepEqual(exerciseCode(cell, "learner"), ["// Exercise 99.1: compute it.", "const answer: number | undefined = undefined;"]);
    assert.deepEqual(exerciseCode(cell, "solution"), ["// Exercise 99.1: compute it.", "const answer = n * 2;"]);
    assert.deepEqual(exerciseCode(cell, "wrong"), ["// Exercise 99.1: compute it.", "const answer = n;"]);
  });

  it("buildNotebook() writes nbformat 4.5 with ids, the tslab kernelspec, tags and no outputs", () => {
    const nb = buildNotebook(parseSource("99-sample", sample), "learner");
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.nbformat_minor, 5);
    assert.equal((nb.metadata["kernelspec"] as { name: string }).name, "tslab");
    assert.deepEqual(nb.cells.map((c) => c.id), ["cell-00", "cell-01", "parameters-check", "exercise-99-1", "cell-03"]);
    assert.deepEqual(nb.cells[0]!.source, ["# 99 · Sample\n", "Some *prose*."]);
    assert.deepEqual(nb.cells[3]!.metadata, { tags: ["exercise"], exercise: { id: "99.1", points: 2 } });
    for (const cell of nb.cells) if (cell.cell_type === "code") assert.deepEqual(cell.outputs, []);
    assert.ok(!serializeNotebook(nb).includes("n * 2"), "the learner copy leaks the solution");
  });

  it("parseSource() rejects an exercise without a WRONG region, naming file and line", () => {
    const broken = sample.replace("// BEGIN WRONG\nconst answer = n;\n// END WRONG\n", "");
    assert.throws(() => parseSource("99-sample", broken), {
      name: "WorkbookSourceError",
      message: "workbook/99-sample.ts:8: exercise 99.1 has no WRONG region",
    });
  });

  it("parseSource() rejects unclosed regions, text before the first cell and unknown attributes", () => {
    assert.throws(() => parseSource("x", sample.replace("// END STUB\n", "")), WorkbookSourceError);
    assert.throws(() => parseSource("x", `const early = 1;\n${sample}`), /text before the first \/\/ %% cell header/);
    assert.throws(() => parseSource("x", sample.replace('tags=["parameters"]', 'colour="red"')), /unknown or malformed attribute colour/);
    assert.throws(() => parseSource("x", sample.replace('id="99.1"', "")), /an exercise cell needs id/);
    assert.throws(() => parseSource("x", sample.replace(" points=2", "")), /^WorkbookSourceError: workbook\/x\.ts:8: exercise 99\.1 needs points=N \(a positive number\)$/);
    assert.throws(() => parseSource("x", sample.replace(" points=2", " points=0")), /unknown or malformed attribute points=0/);
  });

  it("buildNotebook() puts the generated parameters check right after the parameters cell, listing every parameter", () => {
    const nb = buildNotebook(parseSource("99-sample", sample), "learner");
    assert.deepEqual(nb.cells[2]!.source, [
      "// Stops here, naming the parameter, when a value above breaks the rule in its comment.\n",
      "// (Generated from the parameters cell: edit the parameters there, not this cell.)\n",
      'import { parameters } from "tradeoff-lab";\n',
      'await parameters.check("99-sample.ipynb", {\n',
      "  n: n,\n",
      "});",
    ]);
  });

  it("expectedAnswerType() reads the learner stub's annotation without `| undefined`", () => {
    const exerciseCell = (id: string): SourceCell => readSources().flatMap((s) => s.cells).find((c) => c.kind === "exercise" && c.id === id) as SourceCell;
    assert.equal(expectedAnswerType(exerciseCell("00.1")), "number");
    assert.equal(expectedAnswerType(exerciseCell("01.1")), "string");
    assert.equal(expectedAnswerType(exerciseCell("01.3")), "(weights: number[], scores: number[]) => number");
    assert.equal(expectedAnswerType(exerciseCell("01.5")), "Record<string, number>");
  });

  it("buildNotebook() turns the source's check call into one that reads the answer lazily and names the stub's type", () => {
    const nb = buildNotebook(parseSource("99-sample", sample), "learner");
    assert.deepEqual(nb.cells[4]!.source, [
      "// @ts-ignore: if your answer cell did not compile, the check below says which type it needs\n",
      'exercises.checkCell("99.1", () => answer, "number");',
    ]);
    const untyped = sample.replace("const answer: number | undefined = undefined;", "const answer = undefined;");
    assert.throws(() => buildNotebook(parseSource("99-sample", untyped), "learner"), /^WorkbookSourceError: workbook\/99-sample\.ts:8: exercise 99\.1's stub declares no type/);
  });
});
