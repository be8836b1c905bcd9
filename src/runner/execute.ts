/**
 * Stage 4 of the runner: orchestration, papermill's `execute_notebook`.
 *
 * One `executeNotebookObject` call validates the options, injects the
 * parameters, owns one kernel for its whole lifetime and always shuts it
 * down (nbclient's `NotebookClient.execute`), runs the code cells in order
 * through the per-cell client (`cellClient.ts`), stops at the first
 * unexpected failure unless `allowErrors`, adds papermill's error banner,
 * writes the output atomically and returns the result API (`result.ts`).
 */
import { dirname, resolve } from "node:path";
import { finite, nonEmptyString, object, typeError } from "../internal/errors";
import { CellClient, type ClientSettings } from "./cellClient";
import { errorCells, withoutErrorCells, type CellExecutionError } from "./errors";
import {
  cellTags,
  cloneNotebook,
  ensureCellIds,
  joinSource,
  newCellId,
  outputTarget,
  RAISES_EXCEPTION,
  readNotebook,
  SKIP_EXECUTION,
  writeNotebookAtomic,
  type Notebook,
} from "./notebook";
import { injectParameters } from "./parameters";
import { makeResult, type ExecutionResult } from "./result";

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** Parameter values, validated against the `parameters` cell and injected after it. */
  parameters?: Record<string, unknown>;
  /** The kernel's working directory; default: the notebook's folder. */
  cwd?: string;
  /** Per-cell timeout in milliseconds, default 60 000. On expiry the kernel is interrupted. */
  cellTimeoutMs?: number;
  /** How long the kernel may take to answer its first request, in milliseconds; default 30 000. */
  startupTimeoutMs?: number;
  /**
   * How long iopub may stay silent after a cell's reply before the cell's output counts as lost
   * (`LostOutputError`), in milliseconds; default 4 000 (nbclient's `iopub_timeout`). The wait goes on while
   * output keeps arriving, up to the cell timeout.
   */
  iopubTimeoutMs?: number;
  /** How long an interrupted cell has to answer before the kernel is restarted, in milliseconds; default 5 000. */
  interruptGraceMs?: number;
  /** `"tslab"` (the project's own, default), an installed kernelspec name, or a path to a kernel.json. */
  kernel?: string;
  /** Continue past cell errors (nbclient's `allow_errors`); the result is still `ok: false`. */
  allowErrors?: boolean;
  /**
   * Write the executed notebook here (atomically), also when a cell fails. Checked before the kernel starts:
   * its folder must exist and it must not be a folder; a symbolic link is written through to its target.
   */
  outputPath?: string;
  /** Called when a cell starts (`running`) and ends (`ok`, `error`, `skipped`). */
  onProgress?: (event: { cellIndex: number; total: number; status: string }) => void;
  /** Changes the executed notebook in place before it is written and returned (the CLI adds static chart images). */
  finish?: (nb: Notebook) => Promise<void>;
}

const WHERE = "runner.executeNotebook";

/**
 * The longest delay Node's timers can hold: setTimeout fires after 1 ms
 * for anything above 2^31 − 1 ms, so a longer timeout would fail the
 * first cell at once instead of never.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

function settings(options: ExecuteOptions & { cwd: string }): ClientSettings {
  object(WHERE, "options", options);
  const ms = (name: keyof ExecuteOptions, fallback: number) =>
    options[name] === undefined ? fallback : finite(WHERE, name, options[name], { min: 0, minExclusive: true, max: MAX_TIMER_MS, maxLabel: `${MAX_TIMER_MS} (2^31 − 1 ms, Node's timer limit, about 24.8 days)` });
  if (options.parameters !== undefined) object(WHERE, "parameters", options.parameters);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw typeError(WHERE, "onProgress", "a function", options.onProgress);
  }
  return {
    cellTimeoutMs: ms("cellTimeoutMs", 60_000),
    startupTimeoutMs: ms("startupTimeoutMs", 30_000),
    iopubTimeoutMs: ms("iopubTimeoutMs", 4_000),
    interruptGraceMs: ms("interruptGraceMs", 5_000),
    kernel: options.kernel === undefined ? "tslab" : nonEmptyString(WHERE, "kernel", options.kernel),
    allowErrors: options.allowErrors === true,
    cwd: resolve(nonEmptyString(WHERE, "cwd", options.cwd)),
  };
}

/**
 * Runs an in-memory notebook on a fresh kernel and returns the executed
 * copy; the object passed in is not modified. See {@link executeNotebook}.
 * @param nb the notebook
 * @param options as for executeNotebook, with `cwd` required (there is no file to take it from)
 * @throws ParameterError before anything runs when a parameter is unknown or of the wrong type
 * @throws KernelStartupError when the kernel cannot be started
 * @throws RangeError / TypeError for bad options, e.g. `runner.executeNotebook: cellTimeoutMs must be a finite number > 0, got -1`,
 *   or an `outputPath` that is a folder or in a missing folder (before the kernel starts)
 * @example (await executeNotebookObject(nb, { cwd: "notebooks" })).ok // => true
 */
