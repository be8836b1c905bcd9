/**
 * Finding the Python that has Jupyter, and installing Jupyter when there is
 * none.
 *
 * `python3` on PATH is often not the Python that has Jupyter: a pyenv or
 * conda `python3` shadows the system one, and `tslab install` then fails
 * with "jupyter is not installed in this Python". So the interpreter is
 * looked for, in this order:
 *
 *   1. `$TRADEOFF_LAB_PYTHON`, when set (an explicit choice);
 *   2. the project's own venv, `.venv/bin/python` (what `install` creates);
 *   3. the interpreter named in the shebang of every `jupyter` on PATH
 *      (including pip's `#!/bin/sh` + `'''exec'` form for long paths);
 *   4. `/usr/bin/python3`, then `python3` and `python` on PATH.
 *
 * Each candidate is asked, in one short `python -c`, for its version and
 * the versions of notebook, jupyterlab, jupyter_server, nbconvert, nbclient
 * and jupyter_client. The first candidate with a server (JupyterLab or
 * Notebook) wins; failing that, the first with jupyter_client.
 *
 * Everything that touches the machine goes through a {@link System}, so the
 * search order and the shebang parsing are tested with fakes.
 *
 * CLI: `tsx kernel-setup/jupyter.ts [find|install] [--json]`.
 */
import { spawnSync } from "node:child_process";
import { accessSync, closeSync, constants, openSync, readSync, readFileSync, statSync } from "node:fs";
import { basename, delimiter, join, resolve } from "node:path";
import { packageVersion } from "../src/cli/io";
import { array, nonEmptyString, object, typeError } from "../src/internal/errors";

/** The checkout this file belongs to. */
export const PROJECT_ROOT = resolve(__dirname, "..");

/** The Python packages a probe reports, by import name (= distribution name). */
export const JUPYTER_PACKAGES = ["jupyter_core", "jupyter_client", "notebook", "jupyterlab", "jupyter_server", "nbconvert", "nbclient"] as const;
export type JupyterPackage = (typeof JUPYTER_PACKAGES)[number];

/** What one Python interpreter is and has. A package is null when it cannot be imported. */
export interface PythonProbe {
  /** `sys.executable`. */
  readonly executable: string;
  /** `sys.prefix` (the venv or installation root; `--sys-prefix` installs under it). */
  readonly prefix: string;
  /** e.g. "3.11.2". */
  readonly version: string;
  readonly packages: Readonly<Record<JupyterPackage, string | null>>;
}

/** A place to look for Python, and why it is on the list. */
export interface Candidate {
  /** The interpreter as it will be run: an absolute path, or a bare name resolved on PATH. */
  readonly python: string;
  /** Why it is a candidate, e.g. "shebang of /usr/bin/jupyter". */
  readonly source: string;
}

/** One candidate that was asked, and what it answered. */
export interface Tried extends Candidate {
  /** undefined when it could not be run (not found, not Python 3, crashed). */
  readonly probe: PythonProbe | undefined;
}

/** The Jupyter server app a Python can run, and the flags it understands. */
export interface ServerApp {
  /** "lab" (JupyterLab) or "notebook" (classic Notebook 6, or Notebook 7). */
  readonly app: "lab" | "notebook";
  /** The module run with `python -m`. */
  readonly module: "jupyterlab" | "notebook";
  /** Display name with version, e.g. "Jupyter Notebook 6.4.12". */
  readonly label: string;
  /**
   * "NotebookApp" for Notebook < 7 (`--NotebookApp.*`), "ServerApp" for
   * JupyterLab and Notebook >= 7 (jupyter_server, `--ServerApp.*`).
   */
  readonly configClass: "NotebookApp" | "ServerApp";
  /** The page to open after the host: "lab" or "tree". */
  readonly page: "lab" | "tree";
}

