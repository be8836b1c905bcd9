import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  compareClocks,
  incrementClock,
  lastWriteWins,
  lwwSkewLoss,
  mergeClocks,
  orSetAdd,
  orSetEmpty,
  orSetMerge,
  orSetRemove,
  orSetValues,
  partitionScenario,
  reconcileByClock,
  unionMerge,
  type VectorClock,
} from "../../src/multiRegion/conflicts";

const clockArb: fc.Arbitrary<VectorClock> = fc.dictionary(fc.constantFrom("A", "B", "C", "D"), fc.nat({ max: 5 }));
/** Names that are properties of every plain object: a map keyed by them must not see Object.prototype. */
const PROTO_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"] as const;
const protoName = fc.constantFrom(...PROTO_NAMES);
/** Clocks whose replicas include prototype names, built as own keys (as JSON.parse builds them). */
const protoClockArb: fc.Arbitrary<VectorClock> = fc
  .array(fc.tuple(fc.constantFrom("A", "B", ...PROTO_NAMES), fc.nat({ max: 5 })), { maxLength: 5 })
  .map((entries) => Object.fromEntries(entries) as VectorClock);
/** The count a clock holds for a replica, reading own keys only. */
const countOf = (c: VectorClock, r: string): number => (Object.prototype.hasOwnProperty.call(c, r) ? c[r] : 0);
const dominates = (a: VectorClock, b: VectorClock): boolean => {
  const o = compareClocks(a, b);
  return o === "after" || o === "equal";
};

