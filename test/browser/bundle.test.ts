/**
 * The browser bundle (scripts/build-browser.ts, built by `npm run build`):
 * within its budget, and complete on its own: run in a bare V8 context with
 * no Node globals (no require, process, Buffer), it defines
 * `tradeoffLab`, and its library reads the embedded data files and
 * computes what the Node library computes; also after RequireJS has
 * defined an AMD `define`, as on every Notebook 6 page.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import { display, pacelc, pbs, quorum, slo } from "../../src";
import { BUNDLE_FILE, BUDGET_BYTES } from "../../scripts/build-browser";
import { requireTool } from "./helpers";

/** Debian's RequireJS (libjs-requirejs), the AMD loader Notebook 6 puts on every page. */
const REQUIRE_JS = "/usr/share/javascript/requirejs/require.js";

describe("browser bundle", () => {
  it(`dist/browser/tradeoff-lab.min.js is at most ${BUDGET_BYTES / 1024} KB`, () => {
    const size = statSync(BUNDLE_FILE).size;
    assert.ok(size <= BUDGET_BYTES, `${size} bytes, over the budget of ${BUDGET_BYTES}`);
  });

  it("runs with no Node globals (only what a browser has: structuredClone) and computes what Node computes, from embedded data", () => {
    const window: Record<string, unknown> = {};
    const context = createContext({ window, structuredClone });
    runInContext(readFileSync(BUNDLE_FILE, "utf8"), context);
    const lab = window.tradeoffLab as { lib: { quorum: typeof quorum; pbs: typeof pbs; pacelc: typeof pacelc; display: typeof display } };
    assert.ok(lab, "window.tradeoffLab is defined");
    assert.equal(lab.lib.quorum.kStalenessExact({ n: 3, r: 1, w: 1, k: 3 }).fraction, "19/27");
    assert.deepEqual(JSON.parse(JSON.stringify(lab.lib.pbs.profile("YMMR"))), JSON.parse(JSON.stringify(pbs.profile("YMMR"))));
    assert.equal(lab.lib.pacelc.loadCatalog().length, pacelc.loadCatalog().length);
    assert.equal(lab.lib.display.formatDuration(2592, "s"), display.formatDuration(2592, "s"));
    assert.throws(() => lab.lib.pacelc.loadCatalog("/etc/passwd"), /readable CSV file/);
  });

  it("works after RequireJS defined an AMD define, as on a Notebook 6 page: exact decimals (decimal.js) included", function () {
    requireTool(this, existsSync(REQUIRE_JS), `RequireJS (${REQUIRE_JS})`, "apt-get install libjs-requirejs");
    const window: Record<string, unknown> = {};
    const context = createContext({ window, structuredClone, setTimeout, clearTimeout });
    runInContext(readFileSync(REQUIRE_JS, "utf8"), context);
    assert.equal(runInContext('typeof define === "function" && typeof define.amd === "object"', context), true, "RequireJS defined an AMD define");
    runInContext(readFileSync(BUNDLE_FILE, "utf8"), context);
    const lab = window.tradeoffLab as { lib: { slo: typeof slo } };
    // errorBudget reaches decimal.js through exact.complement (1 − 0.9995 is 0.0005, exactly).
    assert.deepEqual(JSON.parse(JSON.stringify(lab.lib.slo.errorBudget({ slo: 0.9995, periodDays: 30 }))), JSON.parse(JSON.stringify(slo.errorBudget({ slo: 0.9995, periodDays: 30 }))));
    assert.equal(lab.lib.slo.errorBudget({ slo: 0.9995, periodDays: 30 }).budgetMinutes, 21.6);
  });
});
