/**
 * `npm run exercises [notebook.ipynb ...]`: runs your own edited notebooks
 * (default: every notebooks/*.ipynb) headless and lists which exercises
 * pass. Nothing is written: the notebooks are executed in memory.
 */
import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Command } from "commander";
import { executeNotebookObject, readNotebook } from "../src/runner";
import { notebookDirectory } from "../src/notebookSources/files";
import { printedVerdicts } from "../src/exercises/report";
import { list } from "../src/exercises";

async function main(): Promise<void> {
  const program = new Command("exercises")
    .description("Grade the exercises in your edited notebooks (default: notebooks/*.ipynb)")
    .argument("[notebooks...]", "notebooks to grade")
    .option("--timeout <ms>", "per-cell timeout in milliseconds", "60000")
    .parse();
  const given = program.args.map((p) => resolve(p));
  const paths = given.length > 0 ? given : readdirSync(notebookDirectory).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(notebookDirectory, f));
  let passed = 0;
  let total = 0;
  for (const path of paths) {
    const prefix = basename(path).slice(0, 2);
    const expected = list(`${prefix}.`);
    const result = await executeNotebookObject(readNotebook(path), {
      cwd: dirname(path),
      allowErrors: true,
      cellTimeoutMs: Number(program.opts<{ timeout: string }>().timeout),
    });
    const printed = printedVerdicts(result.cells.map((c) => c.stdout()));
    const done = expected.filter((e) => printed.get(e.id)?.passed).length;
    passed += done;
    total += expected.length;
    console.log(`\n${basename(path)}: ${done} of ${expected.length} exercises pass${result.ok ? "" : ` (a cell failed: ${result.error?.message.split("\n")[0] ?? "unknown error"})`}`);
    for (const exercise of expected) {
      console.log(`  ${printed.get(exercise.id)?.line ?? `✗ ${exercise.id} ${exercise.title} — its check did not run`}`);
    }
  }
  console.log(`\n${passed} of ${total} exercises pass`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
