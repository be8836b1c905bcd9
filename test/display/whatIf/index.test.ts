import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { display, quorum } from "../../../src";
import { BROWSER_BUNDLE_PATH } from "../../../src/display/whatIf";

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
