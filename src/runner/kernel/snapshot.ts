/**
 * The tslab kernel's start-up snapshot (what it holds: `snapshotEntry.ts`):
 * whether a kernel of this checkout can start from it, and how
 * `npm run build` makes it. Measured on this project's 2-core machine, a
 * kernel's CPU time to its first cell's reply falls from about 1.2 to 0.6
 * seconds, and notebook 04's from 3.3 to 2.7 (`npm run bench -- runner`
 * prints the first with and without it).
 *
 *     dist/kernel-snapshot/tslab.blob    the snapshot (about 65 MB)
 *     dist/kernel-snapshot/config.json   tslab's TypeScript file and compiler options, for the build
 *     dist/kernel-snapshot/entry.js      the compiled snapshotEntry.ts as node runs it to build
 *     dist/kernel-snapshot/meta.json     what it was built for; written last
 *
 * A snapshot only works with the node that built it, so a kernel starts
 * from it only while that node, tslab's TypeScript file and the entry
 * point are the ones `meta.json` names; otherwise, or with
 * `TRADEOFF_LAB_KERNEL_SNAPSHOT=off`, it starts as before
 * (`node --require preload.js ...`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { builtKernelFile } from "./built";
import { applyKernelCompiler, tslabConverterFile, type TypeScriptModule } from "./tslabCompiler";
import type { SnapshotConfig } from "./snapshotEntry";

/**
 * The V8 flags every kernel of this project runs with (`tslabArgv`), and
 * its snapshot is built with: node refuses a snapshot built with other
 * V8 flags (exit 14), so they are recorded in meta.json.
 *
 * `--initial-old-space-size=256` (MB): a kernel starts with about 110 MB
 * of old-generation heap from the snapshot, just over V8's first limit, so
 * V8 marked and compacted all of it within the first cells. A one-cell
 * notebook's run then took 0.72 CPU-s and with the flag 0.64; notebook 04,
 * 2.56 and 2.33 CPU-s (CLI and kernel, means of 8 and 4 runs, 2026-12-05).
 * The heap still grows and is collected as usual past 256 MB; a kernel
 * may hold more garbage before its first full collection. After notebook
 * 04 a kernel's RSS was 382 MiB with the flag and 374–378 without (from
 * the snapshot), 265–269 and 249–261 MiB without the snapshot (2 runs
 * each, 2026-12-05).
 */
export const KERNEL_V8_FLAGS: readonly string[] = Object.freeze(["--initial-old-space-size=256"]);

/** The environment variable that turns the snapshot off (`off`, `0`, `false` or `no`). */
export const SNAPSHOT_ENV = "TRADEOFF_LAB_KERNEL_SNAPSHOT";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** A file as the snapshot was built from it. */
interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/** What `meta.json` records. */
interface SnapshotMeta {
  node: string;
  execPath: string;
  arch: string;
  typescript: FileStamp;
  entry: FileStamp;
  blob: FileStamp;
  /** tslab's converter, whose compiler options the build read. */
  tslab: FileStamp;
  /** tsc's build info for dist/ (tsconfig.build.json), which changes whenever the library's declarations do. */
  library: FileStamp;
  /** How many declaration files it holds parsed. */
  files: number;
  /** The V8 flags it was built with ({@link KERNEL_V8_FLAGS} then). */
  v8Flags: readonly string[];
}

function stamp(file: string): FileStamp {
  const { size, mtimeMs } = statSync(file);
  return { path: file, size, mtimeMs };
}

function sameStamp(recorded: FileStamp | undefined): boolean {
  if (recorded === undefined || !existsSync(recorded.path)) return false;
  const now = stamp(recorded.path);
  return now.size === recorded.size && now.mtimeMs === recorded.mtimeMs;
}

/** The snapshot's folder in a checkout: `<root>/dist/kernel-snapshot`. */
export function kernelSnapshotDir(root: string = ROOT): string {
  return path.join(root, "dist", "kernel-snapshot");
}

/** The snapshot builder's entry point in a checkout (compiled `snapshotEntry.ts`). */
function entryFile(root: string): string {
  return builtKernelFile(root, "snapshotEntry.js");
}

function readMeta(root: string): SnapshotMeta | undefined {
  try {
    return JSON.parse(readFileSync(path.join(kernelSnapshotDir(root), "meta.json"), "utf8")) as SnapshotMeta;
  } catch {
    return undefined;
  }
}

/**
 * The snapshot a kernel of this checkout started by `node` can start
 * from, or undefined: none was built, it was built by another node or for
 * another TypeScript file or entry point, or `env` turns it off.
 * @param root the checkout
 * @param env the environment the kernel is started from
 * @param node the node binary that will run the kernel
 * @example kernelSnapshot() // => "/p/dist/kernel-snapshot/tslab.blob" after `npm run build`
 */
export function kernelSnapshot(root: string = ROOT, env: Readonly<Record<string, string | undefined>> = process.env, node: string = process.execPath): string | undefined {
  if (["off", "0", "false", "no"].includes((env[SNAPSHOT_ENV] ?? "").toLowerCase())) return undefined;
  const meta = readMeta(root);
  if (meta === undefined || meta.node !== process.version || meta.arch !== process.arch || meta.execPath !== node) return undefined;
  if (JSON.stringify(meta.v8Flags) !== JSON.stringify(KERNEL_V8_FLAGS)) return undefined;
  if (meta.entry?.path !== entryFile(root) || !sameStamp(meta.typescript) || !sameStamp(meta.entry) || !sameStamp(meta.blob)) return undefined;
  return meta.blob.path;
}

