import { strict as assert } from "node:assert";
import { queryEngine } from "../../src/cost/query";

describe("cost/query", () => {
  it("queryEngine({usdPerHour: 40, hoursPerDay: 1, daysPerMonth: 30}) is 30 h × $40 = $1,200", () => {
    const item = queryEngine({ usdPerHour: 40, hoursPerDay: 1, daysPerMonth: 30 });
    assert.equal(item.quantity, 30);
    assert.equal(item.usdPerMonth, 1200);
    assert.equal(item.category, "query");
  });
  it("queryEngine() at the course's implied $32.88/h for 1 h/day over a 730-hour month is $1,000", () => {
    const item = queryEngine({ usdPerHour: 1000 / (730 / 24), hoursPerDay: 1 });
    assert.ok(Math.abs(item.usdPerMonth - 1000) < 1e-9);
  });
  it("queryEngine() rejects bad input with the exact message", () => {
    assert.throws(() => queryEngine({ usdPerHour: -3 }), { name: "RangeError", message: "cost.queryEngine: usdPerHour must be a finite number >= 0, got -3" });
    assert.throws(() => queryEngine({ usdPerHour: 3, hoursPerMonth: 800 }), { message: "cost.queryEngine: hoursPerMonth must be a finite number in [0, 744], got 800" });
    assert.throws(() => queryEngine({ usdPerHour: 3, daysPerMonth: 5 }), { message: "cost.queryEngine: daysPerMonth must be undefined unless hoursPerDay is given, got 5" });
  });
});
