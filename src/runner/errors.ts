/**
 * Stage 5 of the runner: error reporting.
 *
 * One base class, `RunnerError`, for everything the runner reports, with
 * subclasses that carry data, as papermill's `PapermillExecutionError` and
 * nbclient's `CellExecutionError` do. Also here: turning tslab's stderr
 * text into a proper error (tslab sends no ename/evalue/traceback), and the
 * banner cell papermill puts at the top of a failed notebook.
 */
import type { Cell, MarkdownCell } from "./notebook";

/** The base class of every error the notebook runner reports. */
export class RunnerError extends Error {
  override name = "RunnerError";
}

/** The file is not an nbformat 4 notebook (or cannot be read). */
export class NotebookFormatError extends RunnerError {
  override name = "NotebookFormatError";
  constructor(
    message: string,
    /** The file that was read. */
    readonly path: string,
  ) {
    super(message);
  }
}

/**
 * A parameter was refused before anything ran: an unknown name, or a value
 * whose type does not match the declaration in the `parameters` cell.
 */
export class ParameterError extends RunnerError {
  override name = "ParameterError";
  constructor(
    message: string,
    /** The parameter's name. */
    readonly parameter: string,
    /** What was expected: a type (`"number"`) or, for an unknown name, the known names. */
    readonly expected: string,
    /** The value received. */
    readonly value: unknown,
  ) {
    super(message);
  }
}

/** The kernel could not be found, launched, or did not answer `kernel_info` in time. */
export class KernelStartupError extends RunnerError {
  override name = "KernelStartupError";
}

/**
 * A message whose HMAC-SHA256 signature does not match the connection key.
 * It is rejected (never parsed further) and reported.
 */
export class SignatureError extends RunnerError {
  override name = "SignatureError";
  constructor(
    message: string,
    /** The socket it arrived on: `shell`, `iopub`, `control` or `stdin`. */
    readonly channel: string,
  ) {
    super(message);
  }
}

/** What a failed cell carries. */
export interface CellFailure {
  /** 0-based index of the cell in the notebook that was run (`nb.cells[cellIndex]`). */
  cellIndex: number;
  cellId: string;
  source: string;
  ename: string;
  evalue: string;
  traceback: string[];
  /** 1-based line in the cell, when known (TypeScript diagnostics). */
  line?: number;
  /** 1-based column in the cell, when known. */
  column?: number;
}

/**
 * A cell failed. The message names the cell index, its first lines and the
 * error, e.g.
 *
 *     cell 2 (id "c2") failed: TypeScriptError: Type 'number' is not assignable to type 'string'. (line 1, column 5)
 *       | const s: string = 1;
 */
export class CellExecutionError extends RunnerError implements CellFailure {
  override name = "CellExecutionError";
  readonly cellIndex: number;
  readonly cellId: string;
  readonly source: string;
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: string[];
  readonly line?: number;
  readonly column?: number;

  constructor(failure: CellFailure) {
    super(describeFailure(failure));
    this.cellIndex = failure.cellIndex;
    this.cellId = failure.cellId;
    this.source = failure.source;
    this.ename = failure.ename;
    this.evalue = failure.evalue;
    this.traceback = failure.traceback;
    if (failure.line !== undefined) this.line = failure.line;
    if (failure.column !== undefined) this.column = failure.column;
  }
}

/** A cell ran longer than the per-cell timeout; the kernel was interrupted (and restarted if that failed). */
export class CellTimeoutError extends CellExecutionError {
  override name = "CellTimeoutError";
  constructor(
    failure: Omit<CellFailure, "ename">,
    /** The timeout that expired, in milliseconds. */
    readonly timeoutMs: number,
    /** Whether the kernel answered the interrupt. */
    readonly interrupted: boolean,
    /** Whether the kernel had to be killed (the run continues on a fresh kernel only with allowErrors). */
    readonly restarted: boolean,
  ) {
    super({ ...failure, ename: "CellTimeoutError" });
  }
}

/** The kernel process exited while a cell was running. */
export class KernelDiedError extends CellExecutionError {
  override name = "KernelDiedError";
  constructor(
    failure: Omit<CellFailure, "ename">,
    /** The kernel's exit code, or null when a signal ended it. */
    readonly exitCode: number | null,
    /** The signal that ended it, or null. */
    readonly signal: string | null,
  ) {
    super({ ...failure, ename: "KernelDiedError" });
  }
}

/** The kernel replied but never reported `idle` on iopub within the iopub timeout. */
export class IopubTimeoutError extends CellExecutionError {
  override name = "IopubTimeoutError";
  constructor(
    failure: Omit<CellFailure, "ename">,
    /** The idle wait that expired, in milliseconds. */
    readonly timeoutMs: number,
  ) {
    super({ ...failure, ename: "IopubTimeoutError" });
  }
}

/** First lines of a cell's source, indented, for messages. */
export function sourceExcerpt(source: string, maxLines = 3): string {
  const lines = source.replace(/\n+$/, "").split("\n");
  const shown = lines.slice(0, maxLines).map((l) => `  | ${l}`);
  if (lines.length > maxLines) shown.push(`  | ... (${lines.length - maxLines} more lines)`);
  return shown.join("\n");
}