/**
 * tslab's TypeScript file and the compiler options its converter passes
 * for a notebook in the current directory, with the project's kernel
 * compiler (`tslabCompiler.ts`) applied: they are read beneath it, as they
 * reach TypeScript. Run in a child process whose directory is a notebook
 * folder: TypeScript remembers the first directory it is asked for, and
 * the module cache keeps the reading.
 */
export function tslabCompilerConfig(tslabFolder: string): SnapshotConfig {
  const typescript = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabFolder] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(typescript) as TypeScriptModule;
  let options: Record<string, unknown> | undefined;
  (require.cache[typescript] as NodeModule).exports = new Proxy(ts, {
    get(target, key, receiver) {
      if (key !== "createWatchCompilerHost") return Reflect.get(target, key, receiver) as unknown;
      return (...args: unknown[]) => {
        const host = target.createWatchCompilerHost(...args) as { options?: Record<string, unknown> };
        options = host.options;
        return host;
      };
    },
  });
  applyKernelCompiler(tslabFolder);
  const converter = tslabConverterFile(tslabFolder);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(converter) as { createConverter(): { close(): void } }).createConverter().close();
  if (options === undefined) throw new Error("runner.tslabCompilerConfig: tslab's converter did not create a watch compiler host");
  return { typescript, converter, options };
}

/** What {@link buildKernelSnapshot} made. */
export interface BuiltSnapshot {
  readonly blob: string;
  /** Declaration files held parsed. */
  readonly files: number;
  readonly bytes: number;
  /** True when the one already built was kept: built by this node from the same TypeScript, entry point, tslab and library declarations. */
  readonly upToDate: boolean;
}

/**
 * Builds the snapshot for kernels of notebooks in `notebooks` (their
 * compiler options decide which declaration files it holds), unless the
 * one there was built by this node from the same TypeScript, entry point,
 * tslab converter and library declarations. The earlier one's meta.json goes first, so a
 * failed build leaves none that {@link kernelSnapshot} accepts; its blob
 * is replaced in one rename.
 * @param root the checkout, built (`dist/` present)
 * @param notebooks a notebook folder inside it
 * @throws Error naming the step that failed, with node's output
 */
export function buildKernelSnapshot(root: string = ROOT, notebooks: string = path.join(root, "notebooks")): BuiltSnapshot {
  const dir = kernelSnapshotDir(root);
  const built = readMeta(root);
  if (built !== undefined && kernelSnapshot(root, {}) !== undefined && sameStamp(built.tslab) && sameStamp(built.library)) {
    return { blob: built.blob.path, files: built.files, bytes: built.blob.size, upToDate: true };
  }
  // Without meta.json no runner starts from the old blob; a kernel.json naming it keeps it until the new one replaces it.
  rmSync(path.join(dir, "meta.json"), { force: true });
  mkdirSync(dir, { recursive: true });
  const self = builtKernelFile(root, "snapshot.js");
  const kernelspec = builtKernelFile(root, "kernelspec.js");
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(self)}).tslabCompilerConfig(require(${JSON.stringify(kernelspec)}).tslabDir())))`;
  const probe = spawnSync(process.execPath, ["-e", script], { cwd: notebooks, encoding: "utf8" });
  if (probe.status !== 0) throw new Error(`runner.buildKernelSnapshot: reading tslab's compiler options failed (exit ${probe.status}):\n${probe.stderr}`);
  const configFile = path.join(dir, "config.json");
  writeFileSync(configFile, probe.stdout);
  const config = JSON.parse(probe.stdout) as SnapshotConfig;
  const blob = path.join(dir, "tslab.blob");
  const partial = `${blob}.partial`;
  // Node runs a snapshot's entry with require but no exports object; the compiled module gets one.
  const entry = path.join(dir, "entry.js");
  writeFileSync(entry, `const exports = {};\n${readFileSync(entryFile(root), "utf8")}`);
  const snapshot = spawnSync(process.execPath, [...KERNEL_V8_FLAGS, "--snapshot-blob", partial, "--build-snapshot", entry, configFile], { cwd: dir, encoding: "utf8" });
  if (snapshot.status !== 0 || !existsSync(partial)) throw new Error(`runner.buildKernelSnapshot: node --build-snapshot failed (exit ${snapshot.status}):\n${snapshot.stderr}`);
  renameSync(partial, blob);
  const files = Number(/held (\d+) files parsed/.exec(snapshot.stdout)?.[1] ?? NaN);
  const meta: SnapshotMeta = {
    node: process.version,
    execPath: process.execPath,
    arch: process.arch,
    typescript: stamp(config.typescript),
    entry: stamp(entryFile(root)),
    blob: stamp(blob),
    tslab: stamp(config.converter),
    library: stamp(path.join(root, "dist", ".tsbuildinfo")),
    files,
    v8Flags: [...KERNEL_V8_FLAGS],
  };
  writeFileSync(`${path.join(dir, "meta.json")}.partial`, JSON.stringify(meta, null, 2));
  renameSync(`${path.join(dir, "meta.json")}.partial`, path.join(dir, "meta.json"));
  return { blob, files, bytes: meta.blob.size, upToDate: false };
}
