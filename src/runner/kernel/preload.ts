/**
 * Loaded into every tslab kernel with `node --require <this file>` before
 * tslab itself: starts the kernel's watchdog (`watchdog.ts`), and has
 * tslab compile with `types: ["node"]` and a timer of its own for
 * TypeScript's failed-lookup check (`tslabCompiler.ts`). Worker threads
 * (PBS) load neither.
 */
import { isMainThread } from "node:worker_threads";
import { tslabDir } from "./kernelspec";
import { applyKernelCompiler } from "./tslabCompiler";
import { startWatchdog } from "./watchdog";

if (isMainThread) {
  startWatchdog();
  applyKernelCompiler(tslabDir());
}
