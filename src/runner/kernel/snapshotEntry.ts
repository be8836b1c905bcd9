/**
 * The tslab kernel's start-up snapshot: Node's `--build-snapshot` runs this
 * file once, at `npm run build` (see `snapshot.ts`), and every kernel then
 * starts from the heap it leaves instead of building it again.
 *
 *     node <V8 flags> --snapshot-blob <blob> --build-snapshot dist/runner/kernel/snapshotEntry.js <config.json>
 *     node <V8 flags> --snapshot-blob <blob> <preload.js> <tslabMain.js> <tslab's bin/tslab> kernel --config-path <connection file>
 *
 * with the same V8 flags (`KERNEL_V8_FLAGS` in `snapshot.ts`) both times.
 *
 * Why: a kernel spends about 1 CPU-second before its first cell, most of
 * it in tslab's first TypeScript program: loading TypeScript (9 MB of
 * JavaScript), then parsing and binding lib.es2022 and `@types/node`
 * (155 declaration files, 2.9 MB), which every kernel does identically.
 * The snapshot holds TypeScript loaded, and those files parsed and bound.
 *
 * What it holds:
 * - tslab's TypeScript (`@tslab/typescript-for-tslab`), evaluated from its
 *   file with one line added at the top of `createSourceFile`: a lookup in
 *   the files parsed here. A file is handed out when its name, text,
 *   language version and module format are those it was parsed with, and
 *   only once (a second request parses anew, as without the snapshot).
 *   Anything else, such as a declaration file changed since the build, is
 *   parsed as usual.
 * - the declaration files of the program tslab builds for a notebook in
 *   this checkout, with tslab's compiler options (`config.json`, read from
 *   a real tslab converter by `snapshot.ts`), each parsed with the
 *   arguments that program passed and bound with those options, as the
 *   kernel's first type check would: lib.es2022, `@types/node` and this
 *   library's own (`dist/*.d.ts`, which a notebook's import cell loads).
 *   A notebook folder with no `@types/node` above it (a temporary folder)
 *   gets the same `@types/node` (`tslabCompiler.ts`), so the same files.
 *
 * When it starts (`start`), it restores `Error.stackTraceLimit` (which
 * Node leaves out of a snapshot), puts that TypeScript in Node's module cache
 * where tslab will `require` it (unless its file changed since the build:
 * then tslab loads the file, as without the snapshot), takes `--snapshot-blob` out of
 * `process.execArgv` (so a `child_process.fork` from a cell starts a
 * plain node), and runs the preload and tslab's entry point as
 * `node --require <preload> <tslabMain.js> ...` would.
 *
 * Only Node's built-in modules can be loaded while a snapshot is built, so
 * this file imports nothing else; `snapshot.ts` tests its parts in-process.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as v8 from "node:v8";

/** What `snapshot.ts` writes for the build. */
export interface SnapshotConfig {
  /** Absolute path of tslab's `typescript.js`. */
  readonly typescript: string;
  /** Absolute path of tslab's `dist/converter.js`, whose compiler options these are. */
  readonly converter: string;
  /** tslab's compiler options for a notebook in this checkout, `rootDir` included. */
  readonly options: Record<string, unknown>;
}

/** The counters a kernel started from the snapshot keeps, on `globalThis` under this symbol. */
export const SNAPSHOT_STATS = Symbol.for("tradeoff-lab.kernelSnapshot");

/** V8's default `Error.stackTraceLimit`, as in a node started without a snapshot. */
const V8_STACK_TRACE_LIMIT = 10;

/** Where the line added to TypeScript's `createSourceFile` looks for a parsed file. */
const LOOKUP = Symbol.for("tradeoff-lab.kernelSnapshot.lookup");

/** The first line of TypeScript 5.0's `createSourceFile`, where the lookup goes. */
export const CREATE_SOURCE_FILE = "  function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {\n";

/** What this module reads of a parsed TypeScript source file. */
export interface ParsedFile {
  readonly fileName: string;
  readonly text: string;
  readonly languageVersion: number;
  readonly impliedNodeFormat?: number | undefined;
}

