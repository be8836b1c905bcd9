import { strict as assert } from "node:assert";
import { readDeclarations, type NotebookParameter } from "../../src/parameters/declaration";
import { checkParameter } from "../../src/parameters/validate";

const CELL = [
  "const replicationFactor: number = 3; // integer in [1, 9]: N",
  "const readQuorum: number = 1; // integer in [1, replicationFactor]: R",
  "const sloTarget: number = 0.999; // ratio in (0, 1): availability SLO",
  "const periodDays: number = 30; // days, >= 3: SLO period",
  'const profileName: string = "WAN"; // "LNKD-SSD" | "WAN": PBS profile',
  "const shares: number[] = [0.5, 0.5]; // ratio, each in [0, 1], length [2, 5]: shares",
  "const dc: Record<string, number> = { \"us-east\": 3 }; // integer, each >= 1: RF per datacenter",
  "const verbose: boolean = false;",
  "const mode: 1 | 2 = 1;",
].join("\n");
const declared = new Map(readDeclarations(CELL).map((p) => [p.name, p]));
const p = (name: string) => declared.get(name) as NotebookParameter;
const defaults = Object.fromEntries([...declared.values()].map((d) => [d.name, d.default]));

function refuses(name: string, value: unknown, kind: typeof TypeError | typeof RangeError, message: string, values = defaults): void {
  assert.throws(() => checkParameter("parameters.check", name, p(name), value, { ...values, [name]: value }), (e: unknown) => {
    assert.ok(e instanceof kind, `${String(e)} is a ${kind.name}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}

describe("parameters/validate", () => {
  it("checkParameter() accepts every default", () => {
    for (const d of declared.values()) checkParameter("parameters.check", d.name, d, d.default, defaults);
  });

  it("checkParameter() names the parameter, what is allowed and the value received (the issue's cases)", () => {
    refuses("replicationFactor", 20, RangeError, "parameters.check: replicationFactor must be an integer in [1, 9], got 20");
    refuses("replicationFactor", "5", TypeError, 'parameters.check: replicationFactor must be an integer in [1, 9], got "5"');
    refuses("profileName", "FOO", RangeError, 'parameters.check: profileName must be one of "LNKD-SSD", "WAN", got "FOO"');
    refuses("sloTarget", 99.9, RangeError, "parameters.check: sloTarget must be a ratio in (0, 1), got 99.9 (a percent? write 0.999)");
    refuses("periodDays", 1, RangeError, "parameters.check: periodDays must be a finite number >= 3, got 1");
  });

  it("checkParameter() resolves a bound that names another parameter, with its value", () => {
    refuses("readQuorum", 4, RangeError, "parameters.check: readQuorum must be an integer in [1, replicationFactor=3], got 4");
    checkParameter("parameters.check", "readQuorum", p("readQuorum"), 4, { ...defaults, replicationFactor: 5 });
  });

  it("checkParameter() checks each element of arrays and objects, and array lengths", () => {
    refuses("shares", [0.5, 1.5], RangeError, "parameters.check: shares[1] must be a ratio in [0, 1], got 1.5 (a percent? write 0.015)");
    refuses("shares", [1], RangeError, "parameters.check: shares must be an array with length in [2, 5], got an array of length 1");
    refuses("dc", { "us-east": 0 }, RangeError, 'parameters.check: dc["us-east"] must be an integer >= 1, got 0');
    refuses("dc", [3], TypeError, "parameters.check: dc must be an object, got an array of length 1");
  });

  it("checkParameter() refuses NaN, a wrong boolean and a number outside a union of literals", () => {
    refuses("sloTarget", Number.NaN, TypeError, "parameters.check: sloTarget must be a ratio in (0, 1), got NaN");
    refuses("verbose", "yes", TypeError, 'parameters.check: verbose must be a boolean, got "yes"');
    refuses("mode", 3, RangeError, "parameters.check: mode must be one of 1, 2, got 3");
  });
});
