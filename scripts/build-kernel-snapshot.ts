/**
 * Builds the tslab kernel's start-up snapshot (`npm run build` runs it
 * after tsc; see src/runner/kernel/snapshot.ts): dist/kernel-snapshot/.
 * A node without `--build-snapshot` support, or a TypeScript the snapshot
 * does not support, leaves no snapshot and a warning: kernels then start
 * as before, only slower.
 *
 *     tsx scripts/build-kernel-snapshot.ts     # build, print its size
 */
import { buildKernelSnapshot } from "../src/runner/kernel/snapshot";

const started = performance.now();
try {
  const { files, bytes, upToDate } = buildKernelSnapshot();
  const what = upToDate ? "up to date" : `built in ${((performance.now() - started) / 1000).toFixed(1)} s`;
  console.log(`kernel snapshot: ${files} declaration files, ${(bytes / 1e6).toFixed(1)} MB, ${what}`);
} catch (error) {
  console.warn(`kernel snapshot: not built, kernels start without it.\n${(error as Error).message}`);
}
