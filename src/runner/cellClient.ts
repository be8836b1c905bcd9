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
 */
import {
  CellExecutionError,
  CellTimeoutError,
  ExecutionAbortedError,
  IopubTimeoutError,
  KernelDiedError,
  KernelProtocolError,
  type CellFailure,
  type RunnerError,
} from "./errors";
import type { KernelExit } from "./kernel/launch";
import { KernelSession } from "./kernel/session";
import type { Message } from "./kernel/wire";
import { cellTags, joinSource, RAISES_EXCEPTION, type CodeCell, type Output } from "./notebook";
import { coalesceStreams, OutputCollector } from "./outputs";
import { AbortWindow, parseKernelError, takeStderrError } from "./tslab";

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

/** Runs cells one at a time on one kernel, which it starts and always stops. */
export class CellClient {
  private session: KernelSession | undefined;
  private readonly aborts = new AbortWindow();

  constructor(private readonly s: ClientSettings) {}

  /** Starts the kernel (again, after a timeout killed it). */
  async startKernel(): Promise<KernelSession> {
    this.session = await KernelSession.start(this.s.kernel, this.s.cwd, this.s.startupTimeoutMs);
    return this.session;
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
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.aborts.waitOut();
      collector = new OutputCollector();
      ({ reply, failure } = await this.send(cell, ref, collector));
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
    if (failure) this.aborts.noteError();
    if (reply) {
      collector.timing["shell.execute_reply"] = reply.header.date;
      const count = reply.content.execution_count;
      cell.execution_count = typeof count === "number" ? count : collector.executionCount;
    }
    cell.outputs = coalesceStreams(outputs);
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
  private async send(cell: CodeCell, ref: CellRef, collector: OutputCollector): Promise<{ reply?: Message; failure?: CellExecutionError }> {
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
      collector.handle,
    );
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
      if (first === "timeout") return { failure: await this.onTimeout(session, request.reply, ref) };
      if ("died" in first || "broken" in first) return { failure: lost(first) };
      const reply = first;
      const idleTimer = timer(this.s.iopubTimeoutMs);
      const idle = await Promise.race([collector.waitIdle(), died, broken, idleTimer.done]);
      idleTimer.clear();
      if (idle === "timeout") {
        const evalue = `the kernel replied but did not report idle on iopub within ${this.s.iopubTimeoutMs} ms; outputs may be missing`;
        return { reply, failure: new IopubTimeoutError({ ...ref, evalue, traceback: [] }, this.s.iopubTimeoutMs) };
      }
      if (idle !== "idle") return { reply, failure: lost(idle) };
      return { reply };
    } finally {
      client.unlisten(request.msgId);
    }
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
