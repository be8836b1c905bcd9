import { strict as assert } from "node:assert";
import fc from "fast-check";
import { selectStrategy } from "../../src/dr/selection";
import { strategies } from "../../src/dr/strategies";

describe("dr/selection", () => {
  it("selectStrategy({RTO 1 h, RPO 15 min}) is pilot light, with a reason for each of the others", () => {
    const s = selectStrategy({ rtoMinutes: 60, rpoMinutes: 15 });
    assert.equal(s.chosen?.strategy.id, "pilot-light");
    const reasons = Object.fromEntries(s.evaluations.map((e) => [e.strategy.id, e.reason]));
    assert.equal(reasons["backup-restore"], "misses RTO by 23 h (1 d vs 1 h); misses RPO by 3.75 h (4 h vs 15 min)");
    assert.equal(reasons["warm-standby"], "meets both targets but costs more than Pilot light by 0.35× the production bill");
    assert.match(reasons["multi-site-active-active"], /costs more than Pilot light by 0\.85×/);
  });
  it("selectStrategy({RTO 24 h, RPO 4 h}) is backup and restore (REL13-BP02: RTO 24 h or less, RPO hours)", () => {
    assert.equal(selectStrategy({ rtoMinutes: 1440, rpoMinutes: 240 }).chosen?.strategy.id, "backup-restore");
  });
  it("selectStrategy({RTO 5 min, RPO 0}) — the course's Gold target — finds nothing by default and says why", () => {
    const s = selectStrategy({ rtoMinutes: 5, rpoMinutes: 0 });
    assert.equal(s.chosen, null);
    assert.match(s.summary, /^No strategy meets RTO ≤ 5 min and RPO ≤ 0 s; the closest is Multi-site active\/active/);
    // with synchronous replication (RPO 0) multi-site meets it
    const sync = strategies().map((x) => (x.id === "multi-site-active-active" ? { ...x, rpoMinutes: 0 } : x));
    assert.equal(selectStrategy({ rtoMinutes: 5, rpoMinutes: 0, strategies: sync }).chosen?.strategy.id, "multi-site-active-active");
  });
  it("selectStrategy() with loss costs can prefer a dearer strategy: $100K/month production, 0.5 incidents/yr, $50K/h downtime", () => {
    const s = selectStrategy({ rtoMinutes: 1440, rpoMinutes: 300, productionUsdPerMonth: 100_000, incidentsPerYear: 0.5, downtimeUsdPerHour: 50_000, dataLossUsdPerHour: 20_000 });
    assert.equal(s.chosen?.strategy.id, "pilot-light");
    // backup & restore: $120K DR + 0.5 × ($50K × 24 + $20K × 4) = $760K
    const backup = s.evaluations.find((e) => e.strategy.id === "backup-restore")!;
    assert.ok(Math.abs(backup.totalUsdPerYear! - 760_000) < 1e-6);
    assert.match(backup.reason, /costs more than Pilot light by \$446\.67K\/year/);
  });
  it("selectStrategy(): the choice always meets both targets and is the cheapest that does (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.option(fc.double({ min: 1, max: 1e6, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (rto, rpo, production, rate) => {
          const s = selectStrategy({ rtoMinutes: rto, rpoMinutes: rpo, ...(production === undefined ? {} : { productionUsdPerMonth: production }), incidentsPerYear: rate, downtimeUsdPerHour: 1000 });
          const feasible = s.evaluations.filter((e) => e.meetsRto && e.meetsRpo);
          if (s.chosen === null) {
            assert.equal(feasible.length, 0);
            return;
          }
          assert.ok(s.chosen.strategy.rtoMinutes <= rto && s.chosen.strategy.rpoMinutes <= rpo);
          const key = (e: (typeof feasible)[number]) => e.totalUsdPerYear ?? e.strategy.costMultiplier;
          for (const e of feasible) assert.ok(key(s.chosen) <= key(e));
          assert.equal(s.evaluations.filter((e) => e.chosen).length, 1);
        },
      ),
    );
  });
  it("selectStrategy() rejects bad input with the exact message", () => {
    assert.throws(() => selectStrategy({ rtoMinutes: -1, rpoMinutes: 1 }), { name: "RangeError", message: "dr.selectStrategy: rtoMinutes must be a finite number >= 0, got -1" });
    assert.throws(() => selectStrategy({ rtoMinutes: 1, rpoMinutes: 1, productionUsdPerMonth: 0 }), { message: "dr.selectStrategy: productionUsdPerMonth must be a finite number > 0, got 0" });
    assert.throws(() => selectStrategy({ rtoMinutes: 1, rpoMinutes: 1, downtimeUsdPerHour: 5 }), {
      message: "dr.selectStrategy: incidentsPerYear must be a finite number >= 0 when a loss cost is given, got undefined",
    });
    assert.throws(() => selectStrategy({ rtoMinutes: 1, rpoMinutes: 1, strategies: [{ id: "x" } as never] }), { name: "TypeError", message: "dr.selectStrategy: strategies[0].name must be a non-empty string, got undefined" });
  });
});
