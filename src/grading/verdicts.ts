/**
 * Reading the verdicts of `exercises.check` out of an executed notebook:
 * the `display_data` outputs under the verdict MIME type, never printed
 * text, so a `✓` printed by an answer cell counts for nothing.
 */
import { VERDICT_MIME, type VerdictRecord } from "../exercises/check";
import type { Output } from "../runner/notebook";

const STATUSES = new Set(["pass", "fail", "todo"]);

function isVerdict(value: unknown): value is VerdictRecord {
  const v = value as Partial<VerdictRecord> | null;
  return (
    typeof v === "object" && v !== null && typeof v.id === "string" && typeof v.title === "string" && typeof v.status === "string" && STATUSES.has(v.status) && typeof v.message === "string"
  );
}

/**
 * The verdicts a cell's outputs carry, in output order.
 * @param outputs an executed cell's outputs
 * @example verdictsIn([{ output_type: "display_data", data: { "application/vnd.tradeoff-lab.verdict+json": { id: "04.1", title: "t", status: "pass", message: "" } }, metadata: {} }])
 * // => [{ id: "04.1", title: "t", status: "pass", message: "" }]
 */
export function verdictsIn(outputs: readonly Output[]): VerdictRecord[] {
  const found: VerdictRecord[] = [];
  for (const output of outputs) {
    if (output.output_type !== "display_data") continue;
    const record = output.data[VERDICT_MIME];
    if (isVerdict(record)) found.push(record);
  }
  return found;
}
