/**
 * The project's tslab kernel compiles with tslab's own TypeScript, changed
 * in three ways, all through the watch host tslab creates for its cells,
 * and with one program update per cell instead of two (the last section).
 *
 * **One compiler option: `types: ["node"]`.**
 *
 * tslab 1.0.22 compiles every cell with options fixed in its converter and
 * no `types`, so TypeScript takes every package under each
 * `node_modules/@types` above the notebook folder as global declarations:
 * in a checkout of this project 19 packages (mocha, plotly.js, webgl2,
 * markdown-it, json-schema, ... besides node), none of which a notebook
 * uses without importing it. tslab builds two programs per cell, and each
 * one walks every file (module references, a new type checker merging the
 * globals), so each extra file costs on every cell, and once more at
 * kernel start where all of them are parsed and bound. Measured on
 * notebook 04 (34 code cells, in-process, CPU time): kernel start
 * 1.35 → 1.0 s, compiling its cells 1.85 → 1.55 s.
 *
 * Nothing a notebook imports changes: `import x from "lodash"` still finds
 * `@types/lodash`, since `types` only limits the packages included without
 * an import. A cell that uses the globals of such a package imports it
 * for its types: `import type {} from "mocha";` (tslab puts a line before
 * the cell's source, so a `/// <reference types>` line is ignored).
 *
 * **A timer of its own for TypeScript's failed-lookup check.** tslab's
 * converter (1.0.22) gives TypeScript a `setTimeout` with one slot, meant
 * for the program update it then runs by hand for each cell, and throws
 * "Unexpected pending rebuildTimer" when a second timer is asked while one
 * is pending. TypeScript also asks one when a folder it watches for a
 * module it could not find changes (`invalidateResolutionsOfFailedLookup`):
 * a cell imports `./later` before `later.ts` exists, and the file is then
 * written. That timer then sat in the slot, and the next cell failed with
 * the error. (Rebuilding or hard-linking `dist/` under a running converter
 * did not reproduce it: those are file changes, whose program update
 * TypeScript reschedules in the slot.) Here it runs on a real timer, as
 * in any TypeScript watch, and its program update goes to tslab's slot.
 *
 * **Node's types for the Node the kernel runs on.** Where no
 * `node_modules/@types/node` is found above a notebook's folder (a notebook
 * outside any project), tslab falls back to the `@types` folder in its own
 * package, whose `@types/node` is 18 (tslab 1.0.22 pins it). This kernel
 * runs on the project's Node (20 or later; `engines` in package.json), so
 * there the fallback is the `@types` folder of the project's own
 * `@types/node` (20), when it is installed: a cell can use `util.styleText`
 * (Node 20.12) wherever the notebook is. The kernel start-up snapshot
 * (`snapshot.ts`) then holds one set of Node's declarations for every
 * notebook folder instead of two.
 *
 * tslab passes its options and its `sys` to `createWatchCompilerHost` of
 * its TypeScript (`@tslab/typescript-for-tslab`). That module's exports are
 * getters that cannot be redefined, so the module tslab will `require` is
 * replaced, in Node's module cache, by a proxy whose
 * `createWatchCompilerHost` makes these changes; every other export is the
 * original. Nothing in node_modules is changed.
 *
 * **One program update per cell.** tslab's `convert` (1.0.22) updates the
 * whole program with the cell's source only to read the names the cell
 * declares at top level (`srcFile.locals`), then updates it again with
 * `export { those names }` added, and compiles that. Each update walks
 * every file of the program (about 270 with Node's and the library's
 * declarations) and makes a new type checker. Here the names come from
 * the cell's source parsed and bound alone, with the program's options, by
 * the same TypeScript functions, so they are the same names in the same
 * order, and the program is updated once. Compiling the 1,026 code cells
 * of the workbook's 39 notebook copies (learner, solution, wrong) took
 * 37.8 CPU-s instead of 49.7, every result identical (2026-12-05).
 * tslab's `converter.js` is loaded into Node's module cache with that one
 * passage replaced ({@link CONVERT_TWICE} by {@link CONVERT_ONCE}); when
 * the passage is not found exactly once (another tslab), tslab's own file
 * is loaded instead.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The options added to tslab's, unless tslab sets them itself. */
export const KERNEL_COMPILER_OPTIONS: Readonly<{ types: readonly string[] }> = Object.freeze({ types: Object.freeze(["node"]) });

/** A type root to use instead of another: tslab's own `@types` folder, and the project's. */
export interface TypeRootSwap {
  /** The folder tslab adds when it finds no `@types/node` above the notebook (`<tslab>/node_modules/@types`). */
  readonly tslab: string;
  /** The folder to use instead: the one holding the project's `@types/node`. */
  readonly project: string;
}

