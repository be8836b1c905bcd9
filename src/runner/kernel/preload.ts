/**
 * Loaded into every tslab kernel with `node --require <this file>` before
 * tslab itself: starts the kernel's watchdog (`watchdog.ts`). Nothing else.
 */
import { isMainThread } from "node:worker_threads";
import { startWatchdog } from "./watchdog";

if (isMainThread) startWatchdog();
