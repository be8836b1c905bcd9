/**
 * The whole workbook headless (issue 7): wall time to execute every learner
 * notebook in notebooks/ with the runner, one fresh kernel each, and the
 * slowest cell of each (from the runner's per-cell timing metadata: iopub
 * busy → idle; tslab stamps its execute_reply with the request's time, so
 * that one cannot be used). Targets: under 90 s for the workbook, no cell
 * over 5 s at default parameters.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook } from "../dist/runner";
import { notebookDirectory } from "../dist/notebookSources/files";

function cellSeconds(execution: Record<string, string> | undefined): number {
  const start = execution?.["iopub.status.busy"];
  const end = execution?.["iopub.status.idle"];
  return start && end ? (Date.parse(end) - Date.parse(start)) / 1000 : 0;
}

export async function run(): Promise<void> {
  const files = readdirSync(notebookDirectory).filter((f) => f.endsWith(".ipynb")).sort();
  let total = 0;
  let slowestOverall = { seconds: 0, where: "" };
  for (const file of files) {
    const result = await executeNotebook(join(notebookDirectory, file));
    total += result.durationMs;
    let slowest = { seconds: 0, index: -1 };
    result.notebook.cells.forEach((cell, index) => {
      const seconds = cellSeconds(cell.metadata.execution);
      if (seconds > slowest.seconds) slowest = { seconds, index };
    });
    if (slowest.seconds > slowestOverall.seconds) slowestOverall = { seconds: slowest.seconds, where: `${file} cell ${slowest.index}` };
    console.log(
      `${file.padEnd(40)} ${(result.durationMs / 1000).toFixed(1).padStart(5)} s   slowest cell ${slowest.index} ${slowest.seconds.toFixed(2)} s${result.ok ? "" : "   FAILED"}`,
    );
  }
  console.log(`whole workbook: ${(total / 1000).toFixed(1)} s for ${files.length} notebooks (target < 90 s)`);
  console.log(`slowest cell: ${slowestOverall.where}, ${slowestOverall.seconds.toFixed(2)} s (target < 5 s)`);
}
