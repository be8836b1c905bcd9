import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { builtKernelFile } from "../../../src/runner/kernel/built";
import { tslabMainPath, watchdogPreload } from "../../../src/runner/kernel/kernelspec";

const ROOT = join(__dirname, "..", "..", "..");

describe("runner/kernel/built", () => {
  it("builtKernelFile(root, file) is <root>/dist/runner/kernel/<file>, the path the kernelspec's preload and entry use", () => {
    assert.equal(builtKernelFile("/p", "preload.js"), "/p/dist/runner/kernel/preload.js");
    assert.equal(builtKernelFile(ROOT, "preload.js"), watchdogPreload(ROOT));
    assert.equal(builtKernelFile(ROOT, "tslabMain.js"), tslabMainPath(ROOT));
    for (const file of ["preload.js", "tslabMain.js", "snapshotEntry.js", "snapshot.js", "kernelspec.js"]) assert.ok(existsSync(builtKernelFile(ROOT, file)), `npm run build made ${file}`);
  });
});