export async function executeNotebookObject(nb: Notebook, options: ExecuteOptions & { cwd: string }): Promise<ExecutionResult> {
  const startedAt = performance.now();
  const s = settings(options);
  // Refused before the kernel starts, not after the whole run.
  const outputPath = options.outputPath === undefined ? undefined : outputTarget(options.outputPath, WHERE, "outputPath");
  const source = ensureCellIds(cloneNotebook(nb));
  source.cells = withoutErrorCells(source.cells);
  const ran = injectParameters(source, options.parameters ?? {});
  const client = new CellClient(s);
  const total = ran.cells.length;
  const progress = (cellIndex: number, status: string) => options.onProgress?.({ cellIndex, total, status });
  const runStart = new Date();
  let firstFailure: CellExecutionError | undefined;
  for (const cell of ran.cells) {
    if (cell.cell_type !== "code") continue;
    cell.metadata["tradeoff-lab"] = { status: "pending" };
    if (!cellTags(cell).includes(SKIP_EXECUTION)) {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  // An uncaught error that fired under a finished cell's request (after its idle) fails that cell.
  const noteLate = (): boolean => {
    const late = client.lateFailures();
    for (const f of late) progress(f.cellIndex, "error");
    firstFailure ??= late[0];
    return late.length > 0;
  };
  try {
    await client.startKernel();
    for (const [i, cell] of ran.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const tags = cellTags(cell);
      if (tags.includes(SKIP_EXECUTION) || joinSource(cell.source).trim() === "") {
        cell.metadata["tradeoff-lab"] = { status: "skipped" };
        progress(i, "skipped");
        continue;
      }
      if (noteLate() && !s.allowErrors) break;
      progress(i, "running");
      const failure = await client.runCell(cell, i);
      if (failure === undefined || (tags.includes(RAISES_EXCEPTION) && failure.raisedByCell)) {
        progress(i, "ok");
        continue;
      }
      progress(i, "error");
      firstFailure ??= failure;
      if (failure.kernelLost || !s.allowErrors) break;
    }
    if (firstFailure === undefined || s.allowErrors) {
      // What fires right after the last cell fails it too, before the kernel is stopped.
      await client.drain();
      noteLate();
    }
  } finally {
    await client.stopKernel();
  }
  const out = cloneNotebook(ran);
  const runEnd = new Date();
  out.metadata["tradeoff-lab"] = {
    parameters: options.parameters ?? {},
    kernel: s.kernel,
    start_time: runStart.toISOString(),
    end_time: runEnd.toISOString(),
    duration_ms: runEnd.getTime() - runStart.getTime(),
    status: firstFailure ? "failed" : "completed",
    ...(firstFailure ? { exception: { cell_index: firstFailure.cellIndex, cell_id: firstFailure.cellId, ename: firstFailure.ename, evalue: firstFailure.evalue } } : {}),
  };
  if (firstFailure) {
    const taken = new Set(out.cells.map((c) => c.id));
    const banner = newCellId(taken);
    taken.add(banner);
    const [top, marker] = errorCells(firstFailure, { banner, marker: newCellId(taken) });
    const at = out.cells.findIndex((c) => c.id === firstFailure?.cellId);
    out.cells.splice(at, 0, marker);
    out.cells.unshift(top);
  }
  if (options.finish !== undefined) await options.finish(out);
  if (outputPath !== undefined) writeNotebookAtomic(outputPath, out);
  return makeResult(out, ran, firstFailure, startedAt);
}

/**
 * Runs a notebook file top to bottom on a fresh kernel (the project's own
 * tslab by default) with nbclient's and papermill's semantics, and returns
 * the executed notebook with its outputs addressable by cell id or tag. The
 * input file is never modified (unless `outputPath` is the same file).
 *
 * Cells tagged `skip-execution` are skipped; an error in a cell tagged
 * `raises-exception` is expected. Otherwise the first error stops the run
 * (unless `allowErrors`), a banner cell linking to the failing cell is added
 * and the result has `ok: false` with the `error`.
 *
 * @param path the `.ipynb` file
 * @param options parameters, timeouts (milliseconds, > 0), kernel, output path
 * @returns the executed notebook and its cells
 * @throws ParameterError before anything runs when a parameter is unknown or of the wrong type
 * @throws NotebookFormatError when the file is not an nbformat 4 notebook
 * @throws KernelStartupError when the kernel cannot be started
 * @example
 * const result = await executeNotebook("notebooks/01-trade-offs.ipynb", { parameters: { goal: "Latency" } });
 * result.ok // => true
 * result.cell("parameters").source.includes("const goal") // => true
 */
export async function executeNotebook(path: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
  nonEmptyString(WHERE, "path", path);
  const nb = readNotebook(path);
  return executeNotebookObject(nb, { ...options, cwd: options.cwd ?? dirname(resolve(path)) });
}
