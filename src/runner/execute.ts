/**
 * Stage 4 of the runner: execution, with nbclient's semantics.
 *
 * One `executeNotebookObject` call owns one kernel for its whole lifetime
 * and always shuts it down (nbclient's `NotebookClient.execute`). Per cell:
 * send `execute_request`, collect the iopub messages whose parent is that
 * request, wait for the `execute_reply` (matched on `parent_header.msg_id`)
 * under the cell timeout, then for `status: idle` on iopub under the iopub
 * timeout, all raced against the kernel process exiting and against a
 * message with a bad signature.
 *
 * tslab's quirks are handled here: its errors arrive only as stderr text
 * (turned into an `error` output), and after an error it answers requests
 * that arrive within 200 ms with `status: "abort"` (so the next cell waits
 * that long, and is sent again if it was aborted anyway).
 */
import { dirname, resolve } from "node:path";
import { finite, nonEmptyString, object } from "../internal/errors";
import {
  CellExecutionError,
  CellTimeoutError,
  errorCells,
  IopubTimeoutError,
  isDiagnostic,
  KernelDiedError,
  parseKernelError,
  RunnerError,
  SignatureError,
  withoutErrorCells,
  type CellFailure,
} from "./errors";
import { KernelSession } from "./kernel/session";
import type { Message } from "./kernel/wire";
import {
  cellTags,
  cloneNotebook,
  ensureCellIds,
  joinSource,
  newCellId,
  readNotebook,
  splitLines,
  writeNotebookAtomic,
  type CodeCell,
  type Notebook,
  type Output,
  type StreamOutput,
} from "./notebook";
import { injectParameters } from "./parameters";

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
  /** How long to wait for `idle` on iopub after a cell's reply, in milliseconds; default 4 000 (nbclient's `iopub_timeout`). */
  iopubTimeoutMs?: number;
  /** How long an interrupted cell has to answer before the kernel is restarted, in milliseconds; default 5 000. */
  interruptGraceMs?: number;
  /** `"tslab"` (the project's own, default), an installed kernelspec name, or a path to a kernel.json. */
  kernel?: string;
  /** Continue past cell errors (nbclient's `allow_errors`); the result is still `ok: false`. */
  allowErrors?: boolean;
  /** Write the executed notebook here (atomically), also when a cell fails. */
  outputPath?: string;
  /** Called when a cell starts (`running`) and ends (`ok`, `error`, `skipped`). */
  onProgress?: (event: { cellIndex: number; total: number; status: string }) => void;
}

/** A code cell after the run, with helpers to read what it printed and displayed. */
export interface ExecutedCell {
  /** 0-based index in the executed notebook (after parameter injection, before error banners). */
  index: number;
  id: string;
  tags: string[];
  source: string;
  outputs: Output[];
  /** Everything written to stdout. tslab prints a cell's last expression value here. */
  stdout(): string;
  /** Everything written to stderr. */
  stderr(): string;
  /** stdout plus the `text/plain` of displayed data and results, in output order. */
  text(): string;
  /** The `text/html` of displayed data and results, in output order. */
  html(): string[];
}

/** What {@link executeNotebook} returns. */
export interface ExecutionResult {
  /** The executed notebook, as written to `outputPath` (with an error banner when a cell failed). */
  notebook: Notebook;
  /** True when every cell ran without an unexpected error. */
  ok: boolean;
  /** The first unexpected failure, when `ok` is false. */
  error?: CellExecutionError;
  /** Every code cell, in order. */
  cells: ExecutedCell[];
  /**
   * The code cell with this id, else the one cell with this tag.
   * @throws RunnerError when there is none, or the tag is on several cells
   */
  cell(idOrTag: string): ExecutedCell;
  /** The code cells with this tag. */
  cellsByTag(tag: string): ExecutedCell[];
  /** Wall time of the whole run in milliseconds, kernel start and shutdown included. */
  durationMs: number;
}

const WHERE = "runner.executeNotebook";
/** Tag: an error in this cell is expected; the run continues. */
export const RAISES_EXCEPTION = "raises-exception";
/** Tag: do not run this cell. */
export const SKIP_EXECUTION = "skip-execution";
/** True for an error raised by the cell's code (not a timeout, a dead kernel or a protocol failure). */
function isCodeError(failure: CellExecutionError): boolean {
  return !(failure instanceof CellTimeoutError || failure instanceof KernelDiedError || failure instanceof IopubTimeoutError || failure.ename === "SignatureError");
}

/** tslab resets its queue 200 ms after an error; until then it aborts requests. */
const TSLAB_ABORT_WINDOW_MS = 250;

