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
});
