/**
 * Plain data: what a TypeScript literal or JSON can hold exactly.
 */

/**
 * True for an object literal's value: not null, not an array, and a root
 * prototype (any realm's `Object.prototype`) or none.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * True for data a literal can hold exactly: finite numbers, strings,
 * booleans, null, and arrays and plain objects of those.
 * @example isJsonLike({ a: [1, "x", null, true] }) // => true
 * @example isJsonLike([1, Number.NaN]) // => false
 */
export function isJsonLike(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonLike);
  if (isPlainObject(value)) return Object.values(value).every(isJsonLike);
  return false;
}
