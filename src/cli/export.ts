/**
 * `tradeoff-lab export` and `npm run export` (scripts/export.ts): the one
 * definition of the export command, above the runner and export stages.
 */
import { resolve } from "node:path";
import { Command, Option } from "commander";
import { exportSite, NbconvertMissingError } from "../export";
import { ParameterError } from "../runner/errors";
import { listNotebooks, readNotebook } from "../runner/notebook";
import { notebookParameters } from "../runner/parameters";
import { collect, parameterArguments, typedParameters, UsageError } from "./arguments";
import { processIo, type CliIo } from "./io";

const COMMAND = "tradeoff-lab export";

/** Options of `tradeoff-lab export` / `npm run export`, as commander parses them. */
export interface ExportCommandOptions {
  /** `--notebooks <dir>` */
  readonly notebooks?: string;
  /** `-o, --output-dir <dir>` */
  readonly outputDir?: string;
  /** `--executed-dir <dir>` */
  readonly executedDir?: string;
  /** `--report` */
  readonly report?: boolean;
  /** `--no-execute` gives false */
  readonly execute?: boolean;
  /** `-p, --parameter <name=value>` (repeatable) */
  readonly parameter?: readonly string[];
  /** `--params-file <file.json>` */
  readonly paramsFile?: string;
  /** `--timeout <seconds>` per cell */
  readonly timeout?: number | string;
  /** `--python <path>` */
  readonly python?: string;
}

/** Where the command writes: stdout and stderr by default. */
export type ExportIo = Pick<CliIo, "out" | "err">;

/**
 * The `export` command: runs `exportSite` and returns the exit code
 * (0 every notebook ran; 1 a notebook failed or nbconvert is missing; 2 bad
 * usage). `-p name=value` is converted to the type the notebooks declare.
 * @example await exportCommand({ report: true }) // => 0, site in build/site/
 */
export async function exportCommand(opts: ExportCommandOptions = {}, io: ExportIo = processIo()): Promise<number> {
  try {
    const notebooksDir = resolve(opts.notebooks ?? "notebooks");
    const given = parameterArguments(opts.parameter ?? [], opts.paramsFile, COMMAND);
    const declared = listNotebooks(notebooksDir).flatMap((p) => notebookParameters(readNotebook(p)));
    const unknown = given.pairs.find((pair) => !declared.some((d) => d.name === pair.name));
    if (unknown !== undefined) {
      const known = [...new Set(declared.map((p) => p.name))].join(", ") || "none declared";
      throw new UsageError(`${COMMAND}: -p must be name=value with a name some notebook declares (${known}), got ${JSON.stringify(`${unknown.name}=${unknown.text}`)}`);
    }
    const parameters = typedParameters(given, declared, COMMAND);
    const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
    if (timeout !== undefined && !(timeout > 0)) {
      throw new UsageError(`${COMMAND}: --timeout must be a number of seconds > 0, got ${JSON.stringify(opts.timeout)}`);
    }
    const result = await exportSite({
      notebooksDir,
      ...(opts.outputDir === undefined ? {} : { outDir: opts.outputDir }),
      ...(opts.executedDir === undefined ? {} : { executedDir: opts.executedDir }),
      report: opts.report ?? false,
      execute: opts.execute ?? true,
      parameters,
      ...(timeout === undefined ? {} : { cellTimeoutMs: timeout * 1000 }),
      ...(opts.python === undefined ? {} : { python: opts.python }),
      log: (line) => io.err(`${line}\n`),
    });
    io.out(`${result.indexPath}\n`);
    for (const p of result.pages) if (!p.ok) io.err(`FAILED ${p.name}: ${p.error ?? ""}\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof NbconvertMissingError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if (error instanceof RangeError || error instanceof SyntaxError || error instanceof ParameterError) {
      io.err(`${COMMAND}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * A commander command named "export" whose action runs {@link exportCommand}
 * and reports its exit code through `setExit`.
 * @example program.addCommand(buildExportCommand(io, (code) => (process.exitCode = code)))
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
    .action(async (opts: ExportCommandOptions) => {
      setExit(await exportCommand(opts, io));
    });
}
