import { strict as assert } from "node:assert";
import { sanitizeHtml } from "../../src/export/sanitize";
import { MARKDOWN_PAYLOADS } from "./payloads";


describe("export.sanitize", () => {
  it("sanitizeHtml removes scripts, handlers, srcdoc frames and javascript: links and keeps the text", () => {
    assert.equal(sanitizeHtml("<script>alert(1)</script>kept"), "kept");
    assert.equal(sanitizeHtml('<img src=x onerror="alert(1)"><b>ok</b>'), '<img src="x" /><b>ok</b>');
    assert.equal(sanitizeHtml('<iframe srcdoc="<script>alert(1)</script>"></iframe>after'), "after");
    assert.equal(sanitizeHtml('<a href="javascript:alert(1)">x</a>'), "<a>x</a>");
    assert.equal(sanitizeHtml('<svg onload="alert(1)"><circle/></svg>'), "");
    assert.equal(sanitizeHtml('<details open ontoggle="alert(1)"><summary>s</summary></details>'), "<details open><summary>s</summary></details>");
    assert.equal(sanitizeHtml('<object data="x.swf"></object><embed src="x"><form action="/"><input></form>'), "");
  });

  it("sanitizeHtml loads nothing from outside: no http(s) image, no url() in a style, no protocol-relative link", () => {
    assert.equal(sanitizeHtml('<img src="https://evil.example/x.png">'), "<img />");
    assert.equal(sanitizeHtml('<div style="background:url(https://evil.example/x);color:red">c</div>'), '<div style="color:red">c</div>');
    assert.equal(sanitizeHtml('<a href="//evil.example">p</a>'), "<a>p</a>");
    assert.equal(sanitizeHtml('<img src="data:image/png;base64,AAAA">'), '<img src="data:image/png;base64,AAAA" />');
    assert.equal(sanitizeHtml('<img src="img/local.svg">'), '<img src="img/local.svg" />');
  });

  it("sanitizeHtml keeps the project's own tables and explained results (classes, alignments, colours)", () => {
    const table = '<table class="tradeoff-lab-table"><caption style="caption-side:top;text-align:left;font-weight:bold">c</caption><tr><td style="text-align:right">1</td></tr></table>';
    assert.equal(sanitizeHtml(table), table);
    const explain = '<div class="tradeoff-lab-explain" style="border-left:4px solid #2ca02c;padding:0.4em 0.8em;background:rgba(127,127,127,0.08)">ok</div>';
    assert.equal(sanitizeHtml(explain), explain);
  });

  it("every markdown payload comes out of sanitizeHtml with no script, handler, frame or javascript: URL", () => {
    for (const payload of MARKDOWN_PAYLOADS) {
      const clean = sanitizeHtml(payload);
      assert.doesNotMatch(clean, /<script|\son\w+=|<iframe|srcdoc|href="javascript:/i, payload);
    }
  });
});
