import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { display } from "../../src";
import { PLOTLY_MIME, chartBundle } from "../../src/display/plotly";

const bar = (): display.Figure => display.figure([{ type: "bar", x: ["a"], y: [1] }], { layout: { title: { text: "t" } } });

describe("display.plotly", () => {
  it("figure(data) sets the height, responsive config and a text summary", () => {
    const fig = display.figure([{ type: "bar", x: ["a"], y: [1] }], { heightPx: 300 });
    assert.equal(fig.heightPx, 300);
    assert.equal(fig.layout.height, 300);
    assert.equal(fig.config.responsive, true);
    assert.equal(fig.config.displaylogo, false);
    assert.equal(fig.summary, "chart: 1 trace");
    assert.equal(bar().summary, "chart: t");
  });

  it("chartHtml(fig, {id}) is a div with an explicit height, the what-to-do message, and a script that polls", () => {
    const html = display.chartHtml(bar(), { id: "c1", waitMs: 1000, pollMs: 20 });
    assert.ok(html.startsWith('<div id="c1" class="tradeoff-lab-chart" style="width:100%;height:420px;">'));
    assert.ok(html.includes("Use File → Trust Notebook, or run all cells (Cell → Run All)."));
    assert.ok(!html.includes("init cell"), "no advice that does not work");
    assert.ok(html.includes("waitMs = 1000, pollMs = 20"));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it("chartHtml: a figure holding </script>, <!-- and U+2028 cannot end or confuse the script element", () => {
    const fig = display.figure([{ type: "bar", x: ["</script><script>alert(1)</script>", "<!--", "\u2028"], y: [1, 2, 3] }]);
    const html = display.chartHtml(fig, { id: "c2" });
    const script = html.slice(html.indexOf("<script"));
    assert.equal((script.match(/<\/script/gi) ?? []).length, 1, "only the element's own closing tag");
    assert.ok(!script.includes("<!--"));
    assert.ok(!script.includes("\u2028"));
  });

  it("chartHtml() ids are unique: a counter and a random suffix", () => {
    const ids = new Set(Array.from({ length: 50 }, () => /id="([^"]+)"/.exec(display.chartHtml(bar()))?.[1]));
    assert.equal(ids.size, 50);
    for (const id of ids) assert.match(id ?? "", /^tl-chart-\d+-[0-9a-f]{6}$/);
  });

  it("plotlyInitHtml(bundle) embeds that bundle verbatim, once, guarded and with define hidden", () => {
    for (const bundle of display.PLOTLY_BUNDLES) {
      if (bundle === "full") continue; // 10 MB: checked by the export test's size figures instead
      const source = readFileSync(display.bundlePath(bundle), "utf8");
      // The shipped bundles contain nothing that could end an inline script, so they are embedded unchanged.
      assert.ok(!/<\/script|<!--/i.test(source));
      const html = display.plotlyInitHtml(bundle);
      assert.equal(html.split(source).length, 2, "the bundle appears exactly once");
      assert.ok(html.includes(`data-bundle="${bundle}"`));
      assert.ok(html.includes("if (window.Plotly && typeof window.Plotly.newPlot === 'function') { return; }"));
      assert.ok(html.includes("if (hasDefine) { window.define = undefined; }"));
    }
    assert.equal(display.bundleVersion("cartesian"), "4.1.1");
  });

  it("smallestBundle: bar/scatter → basic, heatmap → cartesian, waterfall → full; every builder fits DEFAULT_BUNDLE", () => {
    assert.equal(display.smallestBundle([bar()]), "basic");
    assert.equal(display.smallestBundle([display.figure([{ type: "heatmap", z: [[1]] }])]), "cartesian");
    assert.equal(display.smallestBundle([display.figure([{ type: "waterfall", x: ["a"], y: [1] }])]), "full");
    assert.equal(display.DEFAULT_BUNDLE, "cartesian");
    const builders = [
      display.lineChart({ x: [1], series: [{ name: "a", y: [1] }] }),
      display.heatmap({ x: [1], y: [1], z: [[1]] }),
      display.barChart({ categories: ["a"], series: [{ name: "a", values: [1] }] }),
      display.waterfall({ steps: [{ label: "a", amount: 1 }] }),
      display.burnDown({ time: [0, 1], remaining: [1, 0.5], alerts: [{ time: 1, label: "x" }] }),
      display.drScatter({ strategies: [{ name: "a", rtoMinutes: 1, rpoMinutes: 1, monthlyCostUsd: 1 }] }),
      display.histogram({ values: [1] }),
    ];
    assert.equal(display.smallestBundle(builders), display.DEFAULT_BUNDLE);
  });

  it("bad input: figure, chartHtml and plotlyInitHtml pin their messages", () => {
    assert.throws(() => display.figure([]), { name: "RangeError", message: "display.figure: data must be an array with length >= 1, got an array of length 0" });
    assert.throws(() => display.figure([1 as unknown as display.Figure["data"][number]]), { name: "TypeError", message: "display.figure: data[0] must be an object, got 1" });
    assert.throws(() => display.figure([{}], { heightPx: 50 }), { name: "RangeError", message: "display.figure: heightPx must be an integer in [100, 4000], got 50" });
    assert.throws(() => display.chartHtml({} as display.Figure), { name: "TypeError", message: "display.chartHtml: fig must be a figure from a display builder, got an object" });
    assert.throws(() => display.chartHtml(bar(), { id: 'x" onload="y' }), {
      name: "RangeError",
      message: 'display.chartHtml: id must be an HTML id (a letter, then letters, digits, "-" or "_"), got "x\\" onload=\\"y"',
    });
    assert.throws(() => display.chartHtml(bar(), { waitMs: -1 }), { name: "RangeError", message: "display.chartHtml: waitMs must be an integer in [0, 600000], got -1" });
    assert.throws(() => display.chartHtml(bar(), { pollMs: 1 }), { name: "RangeError", message: "display.chartHtml: pollMs must be an integer in [10, 10000], got 1" });
    assert.throws(() => display.plotlyInitHtml("mini" as "basic"), {
      name: "RangeError",
      message: 'display.plotlyInitHtml: bundle must be one of "basic", "cartesian", "full", got "mini"',
    });
    assert.throws(() => display.bundlePath("x" as "basic"), { name: "RangeError", message: /^display\.bundlePath: bundle must be one of/ });
    assert.throws(() => display.bundleVersion("x" as "basic"), { name: "RangeError", message: /^display\.bundleVersion: bundle must be one of/ });
  });
});

describe("display.chartBundle", () => {
  it("chartBundle(fig) is one output's MIME bundle: text/html, the figure as application/vnd.plotly.v1+json, and its summary", () => {
    const fig = display.figure([{ type: "bar", x: ["a"], y: [1] }], { summary: "one bar" });
    const bundle = chartBundle(fig, "<div>x</div>");
    assert.deepEqual(Object.keys(bundle), ["text/html", PLOTLY_MIME, "text/plain"]);
    assert.deepEqual(bundle[PLOTLY_MIME], { data: fig.data, layout: fig.layout, config: fig.config });
    assert.equal(bundle["text/plain"], "one bar");
    assert.ok(String(chartBundle(fig)["text/html"]).includes('class="tradeoff-lab-chart"'));
    assert.throws(() => chartBundle({} as never), { name: "TypeError", message: "display.chartBundle: fig must be a figure from a display builder, got an object" });
  });

  it("chartHtml(fig, {fallbackHtml}) shows that markup until plotly.js draws; a non-string is a TypeError", () => {
    const fig = display.figure([{ type: "bar", y: [1] }]);
    const html = display.chartHtml(fig, { id: "c1", fallbackHtml: '<img src="a.svg">' });
    assert.ok(html.includes('<img src="a.svg">'));
    assert.ok(!html.includes("tradeoff-lab-chart-missing"));
    assert.throws(() => display.chartHtml(fig, { fallbackHtml: 1 as never }), { name: "TypeError", message: "display.chartHtml: fallbackHtml must be a string of HTML, got 1" });
  });
});
