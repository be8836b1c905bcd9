/**
 * Mocha's options for the whole suite (`npm test`): `.mocharc.json`'s, the
 * learner runs two test files share (notebookSources/learnerRuns.ts, made
 * once by its global setup before the files start), and every test file
 * in the order below. Parallel mode hands files to its two workers in the
 * order given; sorted by name, notebooks.test.ts (the longest, ~90 s then)
 * started after most of the suite and ran alone at the end while the
 * other worker idled. `npx mocha <file>` still reads `.mocharc.json` and
 * runs just that file.
 */
const { existsSync, readdirSync } = require("node:fs");
const { join, relative } = require("node:path");

const root = join(__dirname, "..");

/**
 * The order files are handed to the two workers in. The suite is CPU-bound
 * (kernels, Chromium), so what matters is that both cores stay busy to the
 * end:
 * - notebooks.test.ts first: it keeps two kernels, so both cores, busy the
 *   whole time (39 s);
 * - beside it, the files that mostly wait (WAITING: timeouts of fake
 *   kernels, servers starting, processes exiting), whose idle time its
 *   kernels fill. At the end of the run they left a core idle for about
 *   20 s (measured from /proc/stat, 2026-12-05);
 * - then the other long files, longest first, then the rest by name.
 * Not runner/execute.test.ts or runner/kernel/watchdog.test.ts: each has a
 * test that counts on a kernel reaching a cell within a few hundred ms
 * (execute.test.ts's "timer that throws right after the last cell" failed
 * once alone on a loaded machine), so they keep their places among the
 * small files late in the run, beside no kernel of notebooks.test.ts.
 */
/** The file that keeps both cores busy. */
const BUSIEST = "test/notebookSources/notebooks.test.ts"; // 39 s: 25 notebook runs, two at a time (the learner runs are the global setup's)

/** Files that mostly wait (wall time ≫ CPU time in the suite, 2026-12-05). */
const WAITING = [
  "test/runner/faults.test.ts", // 8 s, 1.3 CPU-s: fake kernels' timeouts
  "test/kernel-setup/start.test.ts", // 7 s, 1.7 CPU-s: Jupyter servers starting and stopping
  "test/runner/cellClient.test.ts", // 2 s, 0.6 CPU-s
  "test/display/staticImages.test.ts", // 1.4 s, 0.5 CPU-s
  "test/kernel-setup/processes.test.ts", // 1.4 s, 0 CPU-s
  "test/runner/kernel/processes.test.ts", // 1.2 s, 0.5 CPU-s
  "test/runner/kernel/launch.test.ts", // 0.8 s, 0.2 CPU-s
];

/** The other long files, longest first (wall time in the suite, 2026-12-05). */
const LONG = [
  "test/browser/whatIf-ui.test.ts", // 74 s: 12 notebooks in Notebook 6
  "test/browser/whatIf.test.ts", // 51 s: exports 12 notebooks, drives their explorers
  "test/browser/sanitize.test.ts", // 12 s, mostly waiting on Chromium
  "test/staticChecks.test.ts", // 17 s: typecheck and lint
  "test/kernel-setup/hub/hub.test.ts", // 18 s
  "test/browser/static-charts.test.ts", // 19 s
  "test/browser/display.test.ts", // 19 s
  "test/runner/kernel/tslabCompiler.test.ts", // 16 s: tslab's converters in child processes
  "test/cli/run.test.ts", // 9 s
  "test/export/export.test.ts", // 8 s
];

function testFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const FIRST = [BUSIEST, ...WAITING, ...LONG];
for (const file of FIRST) {
  if (!existsSync(join(root, file))) throw new Error(`test/suite.mocharc.js: ${file} is gone; update its list`);
}

const base = require("../.mocharc.json");

module.exports = {
  ...base,
  // Its global setup runs the workbook's learner notebooks once, for notebooks.test.ts and whatIf.test.ts.
  require: [...base.require, join(root, "test", "notebookSources", "learnerRuns.ts")],
  spec: [...FIRST, ...testFiles("test").sort().filter((file) => !FIRST.includes(file))].map((file) => relative(process.cwd(), join(root, file))),
};
