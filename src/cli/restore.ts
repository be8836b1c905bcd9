/**
 * `tradeoff-lab restore` (`npm run restore`): puts back the pristine
 * learner notebooks, keeping your own work in `notebooks/my-work/<timestamp>/`.
 */
import { relative } from "node:path";
import { Command } from "commander";
import { restoreNotebooks } from "../notebookSources/restore";
import { UsageError } from "./arguments";
import type { CliIo } from "./io";

/** The `restore` command. */
export function buildRestoreCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command("restore")
    .summary("put back the pristine learner notebooks, keeping your work in notebooks/my-work/")
    .description(
      [
        "Put back the learner notebooks as `npm run notebooks` generates them",
        "(no outputs, default parameters, empty answers). Each notebook you",
        "changed is first moved, untouched, to notebooks/my-work/<timestamp>/,",
        "where Jupyter still shows it; nothing is deleted. Use it when a",
        "notebook is in a state you cannot undo, when you want to start an",
        "exercise again, or before updating the project (git pull) so that",
        "autosaved outputs do not conflict.",
        "",
        "Exit codes: 0 done; 2 bad usage (a name that is not a workbook notebook).",
      ].join("\n"),
    )
    .argument("[notebooks...]", "notebooks to restore, e.g. 04-quorums-and-staleness (default: all)")
    .option("--dry-run", "say what would be restored, change nothing")
    .option("--notebooks <dir>", "the learner notebooks' folder (default: the project's notebooks/)")
    .action((names: string[], flags: { dryRun?: boolean; notebooks?: string }) => {
      let results;
      try {
        results = restoreNotebooks({ only: names, dryRun: flags.dryRun === true, ...(flags.notebooks === undefined ? {} : { notebooks: flags.notebooks }) });
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(`tradeoff-lab restore: ${error.message}`);
        throw error;
      }
      const verb = flags.dryRun ? "would restore" : "restored";
      for (const r of results) {
        if (r.action === "restored") io.out(`${verb} ${r.file} (your copy ${flags.dryRun ? "would go" : "is"} in ${relative(process.cwd(), r.savedTo ?? "")})\n`);
        else if (r.action === "created") io.out(`${flags.dryRun ? "would create" : "created"} ${r.file} (it was missing)\n`);
      }
      const changed = results.filter((r) => r.action !== "kept").length;
      io.out(`${changed} of ${results.length} notebooks ${flags.dryRun ? "would be " : ""}restored; the others were already pristine\n`);
      setExit(0);
    });
}
