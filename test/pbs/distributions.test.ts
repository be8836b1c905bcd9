import { strict as assert } from "node:assert";
import fc from "fast-check";
import { compile, fillDelays, samplerScratch } from "../../src/pbs/distributions";
import { fillExponential, fillUint32, streamState } from "../../src/internal/random";
import {
  constantDelay,
  exponential,
  exponentialProfile,
  mixture,
  pareto,
  profile,
  profileNames,
  sampleDelays,
  shifted,
  type Distribution,
  type ProfileName,
} from "../../src/pbs";

const near = (actual: number, expected: number, tolerance: number, what = ""): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} not within ${tolerance} of ${expected}`);

describe("pbs/distributions", () => {
  it("sampleDelays({distribution: exponential(0.1)}) has mean 10 ms and P(X > 20) = e^-2", () => {
    const xs = sampleDelays({ distribution: exponential(0.1), count: 100_000, seed: 3 });
    near(xs.reduce((s, x) => s + x, 0) / xs.length, 10, 0.15, "mean");
    near(xs.filter((x) => x > 20).length / xs.length, Math.exp(-2), 0.004, "tail");
    assert.ok(xs.every((x) => x >= 0 && Number.isFinite(x)));
  });
  it("sampleDelays({distribution: pareto(1.05, 1.51)}) has minimum 1.05 and P(X > 2.1) = 2^-1.51", () => {
    const xs = sampleDelays({ distribution: pareto(1.05, 1.51), count: 100_000, seed: 4 });
    assert.ok(Math.min(...xs) >= 1.05);
    near(xs.filter((x) => x > 2.1).length / xs.length, 2 ** -1.51, 0.004, "tail");
  });
  it("sampleDelays() of a mixture of constants picks each component with its weight", () => {
    const d = mixture([
      { weight: 0.25, distribution: constantDelay(1) },
      { weight: 0.75, distribution: shifted(2, constantDelay(1)) },
    ]);
    const xs = sampleDelays({ distribution: d, count: 40_000, seed: 5 });
    assert.deepEqual([...new Set(xs)].sort(), [1, 3]);
    near(xs.filter((x) => x === 1).length / xs.length, 0.25, 0.01, "share of 1");
  });
  it("sampleDelays() of the LNKD-DISK write mixture matches its mixture CDF at 5 ms", () => {
    // P(W <= 5) = 0.38 (1 − (1.05/5)^1.51) + 0.62 (1 − e^(−0.183·5)), Bailis et al. VLDB 2012 fit.
    const expected = 0.38 * (1 - (1.05 / 5) ** 1.51) + 0.62 * (1 - Math.exp(-0.183 * 5));
    const xs = sampleDelays({ distribution: profile("LNKD-DISK").w, count: 100_000, seed: 6 });
    near(xs.filter((x) => x <= 5).length / xs.length, expected, 0.005, "CDF");
  });
  it("sampleDelays() with the same seed gives the same draws", () => {
    const d = profile("YMMR").w;
    assert.deepEqual(sampleDelays({ distribution: d, count: 50, seed: 9 }), sampleDelays({ distribution: d, count: 50, seed: 9 }));
    assert.notDeepEqual(sampleDelays({ distribution: d, count: 50, seed: 9 }), sampleDelays({ distribution: d, count: 50, seed: 10 }));
  });
  it("profile() returns the paper's fits from data/pbs-profiles.json (Bailis et al., VLDB 2012)", () => {
    assert.deepEqual(profileNames(), ["LNKD-SSD", "LNKD-DISK", "YMMR", "WAN"]);
    const ssdMessage = mixture([
      { weight: 0.9122, distribution: pareto(0.235, 10) },
      { weight: 0.0878, distribution: exponential(1.66) },
    ]);
    const diskWrite = mixture([
      { weight: 0.38, distribution: pareto(1.05, 1.51) },
      { weight: 0.62, distribution: exponential(0.183) },
    ]);
    const ssd = profile("LNKD-SSD");
    for (const d of [ssd.w, ssd.a, ssd.r, ssd.s]) assert.deepEqual(d, ssdMessage);
    const disk = profile("LNKD-DISK");
    assert.deepEqual(disk.w, diskWrite);
    for (const d of [disk.a, disk.r, disk.s]) assert.deepEqual(d, ssdMessage);
    const ymmr = profile("YMMR");
    assert.deepEqual(
      ymmr.w,
      mixture([
        // 3.5 as in the authors' simulator and the paper's results; the fit table prints 3.35 (data/pbs-profiles.md).
        { weight: 0.939, distribution: pareto(3, 3.5) },
        { weight: 0.061, distribution: exponential(0.0028) },
      ]),
    );
    const ymmrOther = mixture([
      { weight: 0.982, distribution: pareto(1.5, 3.8) },
      { weight: 0.018, distribution: exponential(0.0217) },
    ]);
    for (const d of [ymmr.a, ymmr.r, ymmr.s]) assert.deepEqual(d, ymmrOther);
    const wan = profile("WAN");
    assert.deepEqual([wan.w, wan.a, wan.r, wan.s], [disk.w, disk.a, disk.r, disk.s]);
    assert.deepEqual(wan.wan, { remoteDelayMs: 75, clients: "random" });
  });
  it("exponentialProfile() is the PBS demo's default: every delay Exp(0.1/ms)", () => {
    const p = exponentialProfile();
    for (const d of [p.w, p.a, p.r, p.s]) assert.deepEqual(d, { type: "exponential", rate: 0.1 });
  });
  it("the distribution builders reject bad input with the exact message", () => {
    assert.throws(() => exponential(0), {
      name: "RangeError",
      message: "pbs.exponential: rate must be a finite number in [1e-9, 1000000000], got 0",
    });
    assert.throws(() => exponential(NaN), {
      name: "TypeError",
      message: "pbs.exponential: rate must be a finite number in [1e-9, 1000000000], got NaN",
    });
    assert.throws(() => pareto(-1, 2), {
      name: "RangeError",
      message: "pbs.pareto: scale must be a finite number in (0, 1000000000], got -1",
    });
    assert.throws(() => pareto(1, 0.05), {
      name: "RangeError",
      message: "pbs.pareto: shape must be a finite number in [0.1, 1000000], got 0.05",
    });
    assert.throws(() => constantDelay(-5), {
      name: "RangeError",
      message: "pbs.constantDelay: valueMs must be a finite number in [0, 1000000000], got -5",
    });
    assert.throws(() => shifted(-75, exponential(1)), {
      name: "RangeError",
      message: "pbs.shifted: offsetMs must be a finite number in [0, 1000000000], got -75",
    });
    assert.throws(() => shifted(75, { type: "gamma" } as unknown as Distribution), {
      name: "RangeError",
      message: 'pbs.shifted: base.type must be one of "exponential", "pareto", "constant", "shifted", "mixture", got "gamma"',
    });
    assert.throws(() => exponentialProfile(-0.1), {
      name: "RangeError",
      message: "pbs.exponentialProfile: rate must be a finite number in [1e-9, 1000000000], got -0.1",
    });
  });
  it("mixture() rejects weights that do not sum to 1, and bad components, with the exact message", () => {
    assert.throws(() => mixture([{ weight: 0.5, distribution: constantDelay(1) }]), {
      name: "RangeError",
      message: "pbs.mixture: the sum of components[].weight must be 1 (within 1e-9), got 0.5",
    });
    assert.throws(() => mixture([{ weight: 1, distribution: { type: "mixture", components: [{ weight: 2, distribution: constantDelay(1) }] } }]), {
      name: "RangeError",
      message: "pbs.mixture: components[0].distribution.components[0].weight must be a finite number in (0, 1], got 2",
    });
    assert.throws(() => mixture([]), {
      name: "RangeError",
      message: "pbs.mixture: components must be an array with length >= 1, got an array of length 0",
    });
    assert.throws(() => mixture([{ weight: 1, distribution: { type: "pareto", scale: 1, shape: "2" } as never }]), {
      name: "TypeError",
      message:
        'pbs.mixture: components[0].distribution.shape must be a finite number in [0.1, 1000000], got "2"',
    });
  });
  it("profile() returns a copy: editing it does not change the next call", () => {
    const edited = profile("LNKD-DISK") as { w: Distribution };
    edited.w = constantDelay(1);
    assert.equal(profile("LNKD-DISK").w.type, "mixture");
  });
  it("profile() and sampleDelays() reject bad input with the exact message", () => {
    assert.throws(() => profile("LNKD" as ProfileName), {
      name: "RangeError",
      message: 'pbs.profile: name must be one of "LNKD-SSD", "LNKD-DISK", "YMMR", "WAN", got "LNKD"',
    });
    assert.throws(() => sampleDelays({ distribution: exponential(1), count: 0, seed: 1 }), {
      name: "RangeError",
      message: "pbs.sampleDelays: count must be an integer in [1, 10000000], got 0",
    });
    assert.throws(() => sampleDelays({ distribution: exponential(1), count: 10, seed: 1.5 }), {
      name: "RangeError",
      message: "pbs.sampleDelays: seed must be an integer in [-9007199254740991, 9007199254740991], got 1.5",
    });
  });
  it("fillDelays() gives, bit for bit, each delay's own component applied to its Exp(1) variate, for mixtures of 1 to 4 parts (property)", () => {
    const part = fc.oneof(
      fc.double({ min: 0.01, max: 10, noNaN: true }).map((rate) => exponential(rate)),
      fc.record({ scale: fc.double({ min: 0.1, max: 5, noNaN: true }), shape: fc.double({ min: 0.5, max: 10, noNaN: true }) }).map((p) => pareto(p.scale, p.shape)),
      fc.integer({ min: 0, max: 50 }).map((ms) => constantDelay(ms)),
    );
    const offsetPart = fc.tuple(part, fc.integer({ min: 0, max: 3 })).map(([d, ms]) => (ms === 0 ? d : shifted(ms, d)));
    const parts = fc.array(fc.tuple(offsetPart, fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, fc.integer(), fc.integer({ min: 1, max: 700 }), (list, seed, count) => {
        const total = list.reduce((s, [, w]) => s + w, 0);
        const d: Distribution = list.length === 1 ? list[0][0] : mixture(list.map(([distribution, w]) => ({ weight: w / total, distribution })));
        const c = compile(d);
        const out = new Float64Array(count);
        fillDelays(c, streamState(seed, 0), out, count, samplerScratch(count), new Float64Array(count));
        // The reference: the same draws (uniforms first when there are parts to pick, then the Exp(1) column), one delay at a time.
        const state = streamState(seed, 0);
        const uniforms = new Uint32Array(count);
        if (c.count > 1) fillUint32(state, uniforms);
        const e = new Float64Array(count);
        fillExponential(state, e, count, 1, 0, new Int32Array(2 * count), new Float64Array(count));
        for (let i = 0; i < count; i++) {
          let k = 0;
          while (k < c.count - 1 && uniforms[i] / 2 ** 32 >= c.cumulative[k]) k++;
          const base = c.kind[k] === 0 ? e[i] * c.p1[k] : c.kind[k] === 1 ? c.p1[k] * Math.exp(e[i] * c.p2[k]) : c.p1[k];
          assert.ok(Object.is(out[i], base + c.offset[k]), `delay ${i} of ${count}: ${out[i]} !== ${base + c.offset[k]}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
