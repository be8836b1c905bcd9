import { strict as assert } from "node:assert";
import fc from "fast-check";
import { bitLength, complement, decimal, gcd, ratioToNumber } from "../../src/internal/exact";

describe("internal/exact", () => {
  it("complement() subtracts the value as written: 0.999 → 0.001, 0.9995 → 0.0005, 0.99999 → 0.00001", () => {
    assert.equal(complement(0.999), 0.001);
    assert.equal(complement(0.9995), 0.0005);
    assert.equal(complement(0.99999), 0.00001);
    assert.equal(complement(1e-7), 0.9999999);
    assert.notEqual(1 - 0.999, 0.001); // the binary noise this removes
  });
  it("complement() differs from the binary 1 − x by at most x's own representation error, 2^-53 (property)", () => {
    fc.assert(fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (x) => {
      assert.ok(Math.abs(complement(x) - (1 - x)) <= 2 ** -53, `${x}`);
      assert.ok(complement(x) > 0);
    }));
  });
  it("decimal() reads a double as the decimal it prints as", () => {
    assert.equal(decimal(0.1).plus(decimal(0.2)).toString(), "0.3");
    assert.equal(decimal(1e-7).toString(), "1e-7");
  });
  it("gcd() of big integers, with gcd(0, b) = b", () => {
    assert.equal(gcd(12n, 18n), 6n);
    assert.equal(gcd(0n, 7n), 7n);
    assert.equal(gcd(17n, 5n), 1n);
  });
  it("ratioToNumber() rounds a ratio of huge integers to the double the exact quotient is nearest to", () => {
    assert.equal(ratioToNumber(2n, 3n), 2 / 3);
    assert.equal(ratioToNumber(0n, 5n), 0);
    const big = 10n ** 400n;
    assert.equal(ratioToNumber(big, 3n * big), 1 / 3);
    // Found by CI: truncating to 64 bits and then rounding to 53 rounded twice.
    assert.equal(ratioToNumber(114320211965n, 1099511627744n), 114320211965 / 1099511627744);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (a, b) => {
      assert.equal(ratioToNumber(BigInt(a), BigInt(b)), a / b);
    }), { numRuns: 2000 });
    // The same quotients scaled far beyond Number's range: IEEE division of the small
    // operands is correctly rounded, so it is the oracle.
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 52 }), fc.integer({ min: 1, max: 2 ** 52 }), fc.integer({ min: 0, max: 3000 }), (a, b, k) => {
      const scale = 1n << BigInt(k);
      assert.equal(ratioToNumber(BigInt(a) * scale, BigInt(b) * scale), a / b);
    }), { numRuns: 2000 });
  });
  it("bitLength() counts hex digits times four", () => {
    assert.equal(bitLength(0n), 0);
    assert.equal(bitLength(15n), 4);
    assert.equal(bitLength(16n), 8);
  });
});