function describeFailure(f: CellFailure): string {
  const where = f.line === undefined ? "" : ` (line ${f.line}${f.column === undefined ? "" : `, column ${f.column}`})`;
  return `cell ${f.cellIndex} (id ${JSON.stringify(f.cellId)}) failed: ${f.ename}: ${f.evalue}${where}\n${sourceExcerpt(f.source)}`;
}

/** An error parsed from tslab's stderr. */
export interface ParsedKernelError {
  ename: string;
  evalue: string;
  traceback: string[];
  line?: number;
  column?: number;
}

/** A TypeScript diagnostic as tslab prints it: `[file ]line:col - message`. */
const DIAGNOSTIC = /^(?:\S+ )?(\d+):(\d+) - (.*)$/;
/** The first line of `util.inspect(error)`: `RangeError: message` or `MyError [TypeError]: message`. */
const ERROR_HEAD = /^([A-Za-z_$][\w$]*)(?: \[[\w$]+\])?(?::\s?(.*))?$/;

/** True when a stderr chunk is a TypeScript diagnostic line printed by tslab. */
export function isDiagnostic(text: string): boolean {
  return DIAGNOSTIC.test(text.trim().split("\n")[0] ?? "");
}

/**
 * Turns what tslab printed to stderr for a failed cell into an error with a
 * name, a value and a traceback. tslab reports compile errors as
 * `line:col - message` lines and runtime errors as `console.error(error)`.
 * @param stderr the error text (the trailing stderr chunks of the cell)
 * @example parseKernelError("1:5 - Type 'number' is not assignable to type 'string'.\n")
 * // => { ename: "TypeScriptError", evalue: "Type 'number' is not assignable to type 'string'.", line: 1, column: 5, traceback: [...] }
 */
export function parseKernelError(stderr: string): ParsedKernelError {
  const text = stderr.replace(/\s+$/, "");
  const lines = text.split("\n");
  const diagnostics = lines.map((l) => DIAGNOSTIC.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  if (diagnostics.length > 0) {
    const [, line, column, message] = diagnostics[0] as RegExpExecArray;
    return {
      ename: "TypeScriptError",
      evalue: message ?? "",
      traceback: lines,
      line: Number(line),
      column: Number(column),
    };
  }
  // Node prefixes errors thrown synchronously in vm code with the source line and a caret:
  // "evalmachine.<anonymous>:2\nthrow new RangeError('boom');\n^\n\nRangeError: boom\n    at ..."
  const body = /^evalmachine\.<anonymous>:\d+\n.*\n\s*\^+\s*\n\n/.test(text) ? lines.slice(4) : lines;
  // Frames inside tslab and node's vm say nothing about the cell.
  const traceback = body.filter((l) => !/^\s+at .*(?:node:vm|node_modules\/tslab\/|sigintHandlersWrap|node:internal)/.test(l));
  const head = ERROR_HEAD.exec(body[0] ?? "");
  const stackStart = body.findIndex((l) => /^\s+at /.test(l));
  if (head && (head[2] !== undefined || stackStart > 0)) {
    const valueLines = [head[2] ?? "", ...body.slice(1, stackStart < 0 ? body.length : stackStart)];
    return { ename: head[1] as string, evalue: valueLines.join("\n").trim(), traceback };
  }
  return { ename: "Error", evalue: text === "" ? "the kernel reported an error without a message" : text, traceback };
}

/** The tag on the cells the runner adds to a failed notebook. */
export const ERROR_CELL_TAG = "runner-error";
/** The HTML anchor of the failing cell's marker. */
export const ERROR_ANCHOR = "tradeoff-lab-error-cell";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The two markdown cells papermill adds to a failed notebook: a banner for
 * the top, linking to the marker placed just before the failing cell.
 */
export function errorCells(error: CellExecutionError, ids: { banner: string; marker: string }): [MarkdownCell, MarkdownCell] {
  const summary = escapeHtml(`${error.ename}: ${error.evalue.split("\n")[0] ?? ""}`);
  const banner: MarkdownCell = {
    cell_type: "markdown",
    id: ids.banner,
    metadata: { tags: [ERROR_CELL_TAG] },
    source: `<span style="color:red; font-size:1.5em;">An exception stopped this notebook at <a href="#${ERROR_ANCHOR}">cell ${error.cellIndex}</a>: ${summary}</span>`,
  };
  const marker: MarkdownCell = {
    cell_type: "markdown",
    id: ids.marker,
    metadata: { tags: [ERROR_CELL_TAG] },
    source: `<span id="${ERROR_ANCHOR}" style="color:red; font-size:1.2em;">The run stopped at the next cell with ${escapeHtml(error.ename)}:</span>`,
  };
  return [banner, marker];
}

/** Removes error cells left by an earlier run. */
export function withoutErrorCells(cells: Cell[]): Cell[] {
  return cells.filter((c) => !(c.cell_type === "markdown" && (c.metadata.tags ?? []).includes(ERROR_CELL_TAG)));
}