/** What this module needs of a TypeScript module object. */
export interface TypeScriptModule {
  createWatchCompilerHost: (...args: unknown[]) => unknown;
}

const PATCHED = Symbol.for("tradeoff-lab.kernelCompilerOptions");

/** The name of TypeScript's (5.0) callback for the timer that re-resolves modules it could not find. */
const FAILED_LOOKUP_CALLBACK = "invalidateResolutionsOfFailedLookup";

/** What this module needs of a TypeScript `System`. */
interface TimerSystem {
  setTimeout?(callback: (...args: unknown[]) => void, ms: number, ...args: unknown[]): unknown;
  clearTimeout?(handle: unknown): void;
}

/**
 * A view of `system` whose failed-lookup timer is a real, unref'd Node
 * timer; every other timer (the program update) is the system's own.
 */
function withOwnFailedLookupTimer<S extends TimerSystem>(system: S): S {
  const own = new Set<unknown>();
  const view = Object.create(system) as S;
  view.setTimeout = (callback, ms, ...args) => {
    if (callback.name !== FAILED_LOOKUP_CALLBACK || !system.setTimeout) return system.setTimeout?.(callback, ms, ...args);
    const handle = setTimeout(() => {
      own.delete(handle);
      callback(...args);
    }, ms);
    handle.unref();
    own.add(handle);
    return handle;
  };
  view.clearTimeout = (handle) => {
    if (own.delete(handle)) clearTimeout(handle as ReturnType<typeof setTimeout>);
    else system.clearTimeout?.(handle);
  };
  return view;
}

/**
 * A view of a TypeScript module whose `createWatchCompilerHost(rootFiles,
 * options, system, ...)` adds {@link KERNEL_COMPILER_OPTIONS} to `options`
 * (an option the caller sets wins), puts `typeRoots.project` in place of
 * `typeRoots.tslab` in `options.typeRoots`, and gives TypeScript's
 * failed-lookup check a timer of its own instead of `system`'s (see the
 * module's notes); every other export is the module's own. Applying it to
 * its own result returns that result.
 * @param ts the TypeScript module object
 * @param typeRoots the type root to swap, if any ({@link applyKernelCompiler} finds it)
 * @example withKernelCompiler(require("@tslab/typescript-for-tslab")).createWatchCompilerHost(["a.ts"], {}).compilerOptions.types // => ["node"]
 */