describe("multiRegion/conflicts", () => {
  describe("the course's partition scenario (§2 AP systems: A writes 20, B writes 30)", () => {
    const s = partitionScenario();
    it("partitionScenario().lww: last-write-wins keeps 30 and silently drops A's 20", () => {
      assert.deepEqual(s.lww, { kept: 30, lost: 20, lostSilently: true });
    });
    it("partitionScenario().vectorClocks: the writes are concurrent, the conflict is reported, both siblings kept", () => {
      assert.equal(s.vectorClocks.order, "concurrent");
      assert.equal(s.vectorClocks.conflict, true);
      assert.deepEqual(s.vectorClocks.siblings, [20, 30]);
      assert.deepEqual(s.vectorClocks.mergedClock, { A: 2, B: 1 });
    });
    it("partitionScenario().setUnion: the cart merge keeps both adds", () => {
      assert.deepEqual(s.setUnion.merged, ["10", "20", "30"]);
    });
    it("partitionScenario with A's clock ahead: LWW keeps 20 and drops 30 instead", () => {
      assert.deepEqual(partitionScenario({ timestampAMs: 2000 }).lww, { kept: 20, lost: 30, lostSilently: true });
    });
    it("bad input: partitionScenario", () => {
      assert.throws(() => partitionScenario({ valueA: 5, valueB: 5 }), {
        name: "RangeError",
        message: "multiRegion.partitionScenario: valueB must be different from valueA=5, got 5",
      });
      assert.throws(() => partitionScenario({ timestampAMs: NaN }), {
        name: "TypeError",
        message: "multiRegion.partitionScenario: timestampAMs must be a finite number, got NaN",
      });
    });
  });

  describe("last-write-wins", () => {
    it("lastWriteWins: highest timestamp wins; ties go to the greater replica name, the same on every replica", () => {
      const r = lastWriteWins([
        { value: "x", timestampMs: 5, replica: "A" },
        { value: "y", timestampMs: 5, replica: "B" },
        { value: "z", timestampMs: 4, replica: "C" },
      ]);
      assert.equal(r.winner.value, "y");
      assert.deepEqual(r.lost.map((w) => w.value), ["x", "z"]);
    });
    it("lastWriteWins keeps exactly one write and the result does not depend on order (property)", () => {
      const write = fc.record({ value: fc.integer(), timestampMs: fc.integer({ min: 0, max: 20 }), replica: fc.constantFrom("A", "B", "C") });
      fc.assert(
        fc.property(fc.uniqueArray(write, { minLength: 1, maxLength: 6, selector: (w) => `${w.timestampMs}/${w.replica}` }), (ws) => {
          const forward = lastWriteWins(ws);
          const backward = lastWriteWins(ws.slice().reverse());
          return forward.winner === backward.winner && forward.lost.length === ws.length - 1;
        }),
      );
    });
    it("lwwSkewLoss({maxSkewMs:100,gapMs:20}) is (100 − 20)/200 = 0.4; a gap beyond the skew is safe; gap 0 is a coin flip", () => {
      assert.equal(lwwSkewLoss({ maxSkewMs: 100, gapMs: 20 }).lossProbability, 0.4);
      assert.equal(lwwSkewLoss({ maxSkewMs: 100, gapMs: 100 }).lossProbability, 0);
      assert.equal(lwwSkewLoss({ maxSkewMs: 100, gapMs: 0 }).lossProbability, 0.5);
      assert.equal(lwwSkewLoss({ maxSkewMs: 100, gapMs: 0 }).vulnerableWindowMs, 100);
    });
    it("lwwSkewLoss matches counting over a uniform grid of clock offsets (property)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 250 }), (s, gap) => {
          const steps = 4000;
          let lost = 0;
          for (let i = 0; i < steps; i++) {
            const offset = -s + ((i + 0.5) / steps) * 2 * s; // how far the second writer's clock is behind
            if (offset > gap) lost++;
          }
          return Math.abs(lost / steps - lwwSkewLoss({ maxSkewMs: s, gapMs: gap }).lossProbability) < 1e-3;
        }),
        { numRuns: 50 },
      );
    });
    it("bad input: lastWriteWins, lwwSkewLoss", () => {
      assert.throws(() => lastWriteWins([]), { name: "RangeError", message: "multiRegion.lastWriteWins: writes must be an array with length >= 1, got an array of length 0" });
      assert.throws(() => lastWriteWins([{ value: 1, timestampMs: Infinity, replica: "A" }]), {
        name: "TypeError",
        message: "multiRegion.lastWriteWins: writes[0].timestampMs must be a finite number, got Infinity",
      });
      assert.throws(() => lastWriteWins([{ value: 1, timestampMs: 1, replica: "" }]), {
        name: "RangeError",
        message: 'multiRegion.lastWriteWins: writes[0].replica must be a non-empty string, got ""',
      });
      assert.throws(() => lwwSkewLoss({ maxSkewMs: 0, gapMs: 1 }), { name: "RangeError", message: "multiRegion.lwwSkewLoss: maxSkewMs must be a finite number > 0, got 0" });
      assert.throws(() => lwwSkewLoss({ maxSkewMs: 1, gapMs: -1 }), { name: "RangeError", message: "multiRegion.lwwSkewLoss: gapMs must be a finite number >= 0, got -1" });
    });
  });

  describe("vector clocks", () => {
    it('compareClocks({A:1},{A:2}) is "before", reversed "after", {A:1} vs {A:1,B:0} "equal", {A:2,B:1} vs {A:1,B:2} "concurrent"', () => {
      assert.equal(compareClocks({ A: 1 }, { A: 2 }), "before");
      assert.equal(compareClocks({ A: 2 }, { A: 1 }), "after");
      assert.equal(compareClocks({ A: 1 }, { A: 1, B: 0 }), "equal");
      assert.equal(compareClocks({ A: 2, B: 1 }, { A: 1, B: 2 }), "concurrent");
    });
    it("compareClocks is a partial order: reflexive, antisymmetric, transitive (property)", () => {
      fc.assert(
        fc.property(clockArb, clockArb, clockArb, (a, b, c) => {
          const reflexive = compareClocks(a, a) === "equal";
          const ab = compareClocks(a, b);
          const ba = compareClocks(b, a);
          const mirror = { before: "after", after: "before", equal: "equal", concurrent: "concurrent" }[ab] === ba;
          const transitive = !(dominates(b, a) && dominates(c, b)) || dominates(c, a);
          return reflexive && mirror && transitive;
        }),
        { numRuns: 500 },
      );
    });
    it("mergeClocks is commutative, associative, idempotent and dominates both inputs (property)", () => {
      fc.assert(
        fc.property(clockArb, clockArb, clockArb, (a, b, c) => {
          const eq = (x: VectorClock, y: VectorClock) => compareClocks(x, y) === "equal";
          return (
            eq(mergeClocks(a, b), mergeClocks(b, a)) &&
            eq(mergeClocks(mergeClocks(a, b), c), mergeClocks(a, mergeClocks(b, c))) &&
            eq(mergeClocks(a, a), a) &&
            dominates(mergeClocks(a, b), a) &&
            dominates(mergeClocks(a, b), b)
          );
        }),
        { numRuns: 500 },
      );
    });
    it("incrementClock makes a clock strictly after its input (property)", () => {
      fc.assert(fc.property(clockArb, fc.constantFrom("A", "B", "E"), (c, r) => compareClocks(incrementClock(c, r), c) === "after"));
      assert.deepEqual(incrementClock({ A: 1 }, "B"), { A: 1, B: 1 });
    });
    it('incrementClock({}, "constructor") is {constructor: 1}; compareClocks({constructor:1},{}) is "after"', () => {
      const c = incrementClock({}, "constructor");
      assert.deepEqual(Object.entries(c), [["constructor", 1]]);
      assert.equal(compareClocks({ constructor: 1 } as VectorClock, {}), "after");
      assert.equal(compareClocks({}, { toString: 2 } as VectorClock), "before");
      const proto = incrementClock(incrementClock({}, "__proto__"), "__proto__");
      assert.deepEqual(Object.entries(proto), [["__proto__", 2]]);
      assert.equal(Object.getPrototypeOf(proto), Object.prototype);
      assert.deepEqual(Object.entries(mergeClocks({ A: 1 }, proto)), [["A", 1], ["__proto__", 2]]);
    });
    it("replicas named constructor, __proto__ or toString count like any other name (property)", () => {
      fc.assert(
        fc.property(protoClockArb, protoClockArb, protoName, (a, b, r) => {
          const merged = mergeClocks(a, b);
          const bumped = incrementClock(a, r);
          const names = new Set([...Object.keys(a), ...Object.keys(b)]);
          return (
            Object.keys(merged).length === names.size &&
            [...names].every((n) => merged[n] === Math.max(countOf(a, n), countOf(b, n))) &&
            countOf(bumped, r) === countOf(a, r) + 1 &&
            compareClocks(bumped, a) === "after" &&
            compareClocks(a, bumped) === "before" &&
            dominates(merged, a) &&
            dominates(merged, b) &&
            compareClocks(a, a) === "equal"
          );
        }),
        { numRuns: 300 },
      );
    });
    it("reconcileByClock drops versions another descends from and keeps concurrent siblings", () => {
      const r = reconcileByClock([
        { value: "old", clock: { A: 1 } },
        { value: "a", clock: { A: 2 } },
        { value: "b", clock: { A: 1, B: 1 } },
        { value: "a-copy", clock: { A: 2 } },
      ]);
      assert.deepEqual(r.siblings.map((s) => s.value), ["a", "b"]);
      assert.equal(r.conflict, true);
      assert.equal(reconcileByClock([{ value: 1, clock: { A: 1 } }, { value: 2, clock: { A: 2 } }]).conflict, false);
    });
    it("bad input: compareClocks, mergeClocks, incrementClock, reconcileByClock", () => {
      assert.throws(() => compareClocks({ A: -1 }, {}), { name: "RangeError", message: 'multiRegion.compareClocks: a["A"] must be an integer in [0, 9007199254740991], got -1' });
      assert.throws(() => compareClocks({}, null as never), { name: "TypeError", message: "multiRegion.compareClocks: b must be an object, got null" });
      assert.throws(() => mergeClocks({ A: 0.5 }, {}), { name: "RangeError", message: 'multiRegion.mergeClocks: a["A"] must be an integer in [0, 9007199254740991], got 0.5' });
      assert.throws(() => incrementClock({}, ""), { name: "RangeError", message: 'multiRegion.incrementClock: replica must be a non-empty string, got ""' });
      assert.throws(() => reconcileByClock([]), { name: "RangeError", message: "multiRegion.reconcileByClock: versions must be an array with length >= 1, got an array of length 0" });
      assert.throws(() => reconcileByClock([{ value: 1, clock: { A: "1" } as never }]), {
        name: "TypeError",
        message: 'multiRegion.reconcileByClock: versions[0].clock["A"] must be an integer in [0, 9007199254740991], got "1"',
      });
    });
  });

  describe("application merges", () => {
    it('unionMerge([["book","pen"],["pen","lamp"]]) is ["book","pen","lamp"]', () => {
      assert.deepEqual(unionMerge([["book", "pen"], ["pen", "lamp"]]), ["book", "pen", "lamp"]);
    });
    it("unionMerge keeps every item of every cart (property)", () => {
      fc.assert(
        fc.property(fc.array(fc.array(fc.string(), { maxLength: 5 }), { minLength: 1, maxLength: 4 }), (carts) => {
          const merged = new Set(unionMerge(carts));
          return carts.every((c) => c.every((i) => merged.has(i))) && merged.size === unionMerge(carts).length;
        }),
      );
    });
    it("OR-set: an add concurrent with a remove wins; a remove of an observed add sticks", () => {
      const base = orSetAdd(orSetEmpty(), "x", "A:1");
      const removedOnA = orSetRemove(base, "x");
      const addedOnB = orSetAdd(base, "x", "B:1");
      assert.deepEqual(orSetValues(orSetMerge(removedOnA, addedOnB)), ["x"]);
      assert.deepEqual(orSetValues(orSetMerge(removedOnA, base)), []);
    });
    it("orSetMerge is commutative, associative and idempotent on the observable values (property)", () => {
      const op = fc.tuple(fc.constantFrom("add", "remove"), fc.constantFrom("a", "b", "c"));
      const replica = (name: string) =>
        fc.array(op, { maxLength: 6 }).map((ops) =>
          ops.reduce((s, [kind, e], i) => (kind === "add" ? orSetAdd(s, e, `${name}:${i}`) : orSetRemove(s, e)), orSetEmpty()),
        );
      fc.assert(
        fc.property(replica("A"), replica("B"), replica("C"), (a, b, c) => {
          const v = orSetValues;
          return (
            JSON.stringify(orSetMerge(a, b)) === JSON.stringify(orSetMerge(b, a)) &&
            JSON.stringify(v(orSetMerge(orSetMerge(a, b), c))) === JSON.stringify(v(orSetMerge(a, orSetMerge(b, c)))) &&
            JSON.stringify(v(orSetMerge(a, a))) === JSON.stringify(v(a))
          );
        }),
      );
    });
    it("OR-set elements named constructor, __proto__ or toString are added, removed and merged like any other (property)", () => {
      const op = fc.tuple(fc.constantFrom("add", "remove"), fc.constantFrom("a", ...PROTO_NAMES));
      const replica = (name: string) =>
        fc.array(op, { maxLength: 8 }).map((ops) => {
          const present = new Set<string>();
          const set = ops.reduce((s, [kind, e], i) => {
            if (kind === "add") present.add(e);
            else present.delete(e);
            return kind === "add" ? orSetAdd(s, e, `${name}:${i}`) : orSetRemove(s, e);
          }, orSetEmpty());
          return { set, present };
        });
      fc.assert(
        fc.property(replica("A"), replica("B"), (a, b) => {
          const merged = orSetValues(orSetMerge(a.set, b.set));
          const union = [...new Set([...a.present, ...b.present])].sort();
          return (
            JSON.stringify(orSetValues(a.set)) === JSON.stringify([...a.present].sort()) &&
            JSON.stringify(merged) === JSON.stringify(union) &&
            JSON.stringify(orSetMerge(a.set, b.set)) === JSON.stringify(orSetMerge(b.set, a.set))
          );
        }),
        { numRuns: 300 },
      );
      assert.deepEqual(orSetValues(orSetRemove(orSetAdd(orSetEmpty(), "constructor", "A:1"), "toString")), ["constructor"]);
    });
    it("bad input: unionMerge, orSetAdd, orSetRemove, orSetMerge, orSetValues", () => {
      assert.throws(() => unionMerge([]), { name: "RangeError", message: "multiRegion.unionMerge: carts must be an array with length >= 1, got an array of length 0" });
      assert.throws(() => unionMerge([["a", 1 as never]]), { name: "TypeError", message: "multiRegion.unionMerge: carts[0][1] must be a string, got 1" });
      assert.throws(() => orSetAdd(orSetEmpty(), "x", ""), { name: "RangeError", message: 'multiRegion.orSetAdd: tag must be a non-empty string, got ""' });
      assert.throws(() => orSetRemove(orSetEmpty(), 3 as never), { name: "TypeError", message: "multiRegion.orSetRemove: element must be a string, got 3" });
      assert.throws(() => orSetMerge(orSetEmpty(), { adds: {} } as never), {
        name: "TypeError",
        message: "multiRegion.orSetMerge: b.removed must be an array with length >= 0, got undefined",
      });
      assert.throws(() => orSetValues(null as never), { name: "TypeError", message: "multiRegion.orSetValues: set must be an object, got null" });
    });
  });
});
