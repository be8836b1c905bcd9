/**
 * The one mathjs function the library calls, for the browser build only:
 * `unit`, for the five duration units display converts between (loaded
 * lazily in Node), multiplying and dividing in the same order as mathjs's
 * Unit does. mathjs whole is 1 MB minified; the bundle's budget is 300 KB.
 */

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
