/**
 * Every tslab quirk the runner works around, in one place. Other kernels
 * follow the messaging spec and need none of this; tslab 1.0.22:
 *
 * 1. reports errors only as stderr text: its `execute_reply` has
 *    `status: "error"` but no `ename`/`evalue`/`traceback`, and no `error`
 *    message is published. The text is TypeScript diagnostics
 *    (`line:col - message`) or `console.error(error)`, which Node prefixes
 *    with the throwing source line and a caret (`file.js:105\n  throw …\n  ^\n\n`).
 *    {@link takeStderrError} cuts it out of the cell's outputs and
 *    {@link parseKernelError} turns it into `RangeError: message` and a
 *    traceback without tslab's and node:vm's own frames;
 * 2. answers every request that arrives within 200 ms of an error with
 *    `status: "abort"` (its queue is reset on a timer): {@link AbortWindow}
 *    waits that long before the next cell and sends once more a request
 *    aborted anyway;
 * 3. logs `unknown msg_type: comm_open` to its own stderr whenever a front
 *    end probes for widgets (it has no comm support):
 *    {@link isTslabLogNoise} lets `npm start` drop those lines;
 * 4. catches Node's `uncaughtException` and `unhandledRejection` and only
 *    prints them, `console.error("UncaughtException:", error)`, as stderr
 *    of whichever request ran last (it redirects stderr per request and
 *    never restores it): a timer's error shows up as text in some cell and
 *    the run would succeed. {@link asyncErrorOf} recognises those stream
 *    messages (a cell that itself prints a line starting with exactly
 *    `UncaughtException: ` on stderr is taken for one);
 * 5. drops every iopub message after about 512 sent without yielding
 *    (zeromq.js defers the 513th send, and tslab neither awaits its sends
 *    nor sees the `EBUSY` of the next ones), the cell's final `idle` too:
 *    the project's kernel runs through `kernel/tslabMain.ts`, which makes
 *    its publisher send at once (and joins stdout bursts into few
 *    messages); on a kernel without it the runner reports the cell's
 *    `LostOutputError`.
 */
import { typeError } from "../internal/errors";
import type { Output, StreamOutput } from "./notebook";
import { joinSource } from "./notebook";

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
/**
 * Node's decoration of an error thrown through `vm`: the throwing file and
 * line, the source line, a caret line, and a blank line, e.g.
 * `evalmachine.<anonymous>:2` or `/…/dist/internal/errors.js:105`.
 */
const SOURCE_ARROW = /^[^\n]*:\d+\n[^\n]*\n[ \t]*\^+[ \t]*\n\n/;
/** Stack frames inside tslab and node's vm say nothing about the cell. */
const TSLAB_FRAME = /^\s+at .*(?:node:vm|node_modules\/tslab\/|sigintHandlersWrap|node:internal)/;

/** True when a stderr chunk is a TypeScript diagnostic line printed by tslab. */
export function isDiagnostic(text: string): boolean {
  return DIAGNOSTIC.test(text.trim().split("\n")[0] ?? "");
}

/**
 * Turns what tslab printed to stderr for a failed cell into an error with a
 * name, a value and a traceback. tslab reports compile errors as
 * `line:col - message` lines and runtime errors as `console.error(error)`;
 * the traceback of a runtime error starts with `RangeError: message`, never
 * with Node's `file:line` header.
 * @param stderr the error text (the trailing stderr chunks of the cell)
 * @example parseKernelError("1:5 - Type 'number' is not assignable to type 'string'.\n")
 * // => { ename: "TypeScriptError", evalue: "Type 'number' is not assignable to type 'string'.", traceback: ["1:5 - Type 'number' is not assignable to type 'string'."], line: 1, column: 5 }
 */
export function parseKernelError(stderr: string): ParsedKernelError {
  if (typeof stderr !== "string") throw typeError("runner.parseKernelError", "stderr", "a string", stderr);
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
  const body = SOURCE_ARROW.test(text) ? lines.slice(4) : lines;
  const traceback = body.filter((l) => !TSLAB_FRAME.test(l));
  const head = ERROR_HEAD.exec(body[0] ?? "");
  const stackStart = body.findIndex((l) => /^\s+at /.test(l));
  if (head && (head[2] !== undefined || stackStart > 0)) {
    const valueLines = [head[2] ?? "", ...body.slice(1, stackStart < 0 ? body.length : stackStart)];
    return { ename: head[1] as string, evalue: valueLines.join("\n").trim(), traceback };
  }
  return { ename: "Error", evalue: text === "" ? "the kernel reported an error without a message" : text, traceback };
}

