/**
 * `tradeoff-lab export` and `npm run export` (scripts/export.ts): the one
 * definition of the export command, above the runner and export stages.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Command, Option } from "commander";
import { EXPORT_FORMATS, PAPERS, exportSite, NbconvertMissingError, type ExportFormat, type Paper } from "../export";
import { BrowserMissingError } from "../display/staticImages";
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
  /** `--format <html|pdf|md>` */
  readonly format?: string;
  /** `-j, --jobs <n>` */
  readonly jobs?: number | string;
  /** `--single-file` */
  readonly singleFile?: boolean;
  /** `--paper <a4|letter>` */
  readonly paper?: string;
  /** `--no-images` gives false */
  readonly images?: boolean;
}

/** Where the command writes: stdout and stderr by default. */
export type ExportIo = Pick<CliIo, "out" | "err">;

/**
 * The `export` command: runs `exportSite` and returns the exit code
 * (0 every notebook ran; 1 a notebook failed or nbconvert is missing; 2 bad
 * usage). `-p name=value` is converted to the type the notebooks declare.
 * @example await exportCommand({ report: true }) // => 0, site in build/site/
 */
export async function exportCommand(opts: ExportCommandOptions = {}, io: ExportIo = processIo(), paths: readonly string[] = []): Promise<number> {
  try {
    const notebooksDir = resolve(opts.notebooks ?? "notebooks");
    const format = opts.format ?? "html";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`${COMMAND}: --format must be one of ${EXPORT_FORMATS.join(", ")}, got ${JSON.stringify(opts.format)}`);
    const paper = opts.paper ?? "a4";
    if (!(PAPERS as readonly string[]).includes(paper)) throw new UsageError(`${COMMAND}: --paper must be one of ${PAPERS.join(", ")}, got ${JSON.stringify(opts.paper)}`);
    const jobs = opts.jobs === undefined ? 1 : Number(opts.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`${COMMAND}: --jobs must be an integer in [1, 16], got ${JSON.stringify(opts.jobs)}`);
    const missing = paths.find((path) => !path.endsWith(".ipynb") || !existsSync(path));
    if (missing !== undefined) throw new UsageError(`${COMMAND}: ${JSON.stringify(missing)} is not an existing .ipynb file`);
    const given = parameterArguments(opts.parameter ?? [], opts.paramsFile, COMMAND);
    const declared = (paths.length > 0 ? [...paths] : listNotebooks(notebooksDir)).flatMap((p) => notebookParameters(readNotebook(p)));
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
      ...(paths.length > 0 ? { notebooks: paths } : {}),
      format: format as ExportFormat,
      paper: paper as Paper,
      jobs,
      singleFile: opts.singleFile ?? false,
      images: opts.images ?? true,
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
    io.err(`export: ${result.pages.length} notebook${result.pages.length === 1 ? "" : "s"}, ${(result.bytes / 1e6).toFixed(2)} MB in ${relative(process.cwd(), result.outDir) || "."}\n`);
    for (const p of result.pages) if (!p.ok) io.err(`FAILED ${p.name}: ${p.error ?? ""}\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof NbconvertMissingError || error instanceof BrowserMissingError) {
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
    .summary("execute notebooks and export them to an offline HTML site (build/site/), PDFs or Markdown")
    .argument("[notebooks...]", "notebook files to export (default: every notebook of --notebooks)")
    .description(
      [
        "Execute the notebooks with the runner (each on a fresh tslab kernel, --jobs at a time), draw every chart",
        "as SVG and PNG in headless Chromium, and write --format html (default: a page per notebook converted with",
        "nbconvert, /usr/bin/python3 -m nbconvert or $TRADEOFF_LAB_PYTHON; img/<notebook>/figure-NN.svg per chart;",
        "plotly.js and KaTeX once beside the pages; index.html with titles, run date, git commit, parameters and",
        "figures), pdf (Chromium print-to-PDF, charts as vectors) or md (Markdown with img/ SVGs). Pages load",
        "nothing from the network, show formulas typeset and charts as images without JavaScript, and carry no",
        "script from the notebook (markdown and HTML outputs are sanitized). --report hides code, exercise prompts",
        "and verdicts, for design docs. The kernel imports the built library: build first.\n",
        "Exit codes: 0 every notebook ran; 1 a notebook failed (its page is still written, with the error),",
        "or nbconvert or (for PDF) Chromium is missing; 2 bad usage or parameters.",
      ].join(" "),
    )
    .option("--notebooks <dir>", "folder of notebooks", "notebooks")
    .option("-o, --output-dir <dir>", "where the output goes (default build/site, build/pdf or build/md)")
    .option("--executed-dir <dir>", "where the executed notebooks go", "build/executed")
    .addOption(new Option("--format <format>", "what to write").choices(["html", "pdf", "md"]).default("html"))
    .option("--report", "hide code cells, exercise prompts and verdicts, for design docs")
    .option("-j, --jobs <n>", "notebooks to export at the same time, each on its own kernel", "1")
    .option("--single-file", "HTML pages that hold everything (plotly.js, images, fonts) instead of sharing files")
    .addOption(new Option("--paper <size>", "paper for --format pdf").choices(["a4", "letter"]).default("a4"))
    .option("--no-images", "do not start Chromium for static chart images")
    .option("--no-execute", "convert the notebooks as they are (already executed)")
    .option("-p, --parameter <name=value>", "a parameter for every notebook that declares it (repeatable)", collect, [])
    .option("--params-file <file.json>", "parameters from a JSON object (-p wins)")
    .addOption(new Option("--timeout <seconds>", "per-cell timeout in seconds"))
    .option("--python <path>", "the Python that has nbconvert")
    .action(async (paths: string[], opts: ExportCommandOptions) => {
      setExit(await exportCommand(opts, io, paths));
    });
}
