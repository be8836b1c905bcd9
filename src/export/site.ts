/**
 * The site's index page and what it says about each notebook: title,
 * one-line description, run status, the parameters used, the run date and
 * the git commit. Everything taken from a notebook is escaped.
 */
import { spawnSync } from "node:child_process";
import type { Notebook } from "../runner";
import { escapeHtml } from "../display/html";

/** One exported notebook, as the index lists it. */
export interface PageEntry {
  /** File name without extension, e.g. "01-quorums". */
  readonly name: string;
  /** Relative path of the page, e.g. "01-quorums.html" (not URL-encoded: the index encodes it). */
  readonly href: string;
  readonly title: string;
  readonly description: string;
  /** `name = value` for every parameter, declared defaults merged with overrides; `default` is the declared value when it differs. */
  readonly parameters: readonly { readonly name: string; readonly value: string; readonly default?: string }[];
  /** The page's charts, each with its SVG file relative to the site (when one was made). */
  readonly figures?: readonly { readonly number: number; readonly title: string; readonly file?: string }[];
  /** True when every cell ran; false with the error message otherwise. */
  readonly ok: boolean;
  readonly error?: string;
  /** Size of the HTML page in bytes. */
  readonly bytes: number;
}

/** What the index page says about the run as a whole. */
export interface SiteInfo {
  readonly runDate: Date;
  /** Git commit (short hash, "+dirty" when the tree had changes), or "unknown". */
  readonly commit: string;
  /** True in report mode (code hidden). */
  readonly report: boolean;
}

/** A relative path as an href: each segment percent-encoded, so a file name like `javascript:x.html` or `a#b.html` stays a relative link to that file. */
function hrefOf(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function cellText(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
}

function plain(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A notebook's title (its first `# ` heading, else metadata.title, else the
 * file name) and one-line description (metadata.description, else the first
 * paragraph of prose after the title, cut at its first sentence).
 */
export function describeNotebook(nb: Notebook, fallbackName: string): { title: string; description: string } {
  const meta = nb.metadata as { title?: unknown; description?: unknown };
  let title: string | undefined;
  let description: string | undefined = typeof meta.description === "string" ? meta.description : undefined;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const lines = cellText(cell.source).split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] as string).trim();
      if (title === undefined) {
        const m = /^#\s+(.+)$/.exec(line);
        if (m) title = plain(m[1] as string);
        continue;
      }
      if (description === undefined && line !== "" && !line.startsWith("#")) {
        const paragraph: string[] = [];
        for (let j = i; j < lines.length && (lines[j] as string).trim() !== ""; j++) paragraph.push(lines[j] as string);
        const text = plain(paragraph.join(" "));
        const sentence = /^(.+?[.!?])(\s|$)/.exec(text);
        description = sentence ? (sentence[1] as string) : text;
        break;
      }
    }
    if (title !== undefined && description !== undefined) break;
  }
  if (title === undefined) title = typeof meta.title === "string" ? meta.title : fallbackName;
  return { title, description: description ?? "" };
}

/** The checkout's commit as a short hash, with "+dirty" when files changed; "unknown" outside git. */
export function gitCommit(cwd: string): string {
  const head = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd, encoding: "utf8" });
  if (head.status !== 0) return "unknown";
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd, encoding: "utf8" });
  return `${head.stdout.trim()}${status.status === 0 && status.stdout.trim() !== "" ? "+dirty" : ""}`;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toLocaleString("en-US", { maximumFractionDigits: 0 })} KiB`;
}

/** The index page: a self-contained HTML file with no external resources. */
export function indexHtml(pages: readonly PageEntry[], info: SiteInfo): string {
  const when = info.runDate.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const items = pages.map((p) => {
    const params =
      p.parameters.length === 0
        ? '<p class="params none">No parameters.</p>'
        : `<table class="params"><thead><tr><th>parameter</th><th>value</th></tr></thead><tbody>${p.parameters
            .map((q) =>
              q.default === undefined
                ? `<tr><td><code>${escapeHtml(q.name)}</code></td><td><code>${escapeHtml(q.value)}</code></td></tr>`
                : `<tr class="changed"><td><code>${escapeHtml(q.name)}</code></td><td><code>${escapeHtml(q.value)}</code> <span class="default">changed; default <code>${escapeHtml(q.default)}</code></span></td></tr>`,
            )
            .join("")}</tbody></table>`;
    const withFiles = (p.figures ?? []).filter((f) => f.file !== undefined);
    const figures =
      withFiles.length === 0
        ? ""
        : `<details class="figures"><summary>${withFiles.length} figure${withFiles.length === 1 ? "" : "s"} (SVG)</summary><ol>${withFiles
            .map((f) => `<li value="${f.number}"><a href="${escapeHtml(hrefOf(f.file ?? ""))}">${escapeHtml(f.title)}</a></li>`)
            .join("")}</ol></details>`;
    const status = p.ok ? "" : `<p class="failed"><strong>Failed:</strong> ${escapeHtml(p.error ?? "a cell raised an error")}</p>`;
    return [
      `<li class="page${p.ok ? "" : " page-failed"}">`,
      `<h2><a href="${escapeHtml(hrefOf(p.href))}">${escapeHtml(p.title)}</a></h2>`,
      p.description === "" ? "" : `<p class="description">${escapeHtml(p.description)}</p>`,
      status,
      params,
      figures,
      `<p class="meta">${escapeHtml(p.href)} · ${kib(p.bytes)}</p>`,
      "</li>",
    ].join("\n");
  });
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>tradeoff-lab workbook</title>",
    "<style>",
    "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}",
    "ul.pages{list-style:none;padding:0}li.page{border:1px solid #ddd;border-radius:6px;padding:0.6rem 1rem;margin:0.8rem 0}",
    "li.page-failed{border-color:#d62728}p.failed{color:#d62728}h2{font-size:1.2rem;margin:0.2rem 0}",
    "table.params{border-collapse:collapse;font-size:0.9rem}table.params td,table.params th{border-bottom:1px solid #eee;padding:0.1rem 0.6rem 0.1rem 0;text-align:left}",
    "p.meta,p.run{color:#666;font-size:0.85rem}",
    "tr.changed td{background:#fff4d6}span.default{color:#8a6d00;font-size:0.85rem}details.figures{font-size:0.9rem;margin:0.3rem 0}",
    "</style>",
    "</head>",
    "<body>",
    "<h1>tradeoff-lab workbook</h1>",
    `<p class="run">Run ${escapeHtml(when)} · commit <code>${escapeHtml(info.commit)}</code>${info.report ? " · report mode (code hidden)" : ""} · ${pages.length} notebook${pages.length === 1 ? "" : "s"}</p>`,
    '<ul class="pages">',
    ...items,
    "</ul>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
