/**
 * Turning one request's iopub messages into nbformat outputs (nbclient's
 * `output_hook` and `process_message`): streams, display data, results,
 * errors, `clear_output` (with `wait`), `update_display_data`, and the
 * timings nbclient records in `cell.metadata.execution`.
 */
import type { Message } from "./kernel/wire";
import { joinSource, splitLines, type Output } from "./notebook";

/** Collects one request's iopub messages into nbformat outputs. */
export class OutputCollector {
  readonly outputs: Output[] = [];
  readonly timing: Record<string, string> = {};
  executionCount: number | null = null;
  idle = false;
  /** How many iopub messages of the request arrived (a silence is measured by it not growing). */
  messages = 0;
  private clearPending = false;
  private onIdle: (() => void) | undefined;

  handle = (msg: Message): void => {
    this.messages++;
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

  /** Lines of stream output collected so far (a partial last line counts). */
  get streamLines(): number {
    let lines = 0;
    for (const o of this.outputs) {
      if (o.output_type !== "stream") continue;
      const text = joinSource(o.text);
      lines += text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    }
    return lines;
  }

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
export function coalesceStreams(outputs: Output[]): Output[] {
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
