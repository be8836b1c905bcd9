/**
 * Mocha's options for the whole suite (`npm test`): `.mocharc.json`'s, the
 * learner runs two test files share (notebookSources/learnerRuns.ts, made
 * once by its global setup before the files start), and every test file
 * with the longest first. Parallel mode hands files to its
 * two workers in the order given; sorted by name, notebooks.test.ts (the
 * longest, ~90 s) started after most of the suite and ran alone at the end
 * while the other worker idled. `npx mocha <file>` still reads
 * `.mocharc.json` and runs just that file.
 */
const { existsSync, readdirSync } = require("node:fs");
const { join, relative } = require("node:path");

const root = join(__dirname, "..");

/**
 * The longest files, longest first (wall time of each in the suite, 2 cores, 2026-12-05). Not
 * runner/execute.test.ts (14 s): its "timer that throws right after the last cell" test is
 * timing-sensitive (it failed once alone on a loaded machine), so it keeps its place among the
 * small files late in the run instead of running beside the kernels and Chromium of these.
 */
const LONGEST_FIRST = [
  "test/notebookSources/notebooks.test.ts", // 60 s: 25 notebook runs (the learner runs are the global setup's)
  "test/browser/whatIf.test.ts", // 53 s: exports 12 notebooks, drives their explorers
  "test/browser/whatIf-ui.test.ts", // 67 s: 12 notebooks in Notebook 6
  "test/browser/sanitize.test.ts", // 12 s, mostly waiting on Chromium
  "test/staticChecks.test.ts", // 24 s: typecheck and lint
  "test/kernel-setup/hub/hub.test.ts", // 24 s
  "test/browser/static-charts.test.ts", // 19 s
  "test/browser/display.test.ts", // 19 s
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

for (const file of LONGEST_FIRST) {
  if (!existsSync(join(root, file))) throw new Error(`test/suite.mocharc.js: ${file} is gone; update LONGEST_FIRST`);
}

const base = require("../.mocharc.json");

module.exports = {
  ...base,
  // Its global setup runs the workbook's learner notebooks once, for notebooks.test.ts and whatIf.test.ts.
  require: [...base.require, join(root, "test", "notebookSources", "learnerRuns.ts")],
  spec: [...LONGEST_FIRST, ...testFiles("test").sort().filter((file) => !LONGEST_FIRST.includes(file))].map((file) => relative(process.cwd(), join(root, file))),
};
