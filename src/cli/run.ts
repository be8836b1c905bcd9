/**
 * `tradeoff-lab run`: notebooks executed headless on the project's tslab
 * kernel, papermill's command line.
 *
 *     tradeoff-lab run nb.ipynb out.ipynb -p goal=Latency
 *     tradeoff-lab run notebooks/ --output-dir build/executed --jobs 2
 *     tradeoff-lab run nb.ipynb --help-params
 *
 * Exit codes: 0 every notebook ran; 1 a notebook failed (the message names
 * the cell index, its first lines and the error; the partial output is
 * written with an error banner); 2 bad usage or parameters (nothing ran).
 */
import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { executeNotebook, MAX_TIMER_MS, type ExecuteOptions } from "../runner/execute";
import { runImages } from "../display/staticImages";
import { resolveKernelSpec } from "../runner/kernel/kernelspec";
import { EXECUTED_SUFFIXES, listNotebooks, outputTarget, readNotebook, type Notebook } from "../runner/notebook";
import { notebookParameters, parametersHelp, validateParameters } from "../runner/parameters";
import type { ExecutionResult } from "../runner/result";
import { collect, parameterArguments, typedParameters, UsageError } from "./arguments";
import type { CliIo } from "./io";
import { pool } from "../internal/pool";

/** Exit code when a notebook failed. */
export const EXIT_FAILED = 1;
/** Exit code for bad usage or parameters (nothing ran). */
export const EXIT_USAGE = 2;

const COMMAND = "tradeoff-lab run";

interface RunFlags {
  parameter: string[];
  paramsFile?: string;
  inplace?: boolean;
  outputDir?: string;
  jobs: number;
  timeout: number;
  startupTimeout: number;
  iopubTimeout: number;
  cwd?: string;
  kernel: string;
  helpParams?: boolean;
  allowErrors?: boolean;
  progress: boolean;
  images: boolean;
}

/** A commander parser for an option that takes a number > 0 (seconds). */
export function positiveNumber(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number > 0, got ${JSON.stringify(text)}`);
    // Seconds become a Node timer in ms, which holds at most 2^31 − 1 ms; beyond that it fires at once.
    if (n * 1000 > MAX_TIMER_MS) throw new InvalidArgumentError(`${name} must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (Node's timer limit, about 24.8 days), got ${JSON.stringify(text)}`);
    return n;
  };
}

/** A commander parser for `--jobs`: an integer >= 1. */
export function positiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--jobs must be an integer >= 1, got ${JSON.stringify(text)}`);
  return n;
}

const OUTPUT_SUFFIX = EXECUTED_SUFFIXES[0];

interface Job {
  input: string;
  output: string;
}

/** Turns the positional arguments into (input, output) pairs. */
export function planJobs(args: string[], flags: { inplace?: boolean; outputDir?: string }): Job[] {
  if (args.length === 0) throw new UsageError(`${COMMAND}: give at least one notebook or folder`);
  if (flags.inplace && flags.outputDir !== undefined) throw new UsageError(`${COMMAND}: --inplace and --output-dir cannot be combined`);
  const outputFor = (input: string): string => {
    if (flags.inplace) return input;
    if (flags.outputDir !== undefined) return join(flags.outputDir, basename(input));
    return join(dirname(input), `${basename(input, ".ipynb")}${OUTPUT_SUFFIX}`);
  };
  const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
  // `run nb.ipynb out.ipynb` where out.ipynb is a folder would otherwise run it as a second input, and write elsewhere.
  if (args.length === 2 && !flags.inplace && flags.outputDir === undefined && !isDir(args[0] as string) && (args[1] as string).endsWith(".ipynb") && isDir(args[1] as string)) {
    throw new UsageError(`${COMMAND}: the output ${args[1]} is an existing folder; name a notebook file (or use --output-dir ${args[1]} to write into it)`);
  }
  // papermill's form: `run input.ipynb output.ipynb`
  if (args.length === 2 && !flags.inplace && flags.outputDir === undefined && !isDir(args[0] as string) && !isDir(args[1] as string)) {
    if (!(args[1] as string).endsWith(".ipynb")) throw new UsageError(`${COMMAND}: the output must end with .ipynb, got ${JSON.stringify(args[1])}`);
    if (resolve(args[0] as string) === resolve(args[1] as string)) {
      throw new UsageError(`${COMMAND}: the output is the input; pass --inplace to overwrite the input notebook`);
    }
    return [{ input: args[0] as string, output: args[1] as string }];
  }
  const inputs = args.flatMap((a) => (isDir(a) ? listNotebooks(a) : [a]));
  if (inputs.length === 0) throw new UsageError(`${COMMAND}: no notebooks in ${args.join(", ")}`);
  const jobs = inputs.map((input) => ({ input, output: outputFor(input) }));
  // Two jobs writing one file would race, and `-o <the inputs' own folder>` would overwrite the inputs.
  const writers = new Map<string, string>();
  for (const job of jobs) {
    const output = resolve(job.output);
    if (!flags.inplace && output === resolve(job.input)) {
      throw new UsageError(`${COMMAND}: the output of ${job.input} would be the input itself; choose another --output-dir, or pass --inplace to overwrite it`);
    }
    const other = writers.get(output);
    if (other !== undefined) {
      throw new UsageError(`${COMMAND}: ${other} and ${job.input} would both be written to ${job.output}; give each notebook once, with distinct file names`);
    }
    writers.set(output, job.input);
  }
  return jobs;
}

