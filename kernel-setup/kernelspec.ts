/**
 * Registering the `tslab` kernelspec that runs the project's own tslab.
 *
 * The kernel.json is written here rather than by `tslab install`, because
 * that command needs a Python with jupyter_client (the wrong `python3` on
 * PATH makes it fail) and writes `argv: ["tslab", ...]`, which runs
 * whatever tslab is first on PATH. Ours runs the current node binary on
 * this checkout's `node_modules/tslab/bin/tslab`, both absolute, with the
 * kernel watchdog (`dist/runner/kernel/preload.js`) preloaded, so a kernel
 * Jupyter starts ends when Jupyter dies and takes its cells' children along.
 *
 * The command line and Jupyter's directories come from the runner's
 * `src/runner/kernel/kernelspec.ts` (jupyter_core's rules), so the kernel
 * `npm start` registers is the one `tradeoff-lab run` starts.
 *
 * Targets (Jupyter's data directories, each holding `kernels/tslab/`):
 * - default: the project's `.jupyter-data/` (git-ignored); `npm start`
 *   points Jupyter at it, so nothing of the user's is touched;
 * - `--user`: the user's Jupyter data dir (VS Code, an existing JupyterLab);
 * - `--sys-prefix`: `<sys.prefix>/share/jupyter` of the Jupyter Python
 *   (a venv, or a JupyterHub for a class);
 * - `--prefix DIR`: `DIR/share/jupyter`; `--data-dir DIR`: `DIR` itself.
 *
 * The name is `tslab`, so notebooks saved with a global tslab open here
 * and the other way round. Installing is idempotent: a second run finds
 * the same content and writes nothing.
 *
 * CLI: `tsx kernel-setup/kernelspec.ts [--user|--sys-prefix|--prefix DIR|--data-dir DIR] [--python PATH]`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { nonEmptyString, object, oneOf, rangeError } from "../src/internal/errors";
import { packageVersion } from "../src/cli/io";
import { jupyterDataDir, tslabArgv, tslabMainPath, watchdogPreload } from "../src/runner/kernel/kernelspec";
import { kernelSnapshot } from "../src/runner/kernel/snapshot";
import { PROJECT_ROOT, findJupyter, realSystem } from "./jupyter";

/** The kernelspec name: the same as a global tslab's, so notebook metadata works with both. */
export const KERNEL_NAME = "tslab";

/** A kernel.json (Jupyter client docs, "Kernel specs"). */
export interface KernelJson {
  readonly argv: readonly string[];
  readonly display_name: string;
  readonly language: string;
  readonly interrupt_mode: "signal";
  readonly metadata: { readonly "tradeoff-lab": { readonly checkout: string; readonly tslab: string } };
}

/** The project's tslab: its folder, its launcher script, its version, the kernel watchdog to preload, and the entry point that keeps its output. */
export interface TslabInstall {
  readonly dir: string;
  readonly bin: string;
  readonly version: string;
  readonly preload: string;
  /** `dist/runner/kernel/tslabMain.js`, see `src/runner/kernel/tslabMain.ts`. */
  readonly main: string;
}

/**
 * The checkout's own tslab (`node_modules/tslab`) and kernel watchdog.
 * @param root the checkout
 * @throws Error saying to run `npm install` when tslab is not installed there, or `npm run build` when the watchdog is not built
 * @example projectTslab().version // => "1.0.22"
 */
export function projectTslab(root: string = PROJECT_ROOT): TslabInstall {
  nonEmptyString("kernelspec.projectTslab", "root", root);
  const dir = join(resolve(root), "node_modules", "tslab");
  const bin = join(dir, "bin", "tslab");
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown }).version;
  } catch {
    version = undefined;
  }
  if (typeof version !== "string" || !existsSync(bin)) {
    throw new Error(`tslab is not installed in ${dir}; run \`npm install\` in ${resolve(root)}`);
  }
  const preload = watchdogPreload(resolve(root));
  if (!existsSync(preload)) throw new Error(`the kernel watchdog ${preload} is missing; run \`npm run build\` in ${resolve(root)}`);
  const main = tslabMainPath(resolve(root));
  if (!existsSync(main)) throw new Error(`the kernel entry point ${main} is missing; run \`npm run build\` in ${resolve(root)}`);
  return { dir, bin, version, preload, main };
}

/** Options of {@link kernelJson}. */
export interface KernelJsonOptions {
  /** Absolute path of the node binary; default the one running now. */
  readonly node?: string;
  /** The checkout whose tslab the kernel runs; default this one. */
  readonly root?: string;
}

/**
 * The kernel.json for the project's tslab: `argv` is the node binary, the
 * kernel watchdog preloaded, this checkout's kernel entry point
 * (`dist/runner/kernel/tslabMain.js`, which keeps tslab from dropping
 * output), its tslab launcher, and `kernel --config-path {connection_file}`;
 * started from the kernel snapshot (`src/runner/kernel/snapshot.ts`) when
 * `npm run build` made one for that node, as the runner's kernels are.
 * @param options node (absolute path, default `process.execPath`), root (the checkout)
 * @throws RangeError when `node` is not an absolute path
 * @throws Error when tslab is not installed in the checkout
 * @example kernelJson().argv.slice(-3) // => ["kernel", "--config-path", "{connection_file}"]
 */
