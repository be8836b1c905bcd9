import { strict as assert } from "node:assert";
import { network } from "../../src/cost/network";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);

describe("cost/network", () => {
  // Snapshot prices: REFERENCES.md "Prices" (NAT $0.045/h + $0.045/GB, cross-region $0.02/GB).
  it("network({natGateways: 1, natGatewayGb: 1000}) is 730 h × $0.045 + 1000 GB × $0.045", () => {
    const items = network({ natGateways: 1, natGatewayGb: 1000 });
    assert.deepEqual(items.map((i) => i.unit), ["hour", "GB"]);
    close(items[0].usdPerMonth, 32.85);
    close(items[1].usdPerMonth, 45);
  });
  it("network({crossRegionGb: 100000}) is $2,000 (the course's $0.02/GB)", () => {
    close(network({ crossRegionGb: 100_000 })[0].usdPerMonth, 2_000);
  });
  it("network() prices gateway endpoints at $0 and interface endpoints per AZ-hour and per GB", () => {
    const items = network({ gatewayEndpointGb: 50_000, interfaceEndpoints: { endpoints: 2, azs: 3, gbPerMonth: 1000 } });
    assert.equal(items[0].usdPerMonth, 0);
    assert.equal(items[1].quantity, 2 * 3 * 730);
    assert.equal(items[1].unit, "AZ-hour");
    close(items[2].usdPerMonth, 10);
  });
  it("network() moving 10 TB from NAT to a gateway endpoint saves $450", () => {
    const viaNat = network({ natGatewayGb: 10_000 }).reduce((a, i) => a + i.usdPerMonth, 0);
    const viaEndpoint = network({ gatewayEndpointGb: 10_000 }).reduce((a, i) => a + i.usdPerMonth, 0);
    close(viaNat - viaEndpoint, 450);
  });
  it("network({}) is empty", () => assert.deepEqual(network({}), []));
  it("network() rejects bad input with the exact message", () => {
    assert.throws(() => network({ natGateways: 1.5 }), { name: "RangeError", message: "cost.network: natGateways must be an integer >= 0, got 1.5" });
    assert.throws(() => network({ crossRegionGb: -1 }), { message: "cost.network: crossRegionGb must be a finite number >= 0, got -1" });
    assert.throws(() => network({ interfaceEndpoints: { endpoints: 1, azs: 0 } }), { message: "cost.network: interfaceEndpoints.azs must be an integer >= 1, got 0" });
    assert.throws(() => network("x" as never), { name: "TypeError", message: 'cost.network: options must be an object, got "x"' });
  });
});
