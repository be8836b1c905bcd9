import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import fc from "fast-check";
import { display } from "../../src";

// S3 prices, US East, REFERENCES.md ("Prices").
const tiers = [
  { tier: "S3 Standard", pricePerGbMonth: 0.023, availability: 0.9999 },
  { tier: "S3 Standard-IA", pricePerGbMonth: 0.0125, availability: 0.999 },
  { tier: "Glacier Deep Archive", pricePerGbMonth: 0.00099, availability: null },
];
const units = { pricePerGbMonth: "money", availability: "percent" } as const;

describe("display.table", () => {
  it("table(records, {units}) formats money and percent per column and shows missing values as —", () => {
    const t = display.table(tiers, { units });
    assert.deepEqual(t.columns, ["tier", "pricePerGbMonth", "availability"]);
    assert.deepEqual(t.cells, [
      ["S3 Standard", "$0.023", "99.99%"],
      ["S3 Standard-IA", "$0.0125", "99.9%"],
      ["Glacier Deep Archive", "$0.00099", "—"],
    ]);
    assert.equal(t.rowCount, 3);
  });

  it("table(...).text is aligned plain text, numbers right-aligned, and is what console.log prints", () => {
    const t = display.table(tiers, { units, columns: ["tier", "pricePerGbMonth"] });
    assert.equal(
      t.text,
      [
        "tier                  pricePerGbMonth",
        "--------------------  ---------------",
        "S3 Standard                    $0.023",
        "S3 Standard-IA                $0.0125",
        "Glacier Deep Archive         $0.00099",
      ].join("\n"),
    );
    assert.equal(inspect(t), t.text);
  });

  it("table(...).markdown right-aligns number columns and backslash-escapes Markdown and HTML syntax", () => {
    const t = display.table([{ name: "<script>|*x*", n: 1 }]);
    assert.equal(t.markdown, ["| name | n |", "| --- | ---: |", "| \\<script\\>\\|\\*x\\* | 1 |"].join("\n"));
  });

  it("table(...).markdown escapes & (so entities show literally) and turns CR, LF and CRLF into spaces", () => {
    const t = display.table([{ name: "&lt;b&gt; a\rb\nc\r\nd" }]);
    assert.equal(t.markdown, ["| name |", "| --- |", "| \\&lt;b\\&gt; a b c d |"].join("\n"));
  });

  it("table(...).html escapes every cell, header and caption", () => {
    const t = display.table([{ "<th>": "<script>alert(1)</script>", v: 1 }], { caption: "</table><b>", labels: { v: "a&b" } });
    assert.ok(t.html.includes("<th style=\"text-align:left\">&lt;th&gt;</th>"));
    assert.ok(t.html.includes("<td style=\"text-align:left\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    assert.ok(t.html.includes(">&lt;/table&gt;&lt;b&gt;</caption>"));
    assert.ok(t.html.includes(">a&amp;b</th>"));
    assert.ok(!t.html.includes("<script"));
  });

  it("table(long, {maxRows: 2}) shows 2 rows then '… 3 more rows' in every form", () => {
    const rows = [1, 2, 3, 4, 5].map((k) => ({ k }));
    const t = display.table(rows, { maxRows: 2 });
    assert.equal(t.shownRows, 2);
    assert.ok(t.html.includes('<td colspan="1" style="text-align:left;font-style:italic">… 3 more rows</td>'));
    assert.ok(t.markdown.endsWith("\n\n… 3 more rows"));
    assert.ok(t.text.endsWith("\n… 3 more rows"));
    assert.ok(display.table(rows, { maxRows: 4 }).text.endsWith("… 1 more row"));
  });

  it("table(danfo DataFrame) reads columns and values; NaN (danfo's missing value) shows as —", function () {
    this.timeout(20_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dfd = require("danfojs-node") as { DataFrame: new (data: object[]) => display.DataFrameLike };
    const df = new dfd.DataFrame([{ tier: "S3 Standard", price: 0.023 }, { tier: "IA", price: Number.NaN }]);
    const t = display.table(df, { units: { price: "money" } });
    assert.deepEqual(t.cells, [["S3 Standard", "$0.023"], ["IA", "—"]]);
  });

  it("table: every form has one line per shown row plus header lines, for any records (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: fc.string(), b: fc.double() }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (rows, maxRows) => {
        const t = display.table(rows, { maxRows });
        const shown = Math.min(rows.length, maxRows);
        assert.equal(t.cells.length, shown);
        assert.equal(t.html.split("<tr>").length - 1, shown + 1);
        assert.ok(!t.text.includes("NaN"));
        assert.ok(!/<(?!\/?(table|thead|tbody|tr|th|td)\b)/.test(t.html.replace(/<tr class="tradeoff-lab-more">/g, "<tr>")), "no tag from the data");
      }),
      { numRuns: 100 },
    );
  });

  it("bad input: table pins its messages", () => {
    assert.throws(() => display.table("rows" as unknown as []), { name: "TypeError", message: 'display.table: data must be a danfo DataFrame or an array of records, got "rows"' });
    assert.throws(() => display.table([1] as unknown as []), { name: "TypeError", message: "display.table: data[0] must be a record (a plain object), got 1" });
    assert.throws(() => display.table(tiers, { maxRows: 0 }), { name: "RangeError", message: "display.table: maxRows must be an integer in [1, 100000], got 0" });
    assert.throws(() => display.table(tiers, { units: { price: "money" } }), {
      name: "RangeError",
      message: 'display.table: units key must be one of "tier", "pricePerGbMonth", "availability", got "price"',
    });
    assert.throws(() => display.table(tiers, { units: { tier: "usd" as "money" } }), { name: "RangeError", message: /^display\.table: units\.tier must be one of "money"/ });
    assert.throws(() => display.table(tiers, { columns: ["nope"] }), { name: "RangeError", message: /^display\.table: columns\[0\] must be one of "tier"/ });
    assert.throws(() => display.table({ columns: ["a"], values: [[1, 2]] }), { name: "RangeError", message: "display.table: data.values[0] must be an array with length in [1, 1], got an array of length 2" });
  });
});
