/**
 * export: every notebook executed with the runner, converted to HTML with
 * nbconvert into build/site/, made to open offline, and listed on an index
 * page (titles, descriptions, run date, git commit, parameters used).
 *
 * Stages: execute (the runner) → convert (`nbconvert.ts`) → offline
 * (`offline.ts`) → index page (`site.ts`). `exportSite` is the entry; the
 * command line (`tradeoff-lab export`, `npm run export`) is in
 * `src/cli/export.ts`.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { executeNotebook, listNotebooks, notebookParameters, readNotebook, type NotebookParameter } from "../runner";
import { rangeError } from "../internal/errors";
import { convertNotebook, findNbconvert, pythonCandidates } from "./nbconvert";
import { externalResources, makeOffline } from "./offline";
import { PageEntry, describeNotebook, gitCommit, indexHtml } from "./site";

export { NBCONVERT_HELP, NbconvertMissingError, NbconvertError, findNbconvert, convertNotebook } from "./nbconvert";
export type { NbconvertPython, ConvertOptions } from "./nbconvert";
export { makeOffline, externalResources, isExternalUrl } from "./offline";
export type { OfflineResult } from "./offline";
export { describeNotebook, gitCommit, indexHtml } from "./site";
/** The notebooks of a folder, as the runner lists them (executed copies, hidden and `_`-prefixed files skipped). */
export { listNotebooks } from "../runner";
export type { PageEntry, SiteInfo } from "./site";

/** Runs one notebook; the runner's `executeNotebook` by default. */
export type NotebookExecutor = (
  path: string,
  options: { parameters: Record<string, unknown>; outputPath: string; cellTimeoutMs?: number },
) => Promise<{ ok: boolean; error?: { message: string } }>;

/** Options for {@link exportSite}. */
export interface ExportOptions {
  /** Folder of `.ipynb` files; default `notebooks`. */
  readonly notebooksDir?: string;
  /** Where the HTML site goes; default `build/site`. */
  readonly outDir?: string;
  /** Where the executed notebooks go; default `build/executed`. */
  readonly executedDir?: string;
  /** Hide code cells (nbconvert `--no-input`), for design docs; default false. */
  readonly report?: boolean;
  /** Execute before converting; false converts the notebooks as they are (already executed). Default true. */
  readonly execute?: boolean;
  /** Parameter values, each given to every notebook that declares that name. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Per-cell timeout for the runner, ms. */
  readonly cellTimeoutMs?: number;
  /** The Python with nbconvert; default the first of $TRADEOFF_LAB_PYTHON, /usr/bin/python3, python3, python that has it. */
  readonly python?: string;
  /** Shown on the index page; default now. */
  readonly runDate?: Date;
  /** Shown on the index page; default `git rev-parse --short=12 HEAD` (+dirty). */
  readonly commit?: string;
  /** Replaces the runner (tests). */
  readonly executor?: NotebookExecutor;
  /** Progress lines; default none. */
  readonly log?: (line: string) => void;
}

/** What {@link exportSite} produced. */
export interface ExportResult {
  readonly outDir: string;
  readonly indexPath: string;
  readonly pages: readonly PageEntry[];
  /** True when every notebook ran without error. */
  readonly ok: boolean;
}

const defaultExecutor: NotebookExecutor = (path, options) => executeNotebook(path, options);