/**
 * Checks where each job's output really lands, before any kernel starts:
 * its folder exists, it is not a folder, and (through symbolic links) it
 * is neither the input (unless `--inplace`) nor another job's output.
 * `--inplace` through a link writes the linked file, not over the link.
 * @returns the real file each job writes, in order
 * @throws UsageError naming the notebook and the output
 * @example checkOutputs([{ input: "a.ipynb", output: "missing/a.ipynb" }], {}) // throws "tradeoff-lab run: the output of a.ipynb must be a file in an existing folder, …"
 */
export function checkOutputs(jobs: readonly Job[], flags: { inplace?: boolean }): string[] {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  const writers = new Map<string, string>();
  return jobs.map((job) => {
    let target: string;
    try {
      target = outputTarget(job.output, COMMAND, `the output of ${job.input}`);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    if (!flags.inplace && target === real(job.input)) {
      throw new UsageError(`${COMMAND}: the output ${job.output} of ${job.input} is the input itself (through a link); choose another output, or pass --inplace to overwrite it`);
    }
    const other = writers.get(target);
    if (other !== undefined) throw new UsageError(`${COMMAND}: ${other} and ${job.input} would both be written to ${target}; give each notebook once, with distinct file names`);
    writers.set(target, job.input);
    return target;
  });
}

/** The language a notebook's metadata names (`kernelspec.language`, else `language_info.name`), lower-cased. */
function notebookLanguage(nb: Notebook): string | undefined {
  const { kernelspec, language_info: info } = nb.metadata as { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } };
  const language = typeof kernelspec?.language === "string" ? kernelspec.language : typeof info?.name === "string" ? info.name : undefined;
  return language?.toLowerCase();
}

/**
 * A warning when `--kernel` runs a notebook in another language than it is
 * written in (a TypeScript notebook on `python3`), or undefined. A kernel
 * that cannot be found is left to the run, which reports it.
 * @example kernelWarning(typescriptNotebook, "nb.ipynb", "python3") // => "tradeoff-lab run: warning: nb.ipynb is a typescript notebook, but --kernel python3 runs python; …"
 */
export function kernelWarning(nb: Notebook, path: string, kernel: string): string | undefined {
  const wanted = notebookLanguage(nb);
  if (wanted === undefined) return undefined;
  let language: string | undefined;
  try {
    language = resolveKernelSpec(kernel).language?.toLowerCase();
  } catch {
    return undefined;
  }
  if (language === undefined || language === wanted) return undefined;
  return `${COMMAND}: warning: ${path} is a ${wanted} notebook, but --kernel ${kernel} runs ${language}; its cells will fail. Leave out --kernel to run it on the project's tslab.`;
}

/** A progress display: a bar per notebook on a TTY, plain lines otherwise. */
interface Progress {
  start(job: Job): ExecuteOptions["onProgress"];
  finish(job: Job, result: ExecutionResult | undefined): void;
  stop(): void;
}

