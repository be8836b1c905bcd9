/**
 * PBS Monte Carlo side by side with numpy, in one run: 1,000,000 WARS
 * trials at R = W = 1, N = 3 and N = 5, with exponential delays (λ =
 * 0.1/ms, against `shared/anchors/pbs_numpy.py`) and with LNKD-DISK
 * (against `anchors/pbs_profile_numpy.py`, the same numpy code with the
 * paper's mixtures). Ours is the public `pbs.tVisibility` on one thread and
 * `pbs.tVisibilityParallel` with 2 workers, at the anchor's single t = 0
 * (and still computing its default latency percentiles and waits, which
 * numpy does not). Each case warms up at full size, then runs 7 rounds of
 * numpy, one thread and 2 workers in turn; it prints medians and the
 * ratios (numpy time / ours: above 1 is faster than numpy), and P(t=0)
 * from both as a check that they simulate the same model.
 * Targets (issue 15): >= 1.5× numpy on one thread, >= 2.5× with 2 workers.
 */
import { tVisibility, tVisibilityParallel, type ProfileName } from "../dist/pbs";
import { anchorsUnavailable, localAnchor, runAnchor, sharedAnchor } from "./anchors";
import { loadLine, median, ratio, timeOnce } from "./timing";

const TRIALS = 1_000_000;
const ROUNDS = 7;

export async function run(): Promise<void> {
  console.log(`${loadLine()} (before)`);
  const missing = anchorsUnavailable();
  const exponentialAnchor = sharedAnchor("pbs_numpy.py");
  if (missing) console.log(`numpy anchors skipped: ${missing}`);
  else if (!exponentialAnchor) console.log("numpy anchor shared/anchors/pbs_numpy.py not found above the checkout: LNKD-DISK only");
  const cases: { label: string; profile?: ProfileName; anchor: string | undefined; args: readonly number[] }[] = [
    { label: "exponential λ=0.1/ms", anchor: exponentialAnchor, args: [0, 0.1, 0.1, 1] },
    { label: "LNKD-DISK", profile: "LNKD-DISK", anchor: localAnchor("pbs_profile_numpy.py"), args: [0, 1] },
  ];
  for (const { label, profile, anchor, args } of cases) {
    for (const n of [3, 5]) {
      const options = { n, r: 1, w: 1, trials: TRIALS, seed: 1, tMs: [0], ...(profile ? { profile } : {}) };
      const p = tVisibility(options).curve[0].probability; // warm-up at full size: V8 optimises the hot loops
      await tVisibilityParallel({ ...options, workers: 2 }); // starts the worker
      const numpy: number[] = [];
      const one: number[] = [];
      const two: number[] = [];
      let numpyP = NaN;
      for (let round = 0; round < ROUNDS; round++) {
        if (!missing && anchor) {
          const [prob, trialsPerSecond] = runAnchor(anchor, [TRIALS, n, 1, 1, ...args]);
          numpyP = Number(prob);
          numpy.push((TRIALS / Number(trialsPerSecond)) * 1000);
        }
        one.push(await timeOnce(() => tVisibility(options)));
        two.push(await timeOnce(() => tVisibilityParallel({ ...options, workers: 2 })));
      }
      const base = `pbs N=${n} R=W=1 ${label}, ${TRIALS.toLocaleString("en-US")} trials (median of ${ROUNDS}):`;
      if (numpy.length === 0) {
        console.log(`${base} ours 1 thread ${median(one).toFixed(0)} ms, 2 workers ${median(two).toFixed(0)} ms; P(t=0) = ${p.toFixed(4)}`);
        continue;
      }
      const ref = median(numpy);
      console.log(
        `${base} numpy ${ref.toFixed(0)} ms; ours 1 thread ${median(one).toFixed(0)} ms (${ratio(ref, median(one))}), ` +
          `2 workers ${median(two).toFixed(0)} ms (${ratio(ref, median(two))}); P(t=0) ours ${p.toFixed(4)}, numpy ${numpyP.toFixed(4)}`,
      );
    }
  }
  console.log(`${loadLine()} (after)`);
}
