/**
 * Loaded into every tslab kernel with `node --require <this file>` before
 * tslab itself: starts the kernel's watchdog (`watchdog.ts`), and has
 * tslab compile with `types: ["node"]` (`tslabCompiler.ts`). Worker
 * threads (PBS) load neither.
 */
import { isMainThread } from "node:worker_threads";
import { tslabDir } from "./kernelspec";
import { applyKernelCompilerOptions } from "./tslabCompiler";
import { startWatchdog } from "./watchdog";

if (isMainThread) {
  startWatchdog();
  applyKernelCompilerOptions(tslabDir());
}