export function kernelJson(options: KernelJsonOptions = {}): KernelJson {
  const where = "kernelspec.kernelJson";
  object(where, "options", options);
  const node = nonEmptyString(where, "node", options.node ?? process.execPath);
  if (!isAbsolute(node)) throw rangeError(where, "node", "an absolute path", node);
  const root = resolve(nonEmptyString(where, "root", options.root ?? PROJECT_ROOT));
  const tslab = projectTslab(root);
  return {
    argv: tslabArgv(node, tslab.bin, tslab.preload, tslab.main, kernelSnapshot(root, process.env, node)),
    display_name: "TypeScript",
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { "tradeoff-lab": { checkout: root, tslab: tslab.version } },
  };
}

/** Where to register. */
export type Scope = "project" | "user" | "sys-prefix" | "prefix" | "data-dir";
export const SCOPES: readonly Scope[] = ["project", "user", "sys-prefix", "prefix", "data-dir"];

/** What a target directory depends on; every field has a real default. */
export interface TargetContext {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
  readonly root?: string;
  /** `sys.prefix` of the Jupyter Python (needed for "sys-prefix"). */
  readonly sysPrefix?: string;
  /** The directory for "prefix" (`<dir>/share/jupyter`) and "data-dir" (`<dir>`). */
  readonly dir?: string;
}

/** The project's own Jupyter data directory, `<root>/.jupyter-data`. */
export function projectDataDir(root: string = PROJECT_ROOT): string {
  return join(resolve(nonEmptyString("kernelspec.projectDataDir", "root", root)), ".jupyter-data");
}

/**
 * The Jupyter data directory for a scope (the kernelspec goes in
 * `<it>/kernels/tslab`). Pure: nothing is read or written.
 * @param scope "project" (default), "user", "sys-prefix", "prefix" or "data-dir"
 * @param context env, platform, home, root; sysPrefix for "sys-prefix"; dir for "prefix"/"data-dir"
 * @throws RangeError when the scope is unknown, or "sys-prefix"/"prefix"/"data-dir" lack their directory
 * @example targetDataDir("sys-prefix", { sysPrefix: "/srv/venv" }) // => "/srv/venv/share/jupyter"
 */
export function targetDataDir(scope: Scope, context: TargetContext = {}): string {
  const where = "kernelspec.targetDataDir";
  oneOf(where, "scope", scope, SCOPES);
  object(where, "context", context);
  switch (scope) {
    case "project":
      return projectDataDir(context.root ?? PROJECT_ROOT);
    case "user":
      // jupyter_core's jupyter_data_dir(), from the one module the runner uses too.
      return jupyterDataDir({ env: context.env ?? process.env, platform: context.platform ?? process.platform, home: context.home ?? homedir() });
    case "sys-prefix":
      if (!context.sysPrefix) throw rangeError(where, "sysPrefix", "the Jupyter Python's sys.prefix for scope \"sys-prefix\"", context.sysPrefix);
      return join(context.sysPrefix, "share", "jupyter");
    case "prefix":
      if (!context.dir) throw rangeError(where, "dir", "a directory for scope \"prefix\"", context.dir);
      return join(resolve(context.dir), "share", "jupyter");
    case "data-dir":
      if (!context.dir) throw rangeError(where, "dir", "a directory for scope \"data-dir\"", context.dir);
      return resolve(context.dir);
  }
}

/** `<dataDir>/kernels/tslab`. */
export function kernelDir(dataDir: string): string {
  return join(nonEmptyString("kernelspec.kernelDir", "dataDir", dataDir), "kernels", KERNEL_NAME);
}

/** What {@link installKernelSpec} did. */
export interface InstallResult {
  /** The kernel.json path. */
  readonly path: string;
  /** False when an identical kernel.json was already there (nothing written). */
  readonly changed: boolean;
  readonly spec: KernelJson;
}

/** Options of {@link installKernelSpec}. */
export interface InstallOptions extends KernelJsonOptions {
  /** The Jupyter data directory; default the project's `.jupyter-data`. */
  readonly dataDir?: string;
}

/** The exact bytes written, so a second install can compare them. */
export function serializeKernelJson(spec: KernelJson): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * Writes `<dataDir>/kernels/tslab/kernel.json` for the project's tslab,
 * atomically (temp file + rename), and only when its content changes.
 * @param options dataDir (default `.jupyter-data`), node, root
 * @returns the path, whether anything was written, and the spec
 * @throws TypeError / RangeError for bad options
 * @throws Error when tslab is not installed, or the directory is not writable
 * @example installKernelSpec({ dataDir: "/tmp/jd" }).path // => "/tmp/jd/kernels/tslab/kernel.json"
 */