/**
 * tslab reports errors only on stderr. The error text is the trailing run
 * of diagnostic lines (compile errors) or the last stderr chunk (a runtime
 * error, printed with one console.error). It is removed from `outputs`
 * (which is modified) and returned, to become an `error` output.
 * @returns the error text, or "" when the cell wrote nothing to stderr
 */
export function takeStderrError(outputs: Output[]): string {
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

/**
 * tslab resets its queue 200 ms after an error (`TaskQueue.reset(200)` in
 * its executor, unconditionally); until then it aborts requests. Its timer
 * starts before it sends the failed cell's reply, so 200 ms after the reply
 * arrived the reset is due; a request that still races it is aborted at
 * once and sent again (see {@link AbortWindow.shouldResend}).
 */
export const TSLAB_ABORT_WINDOW_MS = 200;

/**
 * tslab's abort window after an error: the next request waits it out, and
 * one aborted anyway (a slow machine) is sent once more, but only soon
 * after the error (later, an abort is the kernel's real answer).
 */
export class AbortWindow {
  private lastErrorAt = -Infinity;

  /** Call when a cell failed. */
  noteError(): void {
    this.lastErrorAt = performance.now();
  }

  /** Resolves when a request sent now is no longer aborted. */
  async waitOut(): Promise<void> {
    const wait = this.lastErrorAt + TSLAB_ABORT_WINDOW_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  /** True when a reply with this status should be answered by sending the request again. */
  shouldResend(status: unknown): boolean {
    return status === "abort" && performance.now() - this.lastErrorAt <= 5 * TSLAB_ABORT_WINDOW_MS;
  }
}

/**
 * True for a line a tslab kernel writes to its own log that tells a user
 * nothing: `unknown msg_type: comm_open` (tslab has no comm support, and
 * front ends probe for widgets when a notebook opens), with or without a
 * log prefix.
 * @example isTslabLogNoise("unknown msg_type: comm_open") // => true
 */
export function isTslabLogNoise(line: string): boolean {
  return /^(?:\S.*\s)?unknown msg_type: comm_(?:open|msg|close|info_request)\s*$/.test(line.trimEnd());
}

/** What {@link asyncErrorOf} found: Node's event and the error it carried. */
export interface AsyncKernelError extends ParsedKernelError {
  event: "uncaughtException" | "unhandledRejection";
}

/** tslab's prefixes (`dist/main.js`, `startKernel`), by Node event. */
const ASYNC_PREFIX = /^(UncaughtException|UnhandledPromiseRejection): /;

/**
 * The uncaught error in one iopub `stream` message's content, when it is
 * tslab's report of `uncaughtException` or `unhandledRejection` (quirk 4);
 * otherwise undefined. tslab writes each report with one `console.error`,
 * so one message holds it whole.
 * @param content a stream message's content, `{ name, text }`
 * @example asyncErrorOf({ name: "stderr", text: "UncaughtException: Error: late\n    at Timeout._onTimeout (evalmachine.<anonymous>:3:26)\n" })
 * // => { event: "uncaughtException", ename: "Error", evalue: "late", traceback: ["Error: late", "    at Timeout._onTimeout (evalmachine.<anonymous>:3:26)"] }
 */
export function asyncErrorOf(content: Readonly<Record<string, unknown>>): AsyncKernelError | undefined {
  if (content.name !== "stderr" || typeof content.text !== "string") return undefined;
  const match = ASYNC_PREFIX.exec(content.text);
  if (!match) return undefined;
  const event = match[1] === "UncaughtException" ? "uncaughtException" : "unhandledRejection";
  const parsed = parseKernelError(content.text.slice(match[0].length));
  if (raisedByTslab(parsed.traceback)) return undefined;
  return { event, ...parsed };
}

/**
 * True when an uncaught error was thrown by tslab's own code, not by a
 * cell's: its innermost stack frame is inside the tslab package. tslab's
 * converter threw "Unexpected pending rebuildTimer" from a TypeScript
 * file-watcher callback when a file its compiler watches (the notebook's
 * folder, the library's declarations) changed while a cell compiled; the
 * cell itself is fine, so such a report stays stderr text, as tslab prints
 * it. (The project's kernel now gives that watcher's timer a slot of its
 * own: see `kernel/tslabCompiler.ts`.)
 */
function raisedByTslab(traceback: readonly string[]): boolean {
  const frame = traceback.find((line) => /^\s+at /.test(line));
  return frame !== undefined && /[\\/]node_modules[\\/](?:tslab|@tslab[\\/][^\\/]+)[\\/]/.test(frame);
}
