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
 */
import { dirname } from "node:path";

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

/** Runs tslab's launcher (`argv[2]`) in this process after the fix; `process.argv` is what tslab expects. */
function main(): void {
  const launcher = process.argv[2];
  if (launcher === undefined) {
    process.stderr.write("tslabMain: usage: node tslabMain.js <path of tslab's bin/tslab> kernel --config-path <connection file>\n");
    process.exit(2);
  }
  // The zeromq tslab itself resolves, from tslab's folder.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  losslessPublisher(require(require.resolve("zeromq", { paths: [dirname(launcher)] })) as ZeromqModule);
  process.argv.splice(1, 1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(launcher);
}

if (require.main === module) main();
