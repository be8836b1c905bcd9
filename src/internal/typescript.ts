/**
 * The TypeScript compiler, loaded on first use from the copy tslab runs
 * on (`@tslab/typescript-for-tslab`, tslab's own dependency), so a notebook
 * kernel (which has already loaded it) pays nothing and importing the
 * library loads nothing. Resolving plain `typescript` from tslab's folder
 * found the project's devDependency instead: a second compiler, loaded in
 * ~130 ms of CPU by each notebook's `parameters.check` cell, and absent
 * from an install without devDependencies.
 */
import { dirname } from "node:path";
import type * as TS from "typescript";

let loaded: typeof TS | undefined;

/** tslab's TypeScript compiler module. */
export function typescript(): typeof TS {
  if (loaded === undefined) {
    const tslab = dirname(require.resolve("tslab"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslab] })) as typeof TS;
  }
  return loaded;
}
