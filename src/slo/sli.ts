/**
 * Service level indicators and their objectives, each with a declared
 * direction: whether a higher measured value is better (availability,
 * throughput) or worse (latency, freshness, error rate).
 *
 * The definitions are the course text's (§5 "Real-World SLOs": the data
 * pipeline's `SLOs` dictionary), plus the error-rate SLO from its list of
 * examples ("Error rate < 0.1%"). Compliance follows the declared direction,
 * and a value exactly on the target complies, as in the course's `<=`/`>=`.
 *
 * The course's `check_slo_compliance` treats every SLI other than
 * availability as lower-is-better, so a pipeline processing 12,000 records/s
 * against a 10,000 records/s throughput target "violates" its SLO.
 * {@link courseCheckCompliance} reproduces that logic for comparison and
 * {@link explainComplianceBug} shows where it goes wrong.
 */
import { array, finite, nonEmptyString, object, oneOf } from "../internal/errors";

/** Whether a larger measured value is better or worse. */
export type SliDirection = "higher-is-better" | "lower-is-better";

/** An SLI with its objective. */
export interface SliDefinition {
  /** Identifier, e.g. `"latency_p95"`. */
  readonly name: string;
  /** The measurement, as the course writes it (PromQL). */
  readonly query: string;
  /** The objective's threshold, in `unit`. */
  readonly target: number;
  /** Unit of the measured value and target. */
  readonly unit: string;
  readonly direction: SliDirection;
  /** Where the definition comes from. */
  readonly source: string;
}

const COURSE = "course §5 Real-World SLOs";

/**
 * The course's pipeline SLIs: p50 latency <= 60 s, p95 latency <= 300 s,
 * availability >= 0.999, freshness <= 900 s, throughput >= 10,000 records/s,
 * and error rate <= 0.001 (course §5 "SLO" examples: "Error rate < 0.1%").
 */
export const COURSE_SLIS: Readonly<Record<"latency_p50" | "latency_p95" | "availability" | "freshness" | "throughput" | "error_rate", SliDefinition>> = {
  latency_p50: { name: "latency_p50", query: "histogram_quantile(0.50, pipeline_duration_seconds)", target: 60, unit: "seconds", direction: "lower-is-better", source: COURSE },
  latency_p95: { name: "latency_p95", query: "histogram_quantile(0.95, pipeline_duration_seconds)", target: 300, unit: "seconds", direction: "lower-is-better", source: COURSE },
  availability: { name: "availability", query: "sum(pipeline_success) / sum(pipeline_total)", target: 0.999, unit: "ratio", direction: "higher-is-better", source: COURSE },
  freshness: { name: "freshness", query: "time() - pipeline_last_success_timestamp", target: 900, unit: "seconds", direction: "lower-is-better", source: COURSE },
  throughput: { name: "throughput", query: "rate(pipeline_records_processed[5m])", target: 10_000, unit: "records_per_second", direction: "higher-is-better", source: COURSE },
  error_rate: { name: "error_rate", query: "sum(pipeline_failed) / sum(pipeline_total)", target: 0.001, unit: "ratio", direction: "lower-is-better", source: "course §5 SLO examples (\"Error rate < 0.1%\")" },
};

/**
 * Builds and checks an SLI definition.
 * @param options.name identifier, non-empty
 * @param options.query how the SLI is measured, non-empty
 * @param options.target the objective's threshold, finite (a ratio target must be in [0, 1])
 * @param options.unit unit of value and target, non-empty
 * @param options.direction "higher-is-better" or "lower-is-better"
 * @param options.source where the definition comes from; default "user"
 * @throws TypeError/RangeError for a missing field, an unknown direction or a non-finite target
 * @example defineSli({ name: "p99", query: "histogram_quantile(0.99, x)", target: 1, unit: "seconds", direction: "lower-is-better" }).direction
 *   // => "lower-is-better"
 */
export function defineSli(options: {
  name: string;
  query: string;
  target: number;
  unit: string;
  direction: SliDirection;
  source?: string;
}): SliDefinition {
  const where = "slo.defineSli";
  object(where, "options", options);
  const name = nonEmptyString(where, "name", options.name);
  const query = nonEmptyString(where, "query", options.query);
  const unit = nonEmptyString(where, "unit", options.unit);
  const target = unit === "ratio" ? finite(where, "target", options.target, { min: 0, max: 1 }) : finite(where, "target", options.target);
  const direction = oneOf(where, "direction", options.direction, ["higher-is-better", "lower-is-better"] as const);
  const source = options.source === undefined ? "user" : nonEmptyString(where, "source", options.source);
  return { name, query, target, unit, direction, source };
}

/** The verdict for one measured value. */
export interface ComplianceResult {
  readonly sli: string;
  readonly value: number;
  readonly target: number;
  readonly unit: string;
  readonly direction: SliDirection;
  /** True when the value is on the good side of the target or exactly on it. */
  readonly compliant: boolean;
  /**
   * Distance to the target on the good side, in `unit`: positive when
   * compliant with room to spare, negative when violated, 0 on the target.
   */
  readonly margin: number;
}

