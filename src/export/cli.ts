/**
 * The `export` command's definition, shared by `npm run export`
 * (scripts/export.ts) and `tradeoff-lab export` (the runner's CLI adds it
 * with `program.addCommand(buildExportCommand(io, setExit))`).
 */
import { Command, Option } from "commander";
import { ExportIo, exportCommand } from "./index";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * A commander command named "export" whose action runs {@link exportCommand}
 * and reports its exit code through `setExit`.
 */
export function buildExportCommand(io: ExportIo, setExit: (code: number) => void): Command {
  return new Command("export")
    .summary("execute every notebook and export it to HTML in build/site/, offline, with an index page")
    .description(
      [
        "Execute every notebook of --notebooks with the runner (on a fresh tslab kernel), convert each to HTML",
        "with nbconvert (/usr/bin/python3 -m nbconvert, or $TRADEOFF_LAB_PYTHON) into --output-dir, and write an",
        "index page with titles, descriptions, run date, git commit and the parameters used. Pages load nothing",
        "from the network: the plotly.js bundle is inline once per page; nbconvert's require.js/MathJax tags are",
        "removed. --report hides code cells, for design docs. The kernel imports the built library: build first.\n",
        "Exit codes: 0 every notebook ran; 1 a notebook failed (its page is still written, with the error)",
        "or nbconvert is missing; 2 bad usage or parameters.",
      ].join(" "),
    )
    .option("--notebooks <dir>", "folder of notebooks", "notebooks")
    .option("-o, --output-dir <dir>", "where the HTML site goes", "build/site")
    .option("--executed-dir <dir>", "where the executed notebooks go", "build/executed")
    .option("--report", "hide code cells (nbconvert --no-input), for design docs")
    .option("--no-execute", "convert the notebooks as they are (already executed)")
    .option("-p, --parameter <name=value>", "a parameter for every notebook that declares it (repeatable)", collect, [])
    .option("--params-file <file.json>", "parameters from a JSON object (-p wins)")
    .addOption(new Option("--timeout <seconds>", "per-cell timeout in seconds"))
    .option("--python <path>", "the Python that has nbconvert")
    .action(async (opts) => {
      setExit(await exportCommand(opts, io));
    });
}
