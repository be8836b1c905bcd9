/**
 * Jupyter's directories and kernelspecs, the one module the runner and
 * kernel-setup/ share.
 *
 * The directories follow jupyter_core's `paths.py` (4.x/5.x) rule for rule:
 * - data dir: `$JUPYTER_DATA_DIR`; else `~/Library/Jupyter` on macOS,
 *   `%APPDATA%\jupyter` on Windows (`<config dir>\data` without APPDATA),
 *   `$XDG_DATA_HOME/jupyter` or `~/.local/share/jupyter` elsewhere;
 * - config dir: `$JUPYTER_CONFIG_DIR`, else `~/.jupyter`; runtime dir:
 *   `$JUPYTER_RUNTIME_DIR`, else `<data dir>/runtime`;
 * - data search path (`jupyter_path()`): `$JUPYTER_PATH` entries, then the
 *   user's (data dir, Python's user base `share/jupyter`) and the
 *   environment's (`<sys.prefix>/share/jupyter`), environment first when
 *   `$JUPYTER_PREFER_ENV_PATH` is set, then the system's
 *   (`/usr/local/share/jupyter`, `/usr/share/jupyter`; `%PROGRAMDATA%\jupyter`
 *   on Windows).
 *
 * Every function is pure: it takes a {@link JupyterContext} (environment,
 * platform, home, and what only Python knows: `sys.prefix` and the user
 * base) and joins paths with that platform's separator, so each
 * platform's rules are tested on any machine.
 *
 * A kernelspec is `<dir>/kernels/<name>/kernel.json` (jupyter_client's
 * "Kernel specs"). The project's own tslab kernel runs this node on this
 * checkout's `node_modules/tslab/bin/tslab`, with the kernel watchdog
 * preloaded (`watchdog.ts`); {@link tslabArgv} is that
 * command line, for the runner's built-in `tslab` and for the kernel.json
 * `npm start` registers.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { nonEmptyString, object, typeError } from "../../internal/errors";
import { KernelStartupError } from "../errors";
import { builtKernelFile } from "./built";
import { KERNEL_V8_FLAGS, kernelSnapshot } from "./snapshot";

/** What Jupyter's directories depend on. */
export interface JupyterContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** The user's home directory. */
  readonly home: string;
  /** `sys.prefix` of the Python that runs Jupyter, when known (adds `<it>/share/jupyter`). */
  readonly sysPrefix?: string;
  /** `site.getuserbase()` of that Python when user site-packages are enabled (adds `<it>/share/jupyter`). */
  readonly userBase?: string;
}

/** This process's environment, platform and home; no Python facts. */
export function currentContext(): JupyterContext {
  return { env: process.env, platform: process.platform, home: homedir() };
}

function checked(where: string, context: JupyterContext): { p: path.PlatformPath; env: JupyterContext["env"]; home: string } {
  object(where, "context", context);
  const env = object<Record<string, unknown>>(where, "context.env", context.env);
  // Environment values are strings or absent (as in process.env); anything else would reach path.join.
  for (const [key, value] of Object.entries(env)) if (value !== undefined && typeof value !== "string") throw typeError(where, `context.env.${key}`, "a string or undefined", value);
  const home = nonEmptyString(where, "context.home", context.home);
  if (context.platform !== undefined && typeof context.platform !== "string") throw typeError(where, "context.platform", "a platform name such as \"linux\"", context.platform);
  for (const key of ["sysPrefix", "userBase"] as const) {
    if (context[key] !== undefined) nonEmptyString(where, `context.${key}`, context[key]);
  }
  return { p: context.platform === "win32" ? path.win32 : path.posix, env: context.env, home };
}

/**
 * jupyter_core's `envset`: a variable is set unless it is missing or one of
 * no, n, false, off, 0, 0.0 (any case).
 * @example envset("1") // => true
 */
export function envset(value: string | undefined): boolean {
  return !["no", "n", "false", "off", "0", "0.0"].includes((value ?? "no").toLowerCase());
}

