import { strict as assert } from "node:assert";
import { displayData, tslabJupyter } from "../../src/internal/kernel";

describe("internal/kernel", () => {
  it("outside a tslab kernel, tslabJupyter() is undefined and displayData() sends nothing", () => {
    assert.equal(tslabJupyter(), undefined);
    assert.equal(displayData({ "text/plain": "x" }), false);
  });
});
