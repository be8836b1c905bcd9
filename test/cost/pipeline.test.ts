import { strict as assert } from "node:assert";
import fc from "fast-check";
import { compute } from "../../src/cost/compute";
import { sumUsd } from "../../src/cost/money";
import { bill, lumpSum, saving } from "../../src/cost/pipeline";
import { storage } from "../../src/cost/storage";

describe("cost/pipeline", () => {
  it("bill() keeps only a line item's own fields (a caller's extra keys, even __proto__, stay out of the bill) and checks unit, note and range", () => {
    const item = JSON.parse('{"category":"other","label":"a","quantity":1,"unit":"month","usdPerUnit":1,"usdPerMonth":1,"__proto__":[[NaN]],"extra":1}'.replace("NaN", "null")) as never;
    const b = bill("x", [item]);
    assert.deepEqual(b.items, [{ category: "other", label: "a", quantity: 1, unit: "month", usdPerUnit: 1, usdPerMonth: 1 }]);
    assert.deepEqual(Object.keys(b.items[0] as object), ["category", "label", "quantity", "unit", "usdPerUnit", "usdPerMonth"]);
    const base = { category: "other", label: "a", quantity: 1, unit: "month", usdPerUnit: 1, usdPerMonth: 1 };
    assert.throws(() => bill("x", [{ ...base, rangeUsdPerMonth: [1, Number.NaN] } as never]), { name: "TypeError", message: "cost.bill: items[0].rangeUsdPerMonth[1] must be a finite number, got NaN" });
    assert.throws(() => bill("x", [{ ...base, note: 3 } as never]), { name: "TypeError", message: "cost.bill: items[0].note must be a string or undefined, got 3" });
    assert.throws(() => bill("x", [{ ...base, unit: "" } as never]), { name: "RangeError", message: 'cost.bill: items[0].unit must be a non-empty string, got ""' });
    assert.deepEqual(bill("x", [{ ...base, rangeUsdPerMonth: [0.5, 2], note: "n" } as never]).items[0], { ...base, rangeUsdPerMonth: [0.5, 2], note: "n" });
  });

  it("bill() totals line items and groups them by category", () => {
    const b = bill("x", [
      lumpSum({ category: "network", label: "net", usdPerMonth: 2000 }),
      lumpSum({ category: "query", label: "q", usdPerMonth: 1000 }),
      storage({ tb: 100, tier: "hot" }),
    ]);
    assert.equal(b.items.length, 4);
    assert.equal(b.byCategory.network, 2000);
    assert.ok(Math.abs(b.byCategory.storage - 2250) < 1e-9);
    assert.ok(Math.abs(b.usdPerMonth - 5250) < 1e-9);
  });
  it("saving(303500, 26540) is a 91.3% saving (course's '91% savings')", () => {
    const s = saving(303_500, 26_540);
    assert.equal(s.usdPerMonth, 276_960);
    assert.ok(Math.abs(s.fraction - 0.912553542) < 1e-9);
  });
  it("bill() total is the sum of its items and of its categories (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ usd: fc.double({ min: 0, max: 1e6, noNaN: true }), cat: fc.constantFrom("compute", "storage", "network", "query", "other" as const) }), { maxLength: 20 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (xs, nodes) => {
          const items = [...xs.map((x, i) => lumpSum({ category: x.cat, label: `i${i}`, usdPerMonth: x.usd })), compute({ nodes, vcpusPerNode: 4, usdPerVcpuHour: 0.1 })];
          const b = bill("p", items);
          const direct = sumUsd(items.map((i) => i.usdPerMonth));
          const byCat = sumUsd(Object.values(b.byCategory));
          assert.ok(Math.abs(b.usdPerMonth - direct) <= 1e-9 * Math.max(1, direct));
          assert.ok(Math.abs(b.usdPerMonth - byCat) <= 1e-9 * Math.max(1, direct));
        },
      ),
    );
  });
  it("lumpSum(), bill() and saving() reject bad input with the exact message", () => {
    assert.throws(() => lumpSum({ category: "other", label: "x", usdPerMonth: Infinity }), { name: "TypeError", message: "cost.lumpSum: usdPerMonth must be a finite number, got Infinity" });
    assert.throws(() => lumpSum({ category: "misc" as "other", label: "x", usdPerMonth: 1 }), { message: 'cost.lumpSum: category must be one of "compute", "storage", "network", "query", "other", got "misc"' });
    assert.throws(() => bill("", []), { name: "RangeError", message: 'cost.bill: name must be a non-empty string, got ""' });
    const bad = { ...lumpSum({ category: "other", label: "x", usdPerMonth: 1 }), usdPerMonth: NaN };
    assert.throws(() => bill("b", [bad]), { name: "TypeError", message: "cost.bill: items[0].usdPerMonth must be a finite number, got NaN" });
    const item = lumpSum({ category: "other", label: "x", usdPerMonth: 2 });
    assert.throws(() => bill("b", [{ ...item, quantity: NaN }]), { name: "TypeError", message: "cost.bill: items[0].quantity must be a finite number >= 0, got NaN" });
    assert.throws(() => bill("b", [item, { ...item, quantity: 3 }]), { name: "RangeError", message: "cost.bill: items[1].usdPerMonth must be quantity × usdPerUnit = 6, got 2" });
    const huge = lumpSum({ category: "other", label: "x", usdPerMonth: 1e308 });
    assert.throws(() => bill("b", [huge, huge]), { name: "RangeError", message: "cost.bill: the sum of |items[].usdPerMonth| must be a finite number of USD, got Infinity" });
    assert.throws(() => saving(0, 5), { name: "RangeError", message: "cost.saving: before must be a finite number > 0, got 0" });
    assert.throws(() => saving(10, -5), { message: "cost.saving: after must be a finite number >= 0, got -5" });
  });
});
