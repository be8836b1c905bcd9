/**
 * The TypeScript compiler, loaded on first use from the copy tslab runs
 * on, so a notebook kernel (which has already loaded it) pays nothing and
 * importing the library loads nothing.
 */
import { dirname } from "node:path";
import type * as TS from "typescript";

let loaded: typeof TS | undefined;

/** tslab's TypeScript compiler module. */
export function typescript(): typeof TS {
  if (loaded === undefined) {
    const tslab = dirname(require.resolve("tslab"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(require.resolve("typescript", { paths: [tslab] })) as typeof TS;
  }
  return loaded;
}