interface Settings {
  cellTimeoutMs: number;
  startupTimeoutMs: number;
  iopubTimeoutMs: number;
  interruptGraceMs: number;
  kernel: string;
  allowErrors: boolean;
  cwd: string;
}

function settings(options: ExecuteOptions & { cwd: string }): Settings {
  object(WHERE, "options", options);
  const ms = (name: keyof ExecuteOptions, fallback: number) =>
    options[name] === undefined ? fallback : finite(WHERE, name, options[name], { min: 0, minExclusive: true });
  if (options.parameters !== undefined) object(WHERE, "parameters", options.parameters);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new TypeError(`${WHERE}: onProgress must be a function, got ${typeof options.onProgress}`);
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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A timer that can be raced and must be cleared. */
function timer(ms: number): { done: Promise<"timeout">; clear(): void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<"timeout">((r) => {
    handle = setTimeout(() => r("timeout"), ms);
  });
  return { done, clear: () => clearTimeout(handle) };
}

/** Collects one request's iopub messages into nbformat outputs. */
class OutputCollector {
  readonly outputs: Output[] = [];
  readonly timing: Record<string, string> = {};
  executionCount: number | null = null;
  idle = false;
  private clearPending = false;
  private onIdle: (() => void) | undefined;

  handle = (msg: Message): void => {
    const c = msg.content as Record<string, unknown>;
    const type = msg.header.msg_type;
    if (type === "status") {
      if (c.execution_state === "busy") this.timing["iopub.status.busy"] = msg.header.date;
      if (c.execution_state === "idle") {
        this.timing["iopub.status.idle"] = msg.header.date;
        this.idle = true;
        this.onIdle?.();
      }
      return;
    }
    if (type === "execute_input") {
      this.timing["iopub.execute_input"] = msg.header.date;
      if (typeof c.execution_count === "number") this.executionCount = c.execution_count;
      return;
    }
    if (type === "clear_output") {
      if (c.wait === true) this.clearPending = true;
      else this.outputs.length = 0;
      return;
    }
    if (type === "update_display_data") {
      const id = (c.transient as { display_id?: string } | undefined)?.display_id;
      for (const o of this.outputs) {
        if (o.output_type === "display_data" && id !== undefined && (o as { displayId?: string }).displayId === id) {
          o.data = (c.data as Record<string, unknown>) ?? {};
          o.metadata = (c.metadata as Record<string, unknown>) ?? {};
        }
      }
      return;
    }
    const output = toOutput(type, c);
    if (!output) return;
    if (this.clearPending) {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    const displayId = (c.transient as { display_id?: string } | undefined)?.display_id;
    if (displayId !== undefined) Object.defineProperty(output, "displayId", { value: displayId, enumerable: false });
    this.outputs.push(output);
  };

  /** Resolves when `idle` arrived. */
  waitIdle(): Promise<"idle"> {
    if (this.idle) return Promise.resolve("idle");
    return new Promise((r) => {
      this.onIdle = () => r("idle");
    });
  }
}

function toOutput(type: string, c: Record<string, unknown>): Output | undefined {
  switch (type) {
    case "stream":
      return { output_type: "stream", name: c.name === "stderr" ? "stderr" : "stdout", text: String(c.text ?? "") };
    case "display_data":
      return { output_type: "display_data", data: (c.data as Record<string, unknown>) ?? {}, metadata: (c.metadata as Record<string, unknown>) ?? {} };
    case "execute_result":
      return {
        output_type: "execute_result",
        execution_count: typeof c.execution_count === "number" ? c.execution_count : null,
        data: (c.data as Record<string, unknown>) ?? {},
        metadata: (c.metadata as Record<string, unknown>) ?? {},
      };
    case "error":
      return {
        output_type: "error",
        ename: String(c.ename ?? "Error"),
        evalue: String(c.evalue ?? ""),
        traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [],
      };
    default:
      return undefined;
  }
}

/** Merges consecutive stream outputs of the same name and splits text into nbformat lines. */
function coalesceStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const o of outputs) {
    const last = merged[merged.length - 1];
    if (o.output_type === "stream" && last?.output_type === "stream" && last.name === o.name) {
      last.text = joinSource(last.text) + joinSource(o.text);
    } else {
      merged.push(o.output_type === "stream" ? { ...o, text: joinSource(o.text) } : o);
    }
  }
  for (const o of merged) if (o.output_type === "stream") o.text = splitLines(joinSource(o.text));
  return merged;
}

/**
 * tslab reports errors only on stderr. The error text is the trailing run
 * of diagnostic lines (compile errors) or the last stderr chunk (a runtime
 * error, printed with one console.error). It is removed from the stream
 * outputs and returned, to become an `error` output.
 */