export function installKernelSpec(options: InstallOptions = {}): InstallResult {
  const where = "kernelspec.installKernelSpec";
  object(where, "options", options);
  const dataDir = resolve(nonEmptyString(where, "dataDir", options.dataDir ?? projectDataDir(options.root ?? PROJECT_ROOT)));
  const { dataDir: _ignored, ...specOptions } = options;
  const spec = kernelJson(specOptions);
  const path = join(kernelDir(dataDir), "kernel.json");
  const text = serializeKernelJson(spec);
  if (existsSync(path) && readFileSync(path, "utf8") === text) return { path, changed: false, spec };
  mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o644 });
  renameSync(temp, path);
  return { path, changed: true, spec };
}

/** A tslab kernelspec found on disk. */
export interface FoundSpec {
  readonly dataDir: string;
  readonly path: string;
  /** undefined when the file cannot be parsed. */
  readonly argv: readonly string[] | undefined;
  /** True when argv runs an existing node on this checkout's tslab, with its watchdog and its entry point (and a kernel snapshot only if it fits that node). */
  readonly pointsHere: boolean;
}

/**
 * The tslab kernelspecs in the given data directories (those that exist).
 * @param dataDirs Jupyter data directories, in search order
 * @param root the checkout they should point at
 * @example installedSpecs([projectDataDir()]).map((s) => s.pointsHere) // => [true]
 */
export function installedSpecs(dataDirs: readonly string[], root: string = PROJECT_ROOT): FoundSpec[] {
  const out: FoundSpec[] = [];
  const bin = join(resolve(root), "node_modules", "tslab", "bin", "tslab");
  const preload = watchdogPreload(resolve(root));
  const main = tslabMainPath(resolve(root));
  for (const dataDir of dataDirs) {
    const path = join(kernelDir(dataDir), "kernel.json");
    if (!existsSync(path)) continue;
    let argv: string[] | undefined;
    try {
      const json = JSON.parse(readFileSync(path, "utf8")) as { argv?: unknown };
      argv = Array.isArray(json.argv) && json.argv.every((a) => typeof a === "string") ? (json.argv as string[]) : undefined;
    } catch {
      argv = undefined;
    }
    // Either form of tslabArgv, exactly; a snapshot must be the one built for that node (a rebuilt node refuses an older one).
    const node = argv?.[0] ?? "";
    const snapshot = kernelSnapshot(root, {}, node);
    const forms = [tslabArgv(node, bin, preload, main), ...(snapshot === undefined ? [] : [tslabArgv(node, bin, preload, main, snapshot)])];
    const pointsHere = forms.some((form) => JSON.stringify(form) === JSON.stringify(argv)) && isAbsolute(node) && existsSync(node);
    out.push({ dataDir, path, argv, pointsHere });
  }
  return out;
}

async function main(): Promise<void> {
  const { Command } = await import("commander");
  const program = new Command("kernel:install")
    .description("Register the `tslab` Jupyter kernel that runs this checkout's tslab (default: into .jupyter-data/)")
    .version(packageVersion(), "-V, --version", "print the tradeoff-lab version")
    .option("--user", "into the user's Jupyter data dir (for VS Code or an existing JupyterLab)")
    .option("--sys-prefix", "into <sys.prefix>/share/jupyter of the Python that has Jupyter (a venv, JupyterHub)")
    .option("--prefix <dir>", "into <dir>/share/jupyter")
    .option("--data-dir <dir>", "into <dir> (a Jupyter data directory)")
    .option("--python <path>", "the Python whose sys.prefix --sys-prefix uses (default: the one that has Jupyter)")
    .allowExcessArguments(false)
    .parse(process.argv);
  const opts = program.opts<{ user?: boolean; sysPrefix?: boolean; prefix?: string; dataDir?: string; python?: string }>();
  const chosen = [opts.user && "--user", opts.sysPrefix && "--sys-prefix", opts.prefix && "--prefix", opts.dataDir && "--data-dir"].filter(Boolean);
  if (chosen.length > 1) program.error(`kernel:install: choose one of --user, --sys-prefix, --prefix, --data-dir (got ${chosen.join(", ")})`);
  let scope: Scope = "project";
  const context: { sysPrefix?: string; dir?: string } = {};
  if (opts.user) scope = "user";
  if (opts.prefix) [scope, context.dir] = ["prefix", opts.prefix];
  if (opts.dataDir) [scope, context.dir] = ["data-dir", opts.dataDir];
  if (opts.sysPrefix) {
    scope = "sys-prefix";
    const probe = opts.python ? realSystem().probe(opts.python) : findJupyter().found?.probe;
    if (!probe) throw new Error(`kernel:install: --sys-prefix needs a Python with Jupyter; none found${opts.python ? ` at ${opts.python}` : ""} (see \`npm run doctor\`)`);
    context.sysPrefix = probe.prefix;
  }
  const result = installKernelSpec({ dataDir: targetDataDir(scope, context) });
  console.log(`${result.changed ? "registered" : "already registered (unchanged)"}: ${result.path}`);
  console.log(`  argv: ${result.spec.argv.join(" ")}`);
  if (scope === "user" || scope === "sys-prefix") {
    console.log("  (it runs this checkout's tslab: run this command again if you move the checkout or change node)");
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
