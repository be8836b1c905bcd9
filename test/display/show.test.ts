import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { display } from "../../src";

/** Notebook and JupyterLab skip TeX in elements with this class: "$5 and $6" stays text. */
const mathJaxSkipped = (html: string): string => `<div class="tex2jax_ignore">${html}</div>`;

const chart = (): display.Figure => display.lineChart({ x: [1, 2], series: [{ name: "p", y: [0.3, 0.5] }] });
const isInit = (o: display.SinkOutput): boolean => o.html.includes(display.INIT_MARKER);

describe("display.show", () => {
  let outputs: display.SinkOutput[];
  let previous: display.Sink | undefined;
  beforeEach(() => {
    outputs = [];
    previous = display.setSink((o) => outputs.push(o));
  });
  afterEach(() => {
    display.setSink(previous);
  });

  it("show(chart, chart, table): the plotly init goes out once, before the first chart, then one text/html output per item", () => {
    const t = display.table([{ a: 1 }]);
    display.show(chart(), chart(), t);
    assert.deepEqual(outputs.map(isInit), [true, false, false, false]);
    assert.ok(outputs[0]?.html.includes('data-bundle="cartesian"'));
    assert.equal(outputs[0]?.text, "");
    assert.match(outputs[1]?.html ?? "", /^<div class="tex2jax_ignore"><div id="tl-chart-\d+-[0-9a-f]{6}" class="tradeoff-lab-chart"/);
    assert.equal(outputs[1]?.text, "line chart: 1 series (p) over 2 x values");
    assert.equal(outputs[3]?.html, mathJaxSkipped(t.html));
    display.show(chart());
    assert.equal(outputs.filter(isInit).length, 1, "a later chart does not resend the bundle");
  });

  it("plotlyInit() sends the bundle every time it is called (a re-run cell must keep its output), and charts then add none", () => {
    display.plotlyInit({ bundle: "basic" });
    display.plotlyInit({ bundle: "basic" });
    display.show(chart());
    assert.deepEqual(outputs.map(isInit), [true, true, false]);
    assert.ok(outputs[0]?.html.includes('data-bundle="basic"'));
  });

  it("show(heatmap) after plotlyInit({bundle: 'basic'}) refuses: the page's bundle lacks the trace type", () => {
    display.plotlyInit({ bundle: "basic" });
    const heat = display.heatmap({ x: [1], y: [1], z: [[1]] });
    assert.throws(() => display.show(heat), {
      name: "RangeError",
      message: 'display.show: chart trace types must be in the "basic" plotly bundle already on the page (use display.plotlyInit({ bundle: "cartesian" }) before the first chart), got "heatmap"',
    });
  });

  it("show(a waterfall trace) with no init yet sends the full bundle, the smallest that has it", () => {
    display.show(display.figure([{ type: "waterfall", x: ["a"], y: [1] }]));
    assert.ok(outputs[0]?.html.includes('data-bundle="full"'));
  });

  it("a new sink is a new page: it gets its own init", () => {
    display.show(chart());
    const second: display.SinkOutput[] = [];
    display.setSink((o) => second.push(o));
    display.show(chart());
    assert.equal(second.filter(isInit).length, 1);
  });

  it("toHtml(explanation) is its html, marked for MathJax to skip; toHtml(figure) is a chart div", () => {
    const e = display.explain({ subject: "N=3", verdict: "ok" });
    assert.equal(display.toHtml(e), mathJaxSkipped(e.html));
    assert.ok(display.toHtml(chart()).startsWith('<div class="tex2jax_ignore"><div id="tl-chart-'));
  });

  it("show() in a tslab kernel sends one text/html display_data per output through tslab's display API", () => {
    display.setSink(undefined);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
    const sent: { data: Record<string, string> }[] = [];
    jupyter.lastWriteDisplayData = (message: { data: Record<string, string> }) => sent.push(message);
    try {
      const e = display.explain({ subject: "R=2, W=2, N=3", verdict: "strong" });
      display.show(e);
      assert.equal(sent.length, 1);
      assert.deepEqual(Object.keys(sent[0]?.data ?? {}), ["text/html"]);
      assert.equal(sent[0]?.data["text/html"], mathJaxSkipped(e.html));
    } finally {
      jupyter.lastWriteDisplayData = undefined;
    }
  });

  it("show(chart) in a tslab kernel sends one display_data whose bundle is text/html, the plotly JSON and text/plain", () => {
    display.setSink(undefined);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
    const sent: { data: Record<string, unknown> }[] = [];
    jupyter.lastWriteDisplayData = (message: { data: Record<string, unknown> }) => sent.push(message);
    try {
      const fig = chart();
      display.show(fig);
      const charts = sent.filter((m) => "application/vnd.plotly.v1+json" in m.data);
      assert.equal(charts.length, 1);
      assert.deepEqual(Object.keys(charts[0]?.data ?? {}), ["text/html", "application/vnd.plotly.v1+json", "text/plain"]);
      assert.equal(charts[0]?.data["text/plain"], fig.summary);
      assert.ok(String(charts[0]?.data["text/html"]).includes('class="tradeoff-lab-chart"'));
    } finally {
      jupyter.lastWriteDisplayData = undefined;
    }
  });

  it("show() outside a kernel prints each item's plain-text form to stdout", () => {
    display.setSink(undefined);
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      display.show(display.explain({ subject: "R=1, W=1, N=3", verdict: "eventual" }));
    } finally {
      process.stdout.write = write;
    }
    assert.deepEqual(written, ["R=1, W=1, N=3 → eventual\n"]);
  });

  it("importing tradeoff-lab does not load tslab (it is found lazily, only when something is shown)", function () {
    this.timeout(20_000);
    const root = join(__dirname, "..", "..");
    const script = "require('./src'); process.stdout.write(String(Object.keys(require.cache).some((f) => /[\\\\/]tslab[\\\\/]/.test(f))));";
    const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: root, encoding: "utf8" });
    assert.equal(run.stdout, "false", run.stderr);
  });

  it("bad input: show, toHtml, setSink and plotlyInit pin their messages", () => {
    assert.throws(() => display.show(1 as unknown as display.Showable), { name: "TypeError", message: "display.show: items[0] must be a figure, table, explanation or what-if from display, got 1" });
    assert.throws(() => display.toHtml({ kind: "figure" } as display.Showable), { name: "TypeError", message: "display.toHtml: item must be a figure from a display builder, got an object" });
    assert.throws(() => display.setSink(3 as unknown as display.Sink), { name: "TypeError", message: "display.setSink: sink must be a function or undefined, got 3" });
    assert.throws(() => display.plotlyInit({ bundle: "tiny" as "basic" }), { name: "RangeError", message: 'display.plotlyInit: bundle must be one of "basic", "cartesian", "full", got "tiny"' });
    assert.equal(outputs.length, 0, "nothing was sent");
  });
});
