/**
 * The project's tslab kernel compiles with tslab's own TypeScript, changed
 * in two ways, both through the watch host tslab creates for its cells.
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
 * tslab passes its options and its `sys` to `createWatchCompilerHost` of
 * its TypeScript (`@tslab/typescript-for-tslab`). That module's exports are
 * getters that cannot be redefined, so the module tslab will `require` is
 * replaced, in Node's module cache, by a proxy whose
 * `createWatchCompilerHost` makes both changes; every other export is the
 * original. Nothing in node_modules is changed.
 */
/** The options added to tslab's, unless tslab sets them itself. */
export const KERNEL_COMPILER_OPTIONS: Readonly<{ types: readonly string[] }> = Object.freeze({ types: Object.freeze(["node"]) });

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
 * (an option the caller sets wins) and gives TypeScript's failed-lookup
 * check a timer of its own instead of `system`'s (see the module's notes);
 * every other export is the module's own. Applying it to its own result
 * returns that result.
 * @param ts the TypeScript module object
 * @example withKernelCompiler(require("@tslab/typescript-for-tslab")).createWatchCompilerHost(["a.ts"], {}).compilerOptions.types // => ["node"]
 */
export function withKernelCompiler<T extends TypeScriptModule>(ts: T): T {
  if ((ts as unknown as Record<symbol, unknown>)[PATCHED] === true) return ts;
  const original = ts.createWatchCompilerHost;
  function createWatchCompilerHost(this: unknown, rootFiles: unknown, options: unknown, system?: unknown, ...rest: unknown[]): unknown {
    if (!(typeof options === "object" && options !== null && Array.isArray(rootFiles))) return original.call(this, rootFiles, options, system, ...rest);
    const withOptions = { ...KERNEL_COMPILER_OPTIONS, types: [...KERNEL_COMPILER_OPTIONS.types], ...options };
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

/**
 * Puts {@link withKernelCompiler} of tslab's TypeScript in Node's module
 * cache, so that tslab (loaded after this) compiles with it.
 * @param tslabFolder a folder inside the tslab package (its `bin/` or `dist/`)
 * @returns the resolved path of the module patched
 * @example applyKernelCompiler(path.dirname(require.resolve("tslab"))) // => ".../node_modules/@tslab/typescript-for-tslab/lib/typescript.js"
 */
export function applyKernelCompiler(tslabFolder: string): string {
  const path = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabFolder] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(path) as TypeScriptModule;
  const cached = require.cache[path];
  if (cached) cached.exports = withKernelCompiler(ts);
  return path;
}
