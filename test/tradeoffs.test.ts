import { strict as assert } from "node:assert";
import fc from "fast-check";
import * as tradeoffs from "../src/tradeoffs";
import type { Decision } from "../src/tradeoffs";

// Two architectures, two criteria; every figure below is worked by hand.
// Weights 3:1 normalise to 0.75/0.25.
// Cassandra ONE: 0.75·9 + 0.25·3 = 7.5; Spanner: 0.75·4 + 0.25·10 = 5.5.
const EXAMPLE: Decision = {
  criteria: [
    { name: "latency", weight: 3 },
    { name: "consistency", weight: 1 },
  ],
  options: [
    { name: "Cassandra ONE", scores: { latency: 9, consistency: 3 } },
    { name: "Spanner", scores: { latency: 4, consistency: 10 } },
  ],
};

/** Random decisions with small integer weights and scores, so sums are exact. */
const decisionArb = (minWeight: number): fc.Arbitrary<Decision> =>
  fc.integer({ min: 1, max: 4 }).chain((criteriaCount) =>
    fc
      .record({
        weights: fc.array(fc.integer({ min: minWeight, max: 10 }), { minLength: criteriaCount, maxLength: criteriaCount }),
        scores: fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: criteriaCount, maxLength: criteriaCount }), {
          minLength: 1,
          maxLength: 5,
        }),
      })
      .filter((r) => r.weights.some((w) => w > 0))
      .map(({ weights, scores }) => ({
        criteria: weights.map((weight, j) => ({ name: `c${j}`, weight })),
        options: scores.map((row, i) => ({ name: `o${i}`, scores: Object.fromEntries(row.map((s, j) => [`c${j}`, s])) })),
      })),
  );

const withWeight = (d: Decision, k: number, weight: number): Decision => ({
  criteria: d.criteria.map((c, j) => (j === k ? { ...c, weight } : c)),
  options: d.options,
});

