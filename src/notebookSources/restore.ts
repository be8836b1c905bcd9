/**
 * Restoring the pristine learner notebooks. Jupyter's autosave writes
 * outputs and edited parameters into `notebooks/*.ipynb`; restoring puts
 * back the copies `npm run notebooks` generates, after moving each edited
 * notebook, untouched, to `notebooks/my-work/<timestamp>/` (visible in
 * Jupyter, ignored by git). Nothing is ever deleted.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rangeError } from "../internal/errors";
import { learnerFile, notebookDirectory, readSources } from "./files";

/** The folder, inside the notebooks folder, that keeps a learner's own work. */
export const MY_WORK = "my-work";

/** What {@link restoreNotebooks} did for one notebook. */
export interface RestoredNotebook {
  /** The notebook's file name, e.g. `04-quorums-and-staleness.ipynb`. */
  readonly file: string;
  /** `kept`: it was already pristine; `restored`: your copy was moved to `savedTo`; `created`: it was missing. */
  readonly action: "kept" | "restored" | "created";
  /** Where your copy went. */
  readonly savedTo?: string;
}

/**
 * A timestamp usable in a folder name on every OS (no colons).
 * @example folderTimestamp(new Date("2026-12-04T21:40:05.123Z")) // => "2026-12-04T21-40-05Z"
 */
export function folderTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

/**
 * Puts back the pristine learner notebooks, moving edited ones to
 * `<notebooks>/my-work/<timestamp>/` first.
 * @param options `only`: notebook names to restore (`"04-quorums-and-staleness"` or with `.ipynb`; default all); `dryRun`: report without changing anything; `notebooks`: the folder (default the project's); `now`: the timestamp's time
 * @returns one entry per notebook of the workbook considered
 * @throws RangeError for a name in `only` that is not a workbook notebook
 * @example restoreNotebooks({ only: ["04-quorums-and-staleness"] })
 * // [{ file: "04-quorums-and-staleness.ipynb", action: "restored", savedTo: "notebooks/my-work/2026-12-04T21-40-05Z/04-quorums-and-staleness.ipynb" }]
 */
export function restoreNotebooks(options: { only?: readonly string[]; dryRun?: boolean; notebooks?: string; now?: Date } = {}): RestoredNotebook[] {
  const dir = options.notebooks ?? notebookDirectory;
  const sources = readSources();
  const wanted = (options.only ?? []).map((n) => n.replace(/^.*[\\/]/, "").replace(/\.ipynb$/, ""));
  const unknown = wanted.find((n) => !sources.some((s) => s.slug === n));
  if (unknown !== undefined) {
    throw rangeError("notebookSources.restoreNotebooks", "only", `names of workbook notebooks (${sources.map((s) => s.slug).join(", ")})`, unknown);
  }
  const saveDir = join(dir, MY_WORK, folderTimestamp(options.now ?? new Date()));
  const done: RestoredNotebook[] = [];
  for (const source of sources) {
    if (wanted.length > 0 && !wanted.includes(source.slug)) continue;
    const { path, text } = learnerFile(source, dir);
    const file = `${source.slug}.ipynb`;
    if (!existsSync(path)) {
      if (!options.dryRun) writeFileSync(path, text);
      done.push({ file, action: "created" });
      continue;
    }
    if (readFileSync(path, "utf8") === text) {
      done.push({ file, action: "kept" });
      continue;
    }
    const savedTo = join(saveDir, file);
    if (!options.dryRun) {
      mkdirSync(saveDir, { recursive: true });
      renameSync(path, savedTo);
      writeFileSync(path, text);
    }
    done.push({ file, action: "restored", savedTo });
  }
  return done;
}
