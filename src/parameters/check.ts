/**
 * The check a notebook runs right after its `parameters` cell:
 *
 *     await parameters.check("04-quorums-and-staleness.ipynb", { replicationFactor: replicationFactor, ... });
 *
 * It reads the declarations of that notebook's `parameters` cell (the
 * notebook file in the kernel's working directory, else the project's
 * copy) and checks every value against its declared type and the rule of
 * its trailing comment, before anything else in the notebook runs. The
 * first bad value stops the notebook with one line that names the
 * parameter, what is allowed and the value received.
 *
 * It is asynchronous so that a refusal reaches the notebook as a rejected
 * promise: tslab then prints `RangeError: parameters.check: …` as the
 * first line, where a synchronous throw through Node's `vm` would first
 * print the library file and line that threw.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { rangeError, nonEmptyString, object } from "../internal/errors";
import { readDeclarations, type NotebookParameter } from "./declaration";
import { checkParameter } from "./validate";

const WHERE = "parameters.check";
/** The project's learner notebooks (this file is src/parameters/check.ts or dist/parameters/check.js). */
const PROJECT_NOTEBOOKS = resolve(__dirname, "..", "..", "notebooks");

interface NotebookJson {
  cells?: { cell_type?: string; source?: string | string[]; metadata?: { tags?: string[] } }[];
}

/** The source of a notebook file's cell tagged `parameters`, or undefined when it has none. */
export function parametersCellSource(text: string): string | undefined {
  const nb = JSON.parse(text) as NotebookJson;
  const cell = (nb.cells ?? []).find((c) => c.cell_type === "code" && (c.metadata?.tags ?? []).includes("parameters"));
  if (!cell) return undefined;
  return Array.isArray(cell.source) ? cell.source.join("") : (cell.source ?? "");
}

/** The declarations of the named notebook: the file in the working directory, else the project's copy. */
function declarationsOf(notebook: string): NotebookParameter[] {
  const candidates = [resolve(notebook), join(PROJECT_NOTEBOOKS, basename(notebook))];
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) {
    throw rangeError(WHERE, "notebook", `a notebook file in ${process.cwd()} or ${PROJECT_NOTEBOOKS}`, notebook);
  }
  const source = parametersCellSource(readFileSync(path, "utf8"));
  if (source === undefined) throw rangeError(WHERE, "notebook", 'a notebook with a cell tagged "parameters"', notebook);
  return readDeclarations(source);
}

/**
 * Checks a notebook's parameter values against the declarations of its
 * `parameters` cell (type, then the rule in the trailing comment).
 * @param notebook the notebook's file name, e.g. `"04-quorums-and-staleness.ipynb"`
 * @param values the parameters' current values, by name
 * @returns a promise that rejects with a TypeError or RangeError for the first bad value, naming it, what is allowed and the value received
 * @example await check("04-quorums-and-staleness.ipynb", { replicationFactor: 20 })
 * // rejects with RangeError: parameters.check: replicationFactor must be an integer in [1, 9], got 20
 */
export async function check(notebook: string, values: Readonly<Record<string, unknown>>): Promise<void> {
  nonEmptyString(WHERE, "notebook", notebook);
  object(WHERE, "values", values);
  for (const p of declarationsOf(notebook)) {
    if (Object.prototype.hasOwnProperty.call(values, p.name)) checkParameter(WHERE, p.name, p, values[p.name], values);
  }
}
