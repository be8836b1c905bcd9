/**
 * The project's tslab kernel process: tslab's own launcher, started after
 * one fix to its iopub socket, so that no output is lost.
 *
 *     node dist/runner/kernel/tslabMain.js <node_modules/tslab/bin/tslab> kernel --config-path <connection file>
 *
 * Why: tslab 1.0.22 publishes each stream chunk with `sock.send(...)` and
 * never awaits it. zeromq.js 6 resolves at most 512 sends synchronously
 * before the event loop turns (`max_sync_operations` in its socket.cc);
 * the 513th is deferred and every later send throws `EBUSY` ("Socket is
 * busy writing"), which Node's `console.log` swallows. A cell that prints
 * more than about 500 lines without yielding therefore loses the rest of
 * its output, and the `idle` status after it (the runner then reports
 * {@link LostOutputError}). A publisher with `sendTimeout: 0` always sends
 * at once (ZeroMQ's PUB never blocks), and `sendHighWaterMark: 0` lets it
 * queue without limit instead of dropping when a subscriber reads slowly.
 *
 * The fix is a subclass of zeromq's `Publisher` put in place before tslab
 * loads zeromq (tslab looks the class up on the module object when its
 * server starts); nothing in node_modules is changed, and a Jupyter front
 * end gets it too through the kernel.json `npm start` registers.
 *
 * Third, a kernel whose server cannot start (a port taken between the
 * front end's choice and the kernel's bind) exits instead of living on
 * silent ({@link exitOnInitFailure}), so its front end starts it again.
 *
 * Second, one stream message per write is more than a front end with a
 * fixed wait reads in time (nbconvert kept 9,062 of 20,000 lines within its
 * 4 s `iopub_timeout`): stdout bursts are joined into few messages
 * ({@link coalescedStdout}, {@link coalescedExecute}), as ipykernel does.
 */
import { dirname, join } from "node:path";
import { inspect } from "node:util";

/** The socket options that make a publisher lose nothing: send at once, queue without limit. */
export const LOSSLESS_PUBLISHER = Object.freeze({ sendTimeout: 0, sendHighWaterMark: 0 });

/** What this module needs of zeromq's exports. */
interface ZeromqModule {
  Publisher: new (options?: Record<string, unknown>) => object;
}

/**
 * Replaces `zmq.Publisher` with a subclass whose options default to
 * {@link LOSSLESS_PUBLISHER}; options given by the caller still win.
 * Applying it twice changes nothing more.
 * @param zmq the zeromq module object tslab will load
 * @example losslessPublisher(require("zeromq")); new (require("zeromq").Publisher)().sendTimeout // => 0
 */
export function losslessPublisher(zmq: ZeromqModule): void {
  const Base = zmq.Publisher;
  if ((Base as { lossless?: boolean }).lossless === true) return;
  class Publisher extends Base {
    static lossless = true;
    constructor(options?: Record<string, unknown>) {
      super({ ...LOSSLESS_PUBLISHER, ...options });
    }
  }
  zmq.Publisher = Publisher;
}

/** tslab's per-request callbacks: a stream chunk, and a display. */
type WriteStream = (name: string, text: string) => void;
type WriteDisplayData = (data: unknown, update: boolean) => void;

/** Flush stdout once this many characters are waiting (ipykernel flushes on size too). */
export const STDOUT_CHUNK_CHARS = 64 * 1024;
/** A write this long after the last message goes out at once, so slow progress lines still show live. */
export const STDOUT_LIVE_MS = 50;

/**
 * tslab's `writeStream` with stdout coalesced: a write that comes
 * `liveMs` or more after the previous message is sent at once (progress
 * printed now and then shows live); a burst waits in a buffer, sent as one
 * stream message when it reaches `maxChars`, when `liveMs` have passed,
 * when the current microtasks are done, before any stderr chunk or
 * display, and by `flush()`. A cell printing 20,000 lines in a loop sends
 * a handful of messages rather than 20,000, which a front end with a fixed
 * wait for the last output (nbconvert's 4 s `iopub_timeout`) reads in
 * time. stderr passes through one message per write, as tslab sends it
 * (its error reports are read chunk by chunk).
 * @param send tslab's `writeStream`
 * @param maxChars the buffer's size limit, in characters
 * @param liveMs milliseconds
 * @param now the clock, in milliseconds
 * @example const s = coalescedStdout(send); s.write("stdout", "a\n"); s.write("stdout", "b\n"); s.flush(); // send("stdout", "a\n"), then send("stdout", "b\n") or, within 50 ms, both at once
 */
