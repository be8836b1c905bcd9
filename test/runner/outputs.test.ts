import { strict as assert } from "node:assert";
import { createMessage } from "../../src/runner/kernel/wire";
import { coalesceStreams, OutputCollector } from "../../src/runner/outputs";

const iopub = (type: string, content: Record<string, unknown>) => createMessage(type, content, "session");

describe("runner/outputs", () => {
  it("OutputCollector turns stream, display_data, execute_result and error messages into nbformat outputs, in order", () => {
    const c = new OutputCollector();
    c.handle(iopub("status", { execution_state: "busy" }));
    c.handle(iopub("execute_input", { code: "x", execution_count: 7 }));
    c.handle(iopub("stream", { name: "stdout", text: "a\n" }));
    c.handle(iopub("display_data", { data: { "text/plain": "shown" }, metadata: {} }));
    c.handle(iopub("execute_result", { execution_count: 7, data: { "text/plain": "1" }, metadata: {} }));
    c.handle(iopub("error", { ename: "RangeError", evalue: "bad", traceback: ["RangeError: bad"] }));
    c.handle(iopub("comm_open", { comm_id: "x" }));
    assert.deepEqual(c.outputs, [
      { output_type: "stream", name: "stdout", text: "a\n" },
      { output_type: "display_data", data: { "text/plain": "shown" }, metadata: {} },
      { output_type: "execute_result", execution_count: 7, data: { "text/plain": "1" }, metadata: {} },
      { output_type: "error", ename: "RangeError", evalue: "bad", traceback: ["RangeError: bad"] },
    ]);
    assert.equal(c.executionCount, 7);
    assert.deepEqual(Object.keys(c.timing).sort(), ["iopub.execute_input", "iopub.status.busy"]);
    assert.equal(c.idle, false);
  });

  it("OutputCollector counts every message of its request, and the stream lines it holds (a partial last line counts)", () => {
    const c = new OutputCollector();
    assert.deepEqual([c.messages, c.streamLines], [0, 0]);
    c.handle(iopub("status", { execution_state: "busy" }));
    c.handle(iopub("stream", { name: "stdout", text: "a\nb\n" }));
    c.handle(iopub("stream", { name: "stderr", text: "c" }));
    c.handle(iopub("display_data", { data: { "text/plain": "x\ny" }, metadata: {} }));
    assert.deepEqual([c.messages, c.streamLines], [4, 3]);
  });

  it("clear_output empties the outputs at once, or (wait: true) when the next output arrives", () => {
    const c = new OutputCollector();
    c.handle(iopub("stream", { name: "stdout", text: "old\n" }));
    c.handle(iopub("clear_output", { wait: true }));
    assert.equal(c.outputs.length, 1, "wait: true keeps the old output until a new one comes");
    c.handle(iopub("stream", { name: "stdout", text: "new\n" }));
    assert.deepEqual(c.outputs, [{ output_type: "stream", name: "stdout", text: "new\n" }]);
    c.handle(iopub("clear_output", { wait: false }));
    assert.deepEqual(c.outputs, []);
  });

  it("update_display_data replaces the output with that display_id, and only it", () => {
    const c = new OutputCollector();
    c.handle(iopub("display_data", { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "bar" } }));
    c.handle(iopub("display_data", { data: { "text/plain": "other" }, metadata: {} }));
    c.handle(iopub("update_display_data", { data: { "text/plain": "100%" }, metadata: {}, transient: { display_id: "bar" } }));
    assert.deepEqual(c.outputs.map((o) => o.output_type === "display_data" && o.data["text/plain"]), ["100%", "other"]);
    assert.equal(JSON.stringify(c.outputs[0]).includes("bar"), false, "the display id is not written to the notebook");
  });

  it("waitIdle() resolves when status idle arrives, also when it arrived before", async () => {
    const c = new OutputCollector();
    const waiting = c.waitIdle();
    c.handle(iopub("status", { execution_state: "idle" }));
    assert.equal(await waiting, "idle");
    assert.equal(await c.waitIdle(), "idle");
    assert.ok(c.timing["iopub.status.idle"]);
  });

  it("coalesceStreams() merges consecutive chunks of one stream and splits them into nbformat lines", () => {
    assert.deepEqual(
      coalesceStreams([
        { output_type: "stream", name: "stdout", text: "a" },
        { output_type: "stream", name: "stdout", text: "b\nc\n" },
        { output_type: "stream", name: "stderr", text: "e\n" },
        { output_type: "stream", name: "stdout", text: "d" },
      ]),
      [
        { output_type: "stream", name: "stdout", text: ["ab\n", "c\n"] },
        { output_type: "stream", name: "stderr", text: ["e\n"] },
        { output_type: "stream", name: "stdout", text: ["d"] },
      ],
    );
  });
});
