/**
 * The library against the figures Bailis et al. report in "Probabilistically
 * Bounded Staleness for Practical Partial Quorums" (VLDB 2012): the §5.6
 * text and Table 4 (N = 3; for each profile and quorum, the read and write
 * 99.9th-percentile latencies and the wait after commit for a 99.9%
 * probability of consistent reads, "t-visibility"). The figures are those
 * transcribed in ../shared/REFERENCES.md ("Added for the fidelity work").
 *
 * Each test states its tolerance. How close the library comes with 1,000,000
 * trials is in data/pbs-profiles.md and the README ("PBS against the paper");
 * these tests run 200,000 trials per configuration (about 0.2 s each) with a
 * fixed seed, and the tolerances leave room for the sampling noise of the
 * 99.9th percentile at that size (measured over seeds 1–4).
 */
import { strict as assert } from "node:assert";
import {
  mixture,
  pareto,
  profile,
  tVisibility,
  type LatencyProfile,
  type MixtureDistribution,
  type ParetoDistribution,
  type ProfileName,
} from "../../src/pbs";

const TRIALS = 200_000;
const SEED = 1;

type Quorum = "R1W1" | "R2W1" | "R1W2";
/** Table 4, N = 3: [read p99.9 ms, write p99.9 ms, t-visibility for 99.9% ms]. */
const TABLE_4: Record<ProfileName, Record<Quorum, readonly [number, number, number]>> = {
  "LNKD-SSD": { R1W1: [0.66, 0.66, 1.85], R2W1: [1.63, 0.65, 0], R1W2: [0.66, 1.63, 1.79] },
  "LNKD-DISK": { R1W1: [0.66, 10.99, 45.5], R2W1: [1.63, 10.9, 13.6], R1W2: [0.65, 20.97, 43.3] },
  YMMR: { R1W1: [5.58, 10.83, 1364], R2W1: [32.6, 10.73, 202], R1W2: [5.61, 427.12, 1352] },
  WAN: { R1W1: [3.4, 55.12, 113], R2W1: [151.3, 56.36, 30.2], R1W2: [3.4, 167.64, 0] },
};
const QUORUMS: Record<Quorum, { r: number; w: number }> = { R1W1: { r: 1, w: 1 }, R2W1: { r: 2, w: 1 }, R1W2: { r: 1, w: 2 } };

/** One run: P(consistent) at commit, read and write p99.9, and the wait for 99.9%. */
function run(p: ProfileName | LatencyProfile, quorum: Quorum): { atCommit: number; readMs: number; writeMs: number; tVisibilityMs: number } {
  const { r, w } = QUORUMS[quorum];
  const res = tVisibility({ n: 3, r, w, profile: p, tMs: [0], trials: TRIALS, seed: SEED, percentiles: [99.9], targets: [0.999] });
  return { atCommit: res.curve[0].probability, readMs: res.readLatencyMs[0].ms, writeMs: res.writeLatencyMs[0].ms, tVisibilityMs: res.timeToConsistency[0].tMs };
}

/** The YMMR write mixture's Pareto component (the shipped profile's first component). */
function ymmrWriteMixture(p: LatencyProfile): MixtureDistribution {
  assert.equal(p.w.type, "mixture");
  const mix = p.w as MixtureDistribution;
  assert.equal(mix.components[0].distribution.type, "pareto");
  return mix;
}

/** The YMMR profile with the write Pareto shape the paper's fit table prints (3.35). */
function ymmrFitTable(): LatencyProfile {
  const p = profile("YMMR");
  const [paretoPart, expPart] = ymmrWriteMixture(p).components;
  const scale = (paretoPart.distribution as ParetoDistribution).scale;
  return { ...p, name: "YMMR (fit table, α = 3.35)", w: mixture([{ weight: paretoPart.weight, distribution: pareto(scale, 3.35) }, expPart]) };
}

const within = (actual: number, expected: number, relative: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= relative * expected, `${what}: ${actual} not within ${relative * 100}% of ${expected}`);

