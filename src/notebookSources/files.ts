/**
 * Where the workbook lives on disk: sources in `workbook/`, generated
 * learner notebooks in `notebooks/`. Internal tooling for scripts and tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { serializeNotebook } from "../runner/notebook";
import { buildNotebook, parseSource, type WorkbookSource } from "./source";

/** The repository root (this file is src/notebookSources/files.ts or dist/notebookSources/files.js). */
export const repositoryRoot = resolve(__dirname, "..", "..");
export const sourceDirectory = join(repositoryRoot, "workbook");
export const notebookDirectory = join(repositoryRoot, "notebooks");

/** Every workbook source, in file-name order. */
export function readSources(directory = sourceDirectory): WorkbookSource[] {
  return readdirSync(directory)
    .filter((f) => /^\d\d-[\w-]+\.ts$/.test(f))
    .sort()
    .map((f) => parseSource(f.replace(/\.ts$/, ""), readFileSync(join(directory, f), "utf8")));
}

/** The learner notebook's path and text for a source, exactly as `npm run notebooks` writes it. */
export function learnerFile(source: WorkbookSource, directory = notebookDirectory): { path: string; text: string } {
  return { path: join(directory, `${source.slug}.ipynb`), text: serializeNotebook(buildNotebook(source, "learner")) };
}
