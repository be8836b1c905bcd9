import { strict as assert } from "node:assert";
import fc from "fast-check";
import { rpoFromBackups, rpoFromReplication } from "../../src/dr/rpo";

describe("dr/rpo", () => {
  it("rpoFromBackups({60, 10, 5}) is 75 min worst case, 45 min on average", () => {
    assert.deepEqual(rpoFromBackups({ backupIntervalMinutes: 60, backupDurationMinutes: 10, transferMinutes: 5 }), { worstCaseMinutes: 75, averageMinutes: 45 });
  });
  it("rpoFromBackups() of daily backups is a day (the course's Bronze tier: RPO in hours needs more frequent backups)", () => {
    assert.equal(rpoFromBackups({ backupIntervalMinutes: 1440 }).worstCaseMinutes, 1440);
  });
  it("rpoFromBackups(): the worst case is never below the average (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), (i, d) => {
        const r = rpoFromBackups({ backupIntervalMinutes: i, backupDurationMinutes: d });
        assert.ok(r.worstCaseMinutes >= r.averageMinutes && r.averageMinutes >= d);
      }),
    );
  });
  it("rpoFromReplication() is 0 for sync and ship interval + max lag for async", () => {
    assert.equal(rpoFromReplication({ mode: "sync" }).worstCaseSeconds, 0);
    assert.equal(rpoFromReplication({ mode: "async", lagSeconds: [0.2, 1.5, 0.7] }).worstCaseSeconds, 1.5);
    assert.equal(rpoFromReplication({ mode: "async", lagSeconds: 2, shipIntervalSeconds: 300 }).worstCaseSeconds, 302);
  });
  it("rpoFromBackups() and rpoFromReplication() reject bad input with the exact message", () => {
    assert.throws(() => rpoFromBackups({ backupIntervalMinutes: 0 }), { name: "RangeError", message: "dr.rpoFromBackups: backupIntervalMinutes must be a finite number > 0, got 0" });
    assert.throws(() => rpoFromBackups({ backupIntervalMinutes: 60, transferMinutes: -1 }), { message: "dr.rpoFromBackups: transferMinutes must be a finite number >= 0, got -1" });
    assert.throws(() => rpoFromReplication({ mode: "semi" as "sync" }), { message: 'dr.rpoFromReplication: mode must be one of "sync", "async", got "semi"' });
    assert.throws(() => rpoFromReplication({ mode: "async" }), { name: "TypeError", message: "dr.rpoFromReplication: lagSeconds must be a finite number >= 0, got undefined" });
    assert.throws(() => rpoFromReplication({ mode: "async", lagSeconds: [1, -2] }), { message: "dr.rpoFromReplication: lagSeconds[1] must be a finite number >= 0, got -2" });
  });
});
