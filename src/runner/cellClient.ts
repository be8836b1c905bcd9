/**
 * Stage 4a of the runner: the per-cell client, nbclient's
 * `async_execute_cell`.
 *
 * Per cell: send `execute_request`, collect the iopub messages whose parent
 * is that request, wait for the `execute_reply` (matched on
 * `parent_header.msg_id`) under the cell timeout, then for `status: idle`
 * on iopub under the iopub timeout, all raced against the kernel process
 * exiting and against a message the client rejected. A timeout interrupts
 * the kernel, and kills it when the interrupt gets no answer (the next cell
 * then starts a fresh one). Every failure becomes a typed
 * {@link CellExecutionError} and an `error` output.
 *
 * An uncaught error from a callback or an unhandled rejection (tslab only
 * prints them, see `tslab.ts`) is watched for on every iopub message: it
 * fails the cell whose request the kernel was running when it fired, as
 * an {@link UncaughtAsyncError}, also when that cell had already finished
 * ({@link CellClient.lateFailures}); {@link CellClient.drain} collects what
 * fires right after the last cell.
 */
import {
  CellExecutionError,
  CellTimeoutError,
  ExecutionAbortedError,
  KernelDiedError,
  KernelProtocolError,
  LostOutputError,
  UncaughtAsyncError,
  type CellFailure,
  type RunnerError,
} from "./errors";
import type { KernelExit } from "./kernel/launch";
import { KernelSession } from "./kernel/session";
import type { Message } from "./kernel/wire";
import { cellTags, joinSource, RAISES_EXCEPTION, type CodeCell, type Output } from "./notebook";
import { coalesceStreams, OutputCollector } from "./outputs";
import { AbortWindow, asyncErrorOf, parseKernelError, takeStderrError, type AsyncKernelError } from "./tslab";

/** How the client runs cells; every time in milliseconds. */
export interface ClientSettings {
  cellTimeoutMs: number;
  startupTimeoutMs: number;
  iopubTimeoutMs: number;
  interruptGraceMs: number;
  /** A kernel name or kernelspec path (see `resolveKernelSpec`). */
  kernel: string;
  /** Continue past errors: the kernel is not asked to stop on error. */
  allowErrors: boolean;
  /** The kernel's working directory. */
  cwd: string;
}

/** What identifies a cell in its failure. */
type CellRef = Omit<CellFailure, "ename" | "evalue" | "traceback">;

/** A timer that can be raced and must be cleared. */
function timer(ms: number): { done: Promise<"timeout">; clear(): void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<"timeout">((r) => {
    handle = setTimeout(() => r("timeout"), ms);
  });
  return { done, clear: () => clearTimeout(handle) };
}

/** An uncaught error the kernel reported, and the request it was running then. */
interface Fired {
  parent: string | undefined;
  error: AsyncKernelError;
}

/** Runs cells one at a time on one kernel, which it starts and always stops. */
export class CellClient {
  private session: KernelSession | undefined;
  private readonly aborts = new AbortWindow();
  /** Uncaught errors not yet turned into failures. */
  private fired: Fired[] = [];
  /** The cells that finished, by the msg_id of their execute_request. */
  private readonly finished = new Map<string, { cell: CodeCell; ref: CellRef }>();

  constructor(private readonly s: ClientSettings) {}

  /** Starts the kernel (again, after a timeout killed it). */
  async startKernel(): Promise<KernelSession> {
    this.session = await KernelSession.start(this.s.kernel, this.s.cwd, this.s.startupTimeoutMs);
    this.session.client.onAnyIopub((msg) => {
      const error = msg.header.msg_type === "stream" ? asyncErrorOf(msg.content) : undefined;
      if (error) this.fired.push({ parent: msg.parent_header.msg_id, error });
    });
    return this.session;
  }

  /**
   * Failures of cells that had finished without one when an uncaught error
   * fired under their request (it arrived after their idle): each becomes
   * an `error` output of that cell, whose status turns to "failed".
   * Returned in cell order; each is returned once.
   */
  lateFailures(): UncaughtAsyncError[] {
    const out: UncaughtAsyncError[] = [];
    this.fired = this.fired.filter(({ parent, error }) => {
      const done = parent === undefined ? undefined : this.finished.get(parent);
      if (!done) return true;
      const failure = asyncFailure(done.ref, error, true);
      done.cell.outputs.push(errorOutput(failure));
      const meta = done.cell.metadata["tradeoff-lab"] as { status?: string } | undefined;
      if (meta) meta.status = "failed";
      out.push(failure);
      return false;
    });
    return out.sort((a, b) => a.cellIndex - b.cellIndex);
  }

  /**
   * Waits until the kernel has handled everything due before a
   * `kernel_info_request` sent now, so that an error fired just after the
   * last cell (a `setTimeout(..., 0)`) is seen by {@link lateFailures}. Two
   * round trips, one after the other: a request can reach the kernel in
   * the very loop turn before such a timer's, and be answered first; the
   * second is sent after the first's idle, when the kernel has gone on to
   * its next turn, and so ran the timer. Each waits for its `idle` on iopub,
   * under the iopub timeout. Does nothing without a live kernel.
   */
  async drain(): Promise<void> {
    for (let round = 0; round < 2; round++) if (!(await this.roundTrip())) return;
  }