describe("tradeoffs", () => {
  describe("the course's Common Trade-Offs table (section 1)", () => {
    it("commonTradeoffs() is the course's eight rows, verbatim and in order", () => {
      assert.deepEqual(
        tradeoffs.commonTradeoffs().map((r) => `${r.optimizeFor} -> ${r.tradeOff}`),
        [
          "Low Latency -> High Cost",
          "High Availability -> Consistency",
          "Scalability -> Complexity",
          "Strong Consistency -> Performance",
          "Simplicity -> Features",
          "Flexibility -> Performance",
          "Durability -> Latency",
          "Cost -> Everything else",
        ],
      );
    });
    it('tradeOffFor("durability") is "Latency" (case-insensitive)', () => {
      assert.equal(tradeOffFor("durability"), "Latency");
      assert.equal(tradeOffFor(" High Availability "), "Consistency");
    });
    it("tradeOffFor rejects goals the table does not list", () => {
      assert.throws(() => tradeOffFor("speed"), {
        name: "RangeError",
        message:
          'tradeoffs.tradeOffFor: goal must be one of "Low Latency", "High Availability", "Scalability", "Strong Consistency", "Simplicity", "Flexibility", "Durability", "Cost" (any case), got "speed"',
      });
      assert.throws(() => tradeOffFor(""), { name: "RangeError", message: 'tradeoffs.tradeOffFor: goal must be a non-empty string, got ""' });
      assert.throws(() => tradeOffFor(5 as never), { name: "TypeError", message: "tradeoffs.tradeOffFor: goal must be a non-empty string, got 5" });
    });
  });

  describe("score", () => {
    it("score(latency 3 : consistency 1) ranks Cassandra ONE 7.5 over Spanner 5.5, with contributions", () => {
      const card = tradeoffs.score(EXAMPLE);
      assert.deepEqual(card.weights, { latency: 0.75, consistency: 0.25 });
      assert.deepEqual(
        card.ranking.map((r) => [r.name, r.score, r.rank]),
        [
          ["Cassandra ONE", 7.5, 1],
          ["Spanner", 5.5, 2],
        ],
      );
      assert.deepEqual(card.ranking[0].contributions, { latency: 6.75, consistency: 0.75 });
      assert.deepEqual(card.ranking[1].contributions, { latency: 3, consistency: 2.5 });
    });
    it("score with equal weights flips the choice: Spanner 7 vs Cassandra ONE 6", () => {
      const card = tradeoffs.score(withWeight(EXAMPLE, 0, 1));
      assert.deepEqual(card.ranking.map((r) => [r.name, r.score]), [["Spanner", 7], ["Cassandra ONE", 6]]);
    });
    it("score gives tied options the same rank and keeps their input order", () => {
      const card = tradeoffs.score({
        criteria: [{ name: "x", weight: 1 }],
        options: [
          { name: "a", scores: { x: 1 } },
          { name: "b", scores: { x: 2 } },
          { name: "c", scores: { x: 2 } },
        ],
      });
      assert.deepEqual(card.ranking.map((r) => [r.name, r.rank]), [["b", 1], ["c", 1], ["a", 3]]);
    });
    it("score accepts a zero weight, which then contributes nothing", () => {
      const card = tradeoffs.score(withWeight(EXAMPLE, 1, 0));
      assert.deepEqual(card.ranking.map((r) => [r.name, r.score]), [["Cassandra ONE", 9], ["Spanner", 4]]);
      assert.equal(card.ranking[0].contributions.consistency, 0);
    });

    it("property: scaling every weight by the same factor leaves the ranking unchanged", () => {
      fc.assert(
        fc.property(decisionArb(0), fc.constantFrom(0.5, 2, 3, 10, 1024), (d, factor) => {
          const scaled = { ...d, criteria: d.criteria.map((c) => ({ ...c, weight: c.weight * factor })) };
          const names = (x: Decision) => tradeoffs.score(x).ranking.map((r) => `${r.name}#${r.rank}`);
          assert.deepEqual(names(scaled), names(d));
        }),
        { numRuns: 300 },
      );
    });
    it("property: a dominated option never ranks first when every weight is positive", () => {
      fc.assert(
        fc.property(decisionArb(1), fc.nat(), fc.nat(), (d, i, j) => {
          const n = d.options.length;
          fc.pre(n >= 2);
          const a = i % n;
          // Build a dominator of option a: equal everywhere, +1 on one criterion.
          const keys = d.criteria.map((c) => c.name);
          const better = { ...d.options[a].scores, [keys[j % keys.length]]: d.options[a].scores[keys[j % keys.length]] + 1 };
          const options = d.options.map((o, k) => (k === (a + 1) % n ? { name: o.name, scores: better } : o));
          const ranking = tradeoffs.score({ criteria: d.criteria, options }).ranking;
          assert.notEqual(ranking[0].name, d.options[a].name);
          const dominated = ranking.find((r) => r.name === d.options[a].name);
          const dominator = ranking.find((r) => r.name === options[(a + 1) % n].name);
          assert.ok(dominator && dominated && dominator.score > dominated.score);
        }),
        { numRuns: 300 },
      );
    });
    it("property: contributions sum to the score, which lies between the option's lowest and highest score", () => {
      fc.assert(
        fc.property(decisionArb(0), (d) => {
          const card = tradeoffs.score(d);
          const shareSum = Object.values(card.weights).reduce((a, b) => a + b, 0);
          assert.ok(Math.abs(shareSum - 1) < 1e-12);
          for (const r of card.ranking) {
            const sum = Object.values(r.contributions).reduce((a, b) => a + b, 0);
            assert.ok(Math.abs(sum - r.score) < 1e-12);
            const own = Object.values(d.options.find((o) => o.name === r.name)?.scores ?? {});
            assert.ok(r.score >= Math.min(...own) - 1e-12 && r.score <= Math.max(...own) + 1e-12);
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  describe("sensitivity", () => {
    it("weightSensitivity(EXAMPLE): consistency must rise from 1 to 15/7 for Spanner to tie; latency must fall from 3 to 1.4", () => {
      const [latency, consistencyWeight] = tradeoffs.weightSensitivity(EXAMPLE);
      // Cassandra 27 + 3w vs Spanner 12 + 10w tie at w = 15/7; share 15/7 / (3 + 15/7) = 5/12.
      assert.equal(consistencyWeight.top, "Cassandra ONE");
      assert.equal(consistencyWeight.decrease, null);
      assert.ok(consistencyWeight.increase);
      assert.ok(Math.abs(consistencyWeight.increase.atWeight - 15 / 7) < 1e-12);
      assert.ok(Math.abs(consistencyWeight.increase.change - 8 / 7) < 1e-12);
      assert.ok(Math.abs(consistencyWeight.increase.atShare - 5 / 12) < 1e-12);
      assert.equal(consistencyWeight.increase.newTop, "Spanner");
      // Cassandra 9w + 3 vs Spanner 4w + 10 tie at w = 7/5; share 1.4 / 2.4 = 7/12.
      assert.equal(latency.increase, null);
      assert.ok(latency.decrease);
      assert.ok(Math.abs(latency.decrease.atWeight - 1.4) < 1e-12);
      assert.ok(Math.abs(latency.decrease.change + 1.6) < 1e-12);
      assert.ok(Math.abs(latency.decrease.atShare - 7 / 12) < 1e-12);
      assert.equal(latency.decrease.newTop, "Spanner");
      assert.equal(latency.share, 0.75);
    });
    it("sensitivity: a criterion on which the winner is best everywhere cannot flip it", () => {
      const result = tradeoffs.weightSensitivity({
        criteria: [{ name: "x", weight: 1 }, { name: "y", weight: 1 }],
        options: [
          { name: "best", scores: { x: 5, y: 5 } },
          { name: "worse", scores: { x: 1, y: 4 } },
        ],
      });
      assert.ok(result.every((r) => r.increase === null && r.decrease === null));
    });
    it("sensitivity: a flip that would need a negative weight is reported as none", () => {
      // Only at w(y) = −1 would "b" catch up: 5 + w·0 = 4 + w·(-1)... never for w >= 0.
      const [, y] = tradeoffs.weightSensitivity({
        criteria: [{ name: "x", weight: 1 }, { name: "y", weight: 1 }],
        options: [
          { name: "a", scores: { x: 5, y: 1 } },
          { name: "b", scores: { x: 1, y: 2 } },
        ],
      });
      assert.ok(y.increase);
      assert.equal(y.increase.atWeight, 4);
      assert.equal(y.decrease, null);
    });

    it("property: moving a weight just past its flip point makes newTop win; moving half way does not", () => {
      fc.assert(
        fc.property(decisionArb(0), (d) => {
          const result = tradeoffs.weightSensitivity(d);
          const top = tradeoffs.score(d).ranking[0].name;
          result.forEach((r, k) => {
            assert.equal(r.top, top);
            for (const [flip, direction] of [[r.increase, 1], [r.decrease, -1]] as const) {
              if (flip === null) continue;
              assert.ok(direction * flip.change >= 0, "an increase moves up, a decrease down");
              const margin = 1e-6 * Math.max(1, flip.atWeight);
              const beyond = flip.atWeight + direction * margin;
              assert.ok(beyond >= 0);
              // newTop leads the old winner, and nothing beats it (options that tie
              // exactly with newTop stay tied past the flip, up to rounding).
              const past = tradeoffs.score(withWeight(d, k, beyond)).ranking;
              const scoreOf = (name: string): number => past.find((x) => x.name === name)?.score ?? NaN;
              assert.ok(scoreOf(flip.newTop) > scoreOf(top), `${r.criterion} past ${flip.atWeight}: ${flip.newTop} leads ${top}`);
              assert.ok(scoreOf(flip.newTop) >= past[0].score - 1e-9, `${r.criterion} past ${flip.atWeight}: ${flip.newTop} wins`);
              if (Math.abs(flip.change) > 1e-9) {
                const halfway = r.weight + flip.change / 2;
                const half = tradeoffs.score(withWeight(d, k, halfway)).ranking;
                const topScore = half.find((x) => x.name === top)?.score ?? NaN;
                assert.ok(half[0].score <= topScore + 1e-9, `${r.criterion} half way: ${top} still wins (ties up to rounding)`);
              }
            }
          });
        }),
        { numRuns: 300 },
      );
    });
  });

  describe("bad input", () => {
    for (const fn of ["score", "weightSensitivity"] as const) {
      const call = (d: unknown) => () => tradeoffs[fn](d as Decision);
      const where = `tradeoffs.${fn}`;
      it(`${fn} rejects malformed decisions with exact messages`, () => {
        assert.throws(call(undefined), { name: "TypeError", message: `${where}: decision must be an object, got undefined` });
        assert.throws(call({ criteria: [], options: EXAMPLE.options }), {
          name: "RangeError",
          message: `${where}: criteria must be an array with length >= 1, got an array of length 0`,
        });
        assert.throws(call({ criteria: [{ name: "x", weight: -1 }], options: EXAMPLE.options }), {
          name: "RangeError",
          message: `${where}: criteria[0].weight must be a finite number >= 0, got -1`,
        });
        assert.throws(call({ criteria: [{ name: "x", weight: 1 }, { name: "y", weight: NaN }], options: EXAMPLE.options }), {
          name: "TypeError",
          message: `${where}: criteria[1].weight must be a finite number >= 0, got NaN`,
        });
        assert.throws(call({ criteria: [{ name: "x", weight: 0 }], options: [{ name: "a", scores: { x: 1 } }] }), {
          name: "RangeError",
          message: `${where}: the sum of criteria weights must be > 0, got 0`,
        });
        assert.throws(call({ criteria: [{ name: "x", weight: 1e308 }, { name: "y", weight: 1e308 }], options: [] }), {
          name: "RangeError",
          message: `${where}: the sum of criteria weights must be finite, got Infinity`,
        });
        assert.throws(call({ criteria: [{ name: "x", weight: 1 }, { name: "x", weight: 2 }], options: [] }), {
          name: "RangeError",
          message: `${where}: criteria[1].name must be unique, got "x"`,
        });
        assert.throws(call({ criteria: [{ name: "", weight: 1 }], options: [] }), {
          message: `${where}: criteria[0].name must be a non-empty string, got ""`,
        });
        assert.throws(call({ criteria: EXAMPLE.criteria, options: [] }), {
          message: `${where}: options must be an array with length >= 1, got an array of length 0`,
        });
      });
      it(`${fn} rejects bad options: duplicate names, missing, non-finite and unknown scores`, () => {
        const criteria = EXAMPLE.criteria;
        assert.throws(call({ criteria, options: [EXAMPLE.options[0], EXAMPLE.options[0]] }), {
          message: `${where}: options[1].name must be unique, got "Cassandra ONE"`,
        });
        assert.throws(call({ criteria, options: [{ name: "a", scores: { latency: 1 } }] }), {
          name: "TypeError",
          message: `${where}: options[0].scores["consistency"] must be a finite number, got undefined`,
        });
        assert.throws(call({ criteria, options: [{ name: "a", scores: { latency: Infinity, consistency: 1 } }] }), {
          name: "TypeError",
          message: `${where}: options[0].scores["latency"] must be a finite number, got Infinity`,
        });
        assert.throws(call({ criteria, options: [{ name: "a", scores: { latency: 1, consistency: 1, latncy: 2 } }] }), {
          name: "RangeError",
          message: `${where}: a key of options[0].scores must be one of "latency", "consistency", got "latncy"`,
        });
        assert.throws(call({ criteria, options: [{ name: "a", scores: [1, 2] }] }), {
          name: "TypeError",
          message: `${where}: options[0].scores must be an object, got an array of length 2`,
        });
      });
    }
  });
});

function tradeOffFor(goal: string): string {
  return tradeoffs.tradeOffFor(goal);
}
