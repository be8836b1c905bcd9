/**
 * Static chart images in the system's Chromium: one renderer draws figures
 * to SVG and PNG, and `addStaticImages` turns a notebook's chart outputs
 * into image bundles (the HTML and the plotly init output dropped).
 */
import { strict as assert } from "node:assert";
import { display } from "../../src";
import { PLOTLY_MIME, chartBundle, plotlyInitHtml } from "../../src/display/plotly";
import { BrowserMissingError, ChartRenderer, addStaticImages, needsStaticImages, openChartRenderer } from "../../src/display/staticImages";
import { WHAT_IF_MIME, whatIfBundle } from "../../src/display/whatIf";
import { hasChromium, requireTool } from "../browser/helpers";

const line = () => display.lineChart({ title: "P(read within k versions), N=3", x: [1, 2, 3], series: [{ name: "R=W=1", y: [1 / 3, 5 / 9, 19 / 27] }], xTitle: "k", yTitle: "probability" });

describe("display.staticImages (headless Chromium)", function () {
  this.timeout(60_000);
  let renderer: ChartRenderer;

  before(async function () {
    requireTool(this, hasChromium(), "Chromium (/usr/bin/chromium)", "apt-get install chromium");
    renderer = await ChartRenderer.open();
  });

  after(async () => {
    await renderer?.close();
  });

  it("render(lineChart) is a standalone SVG with the chart's title and axes as text, and a PNG of the requested size", async () => {
    const fig = line();
    const images = await renderer.render({ data: fig.data, layout: fig.layout, config: fig.config }, { widthPx: 640 });
    assert.match(images.svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(images.svg.includes("P(read within k versions), N=3"), "title as SVG text");
    assert.ok(images.svg.includes(">probability<"), "axis title as SVG text");
    const png = Buffer.from(images.png, "base64");
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.equal(png.readUInt32BE(16), 640, "PNG width");
    assert.equal(png.readUInt32BE(20), fig.heightPx, "PNG height");
  });

  it("render(heatmap) loads the bundle that has the trace type (cartesian) and draws it", async () => {
    const fig = display.heatmap({ title: "heat", x: ["a", "b"], y: ["c", "d"], z: [[1, 2], [3, 4]] });
    const images = await renderer.render({ data: fig.data, layout: fig.layout, config: fig.config });
    assert.ok(images.svg.includes("heatmaplayer") || images.svg.includes("<image"), "heatmap drawn");
  });

  it("addStaticImages(nb) gives each chart SVG and PNG, drops its text/html and the init output, and keeps other outputs", async () => {
    const fig = line();
    const tableHtml = display.table([{ a: 1 }]).html;
    const nb = {
      cells: [
        { cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": plotlyInitHtml("basic") }, metadata: {} }] },
        { cell_type: "code", outputs: [{ output_type: "display_data", data: chartBundle(fig), metadata: {} }, { output_type: "display_data", data: { "text/html": tableHtml }, metadata: {} }] },
        { cell_type: "markdown" },
      ],
    };
    assert.equal(needsStaticImages(nb), true);
    const result = await addStaticImages(nb, renderer);
    assert.deepEqual(result, { charts: 1, rendered: 1, failures: [] });
    assert.deepEqual(nb.cells[0]?.outputs, [], "the init output is gone");
    const chart = nb.cells[1]?.outputs?.[0]?.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(chart).sort(), [PLOTLY_MIME, "image/png", "image/svg+xml", "text/plain"].sort());
    assert.equal(nb.cells[1]?.outputs?.[1]?.data["text/html"], tableHtml);
    assert.equal(needsStaticImages(nb), false);
  });

  it("addStaticImages keeps the init output as application/javascript (same script) while an output still draws with plotly.js", async () => {
    const init = plotlyInitHtml("basic");
    const explorer = '<div class="tradeoff-lab-whatif"></div><script>if (window.Plotly) {}</script>';
    const nb = {
      cells: [
        { cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": init }, metadata: {} }] },
        { cell_type: "code", outputs: [{ output_type: "display_data", data: chartBundle(line()), metadata: {} }, { output_type: "display_data", data: { "text/html": explorer }, metadata: {} }] },
      ],
    };
    await addStaticImages(nb, renderer);
    const kept = nb.cells[0]?.outputs[0]?.data as Record<string, string>;
    assert.deepEqual(Object.keys(kept), ["application/javascript"]);
    assert.equal(`<script type="text/javascript" ${display.INIT_MARKER} data-bundle="basic" data-plotly-version="${display.bundleVersion("basic")}">${kept["application/javascript"]}</script>`, init);
  });

  it("addStaticImages(nb with a what-if explorer) draws its default charts into its HTML as SVG images, keeps its controls and script, and drops the figures", async () => {
    const explorer = display.whatIf({
      key: "k",
      controls: { n: { type: "integer", min: 1, max: 9 } },
      values: { n: 3 },
      view: (lib, v) => [lib.display.explain({ subject: `N=${v.n}`, verdict: "ok" }), lib.display.lineChart({ title: `N=${v.n} curve`, x: [1, 2], series: [{ name: "p", y: [v.n, 2 * v.n] }], yTitle: "probability" })],
    });
    const data = whatIfBundle(explorer);
    const nb = { cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data, metadata: {} }] }] };
    assert.equal(needsStaticImages(nb), true);
    const result = await addStaticImages(nb, renderer);
    assert.deepEqual(result, { charts: 1, rendered: 1, failures: [] });
    const out = nb.cells[0]?.outputs[0]?.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(out), ["text/html", "text/plain"], "the figures' MIME type is gone");
    const html = out["text/html"] as string;
    const img = /<img class="tl-whatif-static" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="N=3 curve"/.exec(html);
    assert.ok(img, "the chart's div holds its image");
    const svg = Buffer.from(img[1] as string, "base64").toString("utf8");
    assert.ok(svg.startsWith("<svg") && svg.includes("N=3 curve") && svg.includes(">probability<"), "the image is the default render's chart, text as SVG text");
    assert.ok(!html.includes("tradeoff-lab-chart-missing"), "no placeholder left");
    const placeholder = /<p class="tradeoff-lab-chart-missing"[^]*?<\/p>/.exec(explorer.html)?.[0] ?? "";
    const imgTag = html.slice(html.indexOf("<img class=\"tl-whatif-static\""), html.indexOf(">", html.indexOf("<img class=\"tl-whatif-static\"")) + 1);
    assert.equal(html.replace(imgTag, placeholder), explorer.html, "the rest of the HTML, controls and scripts, is unchanged");
    assert.equal(needsStaticImages(nb), false);
  });

  it("addStaticImages keeps a what-if chart that plotly.js cannot draw as its placeholder, names its cell and explorer, and keeps its figure for another try", async () => {
    const explorer = display.whatIf({ key: "k", controls: { n: { type: "integer", min: 1, max: 9 } }, view: (lib, v) => lib.display.lineChart({ x: [1], series: [{ name: "p", y: [v.n] }] }) });
    const data = whatIfBundle(explorer);
    const broken = { key: "k", charts: [{ ...explorer.charts[0], figure: { data: [null], layout: {}, config: {} } }] };
    data[WHAT_IF_MIME] = broken;
    const nb = { cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data, metadata: {} }] }] };
    const result = await addStaticImages(nb, renderer);
    assert.equal(result.rendered, 0);
    assert.match(result.failures[0] ?? "", /^cell 0 \(what-if k\): /);
    assert.equal(data["text/html"], explorer.html);
    assert.deepEqual(data[WHAT_IF_MIME], broken);
    assert.equal(needsStaticImages(nb), true);
  });

  it("addStaticImages keeps a chart that plotly.js cannot draw as HTML, names its cell, and keeps the init output", async () => {
    const broken = { "text/html": "<div>chart</div>", [PLOTLY_MIME]: { data: [null], layout: { height: 200 }, config: {} } };
    const nb = { cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": plotlyInitHtml("basic") }, metadata: {} }, { output_type: "display_data", data: broken, metadata: {} }] }] };
    const result = await addStaticImages(nb, renderer);
    assert.equal(result.rendered, 0);
    assert.equal(result.failures.length, 1);
    assert.match(result.failures[0] ?? "", /^cell 0: /);
    assert.equal(nb.cells[0]?.outputs.length, 2);
    assert.equal(nb.cells[0]?.outputs[1]?.data["text/html"], "<div>chart</div>");
  });

  it("ChartRenderer.open(a missing path) is a BrowserMissingError saying how to install Chromium; openChartRenderer says so once and returns undefined", async () => {
    await assert.rejects(ChartRenderer.open("/nonexistent/chromium"), (e: Error) => e instanceof BrowserMissingError && /apt-get install chromium/.test(e.message));
    const lines: string[] = [];
    assert.equal(await openChartRenderer((l) => lines.push(l), "/nonexistent/chromium"), undefined);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", /no headless Chromium .*charts keep their interactive HTML only$/);
  });

  it("bad input: render(fig without data) and render(widthPx 50) pin their messages", async () => {
    await assert.rejects(renderer.render({ layout: {} } as never), { name: "TypeError", message: "staticImages.render: fig.data must be an array of traces, got undefined" });
    await assert.rejects(renderer.render({ data: [], layout: {}, config: {} }, { widthPx: 50 }), { name: "RangeError", message: "staticImages.render: widthPx must be a finite number in [100, 4000], got 50" });
  });
});
