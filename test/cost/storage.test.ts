import { strict as assert } from "node:assert";
import fc from "fast-check";
import { sumUsd } from "../../src/cost/money";
import { storage, lifecycle } from "../../src/cost/storage";
import { STORAGE_TIERS, type StorageTier } from "../../src/cost/pricing";

const total = (items: { usdPerMonth: number }[]) => sumUsd(items.map((i) => i.usdPerMonth));
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);

describe("cost/storage", () => {
  // Snapshot prices: REFERENCES.md "Prices" (S3 Standard bands, Standard-IA).
  it("storage({tb: 500, tier: 'hot'}) splits S3 Standard into 50 TB at $0.023 and 450 TB at $0.022 = $11,050", () => {
    const items = storage({ tb: 500, tier: "hot" });
    assert.deepEqual(items.map((i) => i.quantity), [50_000, 450_000]);
    close(items[0].usdPerMonth, 1_150);
    close(items[1].usdPerMonth, 9_900);
    close(total(items), 11_050);
  });
  it("storage({tb: 600, tier: 'hot'}) reaches the over-500-TB band at $0.021", () => {
    close(total(storage({ tb: 600, tier: "hot" })), 1_150 + 9_900 + 100_000 * 0.021);
  });
  it("storage({tb: 50, tier: 'warm'}) at Standard-IA $0.0125 is $625", () => {
    close(total(storage({ tb: 50, tier: "warm" })), 625);
  });
  it("storage({tb: 500, compressionRatio: 3}) stores 166.7 TB", () => {
    const items = storage({ tb: 500, tier: "warm", compressionRatio: 3 });
    close(items[0].quantity, (500 / 3) * 1000);
  });
  it("storage() cost is monotone in TB and never rises with more compression (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.constantFrom<StorageTier>(...STORAGE_TIERS),
        (a, b, ratio, tier) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          assert.ok(total(storage({ tb: lo, tier })) <= total(storage({ tb: hi, tier })) + 1e-9);
          assert.ok(total(storage({ tb: hi, tier, compressionRatio: ratio })) <= total(storage({ tb: hi, tier })) + 1e-9);
        },
      ),
    );
  });
  it("storage() rejects bad input with the exact message", () => {
    assert.throws(() => storage({ tb: -5, tier: "hot" }), { name: "RangeError", message: "cost.storage: tb must be a finite number >= 0, got -5" });
    assert.throws(() => storage({ tb: 5, tier: "lukewarm" as StorageTier }), { message: 'cost.storage: tier must be one of "hot", "warm", "cold", "archive", got "lukewarm"' });
    assert.throws(() => storage({ tb: 5, tier: "hot", compressionRatio: 0.5 }), { message: "cost.storage: compressionRatio must be a finite number >= 1, got 0.5" });
  });

  const rules = [
    { tier: "hot", fromMonth: 0 },
    { tier: "warm", fromMonth: 1 },
    { tier: "cold", fromMonth: 3 },
  ] as const;
  it("lifecycle() moves each month's cohort hot → warm → cold as it ages", () => {
    const r = lifecycle({ months: 5, ingestTbPerMonth: 10, rules });
    assert.deepEqual(r.months[0].tbByTier, { hot: 10, warm: 0, cold: 0, archive: 0 });
    assert.deepEqual(r.months[2].tbByTier, { hot: 10, warm: 20, cold: 0, archive: 0 });
    assert.deepEqual(r.months[4].tbByTier, { hot: 10, warm: 20, cold: 20, archive: 0 });
    // month 5: 10 TB hot at $0.023, 20 TB IA at $0.0125, 20 TB Glacier Flexible at $0.0036
    close(r.months[4].usdPerMonth, 10_000 * 0.023 + 20_000 * 0.0125 + 20_000 * 0.0036);
    close(r.totalUsd, sumUsd(r.months.map((m) => m.usdPerMonth)));
  });
  it("lifecycle() deletes data after deleteAfterMonths and applies compression", () => {
    const r = lifecycle({ months: 6, ingestTbPerMonth: 30, rules, deleteAfterMonths: 4, compressionRatio: 3 });
    const last = r.months[5].tbByTier;
    assert.equal(last.hot + last.warm + last.cold + last.archive, 40);
  });
  it("lifecycle() total is the sum of its months, and equals the per-tier sums (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.double({ min: 0, max: 200, noNaN: true }), (months, ingest) => {
        const r = lifecycle({ months, ingestTbPerMonth: ingest, rules });
        for (const m of r.months) close(m.usdPerMonth, sumUsd(STORAGE_TIERS.map((t) => m.usdByTier[t])));
        close(r.totalUsd, sumUsd(r.months.map((m) => m.usdPerMonth)));
      }),
      { numRuns: 50 },
    );
  });
  it("lifecycle() rejects bad input with the exact message", () => {
    assert.throws(() => lifecycle({ months: 0, ingestTbPerMonth: 1, rules }), { message: "cost.lifecycle: months must be an integer in [1, 1200], got 0" });
    assert.throws(() => lifecycle({ months: 2, ingestTbPerMonth: 1, rules: [{ tier: "warm", fromMonth: 2 }] }), {
      message: "cost.lifecycle: rules[0].fromMonth must be an integer in [0, 0], got 2",
    });
    assert.throws(
      () => lifecycle({ months: 2, ingestTbPerMonth: 1, rules: [{ tier: "hot", fromMonth: 0 }, { tier: "warm", fromMonth: 0 }] }),
      { message: "cost.lifecycle: rules[1].fromMonth must be an integer >= rules[0].fromMonth+1=1, got 0" },
    );
    assert.throws(() => lifecycle({ months: 2, ingestTbPerMonth: 1, rules: [] }), { message: "cost.lifecycle: rules must be an array with length >= 1, got an array of length 0" });
    assert.throws(() => lifecycle({ months: 2, ingestTbPerMonth: NaN, rules }), { name: "TypeError", message: "cost.lifecycle: ingestTbPerMonth must be a finite number >= 0, got NaN" });
  });
});
