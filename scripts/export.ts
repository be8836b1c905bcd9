/**
 * `npm run export`: execute every notebook, convert to HTML into
 * build/site/ with an index page, offline. The same as `tradeoff-lab export`.
 *
 *   npm run export                       # build/site/, code shown
 *   npm run export -- --report           # code cells hidden, for design docs
 *   npm run export -- -p seed=7 -o out/  # a parameter, another folder
 *
 * The kernel imports the built library, so run `npm run build` first
 * (`npm run export` does).
 */
import { Command, Option } from "commander";
import { exportCommand } from "../src/export";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const program = new Command("export")
  .description("Execute every notebook with the runner, convert each to HTML with nbconvert into build/site/, with an index page; pages open offline.")
  .option("--notebooks <dir>", "folder of notebooks", "notebooks")
  .option("-o, --output-dir <dir>", "where the HTML site goes", "build/site")
  .option("--executed-dir <dir>", "where the executed notebooks go", "build/executed")
  .option("--report", "hide code cells (nbconvert --no-input), for design docs")
  .option("--no-execute", "convert the notebooks as they are (already executed)")
  .option("-p, --parameter <name=value>", "a parameter for every notebook that declares it (repeatable)", collect, [])
  .option("--params-file <file.json>", "parameters from a JSON object (-p wins)")
  .addOption(new Option("--timeout <seconds>", "per-cell timeout").argParser(Number))
  .option("--python <path>", "the Python that has nbconvert (default: $TRADEOFF_LAB_PYTHON, /usr/bin/python3, python3)")
  .action(async (opts) => {
    process.exitCode = await exportCommand(opts);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
