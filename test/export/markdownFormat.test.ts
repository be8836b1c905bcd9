import { strict as assert } from "node:assert";
import { display } from "../../src";
import { PLOTLY_MIME, chartBundle } from "../../src/display/plotly";
import { notebookMarkdown } from "../../src/export/markdownFormat";
import type { Cell, Notebook } from "../../src/runner";

const nb = (cells: Cell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

describe("export.markdownFormat", () => {
  it("notebookMarkdown: prose as written, code fenced, text fenced, a chart as an SVG image link, HTML sanitized, no plotly.js", () => {
    const fig = display.figure([{ type: "bar", y: [1] }], { layout: { title: { text: "Cost [by] tier" } } });
    const chart = { [PLOTLY_MIME]: chartBundle(fig)[PLOTLY_MIME], "image/svg+xml": "<svg/>", "text/plain": "chart" };
    const page = notebookMarkdown(
      nb([
        { cell_type: "markdown", id: "a", metadata: {}, source: "# Title\n\nCosts \\$5." },
        {
          cell_type: "code",
          id: "b",
          metadata: {},
          execution_count: 1,
          source: "const s = '```';",
          outputs: [
            { output_type: "stream", name: "stdout", text: "hello\n" },
            { output_type: "display_data", data: chart, metadata: {} },
            { output_type: "display_data", data: { "text/html": "<table><tr><td>1</td></tr></table>\n\n<script>x()</script>" }, metadata: {} },
          ],
        },
      ]),
      { name: "04 q", report: false },
    );
    assert.equal(
      page.markdown,
      "# Title\n\nCosts \\$5.\n\n````ts\nconst s = '```';\n````\n\n```text\nhello\n```\n\n![Figure 1. Cost \\[by\\] tier](img/04%20q/figure-01.svg)\n\n<table><tr><td>1</td></tr></table>\n",
    );
    assert.deepEqual([...page.files.keys()], ["img/04 q/figure-01.svg"]);
    assert.deepEqual(page.figures, [{ number: 1, title: "Cost [by] tier", file: "img/04 q/figure-01.svg" }]);
  });

  it("notebookMarkdown(report) leaves code out and says when a chart has no static image", () => {
    const fig = display.figure([{ type: "bar", y: [1] }]);
    const page = notebookMarkdown(
      nb([{ cell_type: "code", id: "b", metadata: {}, execution_count: 1, source: "show()", outputs: [{ output_type: "display_data", data: chartBundle(fig), metadata: {} }] }]),
      { name: "n", report: true },
    );
    assert.equal(page.markdown, "*Figure 1. 1 trace (no static image: Chromium was not available)*\n");
  });
});
