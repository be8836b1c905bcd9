import { strict as assert } from "node:assert";
import { dirname } from "node:path";
import { typescript } from "../../src/internal/typescript";

describe("internal/typescript", () => {
  it("is the compiler tslab itself loads (@tslab/typescript-for-tslab), not the project's devDependency", () => {
    const tslabDir = dirname(require.resolve("tslab"));
    const tslabsOwn = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });
    // The very module object tslab's converter requires, so a kernel that has loaded tslab loads nothing more.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.equal(typescript(), require(tslabsOwn));
    const devDependency = require.resolve("typescript");
    assert.notEqual(tslabsOwn, devDependency);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.notEqual(typescript().version, (require(devDependency) as { version: string }).version);
  });

  it("loads once: a second call returns the same module", () => {
    assert.equal(typescript(), typescript());
  });
});
