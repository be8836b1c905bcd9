import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { DEFAULT_PRICES_PATH, loadPrices, parsePrices, prices } from "../../src/cost/pricing";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests mutate the raw JSON to corrupt it
const raw = (): Record<string, any> => JSON.parse(readFileSync(DEFAULT_PRICES_PATH, "utf8"));

describe("cost/pricing", () => {
  // Golden values: ../shared/REFERENCES.md "Prices" (US East, 2026).
  it("prices() has S3 Standard at $0.023 / $0.022 / $0.021 per GB-month (first 50 TB, next 450 TB, over 500 TB)", () => {
    assert.deepEqual(prices().storage.hot.bands, [
      { upToTb: 50, usdPerGbMonth: 0.023 },
      { upToTb: 500, usdPerGbMonth: 0.022 },
      { upToTb: null, usdPerGbMonth: 0.021 },
    ]);
    assert.equal(prices().storage.hot.verified, true);
  });
  it("prices() has Standard-IA $0.0125, and Glacier Flexible $0.0036 / Deep Archive $0.00099 flagged unverified", () => {
    const p = prices();
    assert.equal(p.storage.warm.bands[0].usdPerGbMonth, 0.0125);
    assert.equal(p.storage.cold.bands[0].usdPerGbMonth, 0.0036);
    assert.equal(p.storage.archive.bands[0].usdPerGbMonth, 0.00099);
    assert.equal(p.storage.cold.verified, false);
    assert.equal(p.storage.archive.verified, false);
  });
  it("prices() has NAT $0.045/h + $0.045/GB, cross-region $0.02/GB, spot up to 90%, a 730-hour month", () => {
    const p = prices();
    assert.equal(p.network.natGatewayUsdPerHour, 0.045);
    assert.equal(p.network.natGatewayUsdPerGb, 0.045);
    assert.equal(p.network.crossRegionUsdPerGb, 0.02);
    assert.equal(p.spotMaxDiscount, 0.9);
    assert.equal(p.hoursPerMonth, 730);
    assert.equal(p.region, "us-east-1");
    assert.match(p.asOf, /^\d{4}-\d{2}-\d{2}$/);
  });
  it("the snapshot lists Glacier Instant Retrieval at $0.004 with a source", () => {
    const cls = raw().storage.classes["s3-glacier-instant-retrieval"];
    assert.equal(cls.bands[0].usdPerGbMonth, 0.004);
    assert.equal(cls.verified, false);
    for (const c of Object.values(raw().storage.classes) as { source: string }[]) assert.ok(c.source.length > 10);
  });
  it("parsePrices() rejects a negative price, out-of-order bands and an unknown tier class", () => {
    const a = raw();
    a.network.natGatewayUsdPerGb.value = -1;
    assert.throws(() => parsePrices(a), { name: "RangeError", message: "cost.loadPrices: network.natGatewayUsdPerGb.value must be a finite number >= 0, got -1" });
    const b = raw();
    b.storage.classes["s3-standard"].bands[1].upToTb = 40;
    assert.throws(() => parsePrices(b), {
      name: "RangeError",
      message: "cost.loadPrices: storage.classes.s3-standard.bands[1].upToTb must be a finite number > 50, got 40",
    });
    const c = raw();
    c.storage.tiers.cold = "tape";
    assert.throws(() => parsePrices(c), { name: "RangeError", message: /cost\.loadPrices: storage\.tiers\.cold must be one of "s3-standard", .*got "tape"/ });
    const d = raw();
    d.storage.classes["s3-standard"].bands[2].upToTb = 900;
    assert.throws(() => parsePrices(d), { message: "cost.loadPrices: storage.classes.s3-standard.bands[2].upToTb must be null (the last band is open-ended), got 900" });
  });
  it("loadPrices('') and parsePrices(null) throw", () => {
    assert.throws(() => loadPrices(""), { name: "RangeError", message: 'cost.loadPrices: path must be a non-empty string, got ""' });
    assert.throws(() => parsePrices(null), { name: "TypeError", message: "cost.loadPrices: snapshot must be an object, got null" });
  });
});