/**
 * The user's Jupyter config directory: `$JUPYTER_CONFIG_DIR`, else `~/.jupyter`.
 * @throws TypeError when `context.home` is empty
 * @example jupyterConfigDir({ env: {}, platform: "linux", home: "/home/ada" }) // => "/home/ada/.jupyter"
 */
export function jupyterConfigDir(context: JupyterContext): string {
  const { p, env, home } = checked("runner.jupyterConfigDir", context);
  return env.JUPYTER_CONFIG_DIR || p.join(home, ".jupyter");
}

/**
 * The user's Jupyter data directory, jupyter_core's `jupyter_data_dir()`.
 * @throws TypeError when `context.home` is empty
 * @example jupyterDataDir({ env: {}, platform: "darwin", home: "/Users/ada" }) // => "/Users/ada/Library/Jupyter"
 */
export function jupyterDataDir(context: JupyterContext): string {
  const { p, env, home } = checked("runner.jupyterDataDir", context);
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (context.platform === "darwin") return p.join(home, "Library", "Jupyter");
  if (context.platform === "win32") return env.APPDATA ? p.join(env.APPDATA, "jupyter") : p.join(jupyterConfigDir(context), "data");
  return p.join(env.XDG_DATA_HOME || p.join(home, ".local", "share"), "jupyter");
}

/**
 * The runtime directory (connection files of running kernels):
 * `$JUPYTER_RUNTIME_DIR`, else `<data dir>/runtime`.
 * @example jupyterRuntimeDir({ env: { XDG_DATA_HOME: "/x" }, platform: "linux", home: "/h" }) // => "/x/jupyter/runtime"
 */
export function jupyterRuntimeDir(context: JupyterContext): string {
  const { p, env } = checked("runner.jupyterRuntimeDir", context);
  return env.JUPYTER_RUNTIME_DIR || p.join(jupyterDataDir(context), "runtime");
}

/**
 * The system-wide data directories: `/usr/local/share/jupyter` and
 * `/usr/share/jupyter`; on Windows `%PROGRAMDATA%\jupyter`, or
 * `<sys.prefix>\share\jupyter` without PROGRAMDATA (none when sys.prefix is unknown).
 * @example systemJupyterPath({ env: { PROGRAMDATA: "C:\\ProgramData" }, platform: "win32", home: "C:\\Users\\ada" }) // => ["C:\\ProgramData\\jupyter"]
 */
export function systemJupyterPath(context: JupyterContext): string[] {
  const { p, env } = checked("runner.systemJupyterPath", context);
  if (context.platform !== "win32") return ["/usr/local/share/jupyter", "/usr/share/jupyter"];
  if (env.PROGRAMDATA) return [p.join(env.PROGRAMDATA, "jupyter")];
  return context.sysPrefix ? [p.join(context.sysPrefix, "share", "jupyter")] : [];
}

/**
 * The data directories Jupyter searches, highest priority first,
 * jupyter_core's `jupyter_path(*subdirs)`.
 * @param context environment, platform, home, and sysPrefix/userBase when known
 * @param subdirs joined to each directory, e.g. `"kernels"`
 * @throws TypeError when `context` or `context.home` is missing
 * @example jupyterPath({ env: {}, platform: "linux", home: "/home/ada", sysPrefix: "/usr" }, "kernels")
 * // => ["/home/ada/.local/share/jupyter/kernels", "/usr/local/share/jupyter/kernels", "/usr/share/jupyter/kernels"]
 */
