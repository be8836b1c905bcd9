import { strict as assert } from "node:assert";
import { CellExecutionError, RunnerError } from "../../src/runner/errors";
import type { Notebook } from "../../src/runner/notebook";
import { makeResult } from "../../src/runner/result";

const ran: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", id: "intro", metadata: {}, source: "# T" },
    {
      cell_type: "code",
      id: "p",
      metadata: { tags: ["parameters"] },
      source: "const n = 3;",
      execution_count: 1,
      outputs: [
        { output_type: "stream", name: "stdout", text: ["3\n"] },
        { output_type: "stream", name: "stderr", text: "warn\n" },
      ],
    },
    {
      cell_type: "code",
      id: "chart",
      metadata: { tags: ["plot", "shown"] },
      source: ["display(", "x)"],
      execution_count: 2,
      outputs: [
        { output_type: "display_data", data: { "text/plain": "a chart", "text/html": ["<div>", "</div>"] }, metadata: {} },
        { output_type: "execute_result", execution_count: 2, data: { "text/plain": "42" }, metadata: {} },
      ],
    },
    { cell_type: "code", id: "other", metadata: { tags: ["shown"] }, source: "", execution_count: null, outputs: [] },
  ],
};

describe("runner/result", () => {
  const result = makeResult(ran, ran, undefined, performance.now());

  it("makeResult() lists the code cells with their index in the run notebook, source joined", () => {
    assert.deepEqual(result.cells.map((c) => [c.index, c.id, c.source]), [[1, "p", "const n = 3;"], [2, "chart", "display(x)"], [3, "other", ""]]);
    assert.equal(result.ok, true);
    assert.equal(result.error, undefined);
  });

  it("cell(id) and cell(tag) find one cell; stdout(), stderr(), text() and html() read its outputs", () => {
    const p = result.cell("parameters");
    assert.equal(p, result.cell("p"));
    assert.deepEqual([p.stdout(), p.stderr(), p.text()], ["3\n", "warn\n", "3\n"]);
    const chart = result.cell("plot");
    assert.equal(chart.text(), "a chart\n42\n");
    assert.deepEqual(chart.html(), ["<div></div>"]);
    assert.deepEqual(result.cellsByTag("shown").map((c) => c.id), ["chart", "other"]);
  });

  it("cell() of a name no cell has, or of a tag on several cells, is a RunnerError that says what exists", () => {
    assert.throws(() => result.cell("nope"), (e: unknown) => e instanceof RunnerError && e.message === 'runner.ExecutionResult.cell: idOrTag must be the id or tag of a code cell ("p", "parameters", "chart", "plot", "shown", "other"), got "nope"');
    assert.throws(() => result.cell("shown"), { message: 'runner.ExecutionResult.cell: idOrTag must name one cell, got "shown" which tags cells 2, 3 (use cellsByTag)' });
  });

  it("a run with an error is not ok and carries it", () => {
    const error = new CellExecutionError({ cellIndex: 2, cellId: "chart", source: "x", ename: "RangeError", evalue: "bad", traceback: [] });
    const failed = makeResult(ran, ran, error, performance.now());
    assert.deepEqual([failed.ok, failed.error], [false, error]);
  });
});