function literal(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * Executes every notebook of `notebooksDir`, converts each to a
 * self-contained HTML page in `outDir` and writes `outDir/index.html`.
 * A notebook whose cell fails is still converted (the runner puts an error
 * banner at its top) and is marked failed on the index; `ok` is then false.
 * @throws NbconvertMissingError (with install instructions) when no Python has nbconvert
 * @throws RangeError when a parameter is declared by no notebook
 * @throws Error when a page would still load an external resource after clean-up
 * @example const { ok, indexPath } = await exportSite({ report: true }); // build/site/index.html
 */
export async function exportSite(options: ExportOptions = {}): Promise<ExportResult> {
  const log = options.log ?? (() => undefined);
  const notebooksDir = resolve(options.notebooksDir ?? "notebooks");
  const outDir = resolve(options.outDir ?? join("build", "site"));
  const executedDir = resolve(options.executedDir ?? join("build", "executed"));
  const report = options.report ?? false;
  const execute = options.execute ?? true;
  const executor = options.executor ?? defaultExecutor;
  const nbconvert = findNbconvert(options.python === undefined ? pythonCandidates() : [options.python]);
  log(`nbconvert ${nbconvert.version} (${nbconvert.python})`);

  const notebooks = listNotebooks(notebooksDir);
  const declared = new Map<string, NotebookParameter[]>(notebooks.map((p) => [p, notebookParameters(readNotebook(p))]));
  const given = options.parameters ?? {};
  for (const name of Object.keys(given)) {
    if (![...declared.values()].some((list) => list.some((d) => d.name === name))) {
      const known = [...new Set([...declared.values()].flat().map((d) => d.name))];
      throw rangeError("export.exportSite", "parameters key", `a parameter some notebook declares (${known.join(", ") || "none declared"})`, name);
    }
  }
  mkdirSync(outDir, { recursive: true });
  if (execute) mkdirSync(executedDir, { recursive: true });

  const pages: PageEntry[] = [];
  for (const path of notebooks) {
    const name = basename(path, ".ipynb");
    const params = declared.get(path) ?? [];
    const parameters: Record<string, unknown> = {};
    for (const d of params) if (d.name in given) parameters[d.name] = given[d.name];
    let converted = path;
    let ok = true;
    let error: string | undefined;
    if (execute) {
      converted = join(executedDir, `${name}.ipynb`);
      // A previous run's files must not pass for this run's when the runner fails before writing.
      rmSync(converted, { force: true });
      rmSync(join(outDir, `${name}.html`), { force: true });
      log(`${relative(process.cwd(), path)}: executing`);
      try {
        const result = await executor(path, { parameters, outputPath: converted, ...(options.cellTimeoutMs === undefined ? {} : { cellTimeoutMs: options.cellTimeoutMs }) });
        ok = result.ok;
        if (!result.ok) error = result.error?.message ?? "a cell raised an error";
      } catch (e) {
        ok = false;
        error = (e as Error).message;
        try {
          statSync(converted);
        } catch {
          log(`${name}: FAILED before any output was written: ${error}`);
          pages.push({ name, href: `${name}.html`, ...describeNotebook(readNotebook(path), name), parameters: [], ok, error, bytes: 0 });
          continue;
        }
      }
    }
    log(`${name}: converting${report ? " (report: code hidden)" : ""}`);
    const htmlPath = convertNotebook(converted, { python: nbconvert.python, outputDir: outDir, name, report });
    const { html, removed } = makeOffline(readFileSync(htmlPath, "utf8"));
    const leftovers = externalResources(html);
    if (leftovers.length > 0) {
      throw new Error(`export: ${htmlPath} would load external resources: ${leftovers.join(", ")}. Remove them from the notebook, or keep the files beside it.`);
    }
    writeFileSync(htmlPath, html);
    if (removed.length > 0) log(`${name}: removed ${removed.length} external script/link tag(s): ${removed.map((u) => (u === "" ? "(empty src)" : JSON.stringify(u))).join(", ")}`);
    pages.push({
      name,
      href: `${name}.html`,
      ...describeNotebook(readNotebook(path), name),
      parameters: params.map((d) => ({ name: d.name, value: literal(d.name in parameters ? parameters[d.name] : d.default) })),
      ok,
      ...(error === undefined ? {} : { error }),
      bytes: Buffer.byteLength(html),
    });
    log(`${name}: ${ok ? "ok" : `FAILED: ${error}`} → ${relative(process.cwd(), htmlPath)}`);
  }
  const indexPath = join(outDir, "index.html");
  const commit = options.commit ?? gitCommit(notebooksDir);
  writeFileSync(indexPath, indexHtml(pages, { runDate: options.runDate ?? new Date(), commit, report }));
  log(`index: ${relative(process.cwd(), indexPath)} (${pages.length} notebook${pages.length === 1 ? "" : "s"})`);
  return { outDir, indexPath, pages, ok: pages.every((p) => p.ok) };
}
