import { strict as assert } from "node:assert";
import fc from "fast-check";
import { classifyDuration, courseTiers, DURATION_CLASSES, tierFor } from "../../src/dr/tiers";

// Golden values: course §7 "RTO/RPO Tiers" table.
describe("dr/tiers", () => {
  it("courseTiers is Gold (minutes/seconds, very high), Silver (hours/minutes, medium), Bronze (days/hours, low)", () => {
    assert.deepEqual(
      courseTiers.map((t) => [t.name, t.rto, t.rpo, t.cost]),
      [
        ["Gold", "minutes", "seconds", "Very High"],
        ["Silver", "hours", "minutes", "Medium"],
        ["Bronze", "days", "hours", "Low"],
      ],
    );
    assert.match(courseTiers[0].strategy, /Active-Active.*sync/);
    assert.match(courseTiers[1].strategy, /Active-Passive.*async.*warm standby/);
    assert.match(courseTiers[2].strategy, /Backups only.*cold storage.*manual restore/i);
  });
  it("courseTiers maps Silver to pilot light and says why (AWS: warm standby has RTO in minutes)", () => {
    assert.equal(courseTiers[1].awsStrategy, "pilot-light");
    assert.match(courseTiers[1].note, /warm standby RTO in minutes/);
  });
  it("classifyDuration() of 0.5, 5, 240 and 2880 minutes is seconds, minutes, hours, days", () => {
    assert.deepEqual([0.5, 5, 240, 2880].map(classifyDuration), ["seconds", "minutes", "hours", "days"]);
    assert.equal(classifyDuration(60), "hours");
  });
  it("tierFor() of the course's own example (RTO 4 h, RPO 1 h) is Silver; RTO 5 min / RPO 0 is Gold; RTO 2 d / RPO 2 h is Bronze", () => {
    assert.equal(tierFor({ rtoMinutes: 240, rpoMinutes: 60 }).name, "Silver");
    assert.equal(tierFor({ rtoMinutes: 5, rpoMinutes: 0 }).name, "Gold");
    assert.equal(tierFor({ rtoMinutes: 2880, rpoMinutes: 120 }).name, "Bronze");
  });
  it("tierFor({ rtoMinutes: 0.5, rpoMinutes: 0 }) is Gold, the strictest tier, though no tier meets an RTO in seconds", () => {
    const t = tierFor({ rtoMinutes: 0.5, rpoMinutes: 0 });
    assert.equal(t.name, "Gold");
    assert.equal(t.rto, "minutes");
  });
  it("tierFor() never picks a tier whose classes are longer than the targets' (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), (rto, rpo) => {
        const t = tierFor({ rtoMinutes: rto, rpoMinutes: rpo });
        // Only an RTO under a minute fits no tier; Gold, the strictest, is the answer then.
        if (t.name === "Gold" && classifyDuration(rto) === "seconds") return;
        assert.ok(DURATION_CLASSES.indexOf(t.rto) <= DURATION_CLASSES.indexOf(classifyDuration(rto)));
        assert.ok(DURATION_CLASSES.indexOf(t.rpo) <= DURATION_CLASSES.indexOf(classifyDuration(rpo)));
      }),
    );
  });
  it("classifyDuration() and tierFor() reject bad input with the exact message", () => {
    assert.throws(() => classifyDuration(-1), { name: "RangeError", message: "dr.classifyDuration: minutes must be a finite number >= 0, got -1" });
    assert.throws(() => tierFor({ rtoMinutes: NaN, rpoMinutes: 1 }), { name: "TypeError", message: "dr.tierFor: rtoMinutes must be a finite number >= 0, got NaN" });
    assert.throws(() => tierFor(undefined as never), { message: "dr.tierFor: targets must be an object, got undefined" });
  });
});