/**
 * The parsed file to hand out for a `createSourceFile` call, or undefined
 * to parse: the file must have been parsed here with the same name, text,
 * language version and module format, without parent pointers or a script
 * kind. A file handed out is removed from `parsed`.
 * @example reusableSourceFile(new Map(), "/a.d.ts", "", 9) // => undefined
 */
export function reusableSourceFile(
  parsed: Map<string, ParsedFile>,
  fileName: string,
  text: string,
  languageVersionOrOptions: number | { languageVersion: number; impliedNodeFormat?: number },
  setParentNodes?: boolean,
  scriptKind?: number,
): ParsedFile | undefined {
  const file = parsed.get(fileName);
  if (file === undefined || file.text !== text || setParentNodes === true || scriptKind !== undefined) return undefined;
  const { languageVersion, impliedNodeFormat } = typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions, impliedNodeFormat: undefined };
  if (languageVersion !== file.languageVersion || impliedNodeFormat !== file.impliedNodeFormat) return undefined;
  parsed.delete(fileName);
  return file;
}

/**
 * TypeScript's source with the lookup added at the top of
 * `createSourceFile`.
 * @throws Error when that function is not found exactly once (another TypeScript version)
 */
export function withLookup(source: string): string {
  const parts = source.split(CREATE_SOURCE_FILE);
  if (parts.length !== 2) throw new Error(`snapshotEntry: TypeScript's createSourceFile was found ${parts.length - 1} times, not once; the kernel snapshot supports tslab's TypeScript 5.0`);
  const lookup = `    { const reused = globalThis[Symbol.for(${JSON.stringify(LOOKUP.description)})]?.(fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind); if (reused !== undefined) return reused; }\n`;
  return parts.join(CREATE_SOURCE_FILE + lookup);
}

/** The parts of TypeScript the build uses. */
interface TypeScript {
  createCompilerHost(options: object): CompilerHost;
  createProgram(rootNames: string[], options: object, host: CompilerHost): { getSourceFiles(): readonly ParsedFile[] };
  createSourceFile(fileName: string, text: string, languageVersionOrOptions: unknown, setParentNodes?: boolean, scriptKind?: number): ParsedFile & { isDeclarationFile: boolean };
  bindSourceFile(file: ParsedFile, options: object): void;
  sys: { getCurrentDirectory(): string };
}

interface CompilerHost {
  getCurrentDirectory(): string;
  getSourceFile(fileName: string, languageVersionOrOptions: unknown, ...rest: unknown[]): ParsedFile | undefined;
  readFile(fileName: string): string | undefined;
}

/** Evaluates TypeScript's file, with the lookup, as Node would load it. */
function loadTypeScript(file: string): TypeScript {
  const module = { exports: {} as unknown };
  // Node's loader is not available while a snapshot is built; this is its CommonJS wrapper, around the installed TypeScript.
  const factory = (0, eval)(`(function (exports, require, module, __filename, __dirname) {${withLookup(readFileSync(file, "utf8"))}\n})\n//# sourceURL=${file}`) as (...args: unknown[]) => void;
  factory(module.exports, require, module, file, dirname(file));
  return module.exports as TypeScript;
}

/** What the snapshot's program imports: the library, as a notebook's import cell does. */
const ROOT_SOURCE = 'import * as lab from "tradeoff-lab";\nimport * as tools from "tradeoff-lab/tools";\nexport { lab, tools };\n';

/**
 * Parses and binds the declaration files of tslab's program for a
 * notebook, each with the arguments that program passes to
 * `createSourceFile`, and returns them by file name.
 */
