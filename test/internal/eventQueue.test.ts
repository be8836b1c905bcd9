import { strict as assert } from "node:assert";
import fc from "fast-check";
import { EventQueue, exponential } from "../../src/internal/eventQueue";

describe("internal/eventQueue", () => {
  it("EventQueue pops events in time order, ties in scheduling order", () => {
    const queue = new EventQueue<string>();
    queue.push(2, "c");
    queue.push(1, "a");
    queue.push(2, "d");
    queue.push(1, "b");
    queue.push(0.5, "first");
    const order: string[] = [];
    for (let e = queue.pop(); e !== undefined; e = queue.pop()) order.push(e.payload);
    assert.deepEqual(order, ["first", "a", "b", "c", "d"]);
    assert.equal(queue.size, 0);
    assert.equal(queue.peekTime(), undefined);
  });

  it("EventQueue is a heap: any push/pop sequence pops the minimum (time, sequence)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 200 }), (ops) => {
        const queue = new EventQueue<number>();
        const reference: Array<{ time: number; seq: number }> = [];
        let seq = 0;
        for (const op of ops) {
          if (op >= 0) {
            queue.push(op, seq);
            reference.push({ time: op, seq: seq++ });
          } else {
            reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
            const expected = reference.shift();
            const got = queue.pop();
            assert.deepEqual(got && { time: got.time, seq: got.payload }, expected);
          }
        }
        assert.equal(queue.size, reference.length);
      }),
    );
  });

  it("exponential(u, rate) is the inverse CDF: u = 1 − e^(−1) gives 1/rate", () => {
    assert.ok(Math.abs(exponential(1 - Math.exp(-1), 4) - 0.25) < 1e-9, String(exponential(1 - Math.exp(-1), 4)));
    assert.equal(exponential(0, 3), 0);
  });
});
