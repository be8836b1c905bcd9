/**
 * PBS Monte Carlo throughput: 1,000,000 WARS trials through the public
 * `pbs.tVisibility` (sampling, commit/read order statistics, the
 * t-visibility curve at 8 t values, 3 consistency targets and 4 read and 4
 * write latency percentiles), for N=3 and N=5 with R=W=1, with exponential
 * (λ=0.1/ms) delays and the LNKD-DISK profile. Best of 3 wall times.
 * Target (issue 2): 1,000,000 trials at N=3 in under 0.2 s.
 */
import { tVisibility, type ProfileName } from "../src/pbs";
import { bestOf } from "./timing";

const TRIALS = 1_000_000;

export function run(): void {
  tVisibility({ n: 3, r: 1, w: 1, trials: 50_000 }); // warm-up: let V8 optimise the hot loop
  const cases: { label: string; profile?: ProfileName }[] = [
    { label: "exponential λ=0.1/ms" },
    { label: "LNKD-DISK", profile: "LNKD-DISK" },
  ];
  for (const { label, profile } of cases) {
    for (const n of [3, 5]) {
      let p0 = 0;
      const ms = bestOf(3, () => {
        const result = tVisibility({ n, r: 1, w: 1, trials: TRIALS, seed: 1, ...(profile ? { profile } : {}) });
        p0 = result.curve[0].probability;
      });
      const perSecond = (TRIALS / ms) * 1000;
      console.log(
        `pbs.tVisibility N=${n} R=W=1 ${label}: ${TRIALS.toLocaleString("en-US")} trials in ${ms.toFixed(0)} ms ` +
          `(${(perSecond / 1e6).toFixed(2)} M trials/s), P(consistent at t=0) = ${p0.toFixed(4)}`,
      );
    }
  }
}