function parseDeclarations(ts: TypeScript, options: Record<string, unknown>): Map<string, ParsedFile> {
  const rootDir = String(options.rootDir);
  const root = `${rootDir}/__tradeoff_lab_snapshot__.ts`;
  const host = ts.createCompilerHost(options);
  // TypeScript's sys remembers the first directory it is asked for; the kernel's must be the notebook's, so it is not asked here.
  host.getCurrentDirectory = () => rootDir;
  const calls = new Map<string, unknown>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) => {
    calls.set(fileName, languageVersionOrOptions);
    return fileName === root ? ts.createSourceFile(fileName, ROOT_SOURCE, languageVersionOrOptions) : getSourceFile(fileName, languageVersionOrOptions, ...rest);
  };
  const parsed = new Map<string, ParsedFile>();
  // The program only finds the files and their arguments; each is parsed again so that no program has touched it.
  for (const { fileName } of ts.createProgram([root], options, host).getSourceFiles()) {
    const text = host.readFile(fileName);
    if (fileName === root || text === undefined) continue;
    const file = ts.createSourceFile(fileName, text, calls.get(fileName));
    if (!file.isDeclarationFile) continue;
    ts.bindSourceFile(file, options);
    parsed.set(fileName, file);
  }
  return parsed;
}

/** Runs in each kernel started from the snapshot (see the module's notes). */
function start(ts: TypeScript, typescriptFile: string, built: { size: number; mtimeMs: number }, stats: { files: number; reused: number }): void {
  // Node's process.cwd() cache still holds the build's directory until a chdir.
  process.chdir(".");
  // Node (20) leaves Error.stackTraceLimit out of a snapshot and undefined after it, so errors would have no stack.
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = V8_STACK_TRACE_LIMIT;
  const blob = process.execArgv.indexOf("--snapshot-blob");
  if (blob >= 0) process.execArgv.splice(blob, 2);
  // A TypeScript changed since the build (an npm update without a rebuild) is loaded from its file by tslab, as without the snapshot.
  const { size, mtimeMs } = statSync(typescriptFile, { throwIfNoEntry: false }) ?? {};
  const current = size === built.size && mtimeMs === built.mtimeMs;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require("node:module") as { new (id: string): NodeModule; _cache: Record<string, NodeModule>; _nodeModulePaths(dir: string): string[]; createRequire(file: string): NodeJS.Require };
  if (current) {
    const cached = new Module(typescriptFile);
    cached.filename = typescriptFile;
    cached.paths = Module._nodeModulePaths(dirname(typescriptFile));
    cached.exports = ts;
    cached.loaded = true;
    Module._cache[typescriptFile] = cached;
  }
  if (current && ts.sys.getCurrentDirectory() !== process.cwd()) throw new Error(`snapshotEntry: TypeScript's current directory is ${ts.sys.getCurrentDirectory()}, not ${process.cwd()}`);
  // argv: node, the preload, tslabMain.js, tslab's launcher, ...; tslabMain reads it without the preload.
  const [, preloadArg, entryArg] = process.argv;
  if (preloadArg === undefined || entryArg === undefined) throw new Error("snapshotEntry: usage: node --snapshot-blob <blob> <preload.js> <tslabMain.js> <tslab's bin/tslab> kernel --config-path <connection file>");
  const [preload, entry] = [resolve(preloadArg), resolve(entryArg)];
  process.argv.splice(1, 2, entry);
  const load = Module.createRequire(entry);
  load(preload);
  if (current) (globalThis as Record<symbol, unknown>)[SNAPSHOT_STATS] = stats;
  (load(entry) as { main(): void }).main();
}

function build(configFile: string): void {
  const config = JSON.parse(readFileSync(configFile, "utf8")) as SnapshotConfig;
  const { size, mtimeMs } = statSync(config.typescript);
  const ts = loadTypeScript(config.typescript);
  const parsed = parseDeclarations(ts, config.options);
  const stats = { files: parsed.size, reused: 0 };
  (globalThis as Record<symbol, unknown>)[LOOKUP] = (...args: Parameters<typeof reusableSourceFile> extends [unknown, ...infer Rest] ? Rest : never) => {
    const file = reusableSourceFile(parsed, ...args);
    if (file !== undefined) stats.reused++;
    return file;
  };
  v8.startupSnapshot.setDeserializeMainFunction(() => start(ts, config.typescript, { size, mtimeMs }, stats));
  process.stdout.write(`kernel snapshot: held ${parsed.size} files parsed and bound\n`);
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  const configFile = process.argv[2];
  if (configFile === undefined) throw new Error("snapshotEntry: usage: node --snapshot-blob <blob> --build-snapshot snapshotEntry.js <config.json>");
  build(configFile);
}
