import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compute } from "../../src/cost/compute";
import { courseFindings } from "../../src/cost/courseCheck";
import { network } from "../../src/cost/network";
import { DEFAULT_PRICES_PATH, loadPrices, parsePrices, prices } from "../../src/cost/pricing";
import { storage } from "../../src/cost/storage";
import { reservedVsOnDemand } from "../../src/cost/whatIf";

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
  it('the snapshot corrects the course\'s "S3 vs EBS: 10x cheaper": gp3 ≈ 3.5× and gp2 ≈ 4.3× S3 Standard, sc1 cheaper than S3 (AWS EBS pricing, US East)', () => {
    const classes = raw().storage.classes as Record<string, { bands: { usdPerGbMonth: number }[]; verified: boolean }>;
    const s3 = classes["s3-standard"].bands[0].usdPerGbMonth;
    const ebs = (id: string): number => classes[id].bands[0].usdPerGbMonth;
    assert.deepEqual([ebs("ebs-gp3"), ebs("ebs-gp2"), ebs("ebs-st1"), ebs("ebs-sc1")], [0.08, 0.1, 0.045, 0.015]);
    assert.equal(Number((ebs("ebs-gp3") / s3).toFixed(1)), 3.5);
    assert.equal(Number((ebs("ebs-gp2") / s3).toFixed(1)), 4.3);
    assert.ok(ebs("ebs-sc1") < s3);
    for (const id of ["ebs-gp3", "ebs-gp2", "ebs-st1", "ebs-sc1"]) assert.equal(classes[id].verified, false, id);
    // The storage tiers stay on S3 classes.
    assert.ok(!Object.values(prices().storage).some((c) => /EBS/.test(c.name)));
  });
  it("parsePrices() rejects a negative price, out-of-order bands and an unknown tier class", () => {
    const a = raw();
    a.network.natGatewayUsdPerGb.value = -1;
    assert.throws(() => parsePrices(a), { name: "RangeError", message: "cost.parsePrices: network.natGatewayUsdPerGb.value must be a finite number >= 0, got -1" });
    const b = raw();
    b.storage.classes["s3-standard"].bands[1].upToTb = 40;
    assert.throws(() => parsePrices(b), {
      name: "RangeError",
      message: "cost.parsePrices: storage.classes.s3-standard.bands[1].upToTb must be a finite number > 50, got 40",
    });
    const c = raw();
    c.storage.tiers.cold = "tape";
    assert.throws(() => parsePrices(c), { name: "RangeError", message: /cost\.parsePrices: storage\.tiers\.cold must be one of "s3-standard", .*got "tape"/ });
    const d = raw();
    d.storage.classes["s3-standard"].bands[2].upToTb = 900;
    assert.throws(() => parsePrices(d), { message: "cost.parsePrices: storage.classes.s3-standard.bands[2].upToTb must be null (the last band is open-ended), got 900" });
  });
  it("loadPrices('') and parsePrices(null) throw", () => {
    assert.throws(() => loadPrices(""), { name: "RangeError", message: 'cost.loadPrices: path must be a non-empty string, got ""' });
    assert.throws(() => parsePrices(null), { name: "TypeError", message: "cost.parsePrices: snapshot must be an object, got null" });
  });
  it("loadPrices(file) names loadPrices and the file, parsePrices(json) names parsePrices, in the same field error", () => {
    const bad = raw();
    bad.billing.hoursPerMonth.value = 0;
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const field = "billing.hoursPerMonth.value must be a finite number in [672, 744], got 0";
    assert.throws(() => loadPrices(file), { name: "RangeError", message: `cost.loadPrices: bad.json ${field}` });
    assert.throws(() => parsePrices(bad), { name: "RangeError", message: `cost.parsePrices: ${field}` });
    bad.billing.hoursPerMonth.value = 1e9; // a month is 28 to 31 days
    assert.throws(() => parsePrices(bad), { name: "RangeError", message: "cost.parsePrices: billing.hoursPerMonth.value must be a finite number in [672, 744], got 1000000000" });
  });
  it("loadPrices() of a file with a JSON syntax error names the file, line and column; a missing file is named", () => {
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, '{\n  "name": "x",\n}\n');
    assert.throws(() => loadPrices(file), {
      name: "RangeError",
      message: 'cost.loadPrices: broken.json line 3 column 1 must be valid JSON, got "Expected double-quoted property name in JSON at position 17"',
    });
    assert.throws(() => loadPrices(join(dir, "none.json")), { name: "RangeError", message: `cost.loadPrices: path must be a readable file, got ${JSON.stringify(join(dir, "none.json"))}` });
  });
  // Before these checks a broken book gave NaN charges or a bare "Cannot read properties of undefined".
  it("compute({..., prices: { ...prices(), hoursPerMonth: NaN }}) throws instead of returning NaN", () => {
    const book = { ...prices(), hoursPerMonth: NaN };
    assert.throws(() => compute({ nodes: 1, vcpusPerNode: 1, usdPerVcpuHour: 1, prices: book }), {
      name: "TypeError",
      message: "cost.compute: prices.hoursPerMonth must be a finite number in [672, 744], got NaN",
    });
    assert.throws(() => reservedVsOnDemand({ onDemandUsdPerHour: 1, reservedUsdPerHour: 1, utilization: 1, prices: book }), {
      message: "cost.reservedVsOnDemand: prices.hoursPerMonth must be a finite number in [672, 744], got NaN",
    });
  });
  it("storage(), network() and courseFindings() reject a price book with a missing or negative rate", () => {
    const noStorage = { ...prices(), storage: undefined } as unknown as ReturnType<typeof prices>;
    assert.throws(() => storage({ tb: 1, tier: "hot", prices: noStorage }), {
      name: "TypeError",
      message: "cost.storage: prices.storage must be an object, got undefined",
    });
    const negative = { ...prices(), network: { ...prices().network, natGatewayUsdPerGb: -0.045 } };
    assert.throws(() => network({ natGatewayGb: 1, prices: negative }), {
      name: "RangeError",
      message: "cost.network: prices.network.natGatewayUsdPerGb must be a finite number >= 0, got -0.045",
    });
    assert.throws(() => courseFindings({} as ReturnType<typeof prices>), {
      name: "TypeError",
      message: "cost.courseFindings: book.hoursPerMonth must be a finite number in [672, 744], got undefined",
    });
  });
  it("compute() with a valid custom book (720-hour month) prices by that book", () => {
    assert.equal(compute({ nodes: 1, vcpusPerNode: 1, usdPerVcpuHour: 1, prices: { ...prices(), hoursPerMonth: 720 } }).usdPerMonth, 720);
  });
});