function takeStderrError(outputs: Output[]): string {
  const isStderr = (o: Output | undefined): o is StreamOutput => o?.output_type === "stream" && o.name === "stderr";
  let end = outputs.length;
  while (end > 0 && !isStderr(outputs[end - 1])) end--;
  if (end === 0) return "";
  let start = end - 1;
  if (isDiagnostic(joinSource((outputs[start] as StreamOutput).text))) {
    while (start > 0 && isStderr(outputs[start - 1]) && isDiagnostic(joinSource((outputs[start - 1] as StreamOutput).text))) start--;
  }
  const text = outputs
    .slice(start, end)
    .map((o) => joinSource((o as StreamOutput).text))
    .join("");
  outputs.splice(start, end - start);
  return text;
}

function makeExecutedCell(cell: CodeCell, index: number): ExecutedCell {
  const streams = (name: string) =>
    cell.outputs
      .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === name)
      .map((o) => joinSource(o.text))
      .join("");
  return {
    index,
    id: cell.id,
    tags: cellTags(cell),
    source: joinSource(cell.source),
    outputs: cell.outputs,
    stdout: () => streams("stdout"),
    stderr: () => streams("stderr"),
    text: () =>
      cell.outputs
        .map((o) => {
          if (o.output_type === "stream") return o.name === "stdout" ? joinSource(o.text) : "";
          if (o.output_type === "display_data" || o.output_type === "execute_result") {
            const plain = o.data["text/plain"];
            if (plain === undefined) return "";
            const text = Array.isArray(plain) ? plain.join("") : String(plain);
            return text.endsWith("\n") ? text : `${text}\n`;
          }
          return "";
        })
        .join(""),
    html: () =>
      cell.outputs.flatMap((o) => {
        if (o.output_type !== "display_data" && o.output_type !== "execute_result") return [];
        const html = o.data["text/html"];
        return html === undefined ? [] : [Array.isArray(html) ? html.join("") : String(html)];
      }),
  };
}

function makeResult(notebook: Notebook, ran: Notebook, error: CellExecutionError | undefined, startedAt: number): ExecutionResult {
  const cells = ran.cells.flatMap((c, i) => (c.cell_type === "code" ? [makeExecutedCell(c, i)] : []));
  const result: ExecutionResult = {
    notebook,
    ok: error === undefined,
    cells,
    cellsByTag: (tag) => cells.filter((c) => c.tags.includes(tag)),
    cell(idOrTag) {
      const byId = cells.find((c) => c.id === idOrTag);
      if (byId) return byId;
      const tagged = cells.filter((c) => c.tags.includes(idOrTag));
      if (tagged.length === 1) return tagged[0] as ExecutedCell;
      const known = [...new Set(cells.flatMap((c) => [c.id, ...c.tags]))].map((s) => JSON.stringify(s)).join(", ");
      throw new RunnerError(
        tagged.length === 0
          ? `runner.ExecutionResult.cell: idOrTag must be the id or tag of a code cell (${known}), got ${JSON.stringify(idOrTag)}`
          : `runner.ExecutionResult.cell: idOrTag must name one cell, got ${JSON.stringify(idOrTag)} which tags cells ${tagged.map((c) => c.index).join(", ")} (use cellsByTag)`,
      );
    },
    durationMs: performance.now() - startedAt,
  };
  if (error) result.error = error;
  return result;
}

/** The state of one run: the notebook, the kernel, and tslab's abort window. */
class Run {
  session: KernelSession | undefined;
  lastErrorAt = -Infinity;
  constructor(
    readonly s: Settings,
    readonly nb: Notebook,
    readonly onProgress: ExecuteOptions["onProgress"],
  ) {}

  async startKernel(): Promise<KernelSession> {
    this.session = await KernelSession.start(this.s.kernel, this.s.cwd, this.s.startupTimeoutMs);
    return this.session;
  }

  async stopKernel(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.shutdown();
  }

