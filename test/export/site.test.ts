import { strict as assert } from "node:assert";
import { describeNotebook, gitCommit, indexHtml } from "../../src/export";
import type { Notebook } from "../../src/runner";

const nb = (cells: Notebook["cells"], metadata: Record<string, unknown> = {}): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata, cells });
const md = (source: string): Notebook["cells"][number] => ({ cell_type: "markdown", id: "m", metadata: {}, source }) as Notebook["cells"][number];

describe("export.site", () => {
  it("describeNotebook: the first # heading is the title, the first sentence of the next paragraph the description", () => {
    const d = describeNotebook(nb([md("# Quorums *and* staleness\n\nWhen does R + W > N give [strong](https://x) reads? More text.\n\nLater.")]), "01");
    assert.deepEqual(d, { title: "Quorums and staleness", description: "When does R + W > N give strong reads?" });
  });

  it("describeNotebook: metadata.description wins; no heading falls back to the file name", () => {
    assert.deepEqual(describeNotebook(nb([md("plain prose")], { description: "From metadata" }), "02-cost"), { title: "02-cost", description: "From metadata" });
  });

  it("indexHtml escapes titles, descriptions and parameters, and lists run date, commit, mode and failures", () => {
    const html = indexHtml(
      [
        { name: "a", href: "a.html", title: "<script>alert(1)</script>", description: "x & y", parameters: [{ name: "region", value: '"</td>"' }], ok: true, bytes: 2048 },
        { name: "b", href: "b.html", title: "B", description: "", parameters: [], ok: false, error: "cell 3: <boom>", bytes: 0 },
      ],
      { runDate: new Date(Date.UTC(2026, 10, 24, 12, 30, 0)), commit: "abc123+dirty", report: true },
    );
    assert.ok(html.includes('<h2><a href="a.html">&lt;script&gt;alert(1)&lt;/script&gt;</a></h2>'));
    assert.ok(html.includes("<p class=\"description\">x &amp; y</p>"));
    assert.ok(html.includes("<td><code>region</code></td><td><code>&quot;&lt;/td&gt;&quot;</code></td>"));
    assert.ok(html.includes("Run 2026-11-24 12:30:00 UTC · commit <code>abc123+dirty</code> · report mode (code hidden) · 2 notebooks"));
    assert.ok(html.includes("<strong>Failed:</strong> cell 3: &lt;boom&gt;"));
    assert.ok(!/\s(src|href)="https?:/.test(html));
    assert.equal((html.match(/<script/g) ?? []).length, 0);
  });

  it("indexHtml links a page named javascript:…, a#b or 100% as a relative file, never a script or fragment URL", () => {
    const page = (name: string) => ({ name, href: `${name}.html`, title: name, description: "", parameters: [], ok: true, bytes: 1 });
    const html = indexHtml([page("javascript:alert(1)"), page("a#b"), page("100% 'q'")], { runDate: new Date(0), commit: "c", report: false });
    assert.ok(html.includes('<a href="javascript%3Aalert(1).html">'), html);
    assert.ok(html.includes('<a href="a%23b.html">'));
    assert.ok(html.includes('<a href="100%25%20&#39;q&#39;.html">'));
    assert.ok(!/href="javascript:/i.test(html));
  });

  it("gitCommit(this checkout) is a 12-hex-digit hash, maybe +dirty; outside git it is 'unknown'", () => {
    assert.match(gitCommit(__dirname), /^[0-9a-f]{12}(\+dirty)?$/);
    assert.equal(gitCommit("/"), "unknown");
  });
});
