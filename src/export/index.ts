/**
 * export: every notebook executed with the runner, converted to HTML with
 * nbconvert into build/site/, made to open offline, and listed on an index
 * page (titles, descriptions, run date, git commit, parameters used).
 *
 * Stages: execute (the runner) → convert (`nbconvert.ts`) → offline
 * (`offline.ts`) → index page (`site.ts`). `exportSite` is the library
 * entry; `exportCommand` is what `tradeoff-lab export` and
 * `npm run export` call.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { ParameterError, executeNotebook, notebookParameters, parseCliValue, readNotebook } from "../runner";
import type { NotebookParameter } from "../runner";
import { rangeError } from "../internal/errors";
import { convertNotebook, findNbconvert, pythonCandidates, NbconvertMissingError } from "./nbconvert";
import { externalResources, makeOffline } from "./offline";
import { PageEntry, describeNotebook, gitCommit, indexHtml } from "./site";

export { NBCONVERT_HELP, NbconvertMissingError, NbconvertError, findNbconvert, convertNotebook } from "./nbconvert";
export type { NbconvertPython, ConvertOptions } from "./nbconvert";
export { makeOffline, externalResources, isExternalUrl } from "./offline";
export type { OfflineResult } from "./offline";
export { describeNotebook, gitCommit, indexHtml } from "./site";
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

/** Notebook files of a folder, sorted, skipping executed copies and hidden or checkpoint files. */
export function listNotebooks(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.endsWith(".executed.ipynb") && !f.startsWith(".") && !f.startsWith("_"))
    .sort()
    .map((f) => join(dir, f));
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

/** Options of `tradeoff-lab export` / `npm run export`, as commander parses them. */
export interface ExportCommandOptions {
  /** `--notebooks <dir>` */
  readonly notebooks?: string;
  /** `-o, --output-dir <dir>` */
  readonly outputDir?: string;
  /** `--executed-dir <dir>` */
  readonly executedDir?: string;
  /** `--report` */
  readonly report?: boolean;
  /** `--no-execute` gives false */
  readonly execute?: boolean;
  /** `-p, --parameter <name=value>` (repeatable) */
  readonly parameter?: readonly string[];
  /** `--params-file <file.json>` */
  readonly paramsFile?: string;
  /** `--timeout <seconds>` per cell */
  readonly timeout?: number | string;
  /** `--python <path>` */
  readonly python?: string;
}

/** Where the command writes: stdout and stderr by default. */
export interface ExportIo {
  out(text: string): void;
  err(text: string): void;
}

const defaultIo: ExportIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * The `export` command: runs {@link exportSite} and returns the exit code
 * (0 every notebook ran; 1 a notebook failed or nbconvert is missing; 2 bad
 * usage). `-p name=value` is converted to the type each notebook declares.
 * @example await exportCommand({ report: true }) // => 0, site in build/site/
 */
export async function exportCommand(opts: ExportCommandOptions = {}, io: ExportIo = defaultIo): Promise<number> {
  try {
    const notebooksDir = resolve(opts.notebooks ?? "notebooks");
    let fromFile: Record<string, unknown> = {};
    if (opts.paramsFile !== undefined) {
      const json = JSON.parse(readFileSync(opts.paramsFile, "utf8")) as unknown;
      if (typeof json !== "object" || json === null || Array.isArray(json)) {
        io.err(`tradeoff-lab export: --params-file ${opts.paramsFile} must hold a JSON object\n`);
        return 2;
      }
      fromFile = json as Record<string, unknown>;
    }
    const declared = listNotebooks(notebooksDir).flatMap((p) => notebookParameters(readNotebook(p)));
    const parameters: Record<string, unknown> = { ...fromFile };
    for (const pair of opts.parameter ?? []) {
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const d = declared.find((p) => p.name === name);
      if (eq <= 0 || d === undefined) {
        io.err(`tradeoff-lab export: -p must be name=value with a name some notebook declares (${[...new Set(declared.map((p) => p.name))].join(", ") || "none declared"}), got ${JSON.stringify(pair)}\n`);
        return 2;
      }
      parameters[name] = parseCliValue(d, pair.slice(eq + 1), "tradeoff-lab export");
    }
    const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
    if (timeout !== undefined && !(timeout > 0)) {
      io.err(`tradeoff-lab export: --timeout must be a number of seconds > 0, got ${JSON.stringify(opts.timeout)}\n`);
      return 2;
    }
    const result = await exportSite({
      notebooksDir,
      ...(opts.outputDir === undefined ? {} : { outDir: opts.outputDir }),
      ...(opts.executedDir === undefined ? {} : { executedDir: opts.executedDir }),
      report: opts.report ?? false,
      execute: opts.execute ?? true,
      parameters,
      ...(timeout === undefined ? {} : { cellTimeoutMs: timeout * 1000 }),
      ...(opts.python === undefined ? {} : { python: opts.python }),
      log: (line) => io.err(`${line}\n`),
    });
    io.out(`${result.indexPath}\n`);
    for (const p of result.pages) if (!p.ok) io.err(`FAILED ${p.name}: ${p.error ?? ""}\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof NbconvertMissingError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    if (error instanceof RangeError || error instanceof SyntaxError || error instanceof ParameterError) {
      io.err(`tradeoff-lab export: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
