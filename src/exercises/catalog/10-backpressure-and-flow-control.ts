/**
 * Exercises of notebook 10 · Backpressure and flow control. Expected answers
 * come from `flow` (Little's law, M/M/1, M/M/1/K after Harchol-Balter,
 * "Performance Modeling and Design of Computer Systems", 2013, ch. 6, 13, 14).
 */
import { littlesLaw, mm1, mm1k } from "../../flow";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** 10.1: a consumer group 12,000 messages behind, consuming 400 messages per second. */
const lag = littlesLaw({ meanInSystem: 12_000, arrivalRatePerSecond: 400 });

/** 10.2: μ = 100/s, λ = 90/s (ρ = 0.9). */
const at90 = mm1({ arrivalRatePerSecond: 90, serviceRatePerSecond: 100 });

/** 10.3: the M/M/1 mean response time from utilization and mean service time, in ms (Infinity at ρ >= 1). */
function meanResponseMs(utilization: number, serviceTimeMs: number): number {
  if (utilization >= 1) return Infinity;
  const mu = 1000 / serviceTimeMs;
  return mm1({ arrivalRatePerSecond: utilization * mu, serviceRatePerSecond: mu }).meanTimeInSystemSeconds * 1000;
}

/** 10.4: λ = 9/s, μ = 10/s; at most 2% dropped and a mean time in system of at most 0.7 s. */
const CHOICE = { arrivalRatePerSecond: 9, serviceRatePerSecond: 10, maxDrop: 0.02, maxMeanSeconds: 0.7 } as const;

function gradeCapacity(answer: unknown): string | undefined {
  if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 1 || answer > 1e6) {
    return `answer K, the most requests the system holds (in service plus waiting), an integer in [1, 1e6]; got ${JSON.stringify(answer)}`;
  }
  const r = mm1k({ arrivalRatePerSecond: CHOICE.arrivalRatePerSecond, serviceRatePerSecond: CHOICE.serviceRatePerSecond, capacity: answer });
  if (r.blockingProbability > CHOICE.maxDrop) {
    return `K=${answer} drops ${(r.blockingProbability * 100).toFixed(2)}% of requests (> 2%): the queue is too short to absorb Poisson bursts`;
  }
  if (r.meanTimeInSystemSeconds > CHOICE.maxMeanSeconds) {
    return `K=${answer} drops only ${(r.blockingProbability * 100).toFixed(2)}% but the mean time in system is ${r.meanTimeInSystemSeconds.toFixed(3)} s (> 0.7 s): every extra slot is more waiting for the requests you accept`;
  }
  return undefined;
}

/** 10.6: a burst of 25/s for 8 s into one consumer at 10/s, starting empty (fluid approximation). */
const BURST = { arrivalRatePerSecond: 25, serviceRatePerSecond: 10, durationSeconds: 8 } as const;
const backlog = (BURST.arrivalRatePerSecond - BURST.serviceRatePerSecond) * BURST.durationSeconds;
const fluidWaitSeconds = backlog / BURST.serviceRatePerSecond;

export const exercises: Exercise[] = [
  {
    id: "10.1",
    title: "Little's law: how long a message spends in a consumer group 12,000 behind at 400 msg/s",
    kind: "compute",
    grade: numberAnswer(lag.meanTimeInSystemSeconds, {
      mistakes: [
        { value: 12_000 * 400, hint: "L = λ·W, so W = L / λ: divide the backlog by the rate, do not multiply" },
        { value: 400 / 12_000, hint: "that is λ / L; W = L / λ (items ÷ items per second = seconds)" },
      ],
    }),
  },
  {
    id: "10.2",
    title: "M/M/1 mean response time at 90% utilization (μ = 100/s), in ms",
    kind: "compute",
    grade: numberAnswer(at90.meanTimeInSystemSeconds * 1000, {
      mistakes: [
        { value: 1000 / 100, hint: "10 ms is the service time alone (1/μ); at ρ = 0.9 requests also wait in the queue: W = 1/(μ − λ)" },
        { value: at90.meanWaitInQueueSeconds * 1000, hint: "that is the wait in the queue (Wq = ρ/(μ − λ)); add the service time itself" },
        { value: at90.meanInSystem, hint: "that is L, the mean number in the system; the response time is W = L/λ" },
      ],
    }),
  },
  {
    id: "10.3",
    title: "implement the hockey stick: M/M/1 mean response time from utilization",
    kind: "implement",
    grade: functionAnswer(
      [
        [0.5, 10],
        [0.8, 10],
        [0.9, 10],
        [0.99, 10],
        [0.75, 4],
        [1, 10],
        [1.5, 10],
      ].map(([utilization, serviceTimeMs]) => {
        const expected = meanResponseMs(utilization!, serviceTimeMs!);
        // No relative tolerance around Infinity: Infinity × 1e-9 would accept any number.
        return { args: [utilization, serviceTimeMs], expected, ...(Number.isFinite(expected) ? { tolerance: 1e-9 } : {}) };
      }),
    ),
  },
  {
    id: "10.4",
    title: "choose a queue capacity K: at most 2% dropped and a mean time in system of at most 0.7 s (λ = 9/s, μ = 10/s)",
    kind: "choose",
    grade: ruleAnswer(gradeCapacity),
  },
  {
    id: "10.5",
    title: "what happens to latency when a queue has no bound and arrivals outpace service",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "there is no plateau: with λ > μ the queue has no steady state (ρ >= 1), and every second adds λ − μ more items",
      b: "right: the backlog grows by λ − μ per second and a new item waits backlog/μ, so latency (and memory) grow with the overload's length until it ends or the process dies",
      c: "throughput is capped at μ by the consumer; the queue only stores the excess, it cannot serve it faster",
      d: "an unbounded queue never drops anything: dropping is what load shedding (a bounded queue) does",
    }),
  },
  {
    id: "10.6",
    title: "fluid approximation: the wait of the last item of a burst of 25/s for 8 s into a 10/s consumer",
    kind: "compute",
    grade: numberAnswer(fluidWaitSeconds, {
      relativeTolerance: 0.01,
      mistakes: [
        { value: backlog, hint: "that is the backlog in items; the wait is the backlog divided by the service rate" },
        {
          value: (BURST.arrivalRatePerSecond * BURST.durationSeconds) / BURST.serviceRatePerSecond,
          hint: "the consumer keeps serving 10/s during the burst: the backlog grows by λ − μ, not λ",
        },
        { value: BURST.durationSeconds, hint: "that is the burst's length; the wait depends on how far λ exceeds μ" },
      ],
    }),
  },
];
