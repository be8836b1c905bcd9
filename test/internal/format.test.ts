/**
 * The one formatting layer: every namespace that prints money, durations,
 * percentages or counts prints them through src/internal/format.ts, so the
 * same amount reads the same everywhere. These tests compare the public
 * formatters of every namespace with each other over generated amounts, and
 * look for formatting done by hand elsewhere in src/.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import * as mathjs from "mathjs";
import { availability, cost, display, dr } from "../../src";
import { convertDuration, duration, DURATION_UNITS, localeNumber, money, percent } from "../../src/internal/format";

const amounts = fc.oneof(
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 100),
);

describe("internal/format (the one formatting layer)", () => {
  it("cost.formatUsd, display.formatMoney and display.formatValue(…, 'money') print every amount alike (property)", () => {
    fc.assert(
      fc.property(amounts, (usd) => {
        const text = money(usd);
        assert.equal(cost.formatUsd(usd), text);
        assert.equal(display.formatMoney(usd), text);
        assert.equal(display.formatValue(usd, "money"), text);
      }),
    );
  });

  it("localeNumber(value, options) is value.toLocaleString(\"en-US\", options) with its formatter kept, for the options of every formatter here and any double (property)", () => {
    const options: Intl.NumberFormatOptions[] = [
      { maximumFractionDigits: 0 },
      { maximumFractionDigits: 2 },
      { maximumFractionDigits: 3 },
      { maximumSignificantDigits: 3, useGrouping: true },
      { maximumSignificantDigits: 3, useGrouping: false },
      { maximumSignificantDigits: 4 },
      { minimumFractionDigits: 2, maximumFractionDigits: 2 },
      { minimumFractionDigits: 0, maximumFractionDigits: 2 },
    ];
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(...options), (value, option) => {
        assert.equal(localeNumber(value, option), value.toLocaleString("en-US", option));
        assert.equal(localeNumber(value, { ...option }), value.toLocaleString("en-US", option), "a second call with equal options");
      }),
      { numRuns: 2000 },
    );
  });

  it("cost.formatUsd(0.004) and display.formatMoney(0.004) both print $0.004 (they printed $0 and $0.004)", () => {
    assert.equal(cost.formatUsd(0.004), "$0.004");
    assert.equal(display.formatMoney(0.004), "$0.004");
    assert.equal(cost.formatUsd(26_540), display.formatMoney(26_540));
  });

  it("availability.allowedDowntime's text is display.formatDuration of its seconds (property)", () => {
    const periods = ["hour", "day", "week", "month", "quarter", "year"] as const;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...periods), (target, period) => {
        const d = availability.allowedDowntime({ target, period });
        assert.equal(d.text, display.formatDuration(d.seconds, "s"));
      }),
    );
  });

  it("dr's selection summary writes its targets as display.formatDuration does", () => {
    for (const [rto, rpo] of [[0.5, 30], [240, 2880], [45, 0.25]] as const) {
      const summary = dr.selectStrategy({ rtoMinutes: rto, rpoMinutes: rpo }).summary;
      assert.ok(
        summary.includes(`RTO ≤ ${display.formatDuration(rto, "min")} and RPO ≤ ${display.formatDuration(rpo, "min")}`),
        summary,
      );
    }
  });

  it("display.formatPercent is the layer's percent (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 0, max: 10 }), (x, decimals) => {
        assert.equal(display.formatPercent(x, decimals), percent(x, decimals));
      }),
    );
  });

  it("durations convert exactly as mathjs's units do, bit for bit (property)", () => {
    const name = { ms: "ms", s: "s", min: "minute", h: "hour", d: "day" } as const;
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom(...DURATION_UNITS), fc.constantFrom(...DURATION_UNITS), (v, from, to) => {
        assert.equal(convertDuration(v, from, to), mathjs.unit(v, name[from]).toNumber(name[to]));
      }),
    );
    assert.equal(duration(2592, "s"), "43.2 min");
  });

  it("no file under src/ (runner and export aside) writes a dollar amount by hand: `$${…}` belongs to the format layer", () => {
    const src = resolve(__dirname, "..", "..", "src");
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []));
    const offenders = files(src)
      .filter((f) => !/\/(runner|export)\//.test(f) && !f.endsWith(join("internal", "format.ts")))
      .filter((f) => /\$\$\{/.test(readFileSync(f, "utf8")))
      .map((f) => relative(src, f));
    assert.deepEqual(offenders, []);
  });
});
