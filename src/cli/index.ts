#!/usr/bin/env node
/**
 * The command line, `tradeoff-lab` (package.json `bin`), above the stages:
 * it imports the runner and the export stage, and neither imports it.
 *
 *     tradeoff-lab run nb.ipynb out.ipynb -p goal=Latency
 *     tradeoff-lab export --report
 *     tradeoff-lab grade submitted/ --out gradebook.csv --jobs 2
 *     tradeoff-lab exercises
 *     tradeoff-lab restore
 *     tradeoff-lab --version
 *
 * Commands: `run` (src/cli/run.ts), `export` (src/cli/export.ts), `grade`
 * and `exercises` (src/cli/grade.ts), `restore` (src/cli/restore.ts); what
 * they share (`-p`, `--params-file`) is in src/cli/arguments.ts. On
 * SIGINT/SIGTERM the runner kills its kernels before this process ends.
 */
import { Command } from "commander";
import { RunnerError } from "../runner/errors";
import { UsageError } from "./arguments";
import { buildExportCommand } from "./export";
import { buildExercisesCommand, buildGradeCommand } from "./grade";
import { buildRestoreCommand } from "./restore";
import { packageVersion, processIo, type CliIo } from "./io";
import { buildRunCommand, EXIT_USAGE } from "./run";

export { EXIT_FAILED, EXIT_USAGE, planJobs, kernelWarning } from "./run";
export { exportCommand, buildExportCommand } from "./export";
export { buildGradeCommand, buildExercisesCommand, EXIT_NOT_PASSED } from "./grade";
export { buildRestoreCommand } from "./restore";
export type { ExportCommandOptions, ExportIo } from "./export";
export { UsageError, parameterArguments, typedParameters } from "./arguments";
export type { ParameterArguments } from "./arguments";
export { packageVersion } from "./io";
export type { CliIo } from "./io";

/**
 * The `tradeoff-lab` program with its `run`, `export`, `grade`, `exercises` and `restore` commands.
 * @param io where it writes (tests replace it)
 * @param setExit receives each command's exit code
 * @example buildProgram().commands.map((c) => c.name()) // => ["run", "export", "grade", "exercises", "restore"]
 */
export function buildProgram(io: CliIo = processIo(), setExit: (code: number) => void = (c) => (process.exitCode = c)): Command {
  const output = { writeOut: io.out, writeErr: io.err };
  const program = new Command("tradeoff-lab")
    .description("tradeoff-lab: a TypeScript notebook toolchain for production data-system trade-offs")
    .version(packageVersion(), "-V, --version", "print the tradeoff-lab version")
    .configureOutput(output)
    .exitOverride();
  // addCommand does not pass these settings down (program.command() would).
  for (const command of [buildRunCommand(io, setExit), buildExportCommand(io, setExit), buildGradeCommand(io, setExit), buildExercisesCommand(io, setExit), buildRestoreCommand(io, setExit)]) {
    program.addCommand(command.configureOutput(output).exitOverride());
  }
  return program;
}

/**
 * Runs the CLI with `argv` (as in `process.argv`) and returns the exit code.
 * @example await main(["node", "tradeoff-lab", "run", "notebooks/01-trade-offs.ipynb"]) // => 0
 */
export async function main(argv: string[] = process.argv, io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") return 0;
    if (typeof e.code === "string" && e.code.startsWith("commander.")) return EXIT_USAGE;
    if (error instanceof UsageError || error instanceof RunnerError) {
      io.err(`${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  return code;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
