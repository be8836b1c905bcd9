import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  achievedAvailability,
  allowedDowntime,
  atLeast,
  nines,
  nPlusK,
  parallel,
  periodSeconds,
  ratioFromNines,
  series,
  type Period,
} from "../src/availability";

const availabilityArb = fc.double({ min: 0, max: 1, noNaN: true });

describe("availability", () => {
  describe("allowedDowntime", () => {
    // Google SRE book, Appendix A "Availability Table" (30-day month, 365-day year),
    // as copied in ../shared/REFERENCES.md. Each cell: [printed value, unit].
    type Unit = "d" | "h" | "min" | "s";
    const table: [number, Partial<Record<Period, [number, Unit]>>][] = [
      [0.99, { year: [3.65, "d"], month: [7.2, "h"], week: [1.68, "h"], day: [14.4, "min"] }],
      [0.999, { year: [8.76, "h"], month: [43.2, "min"], week: [10.1, "min"], day: [1.44, "min"] }],
      [0.9995, { year: [4.38, "h"], month: [21.6, "min"], week: [5.04, "min"], day: [43.2, "s"] }],
      [0.9999, { year: [52.6, "min"], month: [4.32, "min"], week: [60.5, "s"], day: [8.64, "s"] }],
      [0.99999, { year: [5.26, "min"], month: [25.9, "s"], week: [6.05, "s"], day: [0.87, "s"] }],
    ];
    const inUnit = (seconds: number, unit: Unit): number =>
      unit === "d" ? seconds / 86400 : unit === "h" ? seconds / 3600 : unit === "min" ? seconds / 60 : seconds;
    const decimals = (x: number): number => (String(x).split(".")[1] ?? "").length;

    for (const [target, row] of table) {
      for (const [period, [printed, unit]] of Object.entries(row) as [Period, [number, Unit]][]) {
        it(`allowedDowntime({target:${target},period:"${period}"}) is ${printed} ${unit} (SRE book, Appendix A)`, () => {
          const exact = inUnit(allowedDowntime({ target, period }).seconds, unit);
          if (target === 0.99999 && period === "day") {
            // The book prints 0.87 s; (1 − 0.99999) × 86 400 s is exactly 0.864 s,
            // which rounds to 0.86. We keep the exact value and stay within one printed unit.
            assert.equal(exact, 0.864);
            assert.ok(Math.abs(exact - printed) <= 0.01);
            return;
          }
          // Within half a unit of the last digit the book prints.
          assert.ok(Math.abs(exact - printed) <= 0.5 * 10 ** -decimals(printed) + 1e-12, `${exact} vs ${printed}`);
        });
      }
    }

    it('allowedDowntime({target:0.999,period:"month"}) is exactly 43.2 min (course text, SRE book)', () => {
      const d = allowedDowntime({ target: 0.999, period: "month" });
      assert.equal(d.seconds, 2592);
      assert.equal(d.minutes, 43.2);
      assert.equal(d.text, "43.2 min");
    });
    it('allowedDowntime({target:0.999,period:"year"}) is 8.76 h', () => {
      assert.equal(allowedDowntime({ target: 0.999, period: "year" }).hours, 8.76);
      assert.equal(allowedDowntime({ target: 0.999, period: "year" }).text, "8.76 h");
    });
    it('allowedDowntime({target:0.999,period:"month",month:"730-hour"}) is 43.8 min (cloud pricing month)', () => {
      const d = allowedDowntime({ target: 0.999, period: "month", month: "730-hour" });
      assert.equal(d.minutes, 43.8);
      assert.equal(d.text, "43.8 min");
    });
    it('allowedDowntime({target:0.999,period:"quarter"}) is 2.16 h (SRE book, 90-day quarter)', () => {
      assert.equal(allowedDowntime({ target: 0.999, period: "quarter" }).hours, 2.16);
    });
    it('allowedDowntime({target:0.999,period:"year",month:"730-hour"}) is still 8.76 h (12 × 730 h = 365 d)', () => {
      assert.equal(allowedDowntime({ target: 0.999, period: "year", month: "730-hour" }).hours, 8.76);
    });
    it("allowedDowntime() text picks a readable unit", () => {
      assert.equal(allowedDowntime({ target: 0.99, period: "year" }).text, "3.65 d");
      assert.equal(allowedDowntime({ target: 0.99999, period: "day" }).text, "864 ms");
      assert.equal(allowedDowntime({ target: 1, period: "day" }).text, "0 s");
      assert.equal(allowedDowntime({ target: 0, period: "hour" }).text, "1 h");
    });
    it("allowedDowntime() is (1 − target) × period and never exceeds the period (property)", () => {
      const periods: Period[] = ["hour", "day", "week", "month", "quarter", "year"];
      fc.assert(
        fc.property(availabilityArb, fc.constantFrom(...periods), (target, period) => {
          const d = allowedDowntime({ target, period });
          const length = periodSeconds(period);
          assert.ok(d.seconds >= 0 && d.seconds <= length);
          assert.ok(Math.abs(d.seconds - (1 - target) * length) <= 1e-9 * length);
        }),
      );
    });
    it("allowedDowntime() rejects bad input with the exact message", () => {
      assert.throws(() => allowedDowntime({ target: 1.5, period: "month" }), {
        name: "RangeError",
        message: "availability.allowedDowntime: target must be a probability in [0, 1], got 1.5",
      });
      assert.throws(() => allowedDowntime({ target: NaN, period: "month" }), {
        name: "TypeError",
        message: "availability.allowedDowntime: target must be a probability in [0, 1], got NaN",
      });
      assert.throws(() => allowedDowntime({ target: 0.999, period: "fortnight" as Period }), {
        name: "RangeError",
        message:
          'availability.allowedDowntime: period must be one of "hour", "day", "week", "month", "quarter", "year", got "fortnight"',
      });
      assert.throws(() => allowedDowntime({ target: 0.999, period: "month", month: "31-day" as "30-day" }), {
        name: "RangeError",
        message: 'availability.allowedDowntime: month must be one of "30-day", "730-hour", got "31-day"',
      });
      assert.throws(() => allowedDowntime(null as never), {
        name: "TypeError",
        message: "availability.allowedDowntime: options must be an object, got null",
      });
    });
  });

  describe("periodSeconds", () => {
    it('periodSeconds("month") is 30 days and periodSeconds("month","730-hour") is 730 h', () => {
      assert.equal(periodSeconds("month"), 30 * 86400);
      assert.equal(periodSeconds("month", "730-hour"), 730 * 3600);
      assert.equal(periodSeconds("year"), 365 * 86400);
      assert.equal(periodSeconds("quarter"), 90 * 86400);
      assert.equal(periodSeconds("week"), 7 * 86400);
    });
    it("periodSeconds() rejects bad input with the exact message", () => {
      assert.throws(() => periodSeconds(7 as unknown as Period), {
        name: "TypeError",
        message:
          'availability.periodSeconds: period must be one of "hour", "day", "week", "month", "quarter", "year", got 7',
      });
      assert.throws(() => periodSeconds("day", "lunar" as "30-day"), {
        name: "RangeError",
        message: 'availability.periodSeconds: month must be one of "30-day", "730-hour", got "lunar"',
      });
    });
  });

  describe("achievedAvailability", () => {
    it('achievedAvailability({downtimeSeconds:2592,period:"month"}) is 0.999', () => {
      assert.equal(achievedAvailability({ downtimeSeconds: 2592, period: "month" }), 0.999);
    });
    it("achievedAvailability() inverts allowedDowntime() (property)", () => {
      fc.assert(
        fc.property(availabilityArb, fc.constantFrom<Period>("day", "month", "year"), (target, period) => {
          const { seconds } = allowedDowntime({ target, period });
          assert.ok(Math.abs(achievedAvailability({ downtimeSeconds: seconds, period }) - target) < 1e-12);
        }),
      );
    });
    it("achievedAvailability() rejects bad input with the exact message", () => {
      assert.throws(() => achievedAvailability({ downtimeSeconds: 90000, period: "day" }), {
        name: "RangeError",
        message: "availability.achievedAvailability: downtimeSeconds must be a finite number in [0, 86400 (one day)], got 90000",
      });
      assert.throws(() => achievedAvailability({ downtimeSeconds: -1, period: "day" }), {
        name: "RangeError",
        message: "availability.achievedAvailability: downtimeSeconds must be a finite number in [0, 86400 (one day)], got -1",
      });
      assert.throws(() => achievedAvailability({ downtimeSeconds: Infinity, period: "day" }), {
        name: "TypeError",
        message:
          "availability.achievedAvailability: downtimeSeconds must be a finite number in [0, 86400 (one day)], got Infinity",
      });
    });
  });

  describe("nines and ratioFromNines", () => {
    it("nines(0.999) is exactly 3 and nines(0.99999) is exactly 5", () => {
      assert.equal(nines(0.999), 3);
      assert.equal(nines(0.99999), 5);
      assert.equal(nines(0.9), 1);
      assert.equal(nines(0), 0);
    });
    it("nines(0.9995) is log10(2000) = 3.30103", () => {
      assert.ok(Math.abs(nines(0.9995) - Math.log10(2000)) < 1e-12);
    });
    it("ratioFromNines(3) is 0.999 and ratioFromNines(4) is 0.9999", () => {
      assert.equal(ratioFromNines(3), 0.999);
      assert.equal(ratioFromNines(4), 0.9999);
      assert.equal(ratioFromNines(0), 0);
    });
    it("ratioFromNines(nines(x)) is x (property)", () => {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), (x) => {
          assert.ok(Math.abs(ratioFromNines(nines(x)) - x) < 1e-12);
        }),
      );
    });
    it("nines() rejects bad input with the exact message", () => {
      assert.throws(() => nines(1), {
        name: "RangeError",
        message: "availability.nines: ratio must be a probability in [0, 1), got 1",
      });
      assert.throws(() => nines(-0.1), {
        name: "RangeError",
        message: "availability.nines: ratio must be a probability in [0, 1), got -0.1",
      });
      assert.throws(() => nines("0.999" as unknown as number), {
        name: "TypeError",
        message: 'availability.nines: ratio must be a probability in [0, 1), got "0.999"',
      });
    });
    it("ratioFromNines() rejects bad input with the exact message", () => {
      assert.throws(() => ratioFromNines(-1), {
        name: "RangeError",
        message: "availability.ratioFromNines: count must be a finite number in [0, 15], got -1",
      });
      assert.throws(() => ratioFromNines(NaN), {
        name: "TypeError",
        message: "availability.ratioFromNines: count must be a finite number in [0, 15], got NaN",
      });
    });
  });

  describe("series, parallel, atLeast and nPlusK", () => {
    it("series([0.999,0.999]) is 0.998001 (SRE book: series multiplies)", () => {
      assert.equal(series([0.999, 0.999]), 0.998001);
      assert.equal(series([0.5]), 0.5);
    });
    it("parallel([0.99,0.99]) is 0.9999 (SRE book: 1 − Π(1 − a))", () => {
      assert.equal(parallel([0.99, 0.99]), 0.9999);
      assert.equal(parallel([0.9, 0.9, 0.9]), 0.999);
    });
    it("parallel() of 300,000 components answers without overflowing the stack", () => {
      assert.equal(parallel(new Array<number>(300_000).fill(0.5)), 1);
      assert.equal(parallel([...new Array<number>(299_999).fill(0), 0.25]), 0.25);
    });
    it("atLeast({required:2,total:3,availability:0.9}) is 0.972 (3·0.81·0.1 + 0.729)", () => {
      assert.ok(Math.abs(atLeast({ required: 2, total: 3, availability: 0.9 }) - 0.972) < 1e-15);
    });
    it("nPlusK({n:2,k:1,availability:0.99}) is 0.999702", () => {
      assert.ok(Math.abs(nPlusK({ n: 2, k: 1, availability: 0.99 }) - 0.999702) < 1e-15);
    });
    it("nPlusK({n:1000,k:10,availability:0.999}) keeps its precision near 1", () => {
      // P(more than 10 of 1010 fail) = 1.0619072687867930e-8, summed exactly with
      // Python's fractions.Fraction over the binomial terms.
      const down = 1 - nPlusK({ n: 1000, k: 10, availability: 0.999 });
      assert.ok(Math.abs(down / 1.061907268786793e-8 - 1) < 1e-6, String(down));
    });
    it("series ≤ min component, parallel ≥ max component, both in [0, 1] (property)", () => {
      fc.assert(
        fc.property(fc.array(availabilityArb, { minLength: 1, maxLength: 8 }), (xs) => {
          const s = series(xs);
          const p = parallel(xs);
          assert.ok(s >= 0 && s <= Math.min(...xs));
          assert.ok(p <= 1 && p >= Math.max(...xs));
        }),
      );
    });
    it("atLeast() matches enumeration of every up/down pattern for total ≤ 8 (property)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), availabilityArb, (total, required, a) => {
          fc.pre(required <= total);
          let expected = 0;
          for (let mask = 0; mask < 1 << total; mask++) {
            let up = 0;
            for (let i = 0; i < total; i++) if (mask & (1 << i)) up++;
            if (up >= required) expected += a ** up * (1 - a) ** (total - up);
          }
          const got = atLeast({ required, total, availability: a });
          assert.ok(got >= 0 && got <= 1);
          assert.ok(Math.abs(got - expected) < 1e-12, `${got} vs ${expected}`);
        }),
      );
    });
    it("atLeast() is parallel() when one is required and series() when all are (property)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 20 }), availabilityArb, (total, a) => {
          const copies = new Array<number>(total).fill(a);
          assert.ok(Math.abs(atLeast({ required: 1, total, availability: a }) - parallel(copies)) < 1e-12);
          assert.ok(Math.abs(atLeast({ required: total, total, availability: a }) - series(copies)) < 1e-12);
        }),
      );
    });
    it("nPlusK() does not decrease with more spares (property)", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10 }), availabilityArb, (n, k, a) => {
          assert.ok(nPlusK({ n, k: k + 1, availability: a }) >= nPlusK({ n, k, availability: a }) - 1e-12);
        }),
      );
    });
    it("series() and parallel() reject bad input with the exact message", () => {
      assert.throws(() => series([]), {
        name: "RangeError",
        message: "availability.series: components must be an array with length >= 1, got an array of length 0",
      });
      assert.throws(() => series([0.9, 1.2]), {
        name: "RangeError",
        message: "availability.series: components[1] must be a probability in [0, 1], got 1.2",
      });
      assert.throws(() => parallel(0.9 as unknown as number[]), {
        name: "TypeError",
        message: "availability.parallel: components must be an array with length >= 1, got 0.9",
      });
      assert.throws(() => parallel([NaN]), {
        name: "TypeError",
        message: "availability.parallel: components[0] must be a probability in [0, 1], got NaN",
      });
    });
    it("atLeast() rejects bad input with the exact message", () => {
      assert.throws(() => atLeast({ required: 4, total: 3, availability: 0.9 }), {
        name: "RangeError",
        message: "availability.atLeast: required must be an integer in [0, total=3], got 4",
      });
      assert.throws(() => atLeast({ required: 1, total: 0, availability: 0.9 }), {
        name: "RangeError",
        message: "availability.atLeast: total must be an integer in [1, 100000], got 0",
      });
      assert.throws(() => atLeast({ required: 1, total: 3, availability: -0.5 }), {
        name: "RangeError",
        message: "availability.atLeast: availability must be a probability in [0, 1], got -0.5",
      });
    });
    it("nPlusK() rejects bad input with the exact message", () => {
      assert.throws(() => nPlusK({ n: 2.5, k: 1, availability: 0.9 }), {
        name: "RangeError",
        message: "availability.nPlusK: n must be an integer in [1, 100000], got 2.5",
      });
      assert.throws(() => nPlusK({ n: 2, k: -1, availability: 0.9 }), {
        name: "RangeError",
        message: "availability.nPlusK: k must be an integer in [0, 100000 - n=99998], got -1",
      });
      assert.throws(() => nPlusK({ n: 2, k: 1, availability: Infinity }), {
        name: "TypeError",
        message: "availability.nPlusK: availability must be a probability in [0, 1], got Infinity",
      });
    });
  });
});