describe("pbs against the paper (Bailis et al., VLDB 2012)", function () {
  this.timeout(60_000);
  const results = new Map<string, ReturnType<typeof run>>();
  const get = (p: ProfileName, q: Quorum): ReturnType<typeof run> => {
    const key = `${p} ${q}`;
    if (!results.has(key)) results.set(key, run(p, q));
    return results.get(key) as ReturnType<typeof run>;
  };

  for (const name of Object.keys(TABLE_4) as ProfileName[]) {
    for (const quorum of Object.keys(QUORUMS) as Quorum[]) {
      const [readMs, writeMs, tVisMs] = TABLE_4[name][quorum];
      it(`tVisibility({profile:"${name}", ${quorum}}): read/write p99.9 within 12% of Table 4's ${readMs}/${writeMs} ms`, () => {
        const got = get(name, quorum);
        within(got.readMs, readMs, 0.12, "read p99.9");
        within(got.writeMs, writeMs, 0.12, "write p99.9");
      });
      it(
        tVisMs === 0
          ? `tVisibility({profile:"${name}", ${quorum}}): 99.9% consistent at commit (Table 4: t-visibility 0)`
          : `tVisibility({profile:"${name}", ${quorum}}): t-visibility for 99.9% is ${tVisMs} ms in Table 4; ours lies in [−5%, +25%] of it`,
        () => {
          const got = get(name, quorum);
          if (tVisMs === 0) {
            assert.equal(got.tVisibilityMs, 0);
            assert.ok(got.atCommit >= 0.999, String(got.atCommit));
          } else {
            // Our 99.9% points sit 2–18% above the paper's (1M trials, data/pbs-profiles.md); the curve is flat there.
            const ratio = got.tVisibilityMs / tVisMs;
            assert.ok(ratio >= 0.95 && ratio <= 1.25, `${got.tVisibilityMs} ms is ${ratio.toFixed(3)}× the paper's ${tVisMs} ms`);
          }
        },
      );
    }
  }

  it('tVisibility({profile:"YMMR"}) is 89.3% consistent immediately after commit (§5.6), within ±0.3 points', () => {
    assert.ok(Math.abs(get("YMMR", "R1W1").atCommit - 0.893) <= 0.003, String(get("YMMR", "R1W1").atCommit));
  });
  it('tVisibility({profile:"WAN"}) is 33% consistent at commit and needs 113 ms for 99.9% at R=W=1 (§5.6, Table 4), within ±1 point', () => {
    assert.ok(Math.abs(get("WAN", "R1W1").atCommit - 0.33) <= 0.01, String(get("WAN", "R1W1").atCommit));
  });
  it('tVisibility({profile:"LNKD-DISK"}) is 43.9% consistent at commit (§5.6), within ±0.6 points', () => {
    assert.ok(Math.abs(get("LNKD-DISK", "R1W1").atCommit - 0.439) <= 0.006, String(get("LNKD-DISK", "R1W1").atCommit));
  });
  it('WAN is not "stale until the 75 ms hop has passed, whatever the quorum": R=1,W=2 is 99.9% consistent at commit, R=2,W=1 needs about 30 ms', () => {
    assert.equal(get("WAN", "R1W2").tVisibilityMs, 0);
    assert.ok(get("WAN", "R2W1").tVisibilityMs < 40, String(get("WAN", "R2W1").tVisibilityMs));
    assert.ok(get("WAN", "R1W1").tVisibilityMs > 75, String(get("WAN", "R1W1").tVisibilityMs));
  });

  it("YMMR's write Pareto shape: 3.5 (the authors' simulator) reproduces the paper's results, 3.35 (the fit table) does not", () => {
    assert.equal((ymmrWriteMixture(profile("YMMR")).components[0].distribution as ParetoDistribution).shape, 3.5);
    const shipped = get("YMMR", "R1W1");
    const fitTable = run(ymmrFitTable(), "R1W1");
    // At commit: 89.3% reported; 3.35 gives about 88.7%, some 9 standard errors below at 200k trials.
    assert.ok(Math.abs(shipped.atCommit - 0.893) < Math.abs(fitTable.atCommit - 0.893), `${shipped.atCommit} vs ${fitTable.atCommit}`);
    assert.ok(fitTable.atCommit < 0.893 - 0.004, `fit-table shape gives ${fitTable.atCommit}`);
    // The write p99.9 also favours 3.5 at 1M trials (10.84 vs 11.20 ms; paper 10.83 and 10.73), but at
    // 200k trials its sampling noise (±0.3 ms over seeds) is as large as the difference, so it is not tested.
  });
});