export function jupyterPath(context: JupyterContext, ...subdirs: string[]): string[] {
  const { p, env } = checked("runner.jupyterPath", context);
  subdirs.forEach((d, i) => nonEmptyString("runner.jupyterPath", `subdirs[${i}]`, d));
  const dirs: string[] = [];
  if (env.JUPYTER_PATH) {
    const delimiter = context.platform === "win32" ? ";" : ":";
    const trailing = context.platform === "win32" ? /\\+$/ : /\/+$/;
    dirs.push(...env.JUPYTER_PATH.split(delimiter).map((d) => d.replace(trailing, "")));
  }
  const user = [jupyterDataDir(context)];
  if (context.userBase) {
    const userDir = p.join(context.userBase, "share", "jupyter");
    if (!user.includes(userDir)) user.push(userDir);
  }
  const system = systemJupyterPath(context);
  const environment = context.sysPrefix === undefined ? [] : [p.join(context.sysPrefix, "share", "jupyter")].filter((d) => !system.includes(d));
  if (envset(env.JUPYTER_PREFER_ENV_PATH)) dirs.push(...environment, ...user);
  else dirs.push(...user, ...environment);
  dirs.push(...system);
  return subdirs.length === 0 ? dirs : dirs.map((d) => p.join(d, ...subdirs));
}

/** A kernelspec (Jupyter client docs, "Kernel specs"). */
export interface KernelSpec {
  name: string;
  argv: string[];
  display_name?: string;
  language?: string;
  env?: Record<string, string>;
  /** `signal` (SIGINT to the kernel's process group, the default) or `message` (interrupt_request on control). */
  interrupt_mode?: "signal" | "message";
  /** Where the spec was found. */
  resourceDir?: string;
}

/** The folder of the project's own tslab package. */
export function tslabDir(): string {
  return path.dirname(require.resolve("tslab/package.json"));
}

/**
 * The kernel watchdog a checkout's tslab kernels preload (`watchdog.ts`):
 * `<root>/dist/runner/kernel/preload.js`, built by `npm run build` (which
 * `npm install` and `npm start` run). Default root: this package's.
 * @example watchdogPreload("/p") // => "/p/dist/runner/kernel/preload.js"
 */
export function watchdogPreload(root: string = path.resolve(__dirname, "..", "..", "..")): string {
  return builtKernelFile(nonEmptyString("runner.watchdogPreload", "root", root), "preload.js");
}

/**
 * The project's kernel entry point in a checkout,
 * `<root>/dist/runner/kernel/tslabMain.js`: tslab's launcher run after the
 * fix that keeps its iopub output from being dropped (see `tslabMain.ts`).
 * Default root: this package's.
 * @example tslabMainPath("/p") // => "/p/dist/runner/kernel/tslabMain.js"
 */
export function tslabMainPath(root: string = path.resolve(__dirname, "..", "..", "..")): string {
  return builtKernelFile(nonEmptyString("runner.tslabMainPath", "root", root), "tslabMain.js");
}

/**
 * The command line of the project's tslab kernel: `node`, the kernel
 * watchdog preloaded (`--require`), the entry point that keeps tslab from
 * dropping output (when given), tslab's launcher, and `{connection_file}`
 * a separate argument (as tslab's own install.py writes it).
 * @param node absolute path of the node binary
 * @param launcher absolute path of `node_modules/tslab/bin/tslab`
 * @param preload absolute path of the watchdog, see {@link watchdogPreload}
 * @param entry absolute path of {@link tslabMainPath}; without it, tslab runs as shipped (and drops output past about 500 lines)
 * @param snapshot the kernel start-up snapshot to start from (`snapshot.ts`, needs `entry`): then node starts from it and it loads the preload
 *   and the entry itself, so the command is `node <V8 flags> --snapshot-blob <snapshot> <preload> <entry> <launcher> ...`
 * Node runs with {@link KERNEL_V8_FLAGS} in either form.
 * @example tslabArgv("/usr/bin/node", "/p/node_modules/tslab/bin/tslab", "/p/dist/runner/kernel/preload.js").slice(-4) // => ["/p/node_modules/tslab/bin/tslab", "kernel", "--config-path", "{connection_file}"]
 */
export function tslabArgv(node: string, launcher: string, preload: string, entry?: string, snapshot?: string): string[] {
  const tail = [launcher, "kernel", "--config-path", "{connection_file}"];
  if (snapshot !== undefined && entry !== undefined) return [node, ...KERNEL_V8_FLAGS, "--snapshot-blob", snapshot, preload, entry, ...tail];
  return [node, ...KERNEL_V8_FLAGS, "--require", preload, ...(entry === undefined ? [] : [entry]), ...tail];
}

