/**
 * The graders of notebooks 01–03 against golden values from their sources,
 * and the rule graders' hints for each way a choice can fail.
 */
import { strict as assert } from "node:assert";
import { exercises as nb01 } from "../../../src/exercises/catalog/01-trade-offs";
import { exercises as nb02 } from "../../../src/exercises/catalog/02-cap-and-pacelc";
import { exercises as nb03 } from "../../../src/exercises/catalog/03-consistency-models";
import { gradersOf } from "./grading";

const all = [...nb01, ...nb02, ...nb03];
const { passes, failsWith } = gradersOf(all);

describe("workbook exercises 01–03", () => {
  it("ids are NN.1, NN.2, … in order, with every kind used", () => {
    for (const [nb, list] of [["01", nb01], ["02", nb02], ["03", nb03]] as const) {
      assert.deepEqual(list.map((e) => e.id), list.map((_, i) => `${nb}.${i + 1}`));
    }
    assert.deepEqual(new Set(all.map((e) => e.kind)), new Set(["compute", "implement", "choose", "explain"]));
  });

  it("01.2 Spanner's weighted score is 41/6 (hand computation), and 41 is named as unnormalised", () => {
    passes("01.2", 41 / 6);
    failsWith("01.2", 41, /normalise/);
  });

  it("01.4 the latency flip is at weight 3.2 ((33 − 17) / 5), and the rise 1.2 is named", () => {
    passes("01.4", 3.2);
    failsWith("01.4", 1.2, /how much the weight must rise/);
  });

  it("01.3 rejects a weighted sum that is not normalised", () => {
    passes("01.3", (w: number[], s: number[]) => w.reduce((a, x, i) => a + x * s[i], 0) / w.reduce((a, x) => a + x, 0));
    failsWith("01.3", (w: number[], s: number[]) => w.reduce((a, x, i) => a + x * s[i], 0), /expected 7\.5/);
  });

  it("01.5 names the failing constraint: availability share, winner, bad weight", () => {
    passes("01.5", { latency: 0, consistency: 5, availability: 7, cost: 10, simplicity: 10 });
    failsWith("01.5", { latency: 0, consistency: 5, availability: 2, cost: 10, simplicity: 10 }, /at least 20%/);
    failsWith("01.5", { latency: 3, consistency: 2, availability: 3, cost: 1, simplicity: 2 }, /DynamoDB global tables \(MREC\) wins/);
    failsWith("01.5", { latency: -1, consistency: 5, availability: 7, cost: 10, simplicity: 10 }, /weights\.latency must be a number in \[0, 10\]/);
    failsWith("01.5", "postgres", /answer an object of weights/);
  });

  it("02.2 CP availability is 1 − 0.5 × 2/5 = 0.8; the in-partition 3/5 is named", () => {
    passes("02.2", 0.8);
    failsWith("02.2", 0.6, /during the partition only/);
  });

  it("02.4 accepts a PC/EL configuration and explains PA and PC/EC choices", () => {
    passes("02.4", { system: "etcd", configuration: "serializable" });
    passes("02.4", { system: "PNUTS", configuration: "timeline" });
    failsWith("02.4", { system: "Cassandra", configuration: "QUORUM" }, /PC\/EC: safe, but every read pays/);
    failsWith("02.4", { system: "Cassandra", configuration: "ONE" }, /PA\/EL: during a partition both sides accept writes/);
    failsWith("02.4", { system: "Nosuchdb", configuration: "x" }, /not in the catalog/);
  });

  it("03.4 QUORUM writes + ONE reads at RF 3 miss the write with probability 1/3 (Bailis et al.: P(consistent) = 2/3)", () => {
    passes("03.4", 1 / 3);
    failsWith("03.4", 0, /is not > N = 3/);
  });

  it("03.5 cases include DataStax's golden quorums: RF 3 → 2, RF 6 → 4, 3+3 → 4, 3+3+2+2+2 → 7", () => {
    const sum = (rfs: number[]) => rfs.reduce((a, b) => a + b, 0);
    passes("03.5", (rfs: number[]) => Math.floor(sum(rfs) / 2) + 1);
    failsWith("03.5", (rfs: number[]) => Math.ceil(sum(rfs) / 2), /f\(\[3,3\]\) returned 3, expected 4|f\(\[6\]\) returned 3, expected 4/);
  });

  it("03.3 a leader read from eu-west-1 to us-east-1 costs 68 ms more than a local read (69 − 1, data/region-rtt.json)", () => {
    passes("03.3", 68);
    failsWith("03.3", 69, /leader read's latency/);
  });

  it("03.6 accepts QUORUM/QUORUM and TWO/QUORUM, and names each broken constraint", () => {
    passes("03.6", { read: "QUORUM", write: "QUORUM" });
    passes("03.6", { read: "two", write: "QUORUM" });
    failsWith("03.6", { read: "ONE", write: "QUORUM" }, /R \+ W = 1 \+ 2 = 3 is not > N = 3/);
    failsWith("03.6", { read: "ONE", write: "ALL" }, /writes fail while one replica is down/);
    failsWith("03.6", { read: "ALL", write: "QUORUM" }, /R = 2 is enough/);
    failsWith("03.6", { read: "SERIAL", write: "QUORUM" }, /read must be one of/);
  });
});
