import { strict as assert } from "node:assert";
import fc from "fast-check";
import * as consistency from "../src/consistency";
import type { Model } from "../src/consistency";

const { MODELS } = consistency;
const anyModel = fc.constantFrom(...MODELS);
const rank = (a: consistency.Availability): number => consistency.AVAILABILITY_ORDER.indexOf(a);

describe("consistency", () => {
  describe("the implication graph (jepsen.io/consistency, as listed in REFERENCES.md)", () => {
    // Every arrow of Jepsen's map, stronger → weaker.
    const JEPSEN_ARROWS: [Model, Model][] = [
      ["strict-serializable", "linearizable"],
      ["linearizable", "sequential"],
      ["sequential", "causal"],
      ["causal", "writes-follow-reads"],
      ["causal", "pram"],
      ["pram", "monotonic-reads"],
      ["pram", "monotonic-writes"],
      ["pram", "read-your-writes"],
      ["strict-serializable", "serializable"],
      ["serializable", "repeatable-read"],
      ["serializable", "snapshot-isolation"],
      ["repeatable-read", "monotonic-atomic-view"],
      ["snapshot-isolation", "monotonic-atomic-view"],
      ["repeatable-read", "cursor-stability"],
      ["cursor-stability", "read-committed"],
      ["monotonic-atomic-view", "read-committed"],
      ["read-committed", "read-uncommitted"],
    ];
    for (const [x, y] of JEPSEN_ARROWS) {
      it(`isStronger("${x}", "${y}") is true (Jepsen's map)`, () => {
        assert.equal(consistency.isStronger(x, y), true);
        assert.equal(consistency.isStronger(y, x), false);
      });
    }

    it('implies follows chains transitively: strict serializable ⇒ read uncommitted and ⇒ read-your-writes', () => {
      assert.equal(consistency.implies("strict-serializable", "read-uncommitted"), true);
      assert.equal(consistency.implies("strict-serializable", "read-your-writes"), true);
      assert.equal(consistency.implies("linearizable", "monotonic-writes"), true);
    });

    it("incomparable pairs imply neither way (serializable/linearizable, SI/RR, the session guarantees)", () => {
      const incomparable: [Model, Model][] = [
        ["serializable", "linearizable"],
        ["serializable", "sequential"],
        ["snapshot-isolation", "repeatable-read"],
        ["snapshot-isolation", "cursor-stability"],
        ["cursor-stability", "monotonic-atomic-view"],
        ["monotonic-reads", "monotonic-writes"],
        ["read-your-writes", "writes-follow-reads"],
        ["pram", "writes-follow-reads"],
        ["linearizable", "read-committed"],
      ];
      for (const [x, y] of incomparable) {
        assert.equal(consistency.implies(x, y), false, `${x} ⇒ ${y}`);
        assert.equal(consistency.implies(y, x), false, `${y} ⇒ ${x}`);
      }
    });

    it("session is the four session guarantees (Terry et al. 1994): causal ⇒ session ⇒ PRAM, WFR, RYW, MR, MW", () => {
      assert.equal(consistency.isStronger("causal", "session"), true);
      for (const y of ["pram", "writes-follow-reads", "read-your-writes", "monotonic-reads", "monotonic-writes"] as const) {
        assert.equal(consistency.isStronger("session", y), true, y);
      }
      assert.equal(consistency.implies("session", "causal"), false);
      assert.deepEqual(consistency.describe("session").implies, ["pram", "writes-follow-reads"]);
    });

    it("eventual sits below the single-object models only (a liveness property; not on Jepsen's map)", () => {
      assert.equal(consistency.isStronger("read-your-writes", "eventual"), true);
      assert.equal(consistency.isStronger("linearizable", "eventual"), true);
      assert.equal(consistency.implies("read-uncommitted", "eventual"), false);
      assert.equal(consistency.implies("serializable", "eventual"), false);
      assert.equal(consistency.implies("eventual", "read-your-writes"), false);
    });

    it("edges() lists the 17 Jepsen arrows plus the session and eventual additions", () => {
      const edges = consistency.edges().map(([a, b]) => `${a}>${b}`);
      for (const [x, y] of JEPSEN_ARROWS) assert.ok(edges.includes(`${x}>${y}`), `${x} → ${y}`);
      const added = edges.filter((e) => !JEPSEN_ARROWS.some(([x, y]) => `${x}>${y}` === e)).sort();
      assert.deepEqual(added, [
        "causal>session",
        "monotonic-reads>eventual",
        "monotonic-writes>eventual",
        "read-your-writes>eventual",
        "session>pram",
        "session>writes-follow-reads",
        "writes-follow-reads>eventual",
      ]);
    });

    it("property: implies is a partial order (reflexive, antisymmetric, transitive)", () => {
      fc.assert(fc.property(anyModel, (x) => consistency.implies(x, x)));
      fc.assert(
        fc.property(anyModel, anyModel, (x, y) => {
          fc.pre(x !== y);
          return !(consistency.implies(x, y) && consistency.implies(y, x));
        }),
      );
      fc.assert(
        fc.property(anyModel, anyModel, anyModel, (x, y, z) => {
          fc.pre(consistency.implies(x, y) && consistency.implies(y, z));
          return consistency.implies(x, z);
        }),
        { numRuns: 2000 },
      );
    });
    it("exhaustively: implies is antisymmetric and transitive over all 18³ triples", () => {
      for (const x of MODELS) {
        for (const y of MODELS) {
          if (x !== y) assert.ok(!(consistency.implies(x, y) && consistency.implies(y, x)), `${x} ⇔ ${y}`);
          for (const z of MODELS) {
            if (consistency.implies(x, y) && consistency.implies(y, z)) assert.ok(consistency.implies(x, z), `${x} ⇒ ${y} ⇒ ${z}`);
          }
        }
      }
    });
    it("property: isStronger is implies without equality (irreflexive, asymmetric)", () => {
      fc.assert(
        fc.property(anyModel, anyModel, (x, y) => {
          assert.equal(consistency.isStronger(x, y), x !== y && consistency.implies(x, y));
          assert.ok(!(consistency.isStronger(x, y) && consistency.isStronger(y, x)));
        }),
      );
    });
  });

  describe("availability (Jepsen's map; Bailis et al., HAT, VLDB 2014)", () => {
    const PINNED: Record<Model, consistency.Availability> = {
      "strict-serializable": "unavailable",
      serializable: "unavailable",
      linearizable: "unavailable",
      sequential: "unavailable",
      "snapshot-isolation": "unavailable",
      "repeatable-read": "unavailable",
      "cursor-stability": "unavailable",
      causal: "sticky-available",
      session: "sticky-available",
      pram: "sticky-available",
      "read-your-writes": "sticky-available",
      "writes-follow-reads": "totally-available",
      "monotonic-reads": "totally-available",
      "monotonic-writes": "totally-available",
      "monotonic-atomic-view": "totally-available",
      "read-committed": "totally-available",
      "read-uncommitted": "totally-available",
      eventual: "totally-available",
    };
    for (const m of MODELS) {
      it(`availability("${m}") is ${PINNED[m]}`, () => assert.equal(consistency.availability(m), PINNED[m]));
    }
    it("property: availability never gets worse as models get weaker (x ⇒ y gives avail(y) ≥ avail(x))", () => {
      fc.assert(
        fc.property(anyModel, anyModel, (x, y) => {
          fc.pre(consistency.implies(x, y));
          return rank(consistency.availability(y)) >= rank(consistency.availability(x));
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe("strongestCommon", () => {
    const cases: [Model, Model, Model[]][] = [
      ["linearizable", "causal", ["causal"]],
      ["strict-serializable", "session", ["session"]],
      ["snapshot-isolation", "repeatable-read", ["monotonic-atomic-view"]],
      ["snapshot-isolation", "cursor-stability", ["read-committed"]],
      ["pram", "writes-follow-reads", ["eventual"]],
      ["read-your-writes", "monotonic-reads", ["eventual"]],
      ["serializable", "linearizable", []],
      ["read-committed", "eventual", []],
      ["sequential", "sequential", ["sequential"]],
    ];
    for (const [x, y, expected] of cases) {
      it(`strongestCommon("${x}", "${y}") is ${JSON.stringify(expected)}`, () => {
        assert.deepEqual(consistency.strongestCommon(x, y), expected);
      });
    }
    it("property: the answer is symmetric, implied by both, and maximal among common consequences", () => {
      fc.assert(
        fc.property(anyModel, anyModel, (x, y) => {
          const glb = consistency.strongestCommon(x, y);
          assert.deepEqual(consistency.strongestCommon(y, x), glb);
          for (const g of glb) assert.ok(consistency.implies(x, g) && consistency.implies(y, g));
          for (const z of MODELS) {
            if (consistency.implies(x, z) && consistency.implies(y, z)) {
              assert.ok(glb.some((g) => consistency.implies(g, z)), `${z} is below no answer`);
            }
          }
          for (const g of glb) for (const h of glb) if (g !== h) assert.ok(!consistency.implies(g, h), `${g} ⇒ ${h}`);
        }),
        { numRuns: 500 },
      );
    });
    it("property: when x implies y the answer is [y]", () => {
      fc.assert(
        fc.property(anyModel, anyModel, (x, y) => {
          fc.pre(consistency.implies(x, y));
          assert.deepEqual(consistency.strongestCommon(x, y), [y]);
        }),
      );
    });
  });

  describe("descriptions and the course's spectrum (section 3)", () => {
    it("models() describes all 18 models, each with a description and a source", () => {
      const all = consistency.models();
      assert.equal(all.length, 18);
      for (const m of all) {
        assert.ok(m.description.length > 20, m.id);
        assert.ok(m.source.length > 5, m.id);
        assert.equal(m.availability, consistency.availability(m.id));
      }
      assert.deepEqual(
        all.filter((m) => m.family === "transactional").map((m) => m.id),
        ["serializable", "snapshot-isolation", "repeatable-read", "cursor-stability", "monotonic-atomic-view", "read-committed", "read-uncommitted"],
      );
    });
    it('describe("strict-serializable") names Spanner as an example (external consistency)', () => {
      const d = consistency.describe("strict-serializable");
      assert.equal(d.family, "both");
      assert.ok(d.examples.some((e) => e.startsWith("Spanner")));
    });

    it("spectrum() keeps the course's order, strongest first, and each entry implies every later one", () => {
      const entries = consistency.spectrum();
      assert.deepEqual(
        entries.map((e) => e.model),
        ["linearizable", "sequential", "causal", "session", "read-your-writes", "eventual"],
      );
      for (let i = 0; i < entries.length; i++) {
        for (let j = i + 1; j < entries.length; j++) {
          assert.ok(consistency.isStronger(entries[i].model, entries[j].model), `${entries[i].model} ⇒ ${entries[j].model}`);
        }
      }
    });
    it("spectrum(): the course's '(Strict)' is strict consistency, unrealisable and neither linearizability nor strict serializability (Tanenbaum & van Steen 2002)", () => {
      const top = consistency.spectrum()[0];
      assert.equal(top.model, "linearizable");
      assert.match(top.note, /strict consistency/);
      assert.match(top.note, /absolute global time/);
      assert.match(top.note, /Tanenbaum & van Steen/);
      assert.match(top.note, /strict serializability is stronger/);
    });
    it("describe('read-committed') gives DynamoDB's multi-item reads, not GetItem, as the example (AWS, isolation levels for transactions)", () => {
      const examples = consistency.describe("read-committed").examples.join("; ");
      assert.match(examples, /BatchGetItem, Query and Scan/);
      assert.match(examples, /GetItem is serializable/);
    });
    it("spectrum() flags the course's wrong examples: Spanner (sequential) and DynamoDB global tables (causal)", () => {
      const wrong = consistency.spectrum().filter((e) => e.exampleVerdict === "wrong");
      assert.deepEqual(wrong.map((e) => e.courseExample), ["Spanner (within same region)", "DynamoDB global tables"]);
      assert.match(wrong[0].note, /external consistency/);
      assert.match(wrong[0].source, /cloud\.google\.com\/spanner\/docs\/true-time-external-consistency/);
      assert.match(wrong[1].note, /last-writer-wins/);
      assert.match(wrong[1].source, /How DynamoDB global tables work/);
    });
    it("spectrum() flags S3 as outdated (strong read-after-write since December 2020) and Cosmos DB session as correct", () => {
      const byModel = new Map(consistency.spectrum().map((e) => [e.model, e]));
      assert.equal(byModel.get("eventual")?.exampleVerdict, "outdated");
      assert.match(byModel.get("eventual")?.note ?? "", /December 2020/);
      assert.equal(byModel.get("session")?.exampleVerdict, "correct");
    });
    it("spectrum() returns copies, so a notebook cannot corrupt it", () => {
      const first = consistency.spectrum();
      (first[0] as { note: string }).note = "changed";
      assert.notEqual(consistency.spectrum()[0].note, "changed");
    });

    it('parseModel reads names as people type them: "Snapshot Isolation", "read_committed", "PRAM"', () => {
      assert.equal(consistency.parseModel("Snapshot Isolation"), "snapshot-isolation");
      assert.equal(consistency.parseModel(" read_committed "), "read-committed");
      assert.equal(consistency.parseModel("PRAM"), "pram");
    });
  });

  describe("bad input", () => {
    const LIST =
      '"strict-serializable", "serializable", "linearizable", "sequential", "causal", "session", "pram", "writes-follow-reads", "read-your-writes", "monotonic-reads", "monotonic-writes", "eventual", "snapshot-isolation", "repeatable-read", "cursor-stability", "monotonic-atomic-view", "read-committed", "read-uncommitted"';
    it("every model-taking function names itself, the parameter and the allowed ids", () => {
      assert.throws(() => consistency.implies("strong" as Model, "causal"), {
        name: "RangeError",
        message: `consistency.implies: x must be one of ${LIST}, got "strong"`,
      });
      assert.throws(() => consistency.implies("causal", "Causal" as Model), { message: `consistency.implies: y must be one of ${LIST}, got "Causal"` });
      assert.throws(() => consistency.isStronger(1 as never, "causal"), { name: "TypeError", message: `consistency.isStronger: x must be one of ${LIST}, got 1` });
      assert.throws(() => consistency.isStronger("causal", null as never), { name: "TypeError", message: `consistency.isStronger: y must be one of ${LIST}, got null` });
      assert.throws(() => consistency.strongestCommon("acid" as Model, "causal"), { message: `consistency.strongestCommon: x must be one of ${LIST}, got "acid"` });
      assert.throws(() => consistency.strongestCommon("causal", "" as Model), { message: `consistency.strongestCommon: y must be one of ${LIST}, got ""` });
      assert.throws(() => consistency.availability("strict" as Model), { message: `consistency.availability: x must be one of ${LIST}, got "strict"` });
      assert.throws(() => consistency.describe(undefined as never), { name: "TypeError", message: `consistency.describe: x must be one of ${LIST}, got undefined` });
    });
    it("parseModel rejects unknown names and non-strings", () => {
      assert.throws(() => consistency.parseModel("strong"), { name: "RangeError", message: `consistency.parseModel: name must be one of ${LIST}, got "strong"` });
      assert.throws(() => consistency.parseModel(3 as never), { name: "TypeError", message: `consistency.parseModel: name must be one of ${LIST}, got 3` });
    });
  });
});