/** A Python that has Jupyter. */
export interface JupyterFound extends Candidate {
  readonly probe: PythonProbe;
  /** The server it can run; undefined when it has only jupyter_client / nbconvert. */
  readonly server: ServerApp | undefined;
}

/** The result of a search: what was found (if anything) and every candidate asked. */
export interface JupyterSearch {
  readonly found: JupyterFound | undefined;
  readonly tried: readonly Tried[];
  /** When nothing was found and installing failed or was impossible: what to do. */
  readonly message?: string;
}

/** Everything the search needs from the machine; {@link realSystem} is the real one. */
export interface System {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Absolute paths of every executable called `name` on PATH, in PATH order. */
  which(name: string): string[];
  /** The first `lines` lines of a text file, or undefined when it cannot be read. */
  head(file: string, lines: number): string[] | undefined;
  /** True when `file` exists and may be executed. */
  isExecutable(file: string): boolean;
  /** Asks `python` what it is and has; undefined when it cannot be run or is not Python 3. */
  probe(python: string): PythonProbe | undefined;
}

const PROBE_SCRIPT = `
import sys, json
import importlib.util
try:
    from importlib import metadata
except ImportError:
    metadata = None
packages = {}
for name in ${JSON.stringify(JUPYTER_PACKAGES)}:
    version = None
    try:
        if importlib.util.find_spec(name) is not None:
            try:
                version = metadata.version(name)
            except Exception:
                version = getattr(__import__(name), "__version__", "unknown")
    except Exception:
        version = None
    packages[name] = version
print(json.dumps({"executable": sys.executable, "prefix": sys.prefix,
                  "version": "%d.%d.%d" % tuple(sys.version_info[:3]), "packages": packages}))
`;

/** Parses the JSON a probe prints; undefined when it is not a probe's answer. */
export function parseProbe(stdout: string): PythonProbe | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout.trim().split("\n").pop() ?? "");
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const { executable, prefix, version, packages } = json as Record<string, unknown>;
  if (typeof executable !== "string" || typeof prefix !== "string" || typeof version !== "string") return undefined;
  if (typeof packages !== "object" || packages === null) return undefined;
  const found = packages as Record<string, unknown>;
  const clean = {} as Record<JupyterPackage, string | null>;
  for (const name of JUPYTER_PACKAGES) clean[name] = typeof found[name] === "string" ? (found[name] as string) : null;
  return { executable, prefix, version, packages: clean };
}

