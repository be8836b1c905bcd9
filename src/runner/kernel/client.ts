/**
 * The client side of a kernel's sockets (messaging spec v5.3,
 * "Introduction"): shell and control (DEALER, requests and replies), iopub
 * (SUB, broadcast outputs and status) and stdin (DEALER, input requests).
 * The heartbeat socket is not used: the kernel's liveness is its process
 * (the executor races every wait against the process exiting). Uses
 * zeromq 6's promise API; zeromq is loaded lazily, so importing the
 * library never loads the native addon.
 *
 * Replies are matched to requests on `parent_header.msg_id`; iopub
 * messages are routed to the listener of their parent request. A message
 * with a bad signature is rejected and makes `failure` reject, so the
 * executor stops instead of waiting for a reply that was thrown away.
 */
import type * as Zmq from "zeromq";
import { RunnerError, SignatureError } from "../errors";
import type { ConnectionInfo } from "./connection";
import { createMessage, deserialize, serialize, type Message } from "./wire";

/** The request channels. */
export type RequestChannel = "shell" | "control";

interface Pending {
  resolve(message: Message): void;
}

/** A serial send queue: zeromq sockets allow one pending send at a time. */
class Sender {
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly socket: Zmq.Writable) {}
  send(frames: Buffer[]): Promise<void> {
    const next = this.queue.then(() => this.socket.send(frames));
    this.queue = next.catch(() => undefined);
    return next;
  }
}

let zmqModule: typeof Zmq | undefined;
function zmq(): typeof Zmq {
  // Lazy on purpose: `import { runner } from "tradeoff-lab"` must not load the native addon.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  zmqModule ??= require("zeromq") as typeof Zmq;
  return zmqModule;
}

/** A connected client. Create with {@link KernelClient.connect}; always `close()` it. */
export class KernelClient {
  /** This client's session id, sent in every header. */
  readonly session: string;
  /** Rejects with the first protocol failure (a bad signature). Never resolves. */
  readonly failure: Promise<never>;
  private fail!: (error: RunnerError) => void;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<string, (message: Message) => void>();
  private readonly anyIopub = new Set<(message: Message) => void>();
  private readonly sockets: Zmq.Socket[] = [];
  private readonly senders: Record<RequestChannel, Sender>;
  private closed = false;

  private constructor(
    private readonly info: ConnectionInfo,
    private readonly shell: Zmq.Dealer,
    private readonly control: Zmq.Dealer,
    private readonly iopub: Zmq.Subscriber,
    private readonly stdin: Zmq.Dealer,
  ) {
    this.session = createMessage("", {}, "").header.msg_id;
    this.failure = new Promise<never>((_, reject) => {
      this.fail = reject;
    });
    this.failure.catch(() => undefined);
    this.sockets.push(shell, control, iopub, stdin);
    this.senders = { shell: new Sender(shell), control: new Sender(control) };
    void this.readLoop("shell", shell, (m) => this.onReply(m));
    void this.readLoop("control", control, (m) => this.onReply(m));
    void this.readLoop("iopub", iopub, (m) => this.onIopub(m));
    // tslab never sends input requests (we set allow_stdin: false); drain and ignore.
    void this.readLoop("stdin", stdin, () => undefined);
  }

  /** Connects the shell, control, iopub and stdin sockets to the kernel described by `info`. */
  static connect(info: ConnectionInfo): KernelClient {
    const z = zmq();
    const url = (port: number) => `${info.transport}://${info.ip}:${port}`;
    const options = { linger: 0 };
    const shell = new z.Dealer(options);
    const control = new z.Dealer(options);
    const iopub = new z.Subscriber(options);
    const stdin = new z.Dealer(options);
    shell.connect(url(info.shell_port));
    control.connect(url(info.control_port));
    iopub.connect(url(info.iopub_port));
    iopub.subscribe();
    stdin.connect(url(info.stdin_port));
    return new KernelClient(info, shell, control, iopub, stdin);
  }

  private async readLoop(channel: string, socket: Zmq.Readable & Zmq.Socket, handle: (message: Message) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: Message;
        try {
          message = deserialize(frames, this.info.key, channel);
        } catch (error) {
          this.fail(error instanceof RunnerError ? error : new SignatureError(`runner: rejected an undecodable message on ${channel}: ${(error as Error).message}`, channel));
          continue;
        }
        handle(message);
      }
    } catch (error) {
      if (!this.closed) this.fail(new RunnerError(`runner: the ${channel} socket failed: ${(error as Error).message}`));
    }
  }

  private onReply(message: Message): void {
    const id = message.parent_header.msg_id;
    const waiter = id === undefined ? undefined : this.pending.get(id);
    if (waiter && id !== undefined) {
      this.pending.delete(id);
      waiter.resolve(message);
    }
  }

  private onIopub(message: Message): void {
    for (const listener of this.anyIopub) listener(message);
    const id = message.parent_header.msg_id;
    if (id !== undefined) this.listeners.get(id)?.(message);
  }

  /**
   * Sends a request; `reply` resolves with the message whose parent is it.
   * @param listener receives the request's iopub messages (until `unlisten`)
   */
  request(
    channel: RequestChannel,
    msgType: string,
    content: Record<string, unknown>,
    listener?: (message: Message) => void,
  ): { msgId: string; reply: Promise<Message> } {
    const message = createMessage(msgType, content, this.session);
    const msgId = message.header.msg_id;
    if (listener) this.listeners.set(msgId, listener);
    const reply = new Promise<Message>((resolve) => this.pending.set(msgId, { resolve }));
    this.senders[channel].send(serialize(message, this.info.key)).catch((error: unknown) => {
      if (!this.closed) this.fail(new RunnerError(`runner: could not send ${msgType}: ${(error as Error).message}`));
    });
    return { msgId, reply };
  }

  /** Stops routing iopub messages of a request and forgets its reply. */
  unlisten(msgId: string): void {
    this.listeners.delete(msgId);
    this.pending.delete(msgId);
  }

  /** Calls `listener` for every iopub message; returns the function that removes it. */
  onAnyIopub(listener: (message: Message) => void): () => void {
    this.anyIopub.add(listener);
    return () => this.anyIopub.delete(listener);
  }

  /** Closes every socket (linger 0). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.sockets) socket.close();
    this.pending.clear();
    this.listeners.clear();
    this.anyIopub.clear();
  }
}
