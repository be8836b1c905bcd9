import { strict as assert } from "node:assert";
import { pool } from "../../src/internal/pool";

describe("internal/pool", () => {
  it("pool(items, 2, work) runs every item, never more than 2 at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await pool([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      done.push(n);
      running--;
    });
    assert.deepEqual([done.sort(), most], [[1, 2, 3, 4, 5], 2]);
  });

  it("pool() returns the results in the items' order, and with weight starts the heaviest first (ties in order)", async () => {
    const started: string[] = [];
    const results = await pool(["s", "lll", "mm", "ll2"], 1, async (name) => {
      started.push(name);
      await new Promise((r) => setImmediate(r));
      return name.toUpperCase();
    }, { weight: (name) => name.length });
    assert.deepEqual(started, ["lll", "ll2", "mm", "s"]);
    assert.deepEqual(results, ["S", "LLL", "MM", "LL2"]);
  });
});