export function coalescedStdout(
  send: WriteStream,
  maxChars = STDOUT_CHUNK_CHARS,
  liveMs = STDOUT_LIVE_MS,
  now: () => number = () => performance.now(),
): { write: WriteStream; flush(): void } {
  let buffer = "";
  let scheduled = false;
  let lastSent = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (buffer === "") return;
    const text = buffer;
    buffer = "";
    lastSent = now();
    send("stdout", text);
  };
  const write: WriteStream = (name, text) => {
    if (name !== "stdout") {
      flush();
      send(name, text);
      return;
    }
    buffer += text;
    if (buffer.length >= maxChars || now() - lastSent >= liveMs) flush();
    else if (!scheduled) {
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        flush();
      });
    }
  };
  return { write, flush };
}

/** What this module needs of tslab's `dist/jupyter.js`. */
interface TslabJupyter {
  JupyterHandlerImpl: { prototype: { handleExecute(req: unknown, writeStream: WriteStream, writeDisplayData: WriteDisplayData): Promise<unknown>; coalesced?: boolean } };
}

/**
 * Makes tslab's execute handler coalesce stdout ({@link coalescedStdout}),
 * flushing before each display and before the reply (so every output of a
 * cell still precedes its `idle`). Applying it twice changes nothing more.
 */
export function coalescedExecute(jupyter: TslabJupyter): void {
  const proto = jupyter.JupyterHandlerImpl.prototype;
  if (proto.coalesced === true) return;
  const original = proto.handleExecute;
  proto.handleExecute = async function (this: unknown, req, writeStream, writeDisplayData) {
    const out = coalescedStdout(writeStream);
    try {
      return await original.call(this, req, out.write, (data, update) => {
        out.flush();
        writeDisplayData(data, update);
      });
    } finally {
      out.flush();
    }
  };
  proto.coalesced = true;
}

/** What this module needs of tslab's `dist/jupyter.js` for its server. */
interface TslabServer {
  ZmqServer: { prototype: { init(...args: unknown[]): Promise<unknown>; exitsOnInitFailure?: boolean } };
}

/**
 * Makes tslab's kernel exit (code 1) when its server cannot start, as when
 * another program took one of its ports between the front end's choice and
 * the kernel's bind: tslab 1.0.22 only logs "UnhandledPromiseRejection:
 * Error: Address already in use" and lives on, never publishing, so a
 * Jupyter front end waited forever for it ("kernel connecting"). A kernel
 * that dies before it was alive is what jupyter_client's KernelRestarter
 * restarts, on new random ports (`random_ports_until_alive`); the runner
 * reads the log first and starts again itself (`session.ts`). Applying it
 * twice changes nothing more.
 * @param exit how the process ends (tests pass a fake)
 * @example exitOnInitFailure(require("tslab/dist/jupyter.js")); require("tslab/dist/jupyter.js").ZmqServer.prototype.exitsOnInitFailure // => true
 */
export function exitOnInitFailure(jupyter: TslabServer, exit: (code: number) => void = (code) => process.exit(code)): void {
  const proto = jupyter.ZmqServer.prototype;
  if (proto.exitsOnInitFailure === true) return;
  const original = proto.init;
  proto.init = function (this: unknown, ...args: unknown[]) {
    const started = original.apply(this, args);
    started.catch((error: unknown) => {
      // inspect() keeps zeromq's fields (code, address), which the runner reads from this log.
      process.stderr.write(`tslabMain: the kernel could not start serving, so it exits for its front end to start it again: ${inspect(error)}\n`);
      exit(1);
    });
    return started;
  };
  proto.exitsOnInitFailure = true;
}

/**
 * Runs tslab's launcher (`process.argv[2]`) in this process after the fix,
 * with `process.argv` as tslab expects it. Run when this file is node's
 * main script, and by the kernel snapshot's start (`snapshotEntry.ts`).
 */
export function main(): void {
  const launcher = process.argv[2];
  if (launcher === undefined) {
    process.stderr.write("tslabMain: usage: node tslabMain.js <path of tslab's bin/tslab> kernel --config-path <connection file>\n");
    process.exit(2);
  }
  // The zeromq tslab itself resolves, from tslab's folder.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  losslessPublisher(require(require.resolve("zeromq", { paths: [dirname(launcher)] })) as ZeromqModule);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require(join(dirname(launcher), "..", "dist", "jupyter.js")) as TslabJupyter & TslabServer;
  coalescedExecute(jupyter);
  exitOnInitFailure(jupyter);
  process.argv.splice(1, 1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(launcher);
}

if (require.main === module) main();
