import { strict as assert } from "node:assert";
import { isJsonLike, isPlainObject } from "../../src/internal/json";

describe("internal/json", () => {
  it("isJsonLike() is true for literal data only", () => {
    assert.equal(isJsonLike({ a: [1, "x", null, true] }), true);
    for (const bad of [Number.NaN, Infinity, undefined, () => 1, new Date(0), [1, Number.NaN], { a: undefined }]) assert.equal(isJsonLike(bad), false, String(bad));
  });

  it("isPlainObject() is false for arrays, null and class instances", () => {
    assert.deepEqual([{}, Object.create(null), [], null, new Date(0)].map(isPlainObject), [true, true, false, false, false]);
  });
});
