/**
 * The one place where validation messages are written.
 *
 * Every public function validates its input at the boundary with these
 * helpers, so every message has the same shape:
 *
 *     quorum.kStaleness: r must be an integer in [1, n=3], got 4
 *
 * `where` is the public name of the function (`namespace.function`), `name`
 * is the parameter as the caller wrote it (`options.r` is written `r`), the
 * middle part says what is allowed, and the end shows the value received.
 * Type problems (a string where a number belongs, NaN) are TypeErrors;
 * a number of the right type outside its range is a RangeError.
 *
 * Internal module: notebooks never import it; it is not re-exported.
 */

/** Bounds of an allowed interval. A bound may carry a label (`n=3`). */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
  /** true when `min` itself is not allowed: (min, …]. */
  readonly minExclusive?: boolean;
  /** true when `max` itself is not allowed: […, max). */
  readonly maxExclusive?: boolean;
  /** How to print `min`, e.g. `"w"` or `"n=3"`; defaults to the number. */
  readonly minLabel?: string;
  /** How to print `max`, e.g. `"n=3"`; defaults to the number. */
  readonly maxLabel?: string;
}

/** Formats a received value for a message: `4`, `NaN`, `"abc"`, `an object`. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  return "an object";
}

/** Describes an interval in words: `in [1, n=3]`, `>= 0`, `> 0`, `in (0, 1)`. */
export function describeBounds(bounds: Bounds): string {
  const { min, max } = bounds;
  const lo = bounds.minLabel ?? (min === undefined ? "" : String(min));
  const hi = bounds.maxLabel ?? (max === undefined ? "" : String(max));
  if (min !== undefined && max !== undefined) {
    return `in ${bounds.minExclusive ? "(" : "["}${lo}, ${hi}${bounds.maxExclusive ? ")" : "]"}`;
  }
  if (min !== undefined) return `${bounds.minExclusive ? ">" : ">="} ${lo}`;
  if (max !== undefined) return `${bounds.maxExclusive ? "<" : "<="} ${hi}`;
  return "";
}

function message(where: string, name: string, expected: string, value: unknown, note?: string): string {
  return `${where}: ${name} must be ${expected}, got ${formatValue(value)}${note === undefined ? "" : ` (${note})`}`;
}

/**
 * Keeps Node from putting the throwing source line in front of the error's
 * stack. An error thrown out of code run with `vm` (every notebook cell in
 * tslab) gets `…/dist/internal/errors.js:105\n  throw …\n  ^\n\n` prepended
 * to its `stack` by assignment; the notebook then shows that instead of
 * `RangeError: quorum.…: r must be …` as the first line. The stack ignores
 * exactly that assignment (a new value that ends with the current one);
 * any other assignment works as usual.
 */
function withPlainStack<E extends Error>(error: E): E {
  let stack = error.stack;
  Object.defineProperty(error, "stack", {
    configurable: true,
    enumerable: false,
    get: () => stack,
    set: (value: string | undefined) => {
      if (!(typeof value === "string" && typeof stack === "string" && value !== stack && value.endsWith(stack))) stack = value;
    },
  });
  return error;
}

/** A RangeError in the house style; `note` is a hint after the value, in parentheses. */
export function rangeError(where: string, name: string, expected: string, value: unknown, note?: string): RangeError {
  return withPlainStack(new RangeError(message(where, name, expected, value, note)));
}

/** A TypeError in the house style. */
export function typeError(where: string, name: string, expected: string, value: unknown): TypeError {
  return withPlainStack(new TypeError(message(where, name, expected, value)));
}

function within(value: number, bounds: Bounds): boolean {
  const { min, max } = bounds;
  if (min !== undefined && (bounds.minExclusive ? !(value > min) : !(value >= min))) return false;
  if (max !== undefined && (bounds.maxExclusive ? !(value < max) : !(value <= max))) return false;
  return true;
}

function expectation(kind: string, bounds: Bounds): string {
  const range = describeBounds(bounds);
  return range ? `${kind} ${range}` : kind;
}

/**
 * A finite number within `bounds`. NaN and ±Infinity are TypeErrors.
 * @example finite("availability.allowedDowntime", "target", 0.999, { min: 0, max: 1 }) // => 0.999
 */
export function finite(where: string, name: string, value: unknown, bounds: Bounds = {}): number {
  const kind = "a finite number";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw typeError(where, name, expectation(kind, bounds), value);
  }
  if (!within(value, bounds)) throw rangeError(where, name, expectation(kind, bounds), value);
  return value;
}

