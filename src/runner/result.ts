/**
 * The result API of a run: the executed notebook, and each code cell with
 * helpers to read what it printed and displayed, addressable by id or tag
 * (what papermill users do with scrapbook, without the extra package).
 */
import { RunnerError, type CellExecutionError } from "./errors";
import { cellTags, joinSource, type CodeCell, type Notebook, type Output, type StreamOutput } from "./notebook";

/** A code cell after the run, with helpers to read what it printed and displayed. */
export interface ExecutedCell {
  /** 0-based index in the executed notebook (after parameter injection, before error banners). */
  index: number;
  id: string;
  tags: string[];
  source: string;
  outputs: Output[];
  /** Everything written to stdout. tslab prints a cell's last expression value here. */
  stdout(): string;
  /** Everything written to stderr. */
  stderr(): string;
  /** stdout plus the `text/plain` of displayed data and results, in output order. */
  text(): string;
  /** The `text/html` of displayed data and results, in output order. */
  html(): string[];
}

/** What `executeNotebook` returns. */
export interface ExecutionResult {
  /** The executed notebook, as written to `outputPath` (with an error banner when a cell failed). */
  notebook: Notebook;
  /** True when every cell ran without an unexpected error. */
  ok: boolean;
  /** The first unexpected failure, when `ok` is false. */
  error?: CellExecutionError;
  /** Every code cell, in order. */
  cells: ExecutedCell[];
  /**
   * The code cell with this id, else the one cell with this tag.
   * @throws RunnerError when there is none, or the tag is on several cells
   */
  cell(idOrTag: string): ExecutedCell;
  /** The code cells with this tag. */
  cellsByTag(tag: string): ExecutedCell[];
  /** Wall time of the whole run in milliseconds, kernel start and shutdown included. */
  durationMs: number;
}

function makeExecutedCell(cell: CodeCell, index: number): ExecutedCell {
  const streams = (name: string) =>
    cell.outputs
      .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === name)
      .map((o) => joinSource(o.text))
      .join("");
  return {
    index,
    id: cell.id,
    tags: cellTags(cell),
    source: joinSource(cell.source),
    outputs: cell.outputs,
    stdout: () => streams("stdout"),
    stderr: () => streams("stderr"),
    text: () =>
      cell.outputs
        .map((o) => {
          if (o.output_type === "stream") return o.name === "stdout" ? joinSource(o.text) : "";
          if (o.output_type === "display_data" || o.output_type === "execute_result") {
            const plain = o.data["text/plain"];
            if (plain === undefined) return "";
            const text = Array.isArray(plain) ? plain.join("") : String(plain);
            return text.endsWith("\n") ? text : `${text}\n`;
          }
          return "";
        })
        .join(""),
    html: () =>
      cell.outputs.flatMap((o) => {
        if (o.output_type !== "display_data" && o.output_type !== "execute_result") return [];
        const html = o.data["text/html"];
        return html === undefined ? [] : [Array.isArray(html) ? html.join("") : String(html)];
      }),
  };
}

/**
 * The result of a run.
 * @param notebook the executed notebook as written (with the error banner, if any)
 * @param ran the notebook as run (cell indices refer to it)
 * @param error the first unexpected failure
 * @param startedAt `performance.now()` when the run began
 */
export function makeResult(notebook: Notebook, ran: Notebook, error: CellExecutionError | undefined, startedAt: number): ExecutionResult {
  const cells = ran.cells.flatMap((c, i) => (c.cell_type === "code" ? [makeExecutedCell(c, i)] : []));
  const result: ExecutionResult = {
    notebook,
    ok: error === undefined,
    cells,
    cellsByTag: (tag) => cells.filter((c) => c.tags.includes(tag)),
    cell(idOrTag) {
      const byId = cells.find((c) => c.id === idOrTag);
      if (byId) return byId;
      const tagged = cells.filter((c) => c.tags.includes(idOrTag));
      if (tagged.length === 1) return tagged[0] as ExecutedCell;
      const known = [...new Set(cells.flatMap((c) => [c.id, ...c.tags]))].map((s) => JSON.stringify(s)).join(", ");
      throw new RunnerError(
        tagged.length === 0
          ? `runner.ExecutionResult.cell: idOrTag must be the id or tag of a code cell (${known}), got ${JSON.stringify(idOrTag)}`
          : `runner.ExecutionResult.cell: idOrTag must name one cell, got ${JSON.stringify(idOrTag)} which tags cells ${tagged.map((c) => c.index).join(", ")} (use cellsByTag)`,
      );
    },
    durationMs: performance.now() - startedAt,
  };
  if (error) result.error = error;
  return result;
}
