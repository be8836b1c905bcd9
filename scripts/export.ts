/**
 * `npm run export`: execute every notebook, convert to HTML into
 * build/site/ with an index page, offline. The same as `tradeoff-lab export`.
 *
 *   npm run export                       # build/site/, code shown
 *   npm run export -- --report           # code cells hidden, for design docs
 *   npm run export -- -p seed=7 -o out/  # a parameter, another folder
 *
 * The kernel imports the built library, so build first
 * (`npm run build && tsx scripts/export.ts`).
 */
import { buildExportCommand } from "../src/cli/export";
import { packageVersion, processIo } from "../src/cli/io";

buildExportCommand(processIo(), (code) => (process.exitCode = code))
  .version(packageVersion(), "-V, --version", "print the tradeoff-lab version")
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
