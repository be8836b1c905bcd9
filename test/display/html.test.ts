import { strict as assert } from "node:assert";
import fc from "fast-check";
import { escapeHtml, escapeMarkdown, plotlyText, scriptJson } from "../../src/display/html";

describe("display.html (escaping)", () => {
  it("escapeMarkdown() backslash-escapes Markdown syntax and &, one escape per character", () => {
    assert.equal(escapeMarkdown("a*b* & <i> | [x](y) `c` _d_ \\"), "a\\*b\\* \\& \\<i\\> \\| \\[x\\](y) \\`c\\` \\_d\\_ \\\\");
  });

  it('escapeHtml(`<b a="1">&\'`) escapes the five HTML specials', () => {
    assert.equal(escapeHtml(`<b a="1">&'`), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
  });

  it("scriptJson: </script>, <!--, & and U+2028/2029 never appear raw, and the JSON parses back to the same value (property)", () => {
    const hostile = fc.oneof(fc.string(), fc.constantFrom("</script>", "<!--", "<script>", "\u2028", "\u2029", "&amp;", "]]>"));
    fc.assert(
      fc.property(fc.array(hostile), fc.dictionary(fc.string(), hostile), (list, dict) => {
        const value = { list, dict };
        const json = scriptJson(value);
        assert.ok(!/[<>&\u2028\u2029]/.test(json), json);
        assert.equal(JSON.stringify(JSON.parse(json)), JSON.stringify(value));
      }),
    );
  });

  it('scriptJson({ s: "</script>" }) is {"s":"\\u003c/script\\u003e"}; scriptJson(undefined) is null', () => {
    assert.equal(scriptJson({ s: "</script>" }), '{"s":"\\u003c/script\\u003e"}');
    assert.equal(scriptJson(undefined), "null");
  });

  it('plotlyText("<b>&</b>") is "&lt;b&gt;&amp;&lt;/b&gt;"', () => {
    assert.equal(plotlyText("<b>&</b>"), "&lt;b&gt;&amp;&lt;/b&gt;");
  });
});
