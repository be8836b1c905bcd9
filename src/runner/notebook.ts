/**
 * Stage 1 of the runner: notebook I/O.
 *
 * The nbformat 4.5 document model (https://nbformat.readthedocs.io,
 * "The Notebook file format"), reading with validation of the parts the
 * runner relies on, cell ids (required from nbformat 4.5), and an atomic
 * write: the JSON goes to a temporary file in the target's folder, which is
 * then renamed over the target, so a reader never sees half a notebook.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, readdirSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { array, nonEmptyString, object, rangeError, typeError } from "../internal/errors";
import { NotebookFormatError } from "./errors";

/** Multiline text as nbformat stores it: a string or a list of lines. */
export type MultilineString = string | string[];

/** A MIME bundle: `{ "text/plain": "...", "text/html": "..." }`. */
export type MimeBundle = Record<string, unknown>;

/** Text written to stdout or stderr. */
export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

/** Rich output sent with `display_data`. */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of a cell's last expression, when a kernel sends it as a result. */
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** An error raised by the cell. */
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One entry of a code cell's `outputs`. */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** Cell metadata; `tags` drive the runner (`parameters`, `skip-execution`, ...). */
export interface CellMetadata {
  tags?: string[];
  execution?: Record<string, string>;
  [key: string]: unknown;
}

/** A code cell. */
export interface CodeCell {
  cell_type: "code";
  id: string;
  source: MultilineString;
  metadata: CellMetadata;
  execution_count: number | null;
  outputs: Output[];
}

