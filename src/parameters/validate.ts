/**
 * Checking a value against its declaration: the declared type, then the
 * rule of the trailing comment. Every message is written by
 * `internal/errors.ts`, in one line that names the parameter, what is
 * allowed and the value received:
 *
 *     parameters.check: replicationFactor must be an integer in [1, 9], got 20
 *     parameters.check: sloTarget must be a ratio in (0, 1), got 99.9 (a percent? write 0.999)
 */
import { array, boolean, finite, formatValue, integer, oneOf, rangeError, ratio, typeError, type Bounds } from "../internal/errors";
import { isJsonLike, isPlainObject } from "../internal/json";
import type { ElementType, NotebookParameter } from "./declaration";
import type { Bound, ParameterRule } from "./rule";

/** The bounds of a rule, with parameter names replaced by their values (`[1, replicationFactor=3]`). */
function resolveBounds(rule: ParameterRule, values: Readonly<Record<string, unknown>>): Bounds {
  const bounds: { -readonly [K in keyof Bounds]: Bounds[K] } = {};
  const resolve = (b: Bound): { value: number; label?: string } | undefined => {
    if (typeof b === "number") return { value: b };
    const v = values[b];
    return typeof v === "number" && Number.isFinite(v) ? { value: v, label: `${b}=${formatValue(v)}` } : undefined;
  };
  if (rule.scale !== undefined && rule.min === undefined && rule.max === undefined) {
    return { min: 0, max: rule.scale === "ratio" ? 1 : 100 };
  }
  const min = rule.min === undefined ? undefined : resolve(rule.min);
  const max = rule.max === undefined ? undefined : resolve(rule.max);
  if (min) {
    bounds.min = min.value;
    if (min.label) bounds.minLabel = min.label;
    if (rule.minExclusive) bounds.minExclusive = true;
  }
  if (max) {
    bounds.max = max.value;
    if (max.label) bounds.maxLabel = max.label;
    if (rule.maxExclusive) bounds.maxExclusive = true;
  }
  return bounds;
}

/** One scalar (a parameter, or an element of an array or object parameter). */
function checkScalar(where: string, label: string, type: ElementType, rule: ParameterRule, value: unknown, values: Readonly<Record<string, unknown>>): void {
  if (type === "boolean") {
    boolean(where, label, value);
    return;
  }
  if (type === "string") {
    if (rule.choices) oneOf(where, label, value, rule.choices.map(String));
    else if (typeof value !== "string") throw typeError(where, label, "a string", value);
    return;
  }
  if (rule.choices) {
    const expected = `one of ${rule.choices.join(", ")}`;
    if (typeof value !== "number" || !Number.isFinite(value)) throw typeError(where, label, expected, value);
    if (!rule.choices.includes(value)) throw rangeError(where, label, expected, value);
  }
  const bounds = resolveBounds(rule, values);
  if (rule.integer) integer(where, label, value, bounds);
  else if (rule.scale === "ratio") ratio(where, label, value, bounds);
  else finite(where, label, value, bounds);
}

const KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * Checks one parameter's value against its declaration.
 * @param where the caller, as the message starts (`parameters.check`, `tradeoff-lab run`)
 * @param label how the message names the parameter (`sloTarget`, `parameters.sloTarget`)
 * @param p the declaration
 * @param value the value received
 * @param values every parameter's value, for bounds that name another parameter
 * @throws TypeError for a value of the wrong type, RangeError for one outside the rule
 * @example checkParameter("parameters.check", "sloTarget", sloTargetDeclaration, 99.9, {})
 * // throws RangeError: parameters.check: sloTarget must be a ratio in (0, 1), got 99.9 (a percent? write 0.999)
 */
export function checkParameter(where: string, label: string, p: NotebookParameter, value: unknown, values: Readonly<Record<string, unknown>>): void {
  const rule = p.rule;
  switch (p.type) {
    case "number":
    case "string":
    case "boolean":
      checkScalar(where, label, p.type, rule, value, values);
      return;
    case "array": {
      const lengths: { -readonly [K in keyof Bounds]: Bounds[K] } = { min: rule.lengthMin ?? 0 };
      if (rule.lengthMax !== undefined) lengths.max = rule.lengthMax;
      const items = array(where, label, value, lengths);
      const element = p.elementType;
      items.forEach((item, i) => {
        if (element) checkScalar(where, `${label}[${i}]`, element, rule, item, values);
        else if (!isJsonLike(item)) throw typeError(where, `${label}[${i}]`, "JSON-like data", item);
      });
      return;
    }
    case "object": {
      if (!isPlainObject(value)) throw typeError(where, label, "an object", value);
      for (const [key, item] of Object.entries(value)) {
        const name = KEY.test(key) ? `${label}.${key}` : `${label}[${JSON.stringify(key)}]`;
        if (p.elementType) checkScalar(where, name, p.elementType, rule, item, values);
        else if (!isJsonLike(item)) throw typeError(where, name, "JSON-like data", item);
      }
      return;
    }
  }
}
