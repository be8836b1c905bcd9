/**
 * Where `npm run build` puts this folder's compiled files in a checkout,
 * for the modules that name them to other processes (the kernelspec's
 * argv, the snapshot build): one place, so that `kernelspec.ts` and
 * `snapshot.ts`, which imports nothing of it, agree.
 */
import * as path from "node:path";

/**
 * `<root>/dist/runner/kernel/<file>`: a compiled file of this folder in the checkout at `root`.
 * @example builtKernelFile("/p", "preload.js") // => "/p/dist/runner/kernel/preload.js"
 */
export function builtKernelFile(root: string, file: string): string {
  return path.join(root, "dist", "runner", "kernel", file);
}