export function withKernelCompiler<T extends TypeScriptModule>(ts: T, typeRoots?: TypeRootSwap): T {
  if ((ts as unknown as Record<symbol, unknown>)[PATCHED] === true) return ts;
  const original = ts.createWatchCompilerHost;
  const swap = (roots: unknown): unknown =>
    typeRoots !== undefined && Array.isArray(roots) ? roots.map((root: unknown) => (typeof root === "string" && path.resolve(root) === path.resolve(typeRoots.tslab) ? typeRoots.project : root)) : roots;
  function createWatchCompilerHost(this: unknown, rootFiles: unknown, options: unknown, system?: unknown, ...rest: unknown[]): unknown {
    if (!(typeof options === "object" && options !== null && Array.isArray(rootFiles))) return original.call(this, rootFiles, options, system, ...rest);
    const given = options as { typeRoots?: unknown };
    const withOptions = { ...KERNEL_COMPILER_OPTIONS, types: [...KERNEL_COMPILER_OPTIONS.types], ...options, ...(given.typeRoots === undefined ? {} : { typeRoots: swap(given.typeRoots) }) };
    const withTimer = typeof system === "object" && system !== null ? withOwnFailedLookupTimer(system as TimerSystem) : system;
    return original.call(this, rootFiles, withOptions, withTimer, ...rest);
  }
  return new Proxy(ts, {
    get(target, key, receiver) {
      if (key === "createWatchCompilerHost") return createWatchCompilerHost;
      if (key === PATCHED) return true;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** The tslab package's folder, from any folder inside it. */
function tslabPackage(tslabFolder: string): string {
  return path.dirname(require.resolve("tslab/package.json", { paths: [tslabFolder] }));
}

/**
 * tslab's `dist/converter.js`, which {@link applyConvertOnce} loads changed.
 * @param tslabFolder a folder inside the tslab package
 * @example tslabConverterFile(path.dirname(require.resolve("tslab"))) // => ".../node_modules/tslab/dist/converter.js"
 */
export function tslabConverterFile(tslabFolder: string): string {
  return path.join(tslabPackage(tslabFolder), "dist", "converter.js");
}

/**
 * The type roots {@link withKernelCompiler} swaps for a kernel of the tslab
 * package at `tslabFolder`: tslab's own `@types` folder, and the folder of
 * the `@types/node` this package resolves; undefined when it resolves none.
 * @param tslabFolder the tslab package or a folder inside it
 * @param from where this package's `@types/node` is resolved from
 * @example kernelTypeRoots(tslabDir()) // => { tslab: ".../tslab/node_modules/@types", project: ".../node_modules/@types" }
 */
export function kernelTypeRoots(tslabFolder: string, from: string = __dirname): TypeRootSwap | undefined {
  const tslab = path.join(tslabPackage(tslabFolder), "node_modules", "@types");
  let nodeTypes: string;
  try {
    nodeTypes = require.resolve("@types/node/package.json", { paths: [from] });
  } catch {
    return undefined;
  }
  return { tslab, project: path.dirname(path.dirname(nodeTypes)) };
}

/**
 * Puts {@link withKernelCompiler} of tslab's TypeScript in Node's module
 * cache, so that tslab (loaded after this) compiles with it, swapping the
 * type roots {@link kernelTypeRoots} finds, and tslab's converter with one
 * program update per cell ({@link applyConvertOnce}).
 * @param tslabFolder a folder inside the tslab package (its `bin/` or `dist/`)
 * @returns the resolved path of the module patched
 * @example applyKernelCompiler(path.dirname(require.resolve("tslab"))) // => ".../node_modules/@tslab/typescript-for-tslab/lib/typescript.js"
 */
export function applyKernelCompiler(tslabFolder: string): string {
  const file = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabFolder] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(file) as TypeScriptModule;
  const cached = require.cache[file];
  if (cached) cached.exports = withKernelCompiler(ts, kernelTypeRoots(tslabFolder));
  applyConvertOnce(tslabFolder);
  return file;
}

/** The passage of tslab 1.0.22's `convert` that updates the program twice. */
export const CONVERT_TWICE = `        updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
        const locals = srcFile.locals;
        const keys = new Set();
        if (locals) {
            locals.forEach((_, key) => {
                keys.add(key);
            });
        }
        if (keys.size > 0) {
            // Export all local variables.
            // TODO: Disallow "export" in the input.
            const suffix = "\\nexport {" + Array.from(keys).join(", ") + "}";
            updateContent(prevDecl, src + suffix);
            declsFile = builder.getSourceFile(declFilename);
            srcFile = builder.getSourceFile(srcFilename);
        }
`;

/**
 * What the kernel's converter does instead: the cell's top-level names from
 * its source (with tslab's prefix, as the program reads it) parsed and bound
 * alone with the program's options, then one update.
 */
export const CONVERT_ONCE = `        const keys = new Set();
        {
            const compilerOptions = builder.getProgram().getCompilerOptions();
            const alone = ts.createSourceFile(srcFilename, srcPrefix + src, ts.getEmitScriptTarget(compilerOptions));
            ts.bindSourceFile(alone, compilerOptions);
            if (alone.locals) {
                alone.locals.forEach((_, key) => {
                    keys.add(key);
                });
            }
        }
        updateContent(prevDecl, keys.size > 0 ? src + "\\nexport {" + Array.from(keys).join(", ") + "}" : src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
`;

/**
 * tslab's `converter.js` source with {@link CONVERT_TWICE} replaced by
 * {@link CONVERT_ONCE}, or undefined when that passage is not in it exactly once.
 * @example convertingOnce("module.exports = {};") // => undefined
 */
export function convertingOnce(source: string): string | undefined {
  const parts = source.split(CONVERT_TWICE);
  return parts.length === 2 ? parts.join(CONVERT_ONCE) : undefined;
}

/**
 * Loads tslab's `converter.js` into Node's module cache with one program
 * update per cell ({@link convertingOnce}), unless it is loaded already or
 * the passage is not found; tslab's modules then `require` that one.
 * @param tslabFolder a folder inside the tslab package
 * @returns the converter's path when it was loaded changed, else undefined
 */
export function applyConvertOnce(tslabFolder: string): string | undefined {
  const file = tslabConverterFile(tslabFolder);
  if (require.cache[file] !== undefined) return undefined;
  const changed = convertingOnce(readFileSync(file, "utf8"));
  if (changed === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require("node:module") as { new (id: string): NodeModule & { _compile(code: string, filename: string): void }; _nodeModulePaths(dir: string): string[] };
  const converter = new Module(file);
  converter.filename = file;
  converter.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = converter;
  try {
    converter._compile(changed, file);
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  converter.loaded = true;
  return file;
}
