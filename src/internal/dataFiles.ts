/**
 * The seam between the library and the files of `data/`.
 *
 * In Node the files are read from disk, beside `src/` (or `dist/`). The
 * browser build (scripts/build-browser.ts) replaces this module with one
 * that holds the same files embedded as strings, so no domain module reads
 * the file system directly and the page needs none.
 *
 * Internal module: notebooks never import it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The path of a shipped data file.
 * @param name a file name in data/, e.g. "pbs-profiles.json"
 * @example dataPath("systems.csv").endsWith("data/systems.csv") // => true
 */
export function dataPath(name: string): string {
  return join(__dirname, "..", "..", "data", name);
}

/**
 * The text of a file: a shipped data file from {@link dataPath}, or (in
 * Node only) any readable file.
 * @param path a file path
 * @throws Error when the file cannot be read
 * @example readText(dataPath("systems.csv")).startsWith("system,") // => true
 */
export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
