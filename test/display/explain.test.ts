import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { display } from "../../src";

describe("display.explain", () => {
  // Quorum intersection R + W > N (Bailis et al., VLDB 2012; REFERENCES.md).
  const strong = { subject: "R=2, W=2, N=3", verdict: "strong", reason: "every read quorum meets every write quorum", tone: "good" } as const;

  it('explain({R=2, W=2, N=3 → strong}).text is "R=2, W=2, N=3 → strong: every read quorum meets every write quorum"', () => {
    const e = display.explain(strong);
    assert.equal(e.text, "R=2, W=2, N=3 → strong: every read quorum meets every write quorum");
    assert.equal(inspect(e), e.text);
    assert.equal(e.markdown, "R=2, W=2, N=3 → **strong**: every read quorum meets every write quorum");
  });

  it("explain(...).html is a styled block with the tone's colour, details and source, all escaped", () => {
    const e = display.explain({ ...strong, details: ["R + W = 4 > 3", "<script>x</script>"], source: "Bailis et al. & VLDB 2012" });
    assert.ok(e.html.startsWith('<div class="tradeoff-lab-explain tradeoff-lab-good" style="border-left:4px solid #2ca02c;'));
    assert.ok(e.html.includes("<strong>strong</strong>"));
    assert.ok(e.html.includes("<li>R + W = 4 &gt; 3</li><li>&lt;script&gt;x&lt;/script&gt;</li>"));
    assert.ok(e.html.includes("Source: Bailis et al. &amp; VLDB 2012"));
    assert.equal(e.text, [strong.subject + " → strong: every read quorum meets every write quorum", "  - R + W = 4 > 3", "  - <script>x</script>", "  Source: Bailis et al. & VLDB 2012"].join("\n"));
  });

  it("explain without reason or tone is neutral and has no colon", () => {
    const e = display.explain({ subject: "R=1, W=1, N=3", verdict: "eventual" });
    assert.equal(e.text, "R=1, W=1, N=3 → eventual");
    assert.ok(e.html.includes("tradeoff-lab-neutral"));
  });

  it("bad input: explain pins its messages", () => {
    assert.throws(() => display.explain({ subject: "", verdict: "x" }), { name: "RangeError", message: 'display.explain: subject must be a non-empty string, got ""' });
    assert.throws(() => display.explain({ subject: "s", verdict: 1 as unknown as string }), { name: "TypeError", message: "display.explain: verdict must be a non-empty string, got 1" });
    assert.throws(() => display.explain({ subject: "s", verdict: "v", tone: "great" as "good" }), { name: "RangeError", message: 'display.explain: tone must be one of "good", "bad", "warn", "neutral", got "great"' });
    assert.throws(() => display.explain({ subject: "s", verdict: "v", details: [1 as unknown as string] }), { name: "TypeError", message: "display.explain: details[0] must be a string, got 1" });
    assert.throws(() => display.explain({ subject: "s", verdict: "v", reason: null as unknown as string }), { name: "TypeError", message: "display.explain: reason must be a string, got null" });
  });
  it("escapes & in Markdown as tables do, so an entity in the data shows literally (\"&lt;b&gt;\" is not bold)", () => {
    const e = display.explain({ subject: "&lt;b&gt;x&lt;/b&gt;", verdict: "R&D" });
    assert.equal(e.markdown, "\\&lt;b\\&gt;x\\&lt;/b\\&gt; → **R\\&D**");
  });
});
