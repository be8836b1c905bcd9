import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parameterArguments, typedParameters, UsageError } from "../../src/cli/arguments";
import { ParameterError } from "../../src/runner/errors";
import type { NotebookParameter } from "../../src/runner/parameters";

const declared: NotebookParameter[] = [
  { name: "goal", type: "string", default: "Durability", source: 'const goal: string = "Durability";', kind: "const", annotation: "string", line: 1, rule: {} },
  { name: "sweepMaxWeight", type: "number", default: 10, source: "const sweepMaxWeight = 10;", kind: "const", line: 2, rule: {} },
];

describe("cli/arguments", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-arguments-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("parameterArguments(['goal=a=b']) splits at the first '='; an empty value is kept", () => {
    assert.deepEqual(parameterArguments(["goal=a=b", "x="], undefined, "cmd").pairs, [
      { name: "goal", text: "a=b" },
      { name: "x", text: "" },
    ]);
  });

  it("parameterArguments(['goal']) and ['=x'] are UsageErrors naming the command", () => {
    for (const bad of ["goal", "=x"]) {
      assert.throws(() => parameterArguments([bad], undefined, "tradeoff-lab run"), (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.equal(e.message, `tradeoff-lab run: -p must be name=value, got ${JSON.stringify(bad)}`);
        return true;
      });
    }
  });

  it("--params-file must hold a JSON object", () => {
    const array = join(dir, "array.json");
    writeFileSync(array, "[1]");
    assert.throws(() => parameterArguments([], array, "cmd"), { name: "UsageError", message: `cmd: --params-file ${array} must hold a JSON object` });
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{");
    assert.throws(() => parameterArguments([], broken, "cmd"), /^UsageError: cmd: --params-file .* must be a JSON object: /);
  });

  it("typedParameters(): -p wins over the file and is converted to the declared type; unknown names keep their text", () => {
    const file = join(dir, "p.json");
    writeFileSync(file, JSON.stringify({ goal: "Latency", sweepMaxWeight: 3 }));
    const args = parameterArguments(["sweepMaxWeight=5", "other=7"], file, "tradeoff-lab cmd");
    assert.deepEqual(typedParameters(args, declared, "tradeoff-lab cmd"), { goal: "Latency", sweepMaxWeight: 5, other: "7" });
  });

  it("typedParameters(): -p __proto__=1 becomes an own key (then refused by name), never the prototype", () => {
    const values = typedParameters(parameterArguments(["__proto__=1", "constructor=2"], undefined, "tradeoff-lab cmd"), declared, "tradeoff-lab cmd");
    assert.deepEqual(Object.keys(values), ["__proto__", "constructor"]);
    assert.equal(Object.getPrototypeOf(values), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(values, "__proto__")?.value, "1");
  });

  it("typedParameters(): a -p value not of the declared type is a ParameterError", () => {
    assert.throws(() => typedParameters(parameterArguments(["sweepMaxWeight=many"], undefined, "tradeoff-lab cmd"), declared, "tradeoff-lab cmd"), (e: unknown) => e instanceof ParameterError);
  });
});