  /** Runs one code cell; returns its failure (expected or not), or undefined. */
  async runCell(cell: CodeCell, index: number): Promise<CellExecutionError | undefined> {
    const source = joinSource(cell.source);
    const base = { cellIndex: index, cellId: cell.id, source };
    const startedAt = new Date();
    cell.outputs = [];
    cell.execution_count = null;
    let collector = new OutputCollector();
    let reply: Message | undefined;
    let failure: CellExecutionError | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const wait = this.lastErrorAt + TSLAB_ABORT_WINDOW_MS - performance.now();
      if (wait > 0) await sleep(wait);
      collector = new OutputCollector();
      ({ reply, failure } = await this.send(cell, base, collector));
      if (failure || reply?.content.status !== "abort" || performance.now() - this.lastErrorAt > 5 * TSLAB_ABORT_WINDOW_MS) break;
    }
    const outputs = collector.outputs;
    const status = failure ? "error" : String(reply?.content.status ?? "error");
    if (!failure && status !== "ok") {
      this.lastErrorAt = performance.now();
      failure = this.cellError(reply as Message, outputs, base);
    } else if (failure) {
      this.lastErrorAt = performance.now();
      if (failure instanceof CellTimeoutError && failure.interrupted) {
        // The interrupted cell's own error text (tslab: on stderr) becomes the traceback.
        const text = takeStderrError(outputs);
        if (text !== "") failure.traceback.push(...parseKernelError(text).traceback);
      }
      outputs.push({ output_type: "error", ename: failure.ename, evalue: failure.evalue, traceback: failure.traceback });
    }
    if (reply) {
      collector.timing["shell.execute_reply"] = reply.header.date;
      const count = reply.content.execution_count;
      cell.execution_count = typeof count === "number" ? count : collector.executionCount;
    }
    cell.outputs = coalesceStreams(outputs);
    const endedAt = new Date();
    cell.metadata.execution = collector.timing;
    cell.metadata["tradeoff-lab"] = {
      status: failure ? (cellTags(cell).includes(RAISES_EXCEPTION) && isCodeError(failure) ? "expected-error" : "failed") : "ok",
      start_time: startedAt.toISOString(),
      end_time: endedAt.toISOString(),
      duration_ms: endedAt.getTime() - startedAt.getTime(),
    };
    return failure;
  }

  /** Builds the error of a reply with status "error" (or "abort"), adding an `error` output. */
  private cellError(reply: Message, outputs: Output[], base: Omit<CellFailure, "ename" | "evalue" | "traceback">): CellExecutionError {
    const c = reply.content as Record<string, unknown>;
    const existing = outputs.find((o) => o.output_type === "error");
    if (reply.content.status === "abort") {
      const error = new CellExecutionError({ ...base, ename: "ExecutionAborted", evalue: "the kernel aborted this request without running it", traceback: [] });
      outputs.push({ output_type: "error", ename: error.ename, evalue: error.evalue, traceback: [] });
      return error;
    }
    if (existing && existing.output_type === "error") {
      return new CellExecutionError({ ...base, ename: existing.ename, evalue: existing.evalue, traceback: existing.traceback });
    }
    if (typeof c.ename === "string") {
      const traceback = Array.isArray(c.traceback) ? c.traceback.map(String) : [];
      outputs.push({ output_type: "error", ename: c.ename, evalue: String(c.evalue ?? ""), traceback });
      return new CellExecutionError({ ...base, ename: c.ename, evalue: String(c.evalue ?? ""), traceback });
    }
    const parsed = parseKernelError(takeStderrError(outputs));
    outputs.push({ output_type: "error", ename: parsed.ename, evalue: parsed.evalue, traceback: parsed.traceback });
    return new CellExecutionError({ ...base, ...parsed });
  }

  /** Sends the cell and waits for its reply and idle, under every timeout. */
  private async send(
    cell: CodeCell,
    base: Omit<CellFailure, "ename" | "evalue" | "traceback">,
    collector: OutputCollector,
  ): Promise<{ reply?: Message; failure?: CellExecutionError }> {
    const session = this.session ?? (await this.startKernel());
    const { client } = session;
    const request = client.request(
      "shell",
      "execute_request",
      {
        code: base.source,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: !this.s.allowErrors && !cellTags(cell).includes(RAISES_EXCEPTION),
      },
      collector.handle,
    );
    const died = session.exited.then((exit) => ({ died: exit }));
    const broken = client.failure.catch((error: unknown) => ({ broken: error as RunnerError }));
    const deathOrBreak = (outcome: { died: { code: number | null; signal: string | null } } | { broken: RunnerError }): CellExecutionError => {
      if ("died" in outcome) {
        const { code, signal } = outcome.died;
        const log = session.process.log.trim();
        return new KernelDiedError(
          {
            ...base,
            evalue: `the kernel died while this cell ran (exit code ${code}, signal ${signal})${log ? `; its last output: ${log.slice(-500)}` : ""}`,
            traceback: [],
          },
          code,
          signal,
        );
      }
      const error = outcome.broken;
      return new CellExecutionError({
        ...base,
        ename: error instanceof SignatureError ? "SignatureError" : error.name,
        evalue: error.message,
        traceback: [],
      });
    };
    try {
      const cellTimer = timer(this.s.cellTimeoutMs);
      const first = await Promise.race([request.reply, died, broken, cellTimer.done]);
      cellTimer.clear();
      let reply: Message;
      if (first === "timeout") {
        return { failure: await this.onTimeout(session, request.reply, base) };
      } else if ("died" in first || "broken" in first) {
        return { failure: deathOrBreak(first) };
      } else {
        reply = first;
      }
      const idleTimer = timer(this.s.iopubTimeoutMs);
      const idle = await Promise.race([collector.waitIdle(), died, broken, idleTimer.done]);
      idleTimer.clear();
      if (idle === "timeout") {
        return {
          reply,
          failure: new IopubTimeoutError(
            {
              ...base,
              evalue: `the kernel replied but did not report idle on iopub within ${this.s.iopubTimeoutMs} ms; outputs may be missing`,
              traceback: [],
            },
            this.s.iopubTimeoutMs,
          ),
        };
      }
      if (idle !== "idle") return { reply, failure: deathOrBreak(idle) };
      return { reply };
    } finally {
      client.unlisten(request.msgId);
    }
  }

  /** nbclient: interrupt on timeout; ours also restarts the kernel if the interrupt gets no answer. */
  private async onTimeout(
    session: KernelSession,
    reply: Promise<Message>,
    base: Omit<CellFailure, "ename" | "evalue" | "traceback">,
  ): Promise<CellTimeoutError> {
    session.interrupt();
    const grace = timer(this.s.interruptGraceMs);
    const answered = await Promise.race([reply.then(() => true), session.exited.then(() => false), grace.done.then(() => false)]);
    grace.clear();
    if (!answered) await this.stopKernel();
    const what = answered
      ? "the kernel was interrupted"
      : `the kernel did not answer the interrupt within ${this.s.interruptGraceMs} ms, so it was killed (later cells, if the run continues, get a fresh kernel)`;
    return new CellTimeoutError(
      { ...base, evalue: `the cell did not finish within the timeout of ${this.s.cellTimeoutMs} ms; ${what}`, traceback: [] },
      this.s.cellTimeoutMs,
      answered,
      !answered,
    );
  }
}

