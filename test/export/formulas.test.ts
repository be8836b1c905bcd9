import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { katexAssets, katexInlineCss, renderMarkdown } from "../../src/export/formulas";

const ROOT = join(__dirname, "..", "..");
const markdownOf = (name: string): string[] =>
  (JSON.parse(readFileSync(join(ROOT, "notebooks", `${name}.ipynb`), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] }).cells
    .filter((c) => c.cell_type === "markdown")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));

describe("export.formulas", () => {
  it("renderMarkdown('$$x^2$$') typesets a display formula with KaTeX (HTML and MathML, no TeX left)", () => {
    const { html, formulas } = renderMarkdown("Before\n\n$$p_s = \\binom{N-W}{R}$$\n\nAfter");
    assert.equal(formulas, 1);
    assert.ok(html.includes('class="katex-display"'));
    assert.ok(html.includes("<math"));
    assert.ok(!html.includes("$$"));
  });

  it("renderMarkdown: \\$ is a dollar sign, never math (the course's '\\$100K ... \\$30K' stays prose)", () => {
    const { html, formulas } = renderMarkdown("The pipeline costs \\$100K/month, not \\$30K.");
    assert.equal(formulas, 0);
    assert.equal(html, "<p>The pipeline costs $100K/month, not $30K.</p>\n");
  });

  it("notebook 05's 33 \\$ signs all render as $ and none as math; notebook 04's 2 formulas are typeset", () => {
    const five = markdownOf("05-cost-optimization");
    const source = five.join("\n");
    assert.ok(source.split("\\$").length - 1 >= 33, "notebook 05 still escapes its dollar amounts");
    const rendered = five.map((m) => renderMarkdown(m));
    assert.equal(rendered.reduce((n, r) => n + r.formulas, 0), 0);
    assert.ok(rendered.every((r) => !r.html.includes("\\$")));
    // Each \$ is one $ on the page, and every other $ stays as written: nothing became math.
    assert.equal(rendered.reduce((n, r) => n + (r.html.split("$").length - 1), 0), source.split("$").length - 1);
    assert.equal(markdownOf("04-quorums-and-staleness").reduce((n, m) => n + renderMarkdown(m).formulas, 0), 2);
  });

  it("renderMarkdown sanitizes raw HTML in the cell but not the typeset formula; a forged placeholder stays text", () => {
    const { html } = renderMarkdown("<script>alert(1)</script>$a$ TLMATH00N0E <img src=x onerror=alert(1)>");
    assert.ok(!html.includes("<script"));
    assert.ok(!html.includes("onerror"));
    assert.ok(html.includes('class="katex"'));
    assert.ok(html.includes("TLMATH00N0E"));
  });

  it("katexAssets() ships the stylesheet with WOFF2 fonts only, each file it names present; katexInlineCss() inlines them", () => {
    const files = katexAssets();
    const css = files.get("katex.min.css")?.toString("utf8") ?? "";
    const named = [...css.matchAll(/url\((fonts\/[^)]+)\)/g)].map((m) => m[1] as string);
    assert.ok(named.length >= 19);
    for (const f of named) assert.ok(files.has(f), f);
    assert.ok(!/\.woff\)|\.ttf\)/.test(css));
    const inline = katexInlineCss();
    assert.ok(!inline.includes("url(fonts/"));
    assert.ok(inline.includes("url(data:font/woff2;base64,"));
  });
});
