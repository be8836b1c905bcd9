/**
 * A kernel on a learner's Jupyter server, driven the way the browser drives
 * it: started for a notebook through the sessions API (`POST /api/sessions`,
 * so its working folder is the notebook's, where `node_modules` links the
 * shared library) and spoken to over
 * the server's websocket (`/api/kernels/<id>/channels`), with the Jupyter
 * messaging protocol's JSON form (one message a frame, `channel` naming
 * shell or iopub). The hub's proxy routes `/user/<name>/...` to the server
 * and checks the token's `access:servers` scope.
 */
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { nonEmptyString } from "../../src/internal/errors";
import type { HubClient } from "./hub";

/** What one execution produced. */
export interface Execution {
  readonly status: "ok" | "error" | "aborted";
  readonly stdout: string;
  readonly stderr: string;
  /** Every display_data / execute_result bundle, in order. */
  readonly displays: readonly Readonly<Record<string, unknown>>[];
  readonly ename?: string;
  readonly evalue?: string;
}

/** A kernel of one learner's server. */
export interface KernelSession {
  readonly id: string;
  execute(code: string, timeoutMs?: number): Promise<Execution>;
  /** Shuts the kernel down through the REST API and closes the socket. */
  close(): Promise<void>;
}

interface WireMessage {
  readonly header: { readonly msg_type: string };
  readonly parent_header: { readonly msg_id?: string };
  readonly channel: string;
  readonly content: Record<string, unknown>;
}

/**
 * Starts a `tslab` kernel for a notebook on `user`'s server, as opening the
 * notebook in the browser does, and opens its websocket.
 * @param token a token with access to that server (the learner's own, or the instructor's)
 * @param notebook the notebook's path on the server, e.g. "tradeoff-lab/04-quorums-and-staleness.ipynb"
 * @param base the server's path under the hub's URL; "" for a Jupyter server of its own (`npm start`)
 * @throws Error with the server's answer when the kernel cannot be started
 */
export async function openKernel(hub: Pick<HubClient, "url" | "request">, user: string, token: string, notebook: string, kernelName = "tslab", base = `/user/${encodeURIComponent(user)}`): Promise<KernelSession> {
  nonEmptyString("hub.openKernel", "user", user);
  nonEmptyString("hub.openKernel", "notebook", notebook);
  const started = await hub.request("POST", `${base}/api/sessions`, { path: notebook, type: "notebook", name: "", kernel: { name: kernelName } }, token);
  const id = (started.body as { kernel?: { id?: unknown } } | undefined)?.kernel?.id;
  if (started.status !== 201 || typeof id !== "string") {
    throw new Error(`hub.openKernel: ${user}: ${started.status} ${started.text.slice(0, 300)}`);
  }
  const ws = new WebSocket(`${hub.url.replace(/^http/, "ws")}${base}/api/kernels/${id}/channels`, { headers: { Authorization: `token ${token}` } });
  await new Promise<void>((resolveOpen, reject) => {
    ws.once("open", () => resolveOpen());
    ws.once("error", reject);
  });
  const listeners = new Set<(message: WireMessage) => void>();
  ws.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
    if (isBinary) return;
    const text = Buffer.isBuffer(data) ? data.toString("utf8") : Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data).toString("utf8");
    const message = JSON.parse(text) as WireMessage;
    for (const listener of listeners) listener(message);
  });
  // A server that dies closes the socket: every pending execution fails at once.
  let closed: string | undefined;
  ws.on("close", (code: number) => {
    closed = `the connection to ${user}'s server closed (websocket code ${code})`;
    for (const listener of listeners) listener({ header: { msg_type: "__closed__" }, parent_header: {}, channel: "", content: {} });
  });
  const session = randomUUID();
  return {
    id,
    execute(code, timeoutMs = 60_000) {
      const msgId = randomUUID();
      return new Promise<Execution>((resolveRun, reject) => {
        if (closed !== undefined) {
          reject(new Error(`hub.execute: ${closed}`));
          return;
        }
        let stdout = "";
        let stderr = "";
        const displays: Record<string, unknown>[] = [];
        let reply: Record<string, unknown> | undefined;
        let idle = false;
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`hub.execute: no reply from ${user}'s kernel within ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = () => {
          if (reply === undefined || !idle) return;
          clearTimeout(timer);
          listeners.delete(listener);
          const status = reply.status === "ok" || reply.status === "error" || reply.status === "aborted" ? reply.status : "error";
          resolveRun({
            status,
            stdout,
            stderr,
            displays,
            ...(typeof reply.ename === "string" ? { ename: reply.ename } : {}),
            ...(typeof reply.evalue === "string" ? { evalue: reply.evalue } : {}),
          });
        };
        const listener = (message: WireMessage) => {
          if (message.header.msg_type === "__closed__") {
            clearTimeout(timer);
            listeners.delete(listener);
            reject(new Error(`hub.execute: ${closed ?? "connection closed"}`));
            return;
          }
          if (message.parent_header.msg_id !== msgId) return;
          const type = message.header.msg_type;
          if (message.channel === "shell" && type === "execute_reply") reply = message.content;
          else if (type === "stream") {
            if (message.content.name === "stderr") stderr += String(message.content.text);
            else stdout += String(message.content.text);
          } else if (type === "display_data" || type === "execute_result") displays.push((message.content.data ?? {}) as Record<string, unknown>);
          else if (type === "status" && message.content.execution_state === "idle") idle = true;
          finish();
        };
        listeners.add(listener);
        ws.send(
          JSON.stringify({
            header: { msg_id: msgId, msg_type: "execute_request", session, username: user, version: "5.3", date: new Date().toISOString() },
            parent_header: {},
            metadata: {},
            content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
            channel: "shell",
            buffers: [],
          }),
        );
      });
    },
    async close() {
      ws.close();
      await hub.request("DELETE", `${base}/api/kernels/${id}`, undefined, token).catch(() => undefined);
    },
  };
}
