/**
 * Hand-made executed notebooks for the conversion and browser tests: the
 * outputs are what `display.show` sends from a kernel (a `text/html`
 * display_data per table or explanation, a MIME bundle per chart), without
 * starting a kernel.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type HandmadeCell =
  | { readonly markdown: string }
  | { readonly code: string; readonly html?: readonly string[]; readonly bundles?: readonly Readonly<Record<string, unknown>>[]; readonly tags?: readonly string[] };

/** An nbformat 4.5 notebook whose code cells carry the given text/html outputs, then the given MIME bundles. */
export function handmadeNotebook(cells: readonly HandmadeCell[]): object {
  let count = 0;
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { name: "typescript" },
    },
    cells: cells.map((cell, i) => {
      if ("markdown" in cell) return { cell_type: "markdown", id: `cell-${i}`, metadata: {}, source: cell.markdown };
      count += 1;
      return {
        cell_type: "code",
        id: `cell-${i}`,
        execution_count: count,
        metadata: cell.tags ? { tags: [...cell.tags] } : {},
        source: cell.code,
        outputs: [...(cell.html ?? []).map((html) => ({ "text/html": html })), ...(cell.bundles ?? [])].map((data) => ({ output_type: "display_data", data, metadata: {} })),
      };
    }),
  };
}

/** Writes a hand-made notebook to `dir/name.ipynb` and returns its path. */
export function writeHandmade(dir: string, name: string, cells: readonly HandmadeCell[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.ipynb`);
  writeFileSync(path, JSON.stringify(handmadeNotebook(cells), null, 1));
  return path;
}
