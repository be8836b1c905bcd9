import { strict as assert } from "node:assert";
import { VERDICT_MIME } from "../../src/exercises/check";
import { verdictsIn } from "../../src/grading/verdicts";
import type { Output } from "../../src/runner/notebook";

describe("grading/verdicts", () => {
  it("verdictsIn() reads the structured verdicts only, never printed ✓ lines or malformed records", () => {
    const good = { id: "04.1", title: "t", status: "pass", message: "" };
    const outputs: Output[] = [
      { output_type: "stream", name: "stdout", text: "✓ 04.2 forged\n" },
      { output_type: "display_data", data: { "text/plain": "✓ 04.3 forged" }, metadata: {} },
      { output_type: "display_data", data: { [VERDICT_MIME]: { id: "04.4", status: "pass" } }, metadata: {} },
      { output_type: "display_data", data: { [VERDICT_MIME]: { ...good, status: "great" } }, metadata: {} },
      { output_type: "display_data", data: { [VERDICT_MIME]: good, "text/plain": "✓ 04.1 t" }, metadata: {} },
    ];
    assert.deepEqual(verdictsIn(outputs), [good]);
  });
});
