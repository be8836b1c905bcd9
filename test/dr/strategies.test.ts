import { strict as assert } from "node:assert";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStrategies, strategies, strategyById, STRATEGY_IDS } from "../../src/dr/strategies";

// Golden values: AWS Well-Architected Reliability pillar REL13-BP02, via REFERENCES.md "Disaster recovery".
describe("dr/strategies", () => {
  it("strategies() are AWS's four, in REL13-BP02's order, worded as the current text words them", () => {
    const s = strategies();
    assert.deepEqual(s.map((x) => x.id), STRATEGY_IDS);
    assert.deepEqual(
      s.map((x) => [x.rpoWording, x.rtoWording]),
      [
        ["hours (point-in-time recovery can bring it down to 5 minutes)", "24 hours or less"],
        ["minutes", "tens of minutes"],
        ["seconds", "minutes"],
        ["near zero", "potentially zero"],
      ],
    );
  });
  it("strategies() cost increases and RTO/RPO decrease in that order", () => {
    const s = strategies();
    for (let i = 1; i < s.length; i++) {
      assert.ok(s[i].costMultiplier > s[i - 1].costMultiplier);
      assert.ok(s[i].rtoMinutes < s[i - 1].rtoMinutes);
      assert.ok(s[i].rpoMinutes < s[i - 1].rpoMinutes);
    }
  });
  it("strategies() defaults fit the words: backup ≤ 24 h RTO, pilot light RTO in tens of minutes, warm standby RPO in seconds", () => {
    const [backup, pilot, warm, multi] = strategies();
    assert.ok(backup.rtoMinutes <= 24 * 60 && backup.rpoMinutes >= 60);
    assert.ok(pilot.rtoMinutes >= 10 && pilot.rtoMinutes < 60 && pilot.rpoMinutes >= 1 && pilot.rpoMinutes < 60);
    assert.ok(warm.rtoMinutes >= 1 && warm.rtoMinutes < 60 && warm.rpoMinutes < 1);
    assert.ok(multi.rpoMinutes < warm.rpoMinutes && multi.rtoMinutes <= 1);
  });
  it("strategyById('backup-restore', {rpoMinutes: 5}) models point-in-time recovery", () => {
    assert.equal(strategyById("backup-restore", { rpoMinutes: 5 }).rpoMinutes, 5);
    assert.equal(strategyById("backup-restore").rtoMinutes, 1440);
  });
  it("strategyById() and loadStrategies() reject bad input with the exact message", () => {
    assert.throws(() => strategyById("cold-site" as never), { name: "RangeError", message: /^dr\.strategyById: id must be one of "backup-restore", .*, got "cold-site"$/ });
    assert.throws(() => strategyById("pilot-light", { costMultiplier: 0.5 }), { message: "dr.strategyById: overrides.costMultiplier must be a finite number >= 1, got 0.5" });
    const dir = mkdtempSync(join(tmpdir(), "dr-"));
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify({ strategies: [{ id: "pilot-light", name: "P", defaultRtoMinutes: -1, defaultRpoMinutes: 1, costMultiplier: 1.2 }] }));
    assert.throws(() => loadStrategies(file), { message: "dr.loadStrategies: s.json strategies[0].rtoMinutes must be a finite number >= 0, got -1" });
    writeFileSync(file, '{"strategies": [\n  {"id": "pilot-light",}\n]}');
    assert.throws(() => loadStrategies(file), {
      name: "RangeError",
      message: 'dr.loadStrategies: s.json line 2 column 24 must be valid JSON, got "Expected double-quoted property name in JSON at position 40"',
    });
    assert.throws(() => loadStrategies(""), { message: 'dr.loadStrategies: path must be a non-empty string, got ""' });
  });
});