/**
 * Runs an in-memory notebook on a fresh kernel and returns the executed
 * copy; the object passed in is not modified. See {@link executeNotebook}.
 * @param nb the notebook
 * @param options as for executeNotebook, with `cwd` required (there is no file to take it from)
 * @throws ParameterError before anything runs when a parameter is unknown or of the wrong type
 * @throws KernelStartupError when the kernel cannot be started
 * @throws RangeError / TypeError for bad options, e.g. `runner.executeNotebook: cellTimeoutMs must be a finite number > 0, got -1`
 * @example (await executeNotebookObject(nb, { cwd: "notebooks" })).ok // => true
 */
export async function executeNotebookObject(nb: Notebook, options: ExecuteOptions & { cwd: string }): Promise<ExecutionResult> {
  const startedAt = performance.now();
  const s = settings(options);
  const source = ensureCellIds(cloneNotebook(nb));
  source.cells = withoutErrorCells(source.cells);
  const ran = injectParameters(source, options.parameters ?? {});
  const run = new Run(s, ran, options.onProgress);
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
  try {
    await run.startKernel();
    for (const [i, cell] of ran.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const tags = cellTags(cell);
      if (tags.includes(SKIP_EXECUTION) || joinSource(cell.source).trim() === "") {
        cell.metadata["tradeoff-lab"] = { status: "skipped" };
        progress(i, "skipped");
        continue;
      }
      progress(i, "running");
      const failure = await run.runCell(cell, i);
      if (failure === undefined || (tags.includes(RAISES_EXCEPTION) && isCodeError(failure))) {
        progress(i, "ok");
        continue;
      }
      progress(i, "error");
      firstFailure ??= failure;
      const kernelGone = failure instanceof KernelDiedError || failure.ename === "SignatureError";
      if (kernelGone || !s.allowErrors) break;
    }
  } finally {
    await run.stopKernel();
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
  if (options.outputPath !== undefined) writeNotebookAtomic(options.outputPath, out);
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
 * const result = await executeNotebook("notebooks/01-quorums.ipynb", { parameters: { replicas: 5 } });
 * result.cell("answer").stdout() // => "0.99\n"
 */
export async function executeNotebook(path: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
  nonEmptyString(WHERE, "path", path);
  const nb = readNotebook(path);
  return executeNotebookObject(nb, { ...options, cwd: options.cwd ?? dirname(resolve(path)) });
}
