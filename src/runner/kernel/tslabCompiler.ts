/**
 * One compiler option the project's tslab kernel adds to tslab's own:
 * `types: ["node"]`.
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
 * tslab passes its options to `createWatchCompilerHost` of its TypeScript
 * (`@tslab/typescript-for-tslab`). That module's exports are getters that
 * cannot be redefined, so the module tslab will `require` is replaced, in
 * Node's module cache, by a proxy whose `createWatchCompilerHost` adds the
 * option; every other export is the original. Nothing in node_modules is
 * changed.
 */
/** The options added to tslab's, unless tslab sets them itself. */
export const KERNEL_COMPILER_OPTIONS: Readonly<{ types: readonly string[] }> = Object.freeze({ types: Object.freeze(["node"]) });

/** What this module needs of a TypeScript module object. */
export interface TypeScriptModule {
  createWatchCompilerHost: (...args: unknown[]) => unknown;
}

const PATCHED = Symbol.for("tradeoff-lab.kernelCompilerOptions");

/**
 * A view of a TypeScript module whose `createWatchCompilerHost(rootFiles,
 * options, ...)` adds {@link KERNEL_COMPILER_OPTIONS} to `options` (an
 * option the caller sets wins); every other export is the module's own.
 * Applying it to its own result returns that result.
 * @param ts the TypeScript module object
 * @example withKernelCompilerOptions(require("@tslab/typescript-for-tslab")).createWatchCompilerHost(["a.ts"], {}).compilerOptions.types // => ["node"]
 */
export function withKernelCompilerOptions<T extends TypeScriptModule>(ts: T): T {
  if ((ts as unknown as Record<symbol, unknown>)[PATCHED] === true) return ts;
  const original = ts.createWatchCompilerHost;
  function createWatchCompilerHost(this: unknown, rootFiles: unknown, options: unknown, ...rest: unknown[]): unknown {
    const withOptions = typeof options === "object" && options !== null && Array.isArray(rootFiles) ? { ...KERNEL_COMPILER_OPTIONS, types: [...KERNEL_COMPILER_OPTIONS.types], ...options } : options;
    return original.call(this, rootFiles, withOptions, ...rest);
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
 * Puts {@link withKernelCompilerOptions} of tslab's TypeScript in Node's
 * module cache, so that tslab (loaded after this) compiles with it.
 * @param tslabFolder a folder inside the tslab package (its `bin/` or `dist/`)
 * @returns the resolved path of the module patched
 * @example applyKernelCompilerOptions(path.dirname(require.resolve("tslab"))) // => ".../node_modules/@tslab/typescript-for-tslab/lib/typescript.js"
 */
export function applyKernelCompilerOptions(tslabFolder: string): string {
  const path = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabFolder] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(path) as TypeScriptModule;
  const cached = require.cache[path];
  if (cached) cached.exports = withKernelCompilerOptions(ts);
  return path;
}