  /** One `kernel_info_request` and its idle; false when the kernel is gone, failed or silent past the iopub timeout. */
  private async roundTrip(): Promise<boolean> {
    const session = this.session;
    if (!session?.process.alive) return false;
    let idle: () => void = () => undefined;
    const reached = new Promise<"idle">((r) => (idle = () => r("idle")));
    const request = session.client.request("shell", "kernel_info_request", {}, (msg) => {
      if (msg.header.msg_type === "status" && (msg.content as { execution_state?: unknown }).execution_state === "idle") idle();
    });
    const wait = timer(this.s.iopubTimeoutMs);
    try {
      const outcome = await Promise.race([reached, session.exited, session.client.failure.catch(() => undefined), wait.done]);
      return outcome === "idle";
    } finally {
      wait.clear();
      session.client.unlisten(request.msgId);
    }
  }

  /** Stops the kernel, if one runs. */
  async stopKernel(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.shutdown();
  }

  /**
   * Runs one code cell: fills its `outputs`, `execution_count` and timing
   * metadata, and returns its failure (expected or not), or undefined.
   */
  async runCell(cell: CodeCell, index: number): Promise<CellExecutionError | undefined> {
    const ref: CellRef = { cellIndex: index, cellId: cell.id, source: joinSource(cell.source) };
    const startedAt = new Date();
    cell.outputs = [];
    cell.execution_count = null;
    let collector = new OutputCollector();
    let reply: Message | undefined;
    let failure: CellExecutionError | undefined;
    let msgId = "";
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.aborts.waitOut();
      collector = new OutputCollector();
      ({ reply, failure, msgId } = await this.send(cell, ref, collector));
      if (failure || !this.aborts.shouldResend(reply?.content.status)) break;
    }
    const outputs = collector.outputs;
    if (!failure && reply?.content.status !== "ok") {
      failure = this.replyError(reply as Message, outputs, ref);
    } else if (failure) {
      if (failure instanceof CellTimeoutError && failure.interrupted) {
        // The interrupted cell's own error text (tslab: on stderr) becomes the traceback.
        const text = takeStderrError(outputs);
        if (text !== "") failure.traceback.push(...parseKernelError(text).traceback);
      }
      outputs.push(errorOutput(failure));
    }
    const fired = this.fired.filter((f) => f.parent === msgId);
    this.fired = this.fired.filter((f) => f.parent !== msgId);
    for (const { error } of fired) {
      const asyncError = asyncFailure(ref, error, false);
      outputs.push(errorOutput(asyncError));
      failure ??= asyncError;
    }
    if (failure) this.aborts.noteError();
    if (reply) {
      collector.timing["shell.execute_reply"] = reply.header.date;
      const count = reply.content.execution_count;
      cell.execution_count = typeof count === "number" ? count : collector.executionCount;
    }
    cell.outputs = coalesceStreams(outputs);
    this.finished.set(msgId, { cell, ref });
    const endedAt = new Date();
    cell.metadata.execution = collector.timing;
    cell.metadata["tradeoff-lab"] = {
      status: failure ? (cellTags(cell).includes(RAISES_EXCEPTION) && failure.raisedByCell ? "expected-error" : "failed") : "ok",
      start_time: startedAt.toISOString(),
      end_time: endedAt.toISOString(),
      duration_ms: endedAt.getTime() - startedAt.getTime(),
    };
    return failure;
  }

  /** The error of a reply whose status is "error" or "abort"; adds its `error` output when the kernel sent none. */
  private replyError(reply: Message, outputs: Output[], ref: CellRef): CellExecutionError {
    const c = reply.content as Record<string, unknown>;
    if (c.status === "abort") {
      const error = new ExecutionAbortedError(ref);
      outputs.push(errorOutput(error));
      return error;
    }
    const existing = outputs.find((o) => o.output_type === "error");
    if (existing?.output_type === "error") {
      return new CellExecutionError({ ...ref, ename: existing.ename, evalue: existing.evalue, traceback: existing.traceback });
    }
    // A kernel that follows the spec puts the error in the reply; tslab prints it on stderr.
    const parsed =
      typeof c.ename === "string"
        ? { ename: c.ename, evalue: String(c.evalue ?? ""), traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [] }
        : parseKernelError(takeStderrError(outputs));
    const error = new CellExecutionError({ ...ref, ...parsed });
    outputs.push(errorOutput(error));
    return error;
  }

  /** Sends the cell and waits for its reply and idle, under every timeout. */
  private async send(cell: CodeCell, ref: CellRef, collector: OutputCollector): Promise<{ msgId: string; reply?: Message; failure?: CellExecutionError }> {
    const session = this.session ?? (await this.startKernel());
    const { client } = session;
    const request = client.request(
      "shell",
      "execute_request",
      {
        code: ref.source,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: !this.s.allowErrors && !cellTags(cell).includes(RAISES_EXCEPTION),
      },
      // tslab's reports of uncaught errors are the failure the startKernel watcher records, not output.
      (msg) => {
        if (!(msg.header.msg_type === "stream" && asyncErrorOf(msg.content))) collector.handle(msg);
      },
    );
    const msgId = request.msgId;
    const died = session.exited.then((exit) => ({ died: exit }));
    const broken = client.failure.catch((error: unknown) => ({ broken: error as RunnerError }));
    const lost = (outcome: { died: KernelExit } | { broken: RunnerError }): CellExecutionError => {
      if ("broken" in outcome) return new KernelProtocolError(ref, outcome.broken);
      const { code, signal } = outcome.died;
      const log = session.process.log.trim();
      const evalue = `the kernel died while this cell ran (exit code ${code}, signal ${signal})${log ? `; its last output: ${log.slice(-500)}` : ""}`;
      return new KernelDiedError({ ...ref, evalue, traceback: [] }, code, signal);
    };
    try {
      const cellTimer = timer(this.s.cellTimeoutMs);
      const first = await Promise.race([request.reply, died, broken, cellTimer.done]);
      cellTimer.clear();
      if (first === "timeout") return { msgId, failure: await this.onTimeout(session, request.reply, ref) };
      if ("died" in first || "broken" in first) return { msgId, failure: lost(first) };
      const reply = first;
      const idle = await this.waitIdle(collector, Promise.race([died, broken]));
      if (idle === "timeout") return { msgId, reply, failure: this.lostOutput(collector, ref) };
      if (idle !== "idle") return { msgId, reply, failure: lost(idle) };
      return { msgId, reply };
    } finally {
      client.unlisten(request.msgId);
    }
  }

  /**
   * Waits for the request's `idle` on iopub after its reply, while output
   * keeps arriving: "timeout" only once iopub has been silent for a whole
   * iopub timeout (or output kept coming for a whole cell timeout).
   */
  private async waitIdle<T>(collector: OutputCollector, ended: Promise<T>): Promise<"idle" | "timeout" | T> {
    const started = performance.now();
    while (true) {
      const seen = collector.messages;
      const window = timer(this.s.iopubTimeoutMs);
      const outcome = await Promise.race([collector.waitIdle(), ended, window.done]);
      window.clear();
      if (outcome !== "timeout" || collector.messages === seen || performance.now() - started >= this.s.cellTimeoutMs) return outcome;
    }
  }

  /** The failure of a cell whose reply came but whose iopub output stopped before `idle`. */
  private lostOutput(collector: OutputCollector, ref: CellRef): LostOutputError {
    const received = `${collector.messages} iopub message${collector.messages === 1 ? "" : "s"} and ${collector.streamLines} line${collector.streamLines === 1 ? "" : "s"} of output arrived`;
    const evalue =
      `lost output: the kernel's execute_reply arrived on shell, but its iopub output stopped without the final idle status ` +
      `(${received}, then nothing for ${this.s.iopubTimeoutMs} ms); whatever the cell printed or displayed after that is missing`;
    return new LostOutputError({ ...ref, evalue, traceback: [] }, this.s.iopubTimeoutMs, collector.messages);
  }

  /** nbclient: interrupt on timeout; ours also kills the kernel when the interrupt gets no answer. */
  private async onTimeout(session: KernelSession, reply: Promise<Message>, ref: CellRef): Promise<CellTimeoutError> {
    session.interrupt();
    const grace = timer(this.s.interruptGraceMs);
    const answered = await Promise.race([reply.then(() => true), session.exited.then(() => false), grace.done.then(() => false)]);
    grace.clear();
    if (!answered) await this.stopKernel();
    const what = answered
      ? "the kernel was interrupted"
      : `the kernel did not answer the interrupt within ${this.s.interruptGraceMs} ms, so it was killed (later cells, if the run continues, get a fresh kernel)`;
    return new CellTimeoutError(
      { ...ref, evalue: `the cell did not finish within the timeout of ${this.s.cellTimeoutMs} ms; ${what}`, traceback: [] },
      this.s.cellTimeoutMs,
      answered,
      !answered,
    );
  }
}

/** The nbformat `error` output of a failure. */
function errorOutput(failure: CellExecutionError): Output {
  return { output_type: "error", ename: failure.ename, evalue: failure.evalue, traceback: failure.traceback };
}

/** The failure of an uncaught error reported by the kernel; `afterCell` when it arrived after the cell's idle. */
function asyncFailure(ref: CellRef, error: AsyncKernelError, afterCell: boolean): UncaughtAsyncError {
  const what = error.event === "uncaughtException" ? "an exception thrown in a callback (a timer, an event) was not caught" : "a promise was rejected and nothing handled the rejection";
  const when = afterCell ? "after this cell had finished" : "while this cell ran";
  const evalue = `${what}; it reached the kernel ${when}: ${error.ename}: ${error.evalue}`;
  return new UncaughtAsyncError({ ...ref, evalue, traceback: error.traceback }, error.event, afterCell);
}
