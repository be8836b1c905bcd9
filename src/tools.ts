/**
 * tradeoff-lab/tools: the toolchain around the notebooks, a second entry
 * that a notebook never loads.
 *
 *     import { runner } from "tradeoff-lab/tools";
 *     const result = await runner.executeNotebook("notebooks/01-trade-offs.ipynb");
 *
 * The notebook entry (`tradeoff-lab`, src/index.ts) holds the domains,
 * display and exercises; it stays light because nothing here is reachable
 * from it. This entry is resolved through `tools/package.json` (its `main`
 * and `types` point into dist/), so it works under the Node10 resolution
 * tslab compiles with, which ignores package.json `exports`.
 */

// --- the headless notebook runner: nbclient's and papermill's semantics on the project's tslab ---
export * as runner from "./runner";

// --- executed notebooks to an offline HTML site with an index page ---
export * as htmlExport from "./export";

// --- the `tradeoff-lab` command line (run, export) ---
export * as cli from "./cli";
