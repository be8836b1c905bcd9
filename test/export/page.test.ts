import { strict as assert } from "node:assert";
import { display } from "../../src";
import { PLOTLY_MIME, chartBundle, plotlyInitHtml } from "../../src/display/plotly";
import { finishPage, forReport, isWhatIfOutput, preparePage, sharedStyles } from "../../src/export/page";
import type { Cell, Notebook } from "../../src/runner";

const md = (source: string): Cell => ({ cell_type: "markdown", id: `m${source.length}`, metadata: {}, source });
const code = (source: string, outputs: unknown[], tags?: string[]): Cell => ({ cell_type: "code", id: `c${source.length}`, metadata: tags ? { tags } : {}, source, execution_count: 1, outputs: outputs as never });
const nb = (cells: Cell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const html = (value: string) => ({ output_type: "display_data", data: { "text/html": value }, metadata: {} });
const stdout = (text: string) => ({ output_type: "stream", name: "stdout", text });

describe("export.page", () => {
  it("forReport drops exercise prompts, exercise cells, verdict lines and the exercise summary; keeps the rest", () => {
    const out = forReport(
      nb([
        md("# Title"),
        md("**Exercise 04.1** — which is right?"),
        code("const a = undefined;", [], ["exercise"]),
        code('exercises.check("04.1", a);', [stdout("✗ 04.1 which is right — not done yet: replace `undefined` with your answer\n")]),
        code("console.log(1)", [stdout("1\n✓ 04.2 k-staleness\nExercises in 04: 1 of 2 done (04.1 to go)\n")]),
      ]),
    );
    assert.deepEqual(out.cells.map((c) => c.cell_type), ["markdown", "code"]);
    assert.deepEqual((out.cells[1] as { outputs: unknown[] }).outputs, [stdout("1\n")]);
  });

  it("preparePage: a chart becomes the exporter's figure (img of its SVG file + drawing script); other HTML is sanitized; init and JS outputs go", () => {
    const fig = display.figure([{ type: "bar", y: [1] }], { layout: { title: { text: "Cost <b>by</b> tier" } } });
    const chart = { output_type: "display_data", data: { ...chartBundle(fig), "image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>" }, metadata: {} };
    delete (chart.data as Record<string, unknown>)["text/html"];
    const page = preparePage(
      nb([
        md("Costs \\$5, $$x^2$$ <script>alert(1)</script>"),
        code("x", [html(plotlyInitHtml("basic")), chart, html('<b onclick="alert(1)">t</b>'), { output_type: "display_data", data: { "application/javascript": "alert(1)" }, metadata: {} }]),
      ]),
      { name: "nb", report: false, singleFile: false, executedHere: true },
    );
    assert.equal(page.formulas, 1);
    assert.deepEqual(page.figures.map((f) => [f.number, f.title, f.file]), [[1, "Cost by tier", "img/nb/figure-01.svg"]]);
    const outputs = (page.notebook.cells[1] as { outputs: { data: Record<string, string> }[] }).outputs;
    assert.equal(outputs.length, 2);
    assert.deepEqual(Object.keys(outputs[0]?.data ?? {}), ["text/html"]);
    assert.ok(outputs[0]?.data["text/html"]?.includes('<img class="tradeoff-lab-static" src="img/nb/figure-01.svg" alt="Cost by tier"'));
    assert.ok(outputs[0]?.data["text/html"]?.includes("Plotly.newPlot"));
    assert.equal(outputs[1]?.data["text/html"], "<b>t</b>");
    const [key, rendered] = [...page.markdown][0] ?? [];
    assert.equal(page.notebook.cells[0]?.source, key);
    assert.ok(rendered?.startsWith("<p>Costs $5, ") && !rendered.includes("<script"));
    assert.equal(page.needsPlotly, true);
  });

  it("preparePage with singleFile inlines the chart's SVG as a data: URL", () => {
    const fig = display.figure([{ type: "bar", y: [1] }]);
    const data = { [PLOTLY_MIME]: chartBundle(fig)[PLOTLY_MIME], "image/svg+xml": "<svg/>", "text/plain": "chart" };
    const page = preparePage(nb([code("x", [{ output_type: "display_data", data, metadata: {} }])]), { name: "nb", report: false, singleFile: true, executedHere: true });
    const out = (page.notebook.cells[0] as { outputs: { data: Record<string, string> }[] }).outputs[0]?.data["text/html"] ?? "";
    assert.ok(out.includes(`src="data:image/svg+xml;base64,${Buffer.from("<svg/>").toString("base64")}"`));
  });

  it("isWhatIfOutput accepts the what-if module's own explorer HTML only; a look-alike with an extra script is sanitized", () => {
    const explorer = display.whatIf({ controls: { n: { type: "integer", min: 1, max: 9, default: 3 } }, view: (lib, v) => lib.display.explain({ subject: `N=${v.n}`, verdict: "ok" }) });
    const shown = `<div class="tex2jax_ignore">${explorer.html}</div>`;
    assert.equal(isWhatIfOutput(shown), true);
    assert.equal(isWhatIfOutput(shown.replace("</form>", "<script>alert(1)</script></form>")), false);
    const forged = preparePage(nb([code("x", [html(shown)])]), { name: "nb", report: false, singleFile: false, executedHere: false });
    assert.ok(!JSON.stringify(forged.notebook).includes("<script"), "not executed here: sanitized");
  });

  it("finishPage puts rendered markdown in, sets the title, adds KaTeX, print rules and plotly.js; sharedStyles moves <style> to one file", () => {
    const page = preparePage(nb([md("Hello *there*")]), { name: "nb", report: false, singleFile: false, executedHere: true });
    const key = [...page.markdown.keys()][0] ?? "";
    const out = finishPage(`<html><head><title>nb</title><style>p{}</style></head><body><p>${key}</p></body></html>`, page, "A <title>", { plotly: "<script src=p.js></script>", katex: "<link k>" });
    assert.ok(out.includes("<p>Hello <em>there</em></p>"));
    assert.ok(out.includes("<title>A &lt;title&gt;</title>"));
    assert.ok(out.includes("<link k>") && out.includes("break-inside:avoid") && !out.includes("p.js"), "no plotly.js for a page without charts");
    const shared = sharedStyles(out, () => "s.css");
    assert.ok(shared.css.startsWith("p{}"));
    assert.equal(shared.html.split("<style").length, 1);
    assert.equal(shared.html.split('<link rel="stylesheet" href="s.css">').length, 2);
  });
});
