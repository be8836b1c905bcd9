import { strict as assert } from "node:assert";
import fc from "fast-check";
import { display } from "../../src";

const { formatMoney, formatPercent, formatCount, formatMs, formatNumber, formatDuration, formatValue } = display;

const DAY = 86_400; // seconds
const MONTH = 30 * DAY; // the SRE book's 30-day month
const YEAR = 365 * DAY;
const WEEK = 7 * DAY;

describe("display.format", () => {
  // Google SRE book, Appendix A "Availability Table" (REFERENCES.md): allowed downtime.
  const sre: [number, number, string][] = [
    [0.99, YEAR, "3.65 d"],
    [0.99, MONTH, "7.2 h"],
    [0.99, WEEK, "1.68 h"],
    [0.99, DAY, "14.4 min"],
    [0.999, YEAR, "8.76 h"],
    [0.999, MONTH, "43.2 min"],
    [0.999, WEEK, "10.1 min"],
    [0.999, DAY, "1.44 min"],
    [0.9995, YEAR, "4.38 h"],
    [0.9995, MONTH, "21.6 min"],
    [0.9995, WEEK, "5.04 min"],
    [0.9995, DAY, "43.2 s"],
    [0.9999, YEAR, "52.6 min"],
    [0.9999, MONTH, "4.32 min"],
    [0.9999, DAY, "8.64 s"],
    [0.99999, YEAR, "5.26 min"],
    [0.99999, MONTH, "25.9 s"],
    [0.99999, WEEK, "6.05 s"],
  ];
  for (const [target, period, expected] of sre) {
    it(`formatDuration((1 - ${target}) × ${period} s, "s") is "${expected}" (SRE book, Appendix A)`, () => {
      assert.equal(formatDuration((1 - target) * period, "s"), expected);
    });
  }

  it('formatDuration(99.99% of a week, "s", {to: "s"}) is "60.5 s" (SRE book writes it in seconds; the automatic unit is "1.01 min")', () => {
    assert.equal(formatDuration(1e-4 * WEEK, "s", { to: "s" }), "60.5 s");
    assert.equal(formatDuration(1e-4 * WEEK, "s"), "1.01 min");
  });

  it('formatDuration(99.999% of a day, "s") is "864 ms" (the SRE table prints 0.87 s for 0.864 s)', () => {
    assert.equal(formatDuration(1e-5 * DAY, "s"), "864 ms");
  });

  it('formatDuration(0.001 × 730 h, "h") is "43.8 min" (cloud 730-hour month, REFERENCES.md)', () => {
    assert.equal(formatDuration(0.001 * 730, "h"), "43.8 min");
  });

  it("formatDuration converts between every unit via mathjs and rounds up into the next unit (59.999 s → 1 min)", () => {
    assert.equal(formatDuration(90, "min"), "1.5 h");
    assert.equal(formatDuration(2, "d", { to: "h" }), "48 h");
    assert.equal(formatDuration(59.999, "s"), "1 min");
    assert.equal(formatDuration(0.25, "ms"), "0.25 ms");
    assert.equal(formatDuration(-90, "s"), "-1.5 min");
    assert.equal(formatDuration(0, "h"), "0 s");
    assert.equal(formatDuration(1234, "d"), "1,234 d");
    assert.equal(formatDuration(2592, "s", { digits: 2 }), "43 min");
  });

  it("formatDuration: the shown value times its unit is within rounding of the input (property)", () => {
    const seconds: Record<string, number> = { ms: 0.001, s: 1, min: 60, h: 3600, d: 86_400 };
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (s) => {
        const [num, unit] = formatDuration(s, "s").split(" ");
        const shown = Number((num as string).replace(/,/g, "")) * (seconds[unit as string] as number);
        return Math.abs(shown - s) <= s * 0.006;
      }),
    );
  });

  it("formatMoney: to the cent from $1, thousands from $10,000, four significant digits below $1 (S3 prices, REFERENCES.md)", () => {
    assert.equal(formatMoney(1234.5), "$1,234.50");
    assert.equal(formatMoney(0.023), "$0.023");
    assert.equal(formatMoney(0.0125), "$0.0125");
    assert.equal(formatMoney(0.00099), "$0.00099");
    assert.equal(formatMoney(-12.5), "-$12.50");
    assert.equal(formatMoney(0), "$0");
    assert.equal(formatMoney(-0.001), "-$0.001");
    assert.equal(formatMoney(0.5), "$0.50");
    assert.equal(formatMoney(0.123), "$0.123");
    assert.equal(formatMoney(0.999999), "$1.00");
  });

  it("formatPercent(0.999) is 99.9%, formatPercent(1/3, 1) is 33.3%, trailing zeros trimmed", () => {
    assert.equal(formatPercent(0.999), "99.9%");
    assert.equal(formatPercent(0.99999), "99.999%");
    assert.equal(formatPercent(1 / 3, 1), "33.3%");
    assert.equal(formatPercent(0.5), "50%");
    assert.equal(formatPercent(-0.25), "-25%");
  });

  it("formatCount, formatMs and formatNumber group, round and switch to scientific as documented", () => {
    assert.equal(formatCount(1234567), "1,234,567");
    assert.equal(formatCount(2.5), "2.5");
    assert.equal(formatMs(12.345), "12.3 ms");
    assert.equal(formatMs(1234.56), "1,235 ms");
    assert.equal(formatNumber(0.55555), "0.5556");
    // Bailis et al. (VLDB 2012): N=100, R=W=30 gives p_s ≈ 1.88e-6.
    assert.equal(formatNumber(1.8797e-6), "1.88e-6");
    assert.equal(formatNumber(2024), "2024");
    assert.equal(formatNumber(123456.7), "123,457");
  });

  it("formatValue: missing values are —, infinities ∞, strings unchanged, numbers by unit", () => {
    assert.equal(formatValue(null, "money"), "—");
    assert.equal(formatValue(undefined), "—");
    assert.equal(formatValue(Number.NaN, "percent"), "—");
    assert.equal(formatValue(Infinity), "∞");
    assert.equal(formatValue(-Infinity, "money"), "-∞");
    assert.equal(formatValue("<b>", "money"), "<b>");
    assert.equal(formatValue(0.9995, "percent"), "99.95%");
    assert.equal(formatValue(2592, "duration:s"), "43.2 min");
    assert.equal(formatValue(3, "text"), "3");
    assert.equal(formatValue(true), "true");
    assert.equal(formatValue(new Date(Date.UTC(2026, 0, 2))), "2026-01-02T00:00:00.000Z");
    assert.equal(formatValue({ a: 1 }), '{"a":1}');
  });

  it("formatValue never returns NaN text for any number and unit (property)", () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(...display.UNITS), (v, unit) => {
        const text = formatValue(v, unit);
        return typeof text === "string" && text.length > 0 && !text.includes("NaN");
      }),
      { numRuns: 300 },
    );
  });

  it("bad input: every formatter names itself, the parameter, the range and the value", () => {
    assert.throws(() => formatMoney(Number.NaN), { name: "TypeError", message: "display.formatMoney: usd must be a finite number, got NaN" });
    assert.throws(() => formatPercent(Infinity), { name: "TypeError", message: "display.formatPercent: fraction must be a finite number, got Infinity" });
    assert.throws(() => formatPercent(0.5, 11), { name: "RangeError", message: "display.formatPercent: decimals must be an integer in [0, 10], got 11" });
    assert.throws(() => formatCount("3" as unknown as number), { name: "TypeError", message: 'display.formatCount: count must be a finite number, got "3"' });
    assert.throws(() => formatMs(Number.NaN), { name: "TypeError", message: "display.formatMs: ms must be a finite number, got NaN" });
    assert.throws(() => formatNumber(Number.NaN), { name: "TypeError", message: "display.formatNumber: value must be a finite number, got NaN" });
    assert.throws(() => formatDuration(Number.NaN, "s"), { name: "TypeError", message: "display.formatDuration: value must be a finite number, got NaN" });
    assert.throws(() => formatDuration(1, "w" as "s"), {
      name: "RangeError",
      message: 'display.formatDuration: from must be one of "ms", "s", "min", "h", "d", got "w"',
    });
    assert.throws(() => formatDuration(1, "s", { to: "y" as "s" }), {
      name: "RangeError",
      message: 'display.formatDuration: to must be one of "ms", "s", "min", "h", "d", got "y"',
    });
    assert.throws(() => formatDuration(1, "s", { digits: 0 }), { name: "RangeError", message: "display.formatDuration: digits must be an integer in [1, 10], got 0" });
    assert.throws(() => formatValue(1, "usd" as "money"), { name: "RangeError", message: /^display\.formatValue: unit must be one of "money", .*, got "usd"$/ });
  });
});