/**
 * Whether a measured SLI value meets its objective, following the SLI's
 * declared direction: higher-is-better needs value >= target, lower-is-better
 * needs value <= target.
 * @param sli an SLI definition (see {@link COURSE_SLIS}, {@link defineSli})
 * @param value the measured value in the SLI's unit, finite
 * @throws TypeError/RangeError for a malformed definition or a non-finite value
 * @example checkCompliance(COURSE_SLIS.throughput, 12_000).compliant // => true
 */
export function checkCompliance(sli: SliDefinition, value: number): ComplianceResult {
  const where = "slo.checkCompliance";
  const def = checkDefinition(where, sli);
  const v = finite(where, "value", value);
  const margin = def.direction === "higher-is-better" ? v - def.target : def.target - v;
  return { sli: def.name, value: v, target: def.target, unit: def.unit, direction: def.direction, compliant: margin >= 0, margin };
}

/**
 * The course's `check_slo_compliance`, reproduced with its bug so that a
 * notebook can show it: availability complies when value >= target, and
 * every other SLI when value <= target, whatever its direction. Do not use
 * this to judge an SLO; use {@link checkCompliance}.
 * @param sli an SLI definition; only its name and target are used, as in the course
 * @param value the measured value, finite
 * @returns what the course's function would return
 * @throws TypeError/RangeError for a malformed definition or a non-finite value
 * @example courseCheckCompliance(COURSE_SLIS.throughput, 12_000) // => false (the bug)
 */
export function courseCheckCompliance(sli: SliDefinition, value: number): boolean {
  const where = "slo.courseCheckCompliance";
  const def = checkDefinition(where, sli);
  return courseVerdict(def, finite(where, "value", value));
}

/** The course's rule: `>=` for the SLI named availability, `<=` for every other one. */
function courseVerdict(def: SliDefinition, value: number): boolean {
  return def.name === "availability" ? value >= def.target : value <= def.target;
}

/** One SLI's verdict from the course's logic and from the declared direction. */
export interface ComplianceBugRow {
  readonly sli: string;
  readonly direction: SliDirection;
  readonly target: number;
  readonly value: number;
  readonly unit: string;
  /** The course's `check_slo_compliance` verdict. */
  readonly courseSays: boolean;
  /** The verdict that follows the SLI's direction. */
  readonly correct: boolean;
  /** True when the course gets this one wrong. */
  readonly differs: boolean;
  /** A sentence for the notebook. */
  readonly explanation: string;
}

/**
 * Compares the course's `check_slo_compliance` with direction-aware
 * compliance on measured values, and explains each disagreement. The default
 * measurements are the course's SLIs with throughput at 12,000 records/s,
 * 20% above its 10,000 records/s target, which the course calls a violation.
 * @param measurements SLI and measured value pairs; default one healthy value per course SLI
 * @throws TypeError/RangeError for a malformed definition or a non-finite value
 * @example explainComplianceBug().filter((r) => r.differs).map((r) => r.sli) // => ["throughput"]
 */
export function explainComplianceBug(
  measurements: readonly { sli: SliDefinition; value: number }[] = [
    { sli: COURSE_SLIS.latency_p50, value: 42 },
    { sli: COURSE_SLIS.latency_p95, value: 240 },
    { sli: COURSE_SLIS.availability, value: 0.9995 },
    { sli: COURSE_SLIS.freshness, value: 600 },
    { sli: COURSE_SLIS.throughput, value: 12_000 },
    { sli: COURSE_SLIS.error_rate, value: 0.0004 },
  ],
): ComplianceBugRow[] {
  const where = "slo.explainComplianceBug";
  return array<{ sli: SliDefinition; value: number }>(where, "measurements", measurements, { min: 0 }).map((m, i) => {
    object(where, `measurements[${i}]`, m);
    const def = checkDefinition(where, m.sli, `measurements[${i}].sli`);
    const value = finite(where, `measurements[${i}].value`, m.value);
    const courseSays = courseVerdict(def, value);
    const correct = checkCompliance(def, value).compliant;
    const comparison = def.direction === "higher-is-better" ? ">=" : "<=";
    const explanation = courseSays === correct
      ? `${def.name}: both agree (${correct ? "compliant" : "violated"}); ${def.direction} needs value ${comparison} ${def.target}.`
      : `${def.name}: the course compares value <= target for every SLI but availability, so ${value} ${def.unit} against ${def.target} is called ${courseSays ? "compliant" : "a violation"}; ${def.name} is ${def.direction}, so it is ${correct ? "compliant" : "violated"} (needs value ${comparison} ${def.target}).`;
    return { sli: def.name, direction: def.direction, target: def.target, value, unit: def.unit, courseSays, correct, differs: courseSays !== correct, explanation };
  });
}

function checkDefinition(where: string, sli: unknown, name = "sli"): SliDefinition {
  const def = object<SliDefinition>(where, name, sli);
  nonEmptyString(where, `${name}.name`, def.name);
  nonEmptyString(where, `${name}.unit`, def.unit);
  finite(where, `${name}.target`, def.target);
  oneOf(where, `${name}.direction`, def.direction, ["higher-is-better", "lower-is-better"] as const);
  return def;
}
