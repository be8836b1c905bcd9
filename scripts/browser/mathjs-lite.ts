/**
 * The three mathjs functions the library calls, for the browser build only:
 * `fraction` and `bignumber` on the libraries mathjs itself builds them on
 * (fraction.js; decimal.js at mathjs's default 64 digits), and `unit` for
 * the five duration units display converts between, multiplying and
 * dividing in the same order as mathjs's Unit. mathjs whole is 1 MB
 * minified; this keeps the bundle within its budget. When the library no
 * longer imports mathjs for exact arithmetic (issue 10), `unit` is the only
 * part still used.
 */
import Fraction from "fraction.js";
import Decimal from "decimal.js";

const BigNumber = Decimal.clone({ precision: 64, modulo: Decimal.EUCLID });

export function fraction(numerator: bigint | number, denominator: bigint | number): Fraction {
  return new Fraction(numerator, denominator);
}

export function bignumber(value: number | string): Decimal {
  return new BigNumber(value);
}

/** Each unit's value in seconds, as mathjs has it (unit value × prefix value). */
const SECONDS: Readonly<Record<string, number>> = { ms: 1 * 0.001, s: 1, minute: 60, hour: 3600, day: 86400 };

export function unit(value: number, name: string): { toNumber(to: string): number } {
  const from = SECONDS[name];
  if (from === undefined) throw new Error(`mathjs-lite: unknown unit ${name}`);
  const base = value * from;
  return {
    toNumber(to: string): number {
      const factor = SECONDS[to];
      if (factor === undefined) throw new Error(`mathjs-lite: unknown unit ${to}`);
      return base / factor;
    },
  };
}
