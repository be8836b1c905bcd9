/**
 * `export --format md`: a notebook as GitHub-flavoured Markdown, each chart
 * an SVG file under `img/<notebook>/` linked as an image, and no plotly.js.
 * Markdown cells are kept as written (GitHub typesets `$…$` and `$$…$$`
 * and reads `\$` as a dollar sign); code cells become fenced TypeScript
 * (left out in report mode); text outputs are fenced; HTML outputs (tables,
 * explained results) are sanitized and kept as HTML blocks, which GitHub
 * renders.
 */
import type { Notebook, Output } from "../runner";
import { PLOTLY_MIME, PlotlyJson } from "../display/plotly";
import { figureTitle, forReport } from "./page";
import { sanitizeHtml } from "./sanitize";

/** What {@link notebookMarkdown} made. */
export interface MarkdownPage {
  /** The Markdown text. */
  readonly markdown: string;
  /** Files to write beside it: path relative to the Markdown file → contents. */
  readonly files: ReadonlyMap<string, string | Buffer>;
  /** The charts, in order, with their image files. */
  readonly figures: readonly { readonly number: number; readonly title: string; readonly file?: string }[];
}

function text(source: unknown): string {
  return Array.isArray(source) ? source.join("") : typeof source === "string" ? source : "";
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(body: string, info = ""): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${body.replace(/\n$/, "")}\n${fence}`;
}

/** Text for a Markdown image's alt text or link text: brackets and backslashes escaped, one line. */
function altText(value: string): string {
  return value.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, " ").trim();
}

/** An HTML block GitHub keeps whole: no blank line inside it, blank lines around it. */
function htmlBlock(html: string): string {
  return html.replace(/\n\s*\n/g, "\n").trim();
}

/**
 * A notebook as Markdown with its chart images.
 * @param nb an executed notebook (charts need `image/svg+xml`, see staticImages)
 * @param options name (names the image folder), report (no code, no exercises)
 * @example notebookMarkdown(nb, { name: "04-quorums", report: true }).files.size // => charts + other images
 */
export function notebookMarkdown(nb: Notebook, options: { readonly name: string; readonly report: boolean }): MarkdownPage {
  const blocks: string[] = [];
  const files = new Map<string, string | Buffer>();
  const figures: { number: number; title: string; file?: string }[] = [];
  let images = 0;
  const source = options.report ? forReport(nb) : nb;
  for (const cell of source.cells) {
    if (cell.cell_type === "markdown") {
      blocks.push(text(cell.source).trim());
      continue;
    }
    if (cell.cell_type !== "code") continue;
    if (!options.report && text(cell.source).trim() !== "") blocks.push(fenced(text(cell.source), "ts"));
    for (const output of cell.outputs) blocks.push(...outputBlocks(output, options.name, files, figures, () => ++images));
  }
  return { markdown: `${blocks.filter((b) => b !== "").join("\n\n")}\n`, files, figures };
}

function outputBlocks(
  output: Output,
  name: string,
  files: Map<string, string | Buffer>,
  figures: { number: number; title: string; file?: string }[],
  nextImage: () => number,
): string[] {
  if (output.output_type === "stream") return [fenced(text(output.text), "text")];
  if (output.output_type === "error") return [fenced(`${output.ename}: ${output.evalue}`, "text")];
  const data = output.data;
  const fig = data[PLOTLY_MIME] as PlotlyJson | undefined;
  if (fig !== undefined) {
    const number = figures.length + 1;
    const title = figureTitle(fig, data["text/plain"]);
    const svg = text(data["image/svg+xml"]);
    if (svg === "") {
      figures.push({ number, title });
      return [`*Figure ${number}. ${altText(title)} (no static image: Chromium was not available)*`];
    }
    const file = `img/${name}/figure-${String(number).padStart(2, "0")}.svg`;
    files.set(file, svg);
    figures.push({ number, title, file });
    return [`![Figure ${number}. ${altText(title)}](${encodeURI(file)})`];
  }
  const html = text(data["text/html"]);
  if (html !== "") {
    const clean = htmlBlock(sanitizeHtml(html));
    return clean === "" ? [] : [clean];
  }
  const md = text(data["text/markdown"]);
  if (md !== "") return [md.trim()];
  for (const [mime, ext] of [
    ["image/png", "png"],
    ["image/jpeg", "jpg"],
    ["image/svg+xml", "svg"],
  ] as const) {
    const value = text(data[mime]);
    if (value === "") continue;
    const file = `img/${name}/output-${String(nextImage()).padStart(2, "0")}.${ext}`;
    files.set(file, mime === "image/svg+xml" ? value : Buffer.from(value, "base64"));
    return [`![output](${encodeURI(file)})`];
  }
  const plain = text(data["text/plain"]);
  return plain === "" ? [] : [fenced(plain, "text")];
}
