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
export function isJsonLike(value: unknown, ancestors: readonly unknown[] = []): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  // A cycle has no literal, and nesting deep enough to overflow the stack is not data.
  if (ancestors.includes(value) || ancestors.length >= 100) return false;
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.every((v) => isJsonLike(v, inner));
  if (isPlainObject(value)) return Object.values(value).every((v) => isJsonLike(v, inner));
  return false;
}
