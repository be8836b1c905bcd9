/**
 * The conversion stage: finding a Python that has nbconvert, and running
 * `python -m nbconvert --to html` on one executed notebook.
 *
 * On Debian, `python3` on PATH may be a pyenv or venv Python without
 * Jupyter; the system's `/usr/bin/python3` is the one `apt-get install
 * jupyter-nbconvert` provides for. Candidates are tried in order:
 * `$TRADEOFF_LAB_PYTHON`, `/usr/bin/python3`, `python3`, `python`.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename } from "node:path";

/** How to get nbconvert, printed whenever it is missing. */
export const NBCONVERT_HELP =
  "nbconvert is needed to export notebooks to HTML. Install it with one of:\n" +
  "  sudo apt-get install jupyter-nbconvert      (Debian/Ubuntu: /usr/bin/python3 -m nbconvert)\n" +
  "  python3 -m pip install nbconvert            (any Python; then set TRADEOFF_LAB_PYTHON=/path/to/that/python)\n" +
  "or run kernel-setup, which installs the Jupyter pieces the workbook needs.";

/** nbconvert is not available: the message says how to install it. */
export class NbconvertMissingError extends Error {
  /** The Python executables that were tried. */
  readonly tried: readonly string[];
  constructor(tried: readonly string[]) {
    super(`export: no Python with nbconvert found (tried ${tried.join(", ")}).\n${NBCONVERT_HELP}`);
    this.name = "NbconvertMissingError";
    this.tried = tried;
  }
}

/** nbconvert ran but failed on a notebook. */
export class NbconvertError extends Error {
  readonly notebookPath: string;
  readonly stderr: string;
  constructor(notebookPath: string, stderr: string) {
    super(`export: nbconvert failed on ${notebookPath}:\n${stderr.trim().split("\n").slice(-15).join("\n")}`);
    this.name = "NbconvertError";
    this.notebookPath = notebookPath;
    this.stderr = stderr;
  }
}

/** A Python that can run nbconvert. */
export interface NbconvertPython {
  /** The executable. */
  readonly python: string;
  /** nbconvert's version, e.g. "6.5.3". */
  readonly version: string;
}

/** The Python executables to try, in order. */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = [env.TRADEOFF_LAB_PYTHON, "/usr/bin/python3", "python3", "python"].filter((p): p is string => typeof p === "string" && p !== "");
  return [...new Set(list)].filter((p) => basename(p) === p || existsSync(p));
}

/**
 * The first candidate Python that imports nbconvert.
 * @throws NbconvertMissingError (with install instructions) when none does
 */
export function findNbconvert(candidates: readonly string[] = pythonCandidates()): NbconvertPython {
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import nbconvert; print(nbconvert.__version__)"], { encoding: "utf8", timeout: 30_000 });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  throw new NbconvertMissingError(candidates);
}

/** Options for {@link convertNotebook}. */
export interface ConvertOptions {
  /** The Python that runs nbconvert. */
  readonly python: string;
  /** Folder the HTML is written to. */
  readonly outputDir: string;
  /** File name without `.html`. */
  readonly name: string;
  /** Hide code cells (`--no-input`), for design docs. */
  readonly report: boolean;
}

/**
 * Converts an executed notebook to HTML with nbconvert's lab template. The
 * template's require.js, MathJax and jQuery URLs are set empty here and the
 * tags removed afterwards by {@link makeOffline}, so no page loads anything.
 * It runs as a child process, so conversions overlap with other work.
 * @returns the path of the written HTML file
 * @throws NbconvertError when nbconvert exits with an error
 */
export async function convertNotebook(notebookPath: string, options: ConvertOptions): Promise<string> {
  const args = [
    "-m",
    "nbconvert",
    "--to",
    "html",
    "--output-dir",
    options.outputDir,
    "--output",
    options.name,
    "--HTMLExporter.require_js_url=",
    "--HTMLExporter.mathjax_url=",
    "--HTMLExporter.jquery_url=",
    "--HTMLExporter.jupyter_widgets_base_url=",
    ...(options.report ? ["--no-input"] : []),
    notebookPath,
  ];
  await new Promise<void>((resolveRun, reject) => {
    execFile(options.python, args, { encoding: "utf8", timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new NbconvertError(notebookPath, `${stderr}${String(error.message)}`));
      else resolveRun();
    });
  });
  return `${options.outputDir}/${options.name}.html`;
}
