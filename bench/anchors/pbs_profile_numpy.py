#!/usr/bin/python3
"""The WARS Monte Carlo of ../../../shared/anchors/pbs_numpy.py (Bailis et al.,
VLDB 2012) with the paper's fitted LNKD-DISK delays instead of exponentials:
each message delay is a Pareto/exponential mixture (data/pbs-profiles.json).
Everything after the sampling is the anchor's code, line for line, so that
`npm run bench` can compare the project's LNKD-DISK run with numpy's.
usage: pbs_profile_numpy.py TRIALS N R W T_MS [seed]
prints: p_consistent trials_per_second
"""
import sys, time
import numpy as np

# LNKD-DISK (Bailis et al. Table 3): (weight of the Pareto part, x_m ms, alpha, exponential rate per ms)
LNKD_DISK_W = (0.38, 1.05, 1.51, 0.183)
LNKD_DISK_ARS = (0.9122, 0.235, 10.0, 1.66)

def mixture(rng, shape, part):
    weight, scale, alpha, rate = part
    pareto = scale * (1 + rng.pareto(alpha, shape))          # classical Pareto: x_m (1 + Lomax)
    exponential = rng.exponential(1 / rate, shape)
    return np.where(rng.random(shape) < weight, pareto, exponential)

def t_visibility(trials, n, r, w, t, seed=1):
    rng = np.random.default_rng(seed)
    W = mixture(rng, (trials, n), LNKD_DISK_W)
    A = mixture(rng, (trials, n), LNKD_DISK_ARS)
    R = mixture(rng, (trials, n), LNKD_DISK_ARS)
    S = mixture(rng, (trials, n), LNKD_DISK_ARS)
    wt = np.partition(W + A, w - 1, axis=1)[:, w - 1]          # commit time: W-th fastest ack
    rs = R + S
    order = np.argsort(rs, axis=1)[:, :r]                        # first R responders
    Rr = np.take_along_axis(R, order, axis=1)
    Wr = np.take_along_axis(W, order, axis=1)
    ok = (wt[:, None] + t + Rr >= Wr).any(axis=1)                # replica saw write before read arrived
    return ok.mean()

if __name__ == "__main__":
    a = sys.argv[1:]
    trials, n, r, w, t = int(a[0]), int(a[1]), int(a[2]), int(a[3]), float(a[4])
    seed = int(a[5]) if len(a) > 5 else 1
    t0 = time.perf_counter()
    p = t_visibility(trials, n, r, w, t, seed)
    dt = time.perf_counter() - t0
    print(f"{p:.5f} {trials/dt:.0f}")