/** A markdown cell. */
export interface MarkdownCell {
  cell_type: "markdown";
  id: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

/** A raw cell. */
export interface RawCell {
  cell_type: "raw";
  id: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

/** Any cell. */
export type Cell = CodeCell | MarkdownCell | RawCell;

/** An nbformat 4 notebook. */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

/** The text of a multiline field. */
export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Splits text into nbformat lines (each keeps its "\n" but the last). */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

/** Tag: an error in this cell is expected; the run continues (nbclient). */
export const RAISES_EXCEPTION = "raises-exception";
/** Tag: do not run this cell (nbclient). */
export const SKIP_EXECUTION = "skip-execution";

/** The tags of a cell (an empty list when it has none). */
export function cellTags(cell: Cell): string[] {
  const tags = (cell.metadata as Cell["metadata"] | undefined)?.tags; // a hand-built cell may lack metadata
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** A fresh random cell id: 8 hex digits, as JupyterLab makes them. */
export function newCellId(taken: ReadonlySet<string> = new Set()): string {
  for (;;) {
    const id = randomBytes(4).toString("hex");
    if (!taken.has(id)) return id;
  }
}

/**
 * Gives every cell a valid, unique id (nbformat 4.5) and upgrades the minor
 * version to 5. Ids that are already valid and unique are kept.
 */
export function ensureCellIds(nb: Notebook): Notebook {
  const seen = new Set<string>();
  // Every id present, valid or not, is avoided by new ids; one set for the whole pass keeps 10,000 cells linear.
  const taken = new Set<string>(nb.cells.map((c) => c.id).filter((id): id is string => typeof id === "string"));
  for (const cell of nb.cells) {
    if (typeof cell.id !== "string" || !CELL_ID.test(cell.id) || seen.has(cell.id)) {
      cell.id = newCellId(taken);
      taken.add(cell.id);
    }
    seen.add(cell.id);
  }
  if (nb.nbformat === 4 && nb.nbformat_minor < 5) nb.nbformat_minor = 5;
  return nb;
}

/** A deep copy, so the caller's notebook object is never modified. */
export function cloneNotebook(nb: Notebook): Notebook {
  return JSON.parse(JSON.stringify(nb)) as Notebook;
}

/**
 * Checks that a parsed JSON value is an nbformat 4 notebook and normalises
 * it (ids, missing `metadata`/`outputs`).
 * @throws NotebookFormatError when it is not a notebook
 */
export function parseNotebook(json: unknown, path = "<notebook>"): Notebook {
  return checkNotebook("runner.parseNotebook", json, nonEmptyString("runner.parseNotebook", "path", path));
}

function checkNotebook(where: string, json: unknown, path: string): Notebook {
  const fail = (why: string): never => {
    throw new NotebookFormatError(`${where}: ${path} is not an nbformat 4 notebook: ${why}`, path);
  };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("the top level is not an object");
  const nb = json as Partial<Notebook>;
  if (nb.nbformat !== 4) return fail(`nbformat must be 4, got ${JSON.stringify(nb.nbformat)}`);
  if (!Array.isArray(nb.cells)) return fail("it has no cells array");
  nb.metadata ??= {};
  nb.nbformat_minor ??= 0;
  nb.cells.forEach((cell: Partial<Cell>, i) => {
    if (typeof cell !== "object" || cell === null) return fail(`cell ${i} is not an object`);
    if (cell.cell_type !== "code" && cell.cell_type !== "markdown" && cell.cell_type !== "raw") {
      return fail(`cell ${i} has cell_type ${JSON.stringify(cell.cell_type)}`);
    }
    if (typeof cell.source !== "string" && !(Array.isArray(cell.source) && cell.source.every((line) => typeof line === "string"))) {
      return fail(`cell ${i} has no source (a string or an array of strings)`);
    }
    cell.metadata ??= {};
    if (typeof cell.metadata !== "object" || cell.metadata === null || Array.isArray(cell.metadata)) return fail(`cell ${i} has metadata that is not an object`);
    if (cell.metadata.tags !== undefined && !(Array.isArray(cell.metadata.tags) && cell.metadata.tags.every((t) => typeof t === "string"))) {
      return fail(`cell ${i} has metadata.tags that is not an array of strings`);
    }
    if (cell.cell_type === "code") {
      cell.outputs ??= [];
      if (!Array.isArray(cell.outputs) || !cell.outputs.every((o) => typeof o === "object" && o !== null && typeof (o as { output_type?: unknown }).output_type === "string")) {
        return fail(`cell ${i} has outputs that are not an array of outputs`);
      }
      cell.execution_count ??= null;
    }
    return undefined;
  });
  return ensureCellIds(nb as Notebook);
}

/**
 * Reads an `.ipynb` file (nbformat 4) and gives every cell an id.
 * @param path the notebook file
 * @returns the notebook; the file itself is not modified
 * @throws NotebookFormatError when the file is not JSON or not an nbformat 4 notebook
 * @example readNotebook("notebooks/01-trade-offs.ipynb").cells[1].metadata.tags // => ["parameters"]
 */
export function readNotebook(path: string): Notebook {
  // A number is a file descriptor to readFileSync, and -0 aborts the whole process: only a path is read.
  nonEmptyString("runner.readNotebook", "path", path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new NotebookFormatError(`runner.readNotebook: cannot read ${path}: ${(error as Error).message}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError(`runner.readNotebook: ${path} is not valid JSON: ${(error as Error).message}`, path);
  }
  return checkNotebook("runner.readNotebook", json, path);
}

/** Suffixes of executed copies: the runner's own and nbconvert's `--execute` output. */
export const EXECUTED_SUFFIXES = [".executed.ipynb", ".nbconvert.ipynb"] as const;

/**
 * True for a notebook a person wrote, false for an executed copy
 * (`*.executed.ipynb`, `*.nbconvert.ipynb`), a hidden or `_`-prefixed file
 * (`.ipynb_checkpoints`, editor scratch copies) and anything not `.ipynb`.
 * @example isSourceNotebook("01-trade-offs.executed.ipynb") // => false
 */
export function isSourceNotebook(fileName: string): boolean {
  const name = basename(nonEmptyString("runner.isSourceNotebook", "fileName", fileName));
  return name.endsWith(".ipynb") && !EXECUTED_SUFFIXES.some((s) => name.endsWith(s)) && !name.startsWith(".") && !name.startsWith("_");
}

/**
 * The notebooks of a folder (not recursive), sorted, skipping what
 * {@link isSourceNotebook} rejects. The one listing the run and export
 * commands, the export stage and the exercise grader share.
 * @param dir the folder
 * @returns paths `dir/<name>.ipynb`
 * @throws RangeError when `dir` cannot be read
 * @example listNotebooks("notebooks")[0] // => "notebooks/00-start-here.ipynb"
 */
export function listNotebooks(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(nonEmptyString("runner.listNotebooks", "dir", dir));
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw error;
    throw rangeError("runner.listNotebooks", "dir", "a readable folder", dir);
  }
  return names
    .filter((f) => isSourceNotebook(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The shape every runner function relies on before it reads cells: an
 * object whose `cells` is an array of objects with a `cell_type`, and a
 * `source` (when there is one) that is text: a string or an array of strings.
 */
export function checkCells(where: string, name: string, nb: unknown): Notebook {
  const cells = array<unknown>(where, `${name}.cells`, object<Notebook>(where, name, nb).cells, { min: 0 });
  cells.forEach((cell, i) => {
    object(where, `${name}.cells[${i}]`, cell);
    if (typeof (cell as { cell_type?: unknown }).cell_type !== "string") {
      throw typeError(where, `${name}.cells[${i}].cell_type`, '"code", "markdown" or "raw"', (cell as { cell_type?: unknown }).cell_type);
    }
    const metadata = (cell as { metadata?: unknown }).metadata;
    if (metadata !== undefined) object(where, `${name}.cells[${i}].metadata`, metadata);
    const source = (cell as { source?: unknown }).source;
    if (source !== undefined && typeof source !== "string" && !(Array.isArray(source) && source.every((line) => typeof line === "string"))) {
      throw typeError(where, `${name}.cells[${i}].source`, "a string or an array of strings", source);
    }
  });
  return nb as Notebook;
}

/** The notebook as Jupyter writes it: 1-space indent, sorted keys, final newline. */
export function serializeNotebook(nb: Notebook): string {
  const where = "runner.serializeNotebook";
  checkCells(where, "nb", nb);
  try {
    return `${JSON.stringify(sortKeys(nb), null, 1)}\n`;
  } catch (error) {
    // A BigInt or a cycle somewhere in the cells.
    throw typeError(where, "nb", `JSON data (${(error as Error).message})`, nb);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  // Own data properties, so a key named __proto__ in cell metadata survives.
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

/** Flushes a folder's entries, so a rename into it survives a crash; best effort (not every platform can open a folder). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // the rename is done; only its durability is at stake
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** How many symbolic links {@link outputTarget} follows before it gives up (Linux's own limit, `MAXSYMLINKS`). */
const MAX_LINKS = 40;

/**
 * The file a notebook written to `path` really lands in, checked before
 * anything runs: the absolute path, with the folders' links resolved, and
 * when `path` is a symbolic link, the file it points to (a write goes
 * through the link, which stays a link). A missing file is fine; its folder
 * must exist.
 * @param path where the caller wants the notebook
 * @param where the public name for messages, e.g. `"runner.executeNotebook"`
 * @param name the parameter's name for messages, e.g. `"outputPath"`
 * @throws TypeError when `path` is not a string (RangeError when empty)
 * @throws RangeError when `path` is a folder (or another non-file), its folder does not exist, or its links loop
 * @example outputTarget("out.ipynb") // => ".../out.ipynb" (absolute; through a symbolic link, the file it points to)
 */
export function outputTarget(path: string, where = "runner.outputTarget", name = "path"): string {
  nonEmptyString(where, name, path);
  let target = resolve(path);
  for (let hops = 0; ; hops++) {
    const folder = dirname(target);
    let realFolder: string;
    try {
      realFolder = realpathSync(folder);
    } catch {
      throw rangeError(where, name, "a file in an existing folder", path, `the folder ${folder} does not exist; create it first`);
    }
    if (!statSync(realFolder).isDirectory()) throw rangeError(where, name, "a file in an existing folder", path, `${folder} is not a folder`);
    target = join(realFolder, basename(target));
    let entry;
    try {
      entry = lstatSync(target);
    } catch {
      return target;
    }
    if (entry.isSymbolicLink()) {
      if (hops >= MAX_LINKS) throw rangeError(where, name, "a file path whose symbolic links end", path, `more than ${MAX_LINKS} links from ${target}`);
      target = resolve(realFolder, readlinkSync(target));
      continue;
    }
    if (entry.isDirectory()) throw rangeError(where, name, "a notebook file, not a folder", path, `${target} is a folder; name a file inside it`);
    if (!entry.isFile()) throw rangeError(where, name, "a regular file", path, `${target} is a device, socket or pipe`);
    return target;
  }
}

/**
 * Writes a notebook atomically: to a temporary file beside the real target
 * (see {@link outputTarget}: through a symbolic link, never over it),
 * flushed to disk, then renamed over it. A crash leaves either the old
 * file or the new one, never a partial file. A file that existed keeps its
 * permission bits.
 * @param path the target file (its folder must exist)
 * @param nb the notebook to write
 * @throws RangeError when `path` is a folder or its folder does not exist (nothing is written)
 * @throws Error from the file system (the temporary file is removed)
 * @example writeNotebookAtomic("out.ipynb", nb); // out.ipynb now holds nb, or (after a crash) what it held before
 */
export function writeNotebookAtomic(path: string, nb: Notebook): void {
  const target = outputTarget(path, "runner.writeNotebookAtomic", "path");
  const text = serializeNotebook(nb);
  let mode = 0o644;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {
    // a new file
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", mode);
  let open = true;
  try {
    // writeFileSync on a descriptor loops until every byte is written; writeSync may stop short.
    writeFileSync(fd, text);
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(temp, target);
    syncFolder(dirname(target));
  } catch (error) {
    if (open) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
}