function plainProgress(io: CliIo): Progress {
  return {
    start: (job) => {
      io.err(`${job.input}: running\n`);
      return (e) => {
        if (e.status !== "running") io.err(`${job.input}: cell ${e.cellIndex} ${e.status} (${e.cellIndex + 1} of ${e.total})\n`);
      };
    },
    finish: () => undefined,
    stop: () => undefined,
  };
}

function barProgress(): Progress {
  // Loaded only on a TTY.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cliProgress = require("cli-progress") as typeof import("cli-progress");
  const multi = new cliProgress.MultiBar(
    { format: " {bar} {value}/{total} cells | {status} | {name}", hideCursor: true, clearOnComplete: false, stopOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, ReturnType<typeof multi.create>>();
  return {
    start: (job) => {
      const bar = multi.create(1, 0, { name: job.input, status: "starting kernel" });
      bars.set(job.input, bar);
      return (e) => {
        bar.setTotal(e.total);
        bar.update(e.status === "running" ? e.cellIndex : e.cellIndex + 1, { status: e.status === "running" ? `cell ${e.cellIndex}` : e.status });
      };
    },
    finish: (job, result) => bars.get(job.input)?.update({ status: result?.ok ? "done" : "FAILED" }),
    stop: () => multi.stop(),
  };
}

async function runCommand(args: string[], flags: RunFlags, io: CliIo): Promise<number> {
  const jobs = planJobs(args, flags);
  if (flags.helpParams) {
    for (const job of jobs) io.out(parametersHelp(job.input, notebookParameters(readNotebook(job.input))));
    return 0;
  }
  const given = parameterArguments(flags.parameter, flags.paramsFile, COMMAND);
  // Parameters are checked for every notebook before any kernel starts.
  const planned = jobs.map((job) => {
    const nb = readNotebook(job.input);
    const parameters = typedParameters(given, notebookParameters(nb), COMMAND);
    validateParameters(nb, parameters, COMMAND, true);
    const warning = kernelWarning(nb, job.input, flags.kernel);
    if (warning !== undefined) io.err(`${warning}\n`);
    return { job, parameters };
  });
  // Outputs are written after each run; a missing --output-dir must not fail the runs it took.
  if (flags.outputDir !== undefined) {
    if (existsSync(flags.outputDir) && !statSync(flags.outputDir).isDirectory()) throw new UsageError(`${COMMAND}: --output-dir must be a folder, got ${JSON.stringify(flags.outputDir)} (a file)`);
    mkdirSync(flags.outputDir, { recursive: true });
  }
  checkOutputs(jobs, flags);
  const progress = flags.progress && io.isTTY ? barProgress() : plainProgress(io);
  const failures: string[] = [];
  const images = runImages((line) => io.err(`${COMMAND}: ${line}\n`));
  try {
    // With --jobs, the largest notebooks start first, so that no long one is left to run alone at the end.
    await pool(planned, flags.jobs, async ({ job, parameters }) => {
      const options: ExecuteOptions = {
        parameters,
        cellTimeoutMs: flags.timeout * 1000,
        startupTimeoutMs: flags.startupTimeout * 1000,
        iopubTimeoutMs: flags.iopubTimeout * 1000,
        kernel: flags.kernel,
        allowErrors: flags.allowErrors === true,
        outputPath: job.output,
      };
      if (flags.images) {
        options.finish = async (nb) => {
          const drawn = await images.add(nb);
          if (drawn !== undefined && drawn.failures.length > 0) io.err(`${job.input}: ${drawn.failures.length} chart(s) kept without a static image: ${drawn.failures.join("; ")}\n`);
        };
      }
      if (flags.cwd !== undefined) options.cwd = flags.cwd;
      const onProgress = progress.start(job);
      if (onProgress) options.onProgress = onProgress;
      let result: ExecutionResult | undefined;
      try {
        result = await executeNotebook(job.input, options);
      } catch (error) {
        failures.push(`${job.input}: ${(error as Error).message}`);
        return;
      } finally {
        progress.finish(job, result);
      }
      if (!result.ok && result.error) {
        failures.push(`${job.input}: ${result.error.message}\n  the executed notebook, with an error banner, is in ${job.output}`);
      }
    }, flags.jobs > 1 ? { weight: ({ job }) => statSync(job.input).size } : {});
  } finally {
    progress.stop();
    await images.close();
  }
  for (const job of jobs) if (!failures.some((f) => f.startsWith(`${job.input}:`))) io.err(`ok ${job.input} -> ${job.output}\n`);
  for (const failure of failures) io.err(`FAILED ${failure}\n`);
  return failures.length === 0 ? 0 : EXIT_FAILED;
}

/**
 * The `run` command; its action reports the exit code through `setExit`.
 * @example program.addCommand(buildRunCommand(io, (code) => (process.exitCode = code)))
 */
export function buildRunCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command("run")
    .summary("run notebooks headless on the project's tslab kernel")
    .description(
      [
        "Run notebooks top to bottom on a fresh kernel (the project's own tslab",
        "by default), like papermill and nbclient.",
        "",
        "  run nb.ipynb                 writes nb.executed.ipynb beside it",
        "  run nb.ipynb out.ipynb       papermill's form: input and output",
        "  run a.ipynb b.ipynb c.ipynb  several (each gets <name>.executed.ipynb)",
        "  run notebooks/ -o build/nb   every notebook of a folder, into --output-dir",
        "",
        "The input is never modified unless --inplace is given. Outputs are",
        "written atomically (temp file + rename), also when a cell fails: the",
        "partial notebook then starts with a banner linking to the failing cell.",
        "Cells tagged skip-execution are skipped; an error in a cell tagged",
        "raises-exception is expected. Parameters (-p, --params-file) are checked",
        "against the cell tagged \"parameters\" (name and type) before anything",
        "runs, and injected as TypeScript literals in a cell tagged",
        "\"injected-parameters\" after it. Charts get static SVG and PNG images",
        "(drawn in headless Chromium, offline) so they show where JavaScript does",
        "not run: an untrusted notebook, nbconvert, GitHub; --no-images skips that.",
        "",
        "Exit codes: 0 every notebook ran; 1 a notebook failed (the message names",
        "the cell index, its first lines and the error); 2 bad usage or",
        "parameters. SIGINT/SIGTERM stop the kernels before exiting. A progress",
        "bar is shown on a terminal; plain lines otherwise (CI, --no-progress).",
      ].join("\n"),
    )
    .argument("<notebooks...>", "notebook files or folders; with exactly two files, the second is the output")
    .option("-p, --parameter <name=value>", "set a parameter (repeatable); converted to the declared type", collect, [])
    .option("--params-file <file.json>", "parameters from a JSON object (-p wins)")
    .option("--inplace", "write the executed notebook over the input")
    .option("-o, --output-dir <dir>", "write executed notebooks into this folder (same file names)")
    .addOption(new Option("-j, --jobs <n>", "notebooks to run at the same time, each on its own kernel").default(1).argParser(positiveInteger))
    .addOption(new Option("--timeout <seconds>", "per-cell timeout; the kernel is interrupted (restarted if that fails)").default(60).argParser(positiveNumber("--timeout")))
    .addOption(new Option("--startup-timeout <seconds>", "time for the kernel to answer its first request").default(30).argParser(positiveNumber("--startup-timeout")))
    .addOption(new Option("--iopub-timeout <seconds>", "how long a cell's output may stay silent after its reply before it counts as lost").default(4).argParser(positiveNumber("--iopub-timeout")))
    .option("--cwd <dir>", "the kernel's working directory (default: each notebook's folder)")
    .option("--kernel <name>", "\"tslab\" (the project's own), an installed kernelspec name, or a kernel.json path", "tslab")
    .option("--allow-errors", "continue after a failing cell (the exit code is still 1)")
    .option("--help-params", "list each notebook's parameters (type, default, allowed values, unit, description), and run nothing")
    .option("--no-progress", "plain progress lines even on a terminal")
    .option("--no-images", "keep charts as interactive HTML only (no headless Chromium for static SVG/PNG images)")
    .action(async (args: string[], flags: RunFlags) => {
      setExit(await runCommand(args, flags, io));
    });
}
