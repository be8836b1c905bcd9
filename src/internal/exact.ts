/**
 * Exact arithmetic shared by the domains: decimals read as the caller wrote
 * them (so that 1 − 0.999 is 0.001, not 0.0010000000000000009) and
 * fractions of big integers rounded once to a double.
 *
 * Decimals come from decimal.js, the library mathjs's BigNumber is built on,
 * at mathjs's default precision of 64 significant digits, so the answers are
 * the ones mathjs gave before without loading mathjs (1,000 modules, ~1 s).
 * Not re-exported: notebooks never import it.
 */
import type DecimalJs from "decimal.js";

/** A decimal.js number. */
export type Decimal = DecimalJs;

let Decimal64: typeof DecimalJs | undefined;

/**
 * A double as the decimal it prints as: `decimal(0.999)` is exactly 0.999.
 * decimal.js, at 64 significant digits (mathjs's BigNumber precision), is
 * loaded on the first call, so importing the library does not pay for it.
 * @param value a finite number (or a decimal string)
 * @returns the shortest decimal that round-trips to `value`
 * @example decimal(0.999).toString() // => "0.999"
 */
export function decimal(value: number | string): Decimal {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  Decimal64 ??= (require("decimal.js") as typeof DecimalJs).clone({ precision: 64 });
  return new Decimal64(typeof value === "number" ? String(value) : value);
}

/**
 * 1 − value, computed on the decimal `value` prints as and rounded once:
 * an availability target's or an SLO's complement, the downtime or error
 * budget fraction. 1 − 0.9995 is 0.0005 here, 0.0004999999999999449 in
 * floating point.
 * @param value a finite number (a ratio, usually in [0, 1])
 * @returns 1 − value, the nearest double to the exact decimal difference
 * @example complement(0.999) // => 0.001
 * @example complement(0.9995) // => 0.0005
 */
export function complement(value: number): number {
  return decimal(1).minus(decimal(value)).toNumber();
}

/** Greatest common divisor of two non-negative big integers. */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The bit length of a non-negative big integer, rounded up to a multiple of 4. */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(16).length * 4;
}

/**
 * num / den (num >= 0, den > 0) to the double nearest the exact quotient
 * (ties to even), even when both are far beyond Number's range (where
 * Number(num) / Number(den) would be Infinity / Infinity = NaN).
 *
 * The quotient is taken to at least 60 bits and the remainder folded into
 * its lowest bit (a sticky bit), so the one rounding in Number() rounds as
 * the exact quotient would; the scaling by a power of two after it is exact
 * unless the result is subnormal (below 2.2e-308).
 * @example ratioToNumber(2n, 3n) // => 0.6666666666666666
 */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = bitLength(den) - bitLength(num) + 64;
  const n = shift >= 0 ? num << BigInt(shift) : num;
  const d = shift >= 0 ? den : den << BigInt(-shift);
  const quotient = n / d;
  const sticky = n % d === 0n ? 0n : 1n;
  // quotient has at least 60 significant bits, so its lowest bit lies below
  // the rounding position and can carry "the remainder was not zero".
  const scaled = Number(quotient | sticky);
  // Scale back in two steps so that 2 ** shift itself never overflows.
  const half = Math.trunc(shift / 2);
  return (scaled * 2 ** -half) * 2 ** -(shift - half);
}
