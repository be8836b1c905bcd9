import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { display, quorum } from "../../../src";
import { BROWSER_BUNDLE_PATH, WHAT_IF_MIME, whatIfBundle, withStaticImages } from "../../../src/display/whatIf";

const controls = {
  n: { type: "integer" as const, min: 1, max: 9, description: "replicas N" },
  profile: { type: "string" as const, allowed: ["LNKD-SSD", "YMMR"], description: "profile <i>" },
};
const view = (lib: display.WhatIfLibrary, v: { readonly n: number; readonly profile: string | number }): display.WhatIfItem[] => [
  lib.display.explain({ subject: `N=${v.n}`, verdict: `majority ${lib.quorum.quorumSize(v.n)}` }),
  lib.display.lineChart({ title: String(v.profile), x: [1, 2], series: [{ name: "p", y: [v.n, 2 * v.n] }] }),
];

describe("display.whatIf", () => {
  it("whatIf({controls, values: {n: 5}, view}) renders the defaults in the kernel with the library", () => {
    const w = display.whatIf({ controls, values: { n: 5 }, view, title: "Quorums & more" });
    assert.equal(w.kind, "what-if");
    assert.deepEqual(w.values, { n: 5, profile: "LNKD-SSD" });
    assert.equal(w.items.length, 2);
    assert.equal(w.items[0]?.kind, "explanation");
    assert.ok(w.html.includes(`majority ${quorum.quorumSize(5)}`));
    assert.ok(w.text.startsWith("what-if: Quorums & more (n=5, profile=LNKD-SSD)\nN=5 → majority 3"), w.text);
    assert.ok(w.html.includes("Quorums &amp; more") && w.html.includes("profile &lt;i&gt;"));
  });

  it("the page gets the declarations as JSON and the view as its own source, and nothing else runs", () => {
    const w = display.whatIf({ controls, view, key: "q" });
    const script = w.html.slice(w.html.lastIndexOf("<script"));
    assert.ok(script.includes(`var view = (${view.toString()}\n);`));
    assert.match(script, /var spec = \{"id":"tl-whatif-[0-9a-f]{8}","key":"q","controls":\{"n":\{"type":"integer","min":1,"max":9,"description":"replicas N","default":1\}/);
    assert.equal(w.key, "q");
  });

  it("a view whose source holds </script> cannot end the script element", () => {
    const w = display.whatIf({ controls, view: (lib, v) => lib.display.explain({ subject: "</script><script>alert(1)</script>", verdict: String(v.n) }) });
    const script = w.html.slice(w.html.lastIndexOf('<script type="text/javascript" data-tradeoff-lab="what-if">'));
    assert.equal(script.match(/<\/script/gi)?.length, 1, "only the closing tag");
    assert.ok(w.html.includes("&lt;/script&gt;&lt;script&gt;alert(1)"), "the default render shows the text, escaped");
  });

  it("the default key is stable for the same controls and view", () => {
    assert.equal(display.whatIf({ controls, view }).key, display.whatIf({ controls, view }).key);
    assert.match(display.whatIf({ controls, view }).key, /^w[0-9a-f]{8}$/);
  });

  it("show(whatIf) sends plotly and the what-if runtime once per page, before the first explorer", () => {
    assert.ok(existsSync(BROWSER_BUNDLE_PATH), "npm run build makes the browser bundle");
    const outputs: display.SinkOutput[] = [];
    const previous = display.setSink((o) => outputs.push(o));
    try {
      display.show(display.whatIf({ controls, view }), display.whatIf({ controls, view }));
    } finally {
      display.setSink(previous);
    }
    const kinds = outputs.map((o) => (o.html.includes(display.INIT_MARKER) ? "plotly" : o.html.includes(display.LIBRARY_MARKER) ? "runtime" : "explorer"));
    assert.deepEqual(kinds, ["plotly", "runtime", "explorer", "explorer"]);
  });

  it("show(whatIf) sends the default render's charts as figures under the what-if MIME type, each naming its div in the HTML", () => {
    const outputs: display.SinkOutput[] = [];
    const previous = display.setSink((o) => outputs.push(o));
    try {
      display.show(display.whatIf({ controls, values: { n: 4 }, view, key: "q" }));
    } finally {
      display.setSink(previous);
    }
    const explorer = outputs.find((o) => o.html.includes('class="tradeoff-lab-whatif"'));
    assert.ok(explorer?.data, "the explorer output has a MIME bundle");
    assert.deepEqual(Object.keys(explorer.data), ["text/html", WHAT_IF_MIME, "text/plain"]);
    assert.equal(explorer.data["text/html"], explorer.html);
    const images = explorer.data[WHAT_IF_MIME] as { key: string; charts: { id: string; title: string; figure: { data: { y: number[] }[] } }[] };
    assert.equal(images.key, "q");
    assert.equal(images.charts.length, 1, "one chart in the default render (the explanation is HTML)");
    const chart = images.charts[0];
    assert.ok(chart && explorer.html.includes(`<div id="${chart.id}" class="tradeoff-lab-chart"`), "the id names the chart's div");
    assert.equal(chart.title, "LNKD-SSD");
    assert.deepEqual(chart.figure.data[0]?.y, [4, 8], "the figure is the default render's (n=4)");
  });

  it("whatIfBundle(an explorer without charts) has no what-if MIME type; withStaticImages puts each SVG in its chart's place", () => {
    const plain = display.whatIf({ controls, view: (lib, v) => lib.display.explain({ subject: `N=${v.n}`, verdict: "ok" }) });
    assert.deepEqual(Object.keys(whatIfBundle(plain)), ["text/html", "text/plain"]);
    const w = display.whatIf({
      controls,
      view: (lib, v) => [1, 2].map((m) => lib.display.lineChart({ title: `×${m}`, x: [1, 2], series: [{ name: "p", y: [v.n, m * v.n] }] })),
    });
    const [a, b] = w.charts;
    assert.ok(a && b);
    assert.equal(w.html.split("tradeoff-lab-chart-missing").length - 1, 2, "two placeholders before");
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>"t" & <u></text></svg>';
    const html = withStaticImages(w.html, [{ id: b.id, title: 'second "chart"', svg }]);
    assert.equal(html.split("tradeoff-lab-chart-missing").length - 1, 1, "the other chart keeps its placeholder");
    const div = html.slice(html.indexOf(`<div id="${b.id}"`));
    assert.ok(
      div.startsWith(`<div id="${b.id}" class="tradeoff-lab-chart" style="width:100%;height:420px;">\n<img class="tl-whatif-static" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" alt="second &quot;chart&quot;" style="width:100%;height:100%;object-fit:contain;">\n</div>`),
      div.slice(0, 300),
    );
    assert.equal(html.split("<script").length, w.html.split("<script").length, "no script added");
    assert.throws(() => withStaticImages(html, [{ id: b.id, title: "again", svg }]), {
      name: "RangeError",
      message: `display.withStaticImages: images must be ids of chart divs, with their placeholders, in the explorer's HTML, got "${b.id}"`,
    });
    assert.throws(() => withStaticImages(w.html, [{ id: "tl-chart-0-none", title: "x", svg }]), { name: "RangeError", message: /got "tl-chart-0-none"$/ });
  });

  it("bad input: values outside the declarations, unknown names and non-items pin their messages", () => {
    assert.throws(() => display.whatIf({ controls, values: { n: 12 }, view }), { name: "RangeError", message: "display.whatIf: values.n must be an integer in [1, 9], got 12" });
    assert.throws(() => display.whatIf({ controls, values: { m: 1 } as never, view }), { name: "RangeError", message: 'display.whatIf: values must be names of controls (n, profile), got "m"' });
    assert.throws(() => display.whatIf({ controls, view: () => 3 as never }), { name: "TypeError", message: "display.whatIf: view result[0] must be a chart, table or explanation from lib.display, got 3" });
    assert.throws(() => display.whatIf({ controls, view, key: "1x" }), { name: "RangeError", message: 'display.whatIf: key must be a letter, then up to 39 letters, digits, "-" or "_", got "1x"' });
  });

  it("a view that throws in the kernel fails here, with its own error", () => {
    assert.throws(() => display.whatIf({ controls, view: (lib, v) => lib.display.explain({ subject: "x", verdict: String(lib.quorum.kStaleness({ n: v.n, r: 2, w: 1, k: 1 })) }) }), {
      name: "RangeError",
      message: /^quorum\.kStaleness: r must be an integer in \[1, n=1\], got 2$/,
    });
  });
});
