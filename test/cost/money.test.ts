import { strict as assert } from "node:assert";
import fc from "fast-check";
import { charge, formatUsd, lineItem, sumUsd } from "../../src/cost/money";

describe("cost/money", () => {
  it("charge({amount: 96000 vCPU-hours}, {$0.15/vCPU-hour}) is $14,400 (course spot line)", () => {
    assert.ok(Math.abs(charge({ amount: 96_000, unit: "vCPU-hour" }, { usd: 0.15, per: "vCPU-hour" }) - 14_400) < 1e-9);
  });
  it("lineItem() keeps quantity × unit price = usdPerMonth", () => {
    const item = lineItem("storage", "hot", { amount: 500_000, unit: "GB-month" }, { usd: 0.023, per: "GB-month" });
    assert.equal(item.unit, "GB-month");
    assert.equal(item.usdPerMonth, item.quantity * item.usdPerUnit);
  });
  it("sumUsd() is exact where naive addition drifts", () => {
    const xs = Array.from({ length: 10 }, () => 0.1);
    assert.equal(sumUsd(xs), 1);
    assert.notEqual(xs.reduce((a, b) => a + b, 0), 1);
  });
  it("sumUsd() equals the sum up to rounding (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 50 }), (xs) => {
        const naive = xs.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sumUsd(xs) - naive) <= 1e-9 * Math.max(1, naive));
      }),
    );
  });
  it("formatUsd(26540) is $26.54K and formatUsd(5840) is $5,840 (display only)", () => {
    assert.equal(formatUsd(26_540), "$26.54K");
    assert.equal(formatUsd(303_500), "$303.5K");
    assert.equal(formatUsd(5_840), "$5,840");
    assert.equal(formatUsd(32.876), "$32.88");
    assert.equal(formatUsd(-2_000), "-$2,000");
  });
  it("formatUsd(0.004) is $0.004: amounts below a dollar keep four significant digits, as display.formatMoney prints them", () => {
    assert.equal(formatUsd(0.004), "$0.004");
    assert.equal(formatUsd(-0.001), "-$0.001");
    assert.equal(formatUsd(0.5), "$0.50");
  });
  it("formatUsd(-0) is $0: no minus sign unless a nonzero digit shows", () => {
    assert.equal(formatUsd(-0), "$0");
    assert.equal(formatUsd(0), "$0");
  });
  it("formatUsd(NaN) throws", () => {
    assert.throws(() => formatUsd(NaN), { name: "TypeError", message: "cost.formatUsd: usd must be a finite number, got NaN" });
  });
});
