/**
 * Stage 5 of the runner: error reporting.
 *
 * One base class, `RunnerError`, for everything the runner reports, with
 * subclasses that carry data, as papermill's `PapermillExecutionError` and
 * nbclient's `CellExecutionError` do. A failed cell is a
 * `CellExecutionError`; what went wrong is told by its class, never by
 * comparing `ename` strings:
 *
 *     CellExecutionError          the cell's code raised (ename is the error's own class, e.g. RangeError)
 *     └─ CellRunFailure           the run failed, not the code (raisedByCell false)
 *        ├─ CellTimeoutError      it ran past the per-cell timeout
 *        ├─ LostOutputError       the kernel replied, then its output stopped without idle
 *        ├─ ExecutionAbortedError the kernel aborted the request without running it
 *        ├─ UncaughtAsyncError    an error thrown in a callback, or a rejection nobody handled, reached the kernel
 *        └─ KernelLostError       the kernel cannot run another cell (kernelLost true)
 *           ├─ KernelDiedError    the kernel process exited
 *           └─ KernelProtocolError a bad signature or a broken socket
 *
 * Also here: the banner cell papermill puts at the top of a failed
 * notebook. Turning tslab's stderr into an error is in `tslab.ts`.
 */
import { escapeHtml } from "../display/html";
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
 * A cell failed; when the class is exactly this one, the cell's own code
 * raised (a TypeScript diagnostic or a thrown error), and `ename` is that
 * error's class. The message names the cell index, its first lines and the
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

  /**
   * True when the cell's own code raised the error, so a cell tagged
   * `raises-exception` expected it; false for the runner's and the
   * kernel's failures (the subclasses).
   */
  get raisedByCell(): boolean {
    return true;
  }

  /** True when the kernel cannot run another cell (it died, or its messages cannot be trusted). */
  get kernelLost(): boolean {
    return false;
  }
}

/**
 * A cell that did not complete for a reason other than its own code
 * raising: a timeout, an abort, a kernel that went silent or away. A cell
 * tagged `raises-exception` does not excuse it.
 */
export abstract class CellRunFailure extends CellExecutionError {
  override get raisedByCell(): boolean {
    return false;
  }
}

/** A run failure after which the kernel cannot run another cell. */
export abstract class KernelLostError extends CellRunFailure {
  override get kernelLost(): boolean {
    return true;
  }
}

/** A cell ran longer than the per-cell timeout; the kernel was interrupted (and restarted if that failed). */
export class CellTimeoutError extends CellRunFailure {
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
export class KernelDiedError extends KernelLostError {
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

/**
 * Lost output: the kernel's `execute_reply` arrived on shell, but its
 * iopub messages for the cell stopped without the final `idle` status and
 * stayed silent for the iopub timeout, so the cell's output after the last
 * message that came is missing. Not a timeout of the cell: the cell ran.
 */
export class LostOutputError extends CellRunFailure {
  override name = "LostOutputError";
  constructor(
    failure: Omit<CellFailure, "ename">,
    /** How long iopub was silent before the output was declared lost, in milliseconds. */
    readonly timeoutMs: number,
    /** How many iopub messages of the cell arrived before the silence. */
    readonly messages: number,
  ) {
    super({ ...failure, ename: "LostOutputError" });
  }
}

/** @deprecated use LostOutputError (the same class) */
export const IopubTimeoutError = LostOutputError;
/** @deprecated use LostOutputError */
export type IopubTimeoutError = LostOutputError;

/** The kernel answered the request with `status: "abort"`, without running the cell. */
export class ExecutionAbortedError extends CellRunFailure {
  override name = "ExecutionAbortedError";
  constructor(failure: Omit<CellFailure, "ename" | "evalue" | "traceback">) {
    super({ ...failure, ename: "ExecutionAborted", evalue: "the kernel aborted this request without running it", traceback: [] });
  }
}

/**
 * An error that no cell's `await` caught reached the kernel: an exception
 * thrown in a callback (a timer, an event; Node's `uncaughtException`) or
 * a promise rejection nobody handled (`unhandledRejection`). The kernel
 * survives it, so the run could go on, but the notebook's results are not
 * what its code says; the cell during which it fired fails (the cell it
 * came from may be an earlier one), or the last cell when it fired after
 * the last cell. `evalue` says which and holds the error's first line;
 * the traceback is the error's stack. A cell tagged `raises-exception`
 * does not excuse it.
 */
export class UncaughtAsyncError extends CellRunFailure {
  override name = "UncaughtAsyncError";
  constructor(
    failure: Omit<CellFailure, "ename">,
    /** Node's event: `"uncaughtException"` or `"unhandledRejection"`. */
    readonly event: "uncaughtException" | "unhandledRejection",
    /** True when it arrived after the cell had finished (between cells, or after the last one). */
    readonly afterCell: boolean,
  ) {
    super({ ...failure, ename: "UncaughtAsyncError" });
  }
}

/**
 * The kernel's messages could not be trusted or read while the cell ran: a
 * message with a bad signature (`cause` is a {@link SignatureError}) or a
 * socket that failed. The run stops: a kernel that sends forged or broken
 * messages runs no further cells. `ename` is the cause's class.
 */
export class KernelProtocolError extends KernelLostError {
  override name = "KernelProtocolError";
  constructor(
    failure: Omit<CellFailure, "ename" | "evalue" | "traceback">,
    /** What the client rejected. */
    override readonly cause: RunnerError,
  ) {
    super({ ...failure, ename: cause.name, evalue: cause.message, traceback: [] });
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

/** The tag on the cells the runner adds to a failed notebook. */
export const ERROR_CELL_TAG = "runner-error";
/** The HTML anchor of the failing cell's marker. */
export const ERROR_ANCHOR = "tradeoff-lab-error-cell";

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

/** The sources {@link errorCells} writes: a cell is the runner's only if it has one of these shapes. */
const ERROR_CELL_SOURCE = new RegExp(`^<span (?:style="color:red; font-size:1\\.5em;">An exception stopped this notebook at <a href="#${ERROR_ANCHOR}">|id="${ERROR_ANCHOR}" style="color:red; font-size:1\\.2em;">The run stopped at the next cell with )`);

/**
 * Removes error cells left by an earlier run: markdown cells tagged
 * `runner-error` whose source is what {@link errorCells} writes. A cell of
 * the author's that merely carries the tag is kept.
 */
export function withoutErrorCells(cells: Cell[]): Cell[] {
  return cells.filter(
    (c) => !(c.cell_type === "markdown" && (c.metadata.tags ?? []).includes(ERROR_CELL_TAG) && ERROR_CELL_SOURCE.test(Array.isArray(c.source) ? c.source.join("") : c.source)),
  );
}