function built(file: string, what: string): string {
  if (!existsSync(file)) throw new KernelStartupError(`runner: ${what} ${file} is missing; run \`npm run build\``);
  return file;
}

/**
 * The built-in spec for the project's own tslab, run by this node, with the
 * kernel watchdog and the entry point that keeps its output, started from
 * the kernel snapshot when one fits (`snapshot.ts`).
 */
export function tslabKernelSpec(): KernelSpec {
  return {
    name: "tslab",
    display_name: "TypeScript (tradeoff-lab's tslab)",
    language: "typescript",
    argv: tslabArgv(process.execPath, path.join(tslabDir(), "bin", "tslab"), built(watchdogPreload(), "the kernel watchdog"), built(tslabMainPath(), "the kernel entry point"), kernelSnapshot()),
    interrupt_mode: "signal",
  };
}

/**
 * The folders searched for `<name>/kernel.json`, in order: jupyter_core's
 * data path (`<dir>/kernels`), then the project's own `.jupyter-data/kernels`
 * that `npm start` registers into.
 * @example kernelSearchPath({ env: { JUPYTER_PATH: "/j" }, platform: "linux", home: "/h" })[0] // => "/j/kernels"
 */
export function kernelSearchPath(context: JupyterContext = currentContext()): string[] {
  const project = path.resolve(tslabDir(), "..", "..", ".jupyter-data", "kernels");
  const dirs = jupyterPath(context, "kernels");
  return dirs.includes(project) ? dirs : [...dirs, project];
}

/**
 * Reads a kernel.json.
 * @param file the kernel.json
 * @param name the name the spec goes by
 * @throws KernelStartupError when the file cannot be read or has no argv list of strings
 */
export function readKernelSpec(file: string, name: string): KernelSpec {
  let json: Partial<KernelSpec>;
  try {
    json = JSON.parse(readFileSync(file, "utf8")) as Partial<KernelSpec>;
  } catch (error) {
    throw new KernelStartupError(`runner: cannot read kernelspec ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(json.argv) || json.argv.length === 0 || !json.argv.every((a) => typeof a === "string")) {
    throw new KernelStartupError(`runner: kernelspec ${file} must have a non-empty argv list of strings`);
  }
  return { ...json, argv: json.argv, name, resourceDir: path.dirname(file) };
}

/**
 * The kernelspec for `kernel`: `"tslab"` (the project's own), a path to a
 * `kernel.json` or to its folder, or the name of a kernelspec found on
 * {@link kernelSearchPath}.
 * @throws KernelStartupError when it cannot be found, naming where it looked
 * @throws TypeError/RangeError when `context` is not a JupyterContext
 * @example resolveKernelSpec("tslab").argv.slice(-3) // => ["kernel", "--config-path", "{connection_file}"]
 */
export function resolveKernelSpec(kernel = "tslab", context: JupyterContext = currentContext()): KernelSpec {
  nonEmptyString("runner.resolveKernelSpec", "kernel", kernel);
  // Checked here, so that a bad context is reported by this function, not by jupyterPath when it is used.
  checked("runner.resolveKernelSpec", context);
  if (kernel === "tslab") return tslabKernelSpec();
  if (kernel.endsWith(".json") && existsSync(kernel)) return readKernelSpec(path.resolve(kernel), kernel);
  if (existsSync(path.join(kernel, "kernel.json")) && statSync(kernel).isDirectory()) {
    return readKernelSpec(path.resolve(kernel, "kernel.json"), kernel);
  }
  const searched = kernelSearchPath(context);
  for (const dir of searched) {
    const file = path.join(dir, kernel, "kernel.json");
    if (existsSync(file)) return readKernelSpec(file, kernel);
  }
  throw new KernelStartupError(
    `runner.resolveKernelSpec: no kernel named ${JSON.stringify(kernel)}; looked for kernel.json in ${searched.map((d) => path.join(d, kernel)).join(", ")}`,
  );
}