/**
 * The result of a computation, returned as is when every number in it is
 * finite. Inputs that are each finite can still overflow a double together
 * (1e308 × 2) or underflow a divisor (5e-324): then a RangeError names the
 * first field that is not finite, so no Infinity or NaN reaches the caller.
 * Looks into plain objects and arrays, 6 levels deep.
 * @example finiteResult("flow.littlesLaw", { meanInSystem: 2 }) // => { meanInSystem: 2 }
 */
export function finiteResult<T>(where: string, result: T): T {
  const visit = (value: unknown, path: string, depth: number): void => {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw rangeError(where, path, "a finite number (the inputs overflow a double together; use smaller or larger values)", value);
      return;
    }
    if (typeof value !== "object" || value === null || depth > 6) return;
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`, depth + 1));
    else for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, depth + 1);
  };
  visit(result, "result", 0);
  return result;
}

/**
 * An integer within `bounds`. A non-integer number is a RangeError.
 * @example integer("quorum.quorumSize", "replicationFactor", 3, { min: 1 }) // => 3
 */
export function integer(where: string, name: string, value: unknown, bounds: Bounds = {}): number {
  const kind = "an integer";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw typeError(where, name, expectation(kind, bounds), value);
  }
  if (!Number.isInteger(value) || !within(value, bounds)) {
    throw rangeError(where, name, expectation(kind, bounds), value);
  }
  return value;
}

/** A probability in [0, 1] (or a narrower interval given by `bounds`). */
export function probability(where: string, name: string, value: unknown, bounds: Bounds = { min: 0, max: 1 }): number {
  const kind = "a probability";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw typeError(where, name, expectation(kind, bounds), value);
  }
  if (!within(value, bounds)) throw rangeError(where, name, expectation(kind, bounds), value);
  return value;
}

/**
 * A ratio (a fraction such as 0.999) within `bounds`, default [0, 1]. A
 * value that would fit as a percent gets a hint: `(a percent? write 0.999)`.
 * @example ratio("parameters.check", "sloTarget", 0.999, { min: 0, max: 1, minExclusive: true, maxExclusive: true }) // => 0.999
 */
export function ratio(where: string, name: string, value: unknown, bounds: Bounds = { min: 0, max: 1 }): number {
  const kind = "a ratio";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw typeError(where, name, expectation(kind, bounds), value);
  }
  if (!within(value, bounds)) {
    const asRatio = Number((value / 100).toPrecision(12));
    const note = value > 1 && value <= 100 && within(asRatio, bounds) ? `a percent? write ${asRatio}` : undefined;
    throw rangeError(where, name, expectation(kind, bounds), value, note);
  }
  return value;
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(where: string, name: string, value: unknown, options: readonly T[]): T {
  const expected = `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`;
  if (typeof value !== "string") throw typeError(where, name, expected, value);
  if (!(options as readonly string[]).includes(value)) throw rangeError(where, name, expected, value);
  return value as T;
}

/** A boolean. */
export function boolean(where: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw typeError(where, name, "a boolean", value);
  return value;
}

/** A string that is not empty. */
export function nonEmptyString(where: string, name: string, value: unknown): string {
  if (typeof value !== "string") throw typeError(where, name, "a non-empty string", value);
  if (value.length === 0) throw rangeError(where, name, "a non-empty string", value);
  return value;
}

/** A plain object (for option bags). */
export function object<T extends object>(where: string, name: string, value: T | unknown): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw typeError(where, name, "an object", value);
  }
  return value as T;
}

/**
 * An array with a length within `bounds` (default: at least one element)
 * and no holes (`[1, , 3]` or `new Array(3)`: a hole would read as
 * `undefined` in one loop and be skipped by the next). Elements are
 * checked by the caller, naming them `name[i]`.
 */
export function array<T>(where: string, name: string, value: unknown, bounds: Bounds = { min: 1 }): readonly T[] {
  const expected = `an array with length ${describeBounds(bounds)}`;
  if (!Array.isArray(value)) throw typeError(where, name, expected, value);
  if (!within(value.length, bounds)) throw rangeError(where, name, expected, value);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw typeError(where, `${name}[${i}]`, "a value (the array has a hole here)", undefined);
  }
  return value as readonly T[];
}

/**
 * The own property `key` of a record, or undefined: never a value
 * inherited from `Object.prototype`, so a user-chosen name such as
 * `constructor`, `toString` or `__proto__` reads as absent unless the
 * record really has it.
 * @example ownValue({ A: 1 }, "constructor") // => undefined
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * A plain object built from entries as own data properties, so a key
 * named `__proto__` becomes a property rather than replacing the
 * prototype (assignment `out[key] = v` would).
 * @example Object.keys(recordOf([["__proto__", 1]])) // => ["__proto__"]
 */
export function recordOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  return Object.fromEntries(entries) as Record<string, V>;
}