/** The machine this process runs on. */
export function realSystem(env: Readonly<Record<string, string | undefined>> = process.env): System {
  const isExecutable = (file: string): boolean => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  return {
    env,
    platform: process.platform,
    isExecutable,
    which(name) {
      if (name.includes("/") || name.includes("\\")) return isExecutable(name) ? [resolve(name)] : [];
      const exts = process.platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")] : [""];
      const hits: string[] = [];
      for (const dir of (env.PATH ?? "").split(delimiter)) {
        if (!dir) continue;
        for (const ext of exts) {
          const file = join(dir, name + ext);
          if (isExecutable(file) && !hits.includes(file)) hits.push(file);
        }
      }
      return hits;
    },
    head(file, lines) {
      let fd: number | undefined;
      try {
        fd = openSync(file, "r");
        const buffer = Buffer.alloc(4096);
        const n = readSync(fd, buffer, 0, buffer.length, 0);
        return buffer.subarray(0, n).toString("utf8").split(/\r?\n/).slice(0, lines);
      } catch {
        return undefined;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
    probe(python) {
      const run = spawnSync(python, ["-c", PROBE_SCRIPT], { encoding: "utf8", timeout: 20_000, env: { ...env } as NodeJS.ProcessEnv });
      if (run.error || run.status !== 0) return undefined;
      return parseProbe(run.stdout);
    },
  };
}

/** A parsed `#!` line. */
export interface Shebang {
  /** The interpreter path, or with `/usr/bin/env` the program name looked up on PATH. */
  readonly interpreter: string;
  /** Arguments after it. */
  readonly args: readonly string[];
  /** True when the line used `env` (the interpreter is a name, resolved on PATH). */
  readonly viaEnv: boolean;
}

/**
 * Parses a script's first line when it is a shebang: `#!/usr/bin/python3`,
 * `#!/usr/bin/env python3`, `#!/usr/bin/env -S python3 -E`.
 * @param line the first line of a script
 * @returns the interpreter and its arguments, or undefined when the line is no shebang
 * @throws TypeError when `line` is not a string
 * @example parseShebang("#!/usr/bin/env python3") // => { interpreter: "python3", args: [], viaEnv: true }
 */
export function parseShebang(line: string): Shebang | undefined {
  if (typeof line !== "string") throw typeError("jupyter.parseShebang", "line", "a string", line);
  if (!line.startsWith("#!")) return undefined;
  const words = line.slice(2).trim().split(/\s+/).filter((w) => w !== "");
  const [first, ...rest] = words;
  if (first === undefined) return undefined;
  if (basename(first) !== "env") return { interpreter: first, args: rest, viaEnv: false };
  // env's own options (-S, -i, -u NAME) and NAME=value assignments come before the program.
  let i = 0;
  while (i < rest.length) {
    const word = rest[i] as string;
    if (word === "-u" || word === "--unset") i += 2;
    else if (word.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) i += 1;
    else break;
  }
  const program = rest[i];
  if (program === undefined) return undefined;
  return { interpreter: program, args: rest.slice(i + 1), viaEnv: true };
}

/** pip's launcher for interpreters whose path is too long or has spaces: `#!/bin/sh` then `'''exec' "/path/python" "$0" "$@"`. */
const PIP_SH_EXEC = /^'''exec' "?([^"]+?)"? "\$0" "\$@"/;

/**
 * The Python a script runs under, from its first two lines, or undefined
 * when it is not a Python script.
 * @param lines the script's first lines (at least the first)
 * @param which resolves a bare program name on PATH (for `#!/usr/bin/env python3`)
 * @throws TypeError when `lines` is not an array of strings
 * @example pythonOfScript(["#!/usr/bin/python3"], () => []) // => "/usr/bin/python3"
 */
export function pythonOfScript(lines: readonly string[], which: (name: string) => string[]): string | undefined {
  array<string>("jupyter.pythonOfScript", "lines", lines);
  lines.forEach((l, i) => {
    if (typeof l !== "string") throw typeError("jupyter.pythonOfScript", `lines[${i}]`, "a string", l);
  });
  const shebang = parseShebang(lines[0] as string);
  if (shebang === undefined) return undefined;
  const name = basename(shebang.interpreter);
  if (name === "sh" || name === "bash") {
    const exec = PIP_SH_EXEC.exec(lines[1] ?? "");
    return exec?.[1];
  }
  if (!/^python/.test(name)) return undefined;
  if (!shebang.viaEnv) return shebang.interpreter;
  return which(shebang.interpreter)[0] ?? shebang.interpreter;
}

/** The project venv's interpreter path for a platform. */
export function venvPython(root: string, platform: NodeJS.Platform): string {
  return platform === "win32" ? join(root, ".venv", "Scripts", "python.exe") : join(root, ".venv", "bin", "python");
}

/**
 * The interpreters to ask, in order, without duplicates (see the module
 * comment for the order and why).
 * @param system the machine (or a fake)
 * @param root the checkout, for its `.venv`
 * @throws TypeError when `system` is not an object or `root` is empty
 * @example candidatePythons(realSystem())[0] // => { python: "/usr/bin/python3", source: "shebang of /usr/bin/jupyter" } (on Debian)
 */
export function candidatePythons(system: System, root: string = PROJECT_ROOT): Candidate[] {
  object("jupyter.candidatePythons", "system", system);
  nonEmptyString("jupyter.candidatePythons", "root", root);
  const out: Candidate[] = [];
  const add = (python: string | undefined, source: string): void => {
    if (python && !out.some((c) => c.python === python)) out.push({ python, source });
  };
  const explicit = system.env.TRADEOFF_LAB_PYTHON;
  if (explicit) add(explicit, "$TRADEOFF_LAB_PYTHON");
  const venv = venvPython(root, system.platform);
  if (system.isExecutable(venv)) add(venv, "the project venv (.venv)");
  for (const jupyter of system.which("jupyter")) {
    const lines = system.head(jupyter, 2);
    if (lines !== undefined && lines.length > 0) add(pythonOfScript(lines, (n) => system.which(n)), `shebang of ${jupyter}`);
  }
  if (system.platform !== "win32") add("/usr/bin/python3", "the system Python");
  for (const name of ["python3", "python"]) add(system.which(name)[0], `${name} on PATH`);
  return out;
}

function major(version: string | null): number {
  const m = /^(\d+)/.exec(version ?? "");
  return m ? Number(m[1]) : 0;
}

/**
 * The server app a Python can run: JupyterLab when installed, else
 * Notebook (6 with `--NotebookApp.*`, 7 with `--ServerApp.*`).
 * @param probe what the Python has
 * @param prefer "lab" or "notebook" to choose when both are there; default "lab"
 * @returns the app, or undefined when it has neither
 * @throws TypeError when `probe` is not an object
 * @example serverApp(probe)?.label // => "Jupyter Notebook 6.4.12"
 */
export function serverApp(probe: PythonProbe, prefer: "lab" | "notebook" = "lab"): ServerApp | undefined {
  object("jupyter.serverApp", "probe", probe);
  const { jupyterlab, notebook } = probe.packages;
  const lab: ServerApp | undefined = jupyterlab
    ? { app: "lab", module: "jupyterlab", label: `JupyterLab ${jupyterlab}`, configClass: "ServerApp", page: "lab" }
    : undefined;
  const classic: ServerApp | undefined = notebook
    ? {
        app: "notebook",
        module: "notebook",
        label: `Jupyter Notebook ${notebook}`,
        configClass: major(notebook) >= 7 ? "ServerApp" : "NotebookApp",
        page: "tree",
      }
    : undefined;
  return prefer === "notebook" ? (classic ?? lab) : (lab ?? classic);
}

/**
 * Looks for the Python that has Jupyter (see the module comment).
 * @param system the machine, default the real one
 * @param root the checkout, for its `.venv`
 * @returns the first candidate with a server app, else the first with jupyter_client, and every candidate asked
 * @throws TypeError when `system` is not an object
 * @example findJupyter().found?.python // => "/usr/bin/python3" (Debian, with a pyenv python3 on PATH)
 */
export function findJupyter(system: System = realSystem(), root: string = PROJECT_ROOT): JupyterSearch {
  object("jupyter.findJupyter", "system", system);
  const tried: Tried[] = [];
  let fallback: JupyterFound | undefined;
  for (const candidate of candidatePythons(system, root)) {
    const probe = system.probe(candidate.python);
    tried.push({ ...candidate, probe });
    if (probe === undefined) continue;
    const server = serverApp(probe);
    if (server) return { found: { ...candidate, probe, server }, tried };
    if (!fallback && probe.packages.jupyter_client) fallback = { ...candidate, probe, server: undefined };
  }
  return { found: fallback, tried };
}

/** One line per candidate: what it is and what it lacks. */
export function describeSearch(search: JupyterSearch): string[] {
  return search.tried.map((t) => {
    if (!t.probe) return `${t.python} (${t.source}): cannot be run as Python 3`;
    const have = JUPYTER_PACKAGES.filter((p) => t.probe?.packages[p]).map((p) => `${p} ${t.probe?.packages[p]}`);
    return `${t.python} (${t.source}): Python ${t.probe.version}; ${have.length ? have.join(", ") : "no Jupyter packages"}`;
  });
}

// ---- installing Jupyter ------------------------------------------------------

/** What the installer knows about the machine. */
export interface InstallFacts {
  readonly platform: NodeJS.Platform;
  /** `ID` and `ID_LIKE` words from /etc/os-release, e.g. ["debian"]. */
  readonly osIds: readonly string[];
  readonly isRoot: boolean;
  readonly hasAptGet: boolean;
  /** A Python 3 with the venv module, to create `.venv` (undefined: none). */
  readonly venvBase: string | undefined;
  /** Whether that Python can reach the package index within a few seconds. */
  readonly pypiReachable: boolean;
}

/** What to do to get Jupyter: commands to run, or a message saying what to install. */
export type InstallPlan =
  | { readonly kind: "venv" | "apt"; readonly commands: readonly (readonly string[])[]; readonly summary: string }
  | { readonly kind: "manual"; readonly message: string };

/** The packages Debian and Ubuntu ship (JupyterLab is not packaged there). */
export const APT_PACKAGES = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"] as const;

/**
 * Chooses how to install Jupyter: a project venv with JupyterLab from PyPI
 * when PyPI is reachable; else Debian/Ubuntu packages when root; else a
 * message saying exactly what to install.
 * @param facts what is known about the machine
 * @param root the checkout (the venv goes in `<root>/.venv`)
 * @throws TypeError when `facts` is not an object
 * @example installPlan({ platform: "linux", osIds: ["debian"], isRoot: true, hasAptGet: true, venvBase: undefined, pypiReachable: false }).kind // => "apt"
 */
export function installPlan(facts: InstallFacts, root: string = PROJECT_ROOT): InstallPlan {
  object("jupyter.installPlan", "facts", facts);
  const venv = venvPython(root, facts.platform);
  if (facts.venvBase !== undefined && facts.pypiReachable) {
    return {
      kind: "venv",
      summary: `a project-local venv (${join(root, ".venv")}) with JupyterLab from PyPI`,
      commands: [
        [facts.venvBase, "-m", "venv", join(root, ".venv")],
        [venv, "-m", "pip", "install", "--upgrade", "pip"],
        [venv, "-m", "pip", "install", "jupyterlab", "nbconvert", "nbclient"],
      ],
    };
  }
  const debian = facts.platform === "linux" && facts.osIds.some((id) => id === "debian" || id === "ubuntu");
  if (debian && facts.isRoot && facts.hasAptGet) {
    return {
      kind: "apt",
      summary: `Debian packages ${APT_PACKAGES.join(", ")} (JupyterLab is not packaged in Debian)`,
      commands: [
        ["apt-get", "update"],
        ["apt-get", "install", "-y", ...APT_PACKAGES],
      ],
    };
  }
  const lines = ["Jupyter is not installed, and it could not be installed automatically. Install it with one of:"];
  if (debian) lines.push(`  sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES.join(" ")}`);
  lines.push(`  python3 -m venv ${join(root, ".venv")} && ${venv} -m pip install jupyterlab   (needs PyPI)`);
  if (facts.platform === "darwin") lines.push("  brew install jupyterlab");
  lines.push("then run `npm start` again. If Jupyter is installed under another Python, set TRADEOFF_LAB_PYTHON=/path/to/python.");
  if (facts.venvBase === undefined) lines.push(`(No Python 3 with the venv module was found${debian ? "; apt-get install python3-venv adds it" : ""}.)`);
  else if (!facts.pypiReachable) lines.push("(PyPI was not reachable from here within 4 s; set PIP_INDEX_URL if you use a mirror.)");
  return { kind: "manual", message: lines.join("\n") };
}

function osIds(): string[] {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    const get = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, "m").exec(text)?.[1] ?? "";
    return `${get("ID")} ${get("ID_LIKE")}`.split(/\s+/).filter((w) => w !== "");
  } catch {
    return [];
  }
}

/** Whether `python` can open the package index ($PIP_INDEX_URL or PyPI) within `timeoutSeconds`; proxies from the environment apply, as for pip. */
function indexReachable(python: string, timeoutSeconds = 4): boolean {
  const url = process.env.PIP_INDEX_URL ?? "https://pypi.org/simple/pip/";
  const script = `import sys, urllib.request\nurllib.request.urlopen(sys.argv[1], timeout=${timeoutSeconds}).read(1)`;
  const run = spawnSync(python, ["-c", script, url], { timeout: (timeoutSeconds + 2) * 1000, stdio: "ignore" });
  return run.status === 0;
}

/** The facts of this machine, for {@link installPlan}. Probes the network (a few seconds at most). */
export function installFacts(system: System = realSystem()): InstallFacts {
  let venvBase: string | undefined;
  for (const name of ["/usr/bin/python3", ...system.which("python3"), ...system.which("python")]) {
    const ok = spawnSync(name, ["-c", "import sys, venv, ensurepip; sys.exit(0 if sys.version_info[0] == 3 else 1)"], { stdio: "ignore", timeout: 15_000 });
    if (ok.status === 0) {
      venvBase = name;
      break;
    }
  }
  return {
    platform: system.platform,
    osIds: osIds(),
    isRoot: typeof process.getuid === "function" && process.getuid() === 0,
    hasAptGet: system.which("apt-get").length > 0,
    venvBase,
    pypiReachable: venvBase !== undefined && indexReachable(venvBase),
  };
}

/**
 * Installs Jupyter when no Python has a Jupyter server: runs the
 * {@link installPlan}'s commands (output shown), then searches again.
 * @param log where progress lines go
 * @returns the search after installing; `found` is undefined (with the message logged) when it could not install
 * @example ensureJupyter().found?.server?.label // => "Jupyter Notebook 6.4.12"
 */
export function ensureJupyter(log: (line: string) => void = (l) => console.error(l), system: System = realSystem()): JupyterSearch {
  const before = findJupyter(system);
  if (before.found?.server) return before;
  const plan = installPlan(installFacts(system));
  if (plan.kind === "manual") {
    log(plan.message);
    return { ...before, message: plan.message };
  }
  log(`tradeoff-lab: no Jupyter server found; installing ${plan.summary}`);
  for (const command of plan.commands) {
    log(`$ ${command.join(" ")}`);
    const [cmd, ...args] = command as [string, ...string[]];
    const run = spawnSync(cmd, args, { stdio: "inherit" });
    if (run.status !== 0) {
      const message = `tradeoff-lab: \`${command.join(" ")}\` failed (${run.error?.message ?? `exit ${run.status}`}); install Jupyter by hand (see kernel-setup/README.md).`;
      log(message);
      return { ...findJupyter(system), message };
    }
  }
  return findJupyter(system);
}

function main(argv: string[]): number {
  if (argv.includes("--version") || argv.includes("-V")) {
    console.log(packageVersion());
    return 0;
  }
  const [command = "find", ...rest] = argv;
  const json = rest.includes("--json") || argv.includes("--json");
  if (command === "find" || command === "--json") {
    const search = findJupyter();
    if (json) console.log(JSON.stringify(search, null, 2));
    else {
      for (const line of describeSearch(search)) console.log(`  ${line}`);
      console.log(search.found ? `Jupyter: ${search.found.python} (${search.found.server?.label ?? "no server app"})` : "Jupyter: not found");
    }
    return search.found?.server ? 0 : 1;
  }
  if (command === "install") {
    const search = ensureJupyter();
    if (search.found?.server) console.log(`Jupyter: ${search.found.python} (${search.found.server.label})`);
    return search.found?.server ? 0 : 1;
  }
  console.error("usage: tsx kernel-setup/jupyter.ts [find|install] [--json] | --version");
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

