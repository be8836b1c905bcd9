import { strict as assert } from "node:assert";
import fc from "fast-check";
import { capComparison, simulateRegister } from "../../src/multiRegion/register";

describe("multiRegion/register", () => {
  it("simulateRegister is deterministic: the same seed gives the same result, another seed another", () => {
    const a = simulateRegister({ mode: "AP", seed: 42 });
    assert.deepEqual(simulateRegister({ mode: "AP", seed: 42 }), a);
    assert.notDeepEqual(simulateRegister({ mode: "AP", seed: 43 }), a);
  });
  it("capComparison({seed:7}): CP refuses the minority (≈ 2/5 of partition requests) and is never stale; AP serves all and pays", () => {
    const [cp, cpStale, lww, vc] = capComparison({ seed: 7 });
    assert.equal(cp.label, "CP (linearizable reads)");
    // 5 nodes, 2 on the minority side: ≈ 3/5 of partition-time requests can be served (binomial sd ≈ 0.016).
    assert.ok(Math.abs(cp.partitionAvailability - 0.6) < 0.06, `CP partition availability ${cp.partitionAvailability}`);
    assert.equal(cp.staleReads, 0);
    assert.equal(cp.lostWrites, 0);
    assert.ok(cp.availability < 1);
    assert.equal(cpStale.readsRejected, 0);
    assert.ok(cpStale.staleReads > 0 && cpStale.availability > cp.availability);
    assert.equal(cpStale.lostWrites, 0);
    for (const ap of [lww, vc]) {
      assert.equal(ap.availability, 1);
      assert.ok(ap.staleReads > 0);
    }
    assert.ok(lww.lostWrites > 0);
    assert.equal(vc.lostWrites, 0);
    assert.equal(vc.conflictedKeys, lww.lostWrites); // every key LWW loses a write on is a conflict vector clocks report
  });
  it("simulateRegister without a partition (start = end) serves everything with no stale reads or losses, in every mode", () => {
    for (const row of capComparison({ seed: 3, partitionStart: 0.5, partitionEnd: 0.5 })) {
      assert.equal(row.availability, 1, row.label);
      assert.equal(row.staleReads, 0, row.label);
      assert.equal(row.lostWrites + row.conflictedKeys, 0, row.label);
    }
  });
  it("CP with linearizable reads never returns a stale read or loses a write, for any workload (property)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 3, max: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, nodes, writeFraction, x) => {
          const r = simulateRegister({ mode: "CP", seed, nodes, writeFraction, requests: 300, keys: 5, partitionStart: x / 2, partitionEnd: 0.5 + x / 2 });
          return r.staleReads === 0 && r.lostWrites === 0 && r.writesAccepted + r.writesRejected + r.readsServed + r.readsRejected === 300;
        },
      ),
      { numRuns: 60 },
    );
  });
  it("AP is always fully available and vector clocks never lose a write (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 3, max: 9 }), (seed, nodes) => {
        const r = simulateRegister({ mode: "AP", reconcile: "vector-clocks", seed, nodes, requests: 300, keys: 5 });
        return r.availability === 1 && r.lostWrites === 0;
      }),
      { numRuns: 40 },
    );
  });
  it("AP + LWW with clock skew: a write made later in real time can lose (none without skew)", () => {
    assert.equal(simulateRegister({ mode: "AP", seed: 7 }).laterWriteLost, 0);
    const skewed = simulateRegister({ mode: "AP", seed: 7, clockSkewMs: 200 });
    assert.ok(skewed.laterWriteLost > 0, `laterWriteLost ${skewed.laterWriteLost}`);
    assert.ok(skewed.laterWriteLost <= skewed.lostWrites);
  });
  it("bad input: simulateRegister and capComparison", () => {
    assert.throws(() => simulateRegister({ mode: "CA" as never, seed: 1 }), {
      name: "RangeError",
      message: 'multiRegion.simulateRegister: mode must be one of "CP", "AP", got "CA"',
    });
    assert.throws(() => simulateRegister({ mode: "AP", seed: 1, nodes: 2 }), {
      name: "RangeError",
      message: "multiRegion.simulateRegister: nodes must be an integer in [3, 15], got 2",
    });
    assert.throws(() => simulateRegister({ mode: "AP", seed: 1, nodes: 5, minorityNodes: 3 }), {
      name: "RangeError",
      message: "multiRegion.simulateRegister: minorityNodes must be an integer in [1, floor((nodes - 1) / 2)=2], got 3",
    });
    assert.throws(() => simulateRegister({ mode: "AP", seed: 1, partitionStart: 0.6, partitionEnd: 0.5 }), {
      name: "RangeError",
      message: "multiRegion.simulateRegister: partitionEnd must be a finite number in [partitionStart=0.6, 1], got 0.5",
    });
    assert.throws(() => simulateRegister({ mode: "AP", seed: 1.5 }), {
      name: "RangeError",
      message: "multiRegion.simulateRegister: seed must be an integer in [-9007199254740991, 9007199254740991], got 1.5",
    });
    assert.throws(() => simulateRegister({ mode: "CP", seed: 1, linearizableReads: "yes" as never }), {
      name: "TypeError",
      message: 'multiRegion.simulateRegister: linearizableReads must be a boolean, got "yes"',
    });
    assert.throws(() => simulateRegister({ mode: "AP", seed: 1, writeFraction: 2 }), {
      name: "RangeError",
      message: "multiRegion.simulateRegister: writeFraction must be a probability in [0, 1], got 2",
    });
    assert.throws(() => simulateRegister({ mode: "AP", seed: 1, reconcile: "crdt" as never }), {
      name: "RangeError",
      message: 'multiRegion.simulateRegister: reconcile must be one of "lww", "vector-clocks", got "crdt"',
    });
    assert.throws(() => capComparison({ seed: 1, requests: 0 }), {
      name: "RangeError",
      message: "multiRegion.capComparison: requests must be an integer in [1, 1000000], got 0",
    });
    assert.throws(() => capComparison(null as never), { name: "TypeError", message: "multiRegion.capComparison: options must be an object, got null" });
  });
});
