/**
 * Doctest: every `@example` in the TSDoc under src/ that states a value
 * (`// => value`) or an output (`// prints "text"`) is run against the
 * built library and compared, so an example cannot go stale.
 *
 * Examples are found with the TypeScript compiler API (the JSDoc tags of
 * every declaration), transpiled to JavaScript, and run in a `node:vm`
 * context holding the exports of the example's own module (dist/<same
 * path>.js) on top of the package's namespaces (`quorum`, `display`, …).
 * Statements before a `// =>` run first, in the same context, so an example
 * may set something up; each `// =>` compares the value of the code since
 * the previous one.
 *
 * How an expected value is read:
 * - a JavaScript expression (`0.5`, `"43.2 min"`, `{ a: 1 }`, `[1, 2]`) is
 *   evaluated and compared with deep strict equality (numbers exactly);
 * - a trailing remark in parentheses is allowed: `0.5555555555555556 (5/9)`;
 * - a number with an ellipsis, `0.5555…` or `1.88…e-6`, means "these digits,
 *   then more": the value must be within one unit of the last digit shown;
 * - a string with an ellipsis, `".../plotly.min.js"`, matches any text there.
 *
 * Examples without `// =>` or `// prints` (a setup line, a call whose value
 * is a side effect or depends on the machine) are not run. The tooling's
 * examples are not run either (see NOT_RUN below).
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createContext, runInContext, runInThisContext, type Context } from "node:vm";
import ts from "typescript";

const root = resolve(__dirname, "..");
const src = join(root, "src");
const dist = join(root, "dist");

/** One `@example` tag. */
export interface Example {
  /** Path below src/, e.g. "quorum.ts". */
  readonly file: string;
  /** 1-based line of the tag. */
  readonly line: number;
  /** The tag's text. */
  readonly text: string;
}

/** A piece of an example: code, and what its last value or its output must be. */
export interface Step {
  readonly code: string;
  readonly expect?: { readonly kind: "value" | "prints"; readonly text: string };
}

/** Every `@example` tag in a TypeScript source text. */
export function examplesIn(file: string, source: string): Example[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const found: Example[] = [];
  const seen = new Set<number>();
  const visit = (node: ts.Node): void => {
    for (const tag of ts.getJSDocTags(node)) {
      if (tag.tagName.text !== "example" || seen.has(tag.pos)) continue;
      seen.add(tag.pos);
      const text = ts.getTextOfJSDocComment(tag.comment) ?? "";
      found.push({ file, line: sf.getLineAndCharacterOfPosition(tag.getStart()).line + 1, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Splits an example at each `// =>` or `// prints`: the code since the previous marker and what follows the marker. */
export function stepsOf(text: string): Step[] {
  const steps: Step[] = [];
  let code: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /\/\/\s*(=>|prints)\s?(.*)$/.exec(line);
    if (!marker) {
      code.push(line);
      continue;
    }
    code.push(line.slice(0, marker.index));
    let expected = marker[2]!;
    // A value may continue on the following lines until the next code line (e.g. a long object).
    while (i + 1 < lines.length && /^\s*\/\/(?!\s*(=>|prints))/.test(lines[i + 1]!)) expected += ` ${lines[++i]!.replace(/^\s*\/\/\s?/, "")}`;
    steps.push({ code: code.join("\n"), expect: { kind: marker[1] === "=>" ? "value" : "prints", text: expected.trim() } });
    code = [];
  }
  if (code.join("").trim() !== "") steps.push({ code: code.join("\n") });
  return steps;
}

/** A number written with an ellipsis inside an expected value: these digits, then more. */
class Approximately {
  constructor(
    readonly digits: string,
    readonly exponent: number,
  ) {}
  holds(actual: unknown): boolean {
    if (typeof actual !== "number") return false;
    const scale = 10 ** this.exponent;
    const decimals = this.digits.split(".")[1]?.length ?? 0;
    return Math.abs(actual - Number(this.digits) * scale) <= 10 ** -decimals * scale * (1 + 1e-9);
  }
  toString(): string {
    return `${this.digits}…${this.exponent === 0 ? "" : `e${this.exponent}`}`;
  }
}

/** Deep equality across vm realms, numbers exact unless written with an ellipsis, `{ …, … }` objects partial. */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected instanceof Approximately) return expected.holds(actual);
  if (typeof expected === "string" && /\.\.\.|…/.test(expected) && typeof actual === "string") {
    const pattern = expected.split(/\.\.\.|…/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*");
    return new RegExp(`^${pattern}$`).test(actual);
  }
  if (expected === null || typeof expected !== "object") return Object.is(actual, expected);
  if (actual === null || typeof actual !== "object") return false;
  if (ArrayBuffer.isView(expected)) return ArrayBuffer.isView(actual) && matches(Array.from(actual as unknown as ArrayLike<number>), Array.from(expected as unknown as ArrayLike<number>));
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    const open = expected.length > 0 && expected[expected.length - 1] === ELLIPSIS;
    const listed = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < listed.length : actual.length !== listed.length) return false;
    return listed.every((e, i) => matches(actual[i], e));
  }
  const record = expected as Record<string, unknown>;
  const open = record[ELLIPSIS_KEY] === true;
  const keys = Object.keys(record).filter((k) => k !== ELLIPSIS_KEY);
  const actualKeys = Object.keys(actual);
  if (!open && actualKeys.length !== keys.length) return false;
  return keys.every((k) => k in (actual as object) && matches((actual as Record<string, unknown>)[k], record[k]));
}

const ELLIPSIS = Symbol("…");
const ELLIPSIS_KEY = "__doctestMore__";

/** Reads an expected value: a JavaScript expression in which `1.414…` is a number with more digits, and `…` ends an open array or object. */
function readExpected(text: string): unknown {
  const js = text
    .replace(/(-?\d+(?:\.\d+)?)(?:…|\.\.\.)(?:e([-+]?\d+))?(?=\s*[,\]}]|\s*$)/g, (_, digits: string, exponent?: string) => `__approx(${JSON.stringify(digits)}, ${Number(exponent ?? 0)})`)
    .replace(/,\s*(?:…|\.\.\.)\s*\}/g, `, ${ELLIPSIS_KEY}: true }`)
    .replace(/^\{\s*(?:…|\.\.\.)\s*,/, `{ ${ELLIPSIS_KEY}: true,`)
    .replace(/,\s*(?:…|\.\.\.)\s*\]/g, ", __more]");
  const evaluate = runInThisContext(`(function (__approx, __more) { return (${js}); })`) as (a: unknown, m: unknown) => unknown;
  return evaluate((digits: string, exponent: number) => new Approximately(digits, exponent), ELLIPSIS);
}

function parses(text: string): boolean {
  try {
    readExpected(text);
    return true;
  } catch {
    return false;
  }
}

/** Compares an actual value with an example's expected text; returns a message when they differ. */
export function mismatch(actual: unknown, expectedText: string): string | undefined {
  const attempts = [expectedText];
  // A remark may follow the value: "0.5555… (5/9)", "[95, 20]: only the unbounded queue grows", "undefined; the file holds nb".
  const remark = /^(.*?)\s+\([^()]*\)$/.exec(expectedText);
  if (remark) attempts.push(remark[1]!);
  for (const separator of [": ", "; "]) {
    const at = expectedText.indexOf(separator);
    if (at > 0) attempts.push(expectedText.slice(0, at));
  }
  // Or plain words: "7 of the 21 defaults" (tried only when the whole text is not a JavaScript value).
  if (!parses(expectedText)) {
    for (let at = expectedText.lastIndexOf(" "); at > 0; at = expectedText.lastIndexOf(" ", at - 1)) {
      if (parses(expectedText.slice(0, at))) {
        attempts.push(expectedText.slice(0, at));
        break;
      }
    }
  }
  let lastError = "";
  for (const text of attempts) {
    let expected: unknown;
    try {
      expected = readExpected(text);
    } catch (error) {
      lastError ||= `the expected value ${JSON.stringify(text)} is not a JavaScript value: ${(error as Error).message}`;
      continue;
    }
    if (matches(actual, expected)) return undefined;
    lastError ||= `expected ${text}, got ${shown(actual)}`;
  }
  return lastError;
}

function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The exports an example sees: the package's namespaces, its folder's namespace (slo/…: every `slo` export), then its own module's exports. */
function scopeFor(file: string): Record<string, unknown> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const pkg = require(join(dist, "index.js")) as Record<string, unknown>;
  const own = require(join(dist, file.replace(/\.ts$/, ".js"))) as Record<string, unknown>;
  const index = join(dist, file.slice(0, Math.max(0, file.indexOf("/"))), "index.js");
  const folder = file.includes("/") && existsSync(index) ? (require(index) as Record<string, unknown>) : {};
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { ...pkg, ...folder, ...own };
}

/** Runs one example; returns the mismatches (empty when it holds). */
export function runExample(example: Example, scope: Record<string, unknown> = scopeFor(example.file)): string[] {
  const printed: string[] = [];
  const context: Context = createContext({
    ...scope,
    console: { log: (...parts: unknown[]) => printed.push(parts.map(String).join(" ")) },
    Math,
    Number,
    Float64Array,
    require,
  });
  const problems: string[] = [];
  for (const step of stepsOf(example.text)) {
    const js = ts.transpileModule(step.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
    printed.length = 0;
    let value: unknown;
    // The library prints with this process's console (exercises.check, display.show's text form).
    const log = console.log;
    console.log = (...parts: unknown[]) => void printed.push(parts.map(String).join(" "));
    try {
      value = runInContext(js, context, { filename: `${example.file}:${example.line}` });
    } catch (error) {
      problems.push(`threw ${(error as Error).name}: ${(error as Error).message}`);
      break;
    } finally {
      console.log = log;
    }
    if (step.expect?.kind === "value") {
      const problem = mismatch(value, step.expect.text);
      if (problem) problems.push(problem);
    } else if (step.expect?.kind === "prints") {
      const problem = mismatch(printed.join("\n"), step.expect.text);
      if (problem) problems.push(`printed: ${problem}`);
    }
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith(".ts") && !d.name.endsWith(".d.ts") ? [join(dir, d.name)] : [],
  );
}

/**
 * The tooling behind `tradeoff-lab/tools` (runner, HTML export, CLI) is
 * not run here: its examples start kernels, read notebooks and write files,
 * which test/runner/, test/export/ and test/cli/ exercise for real. Its
 * pure modules are run (Jupyter paths, tslab's error text, the wire
 * signature, notebook reading and listing). Every example of the
 * notebook-facing library is run.
 */
const NOT_RUN = ["runner/", "export/", "cli/", "tools.ts"];
const RUN_ANYWAY = ["runner/kernel/kernelspec.ts", "runner/kernel/wire.ts", "runner/tslab.ts", "runner/notebook.ts"];

/** Every example under src/ that states a value or an output. */
export function checkedExamples(): Example[] {
  return sourceFiles(src)
    .filter((f) => RUN_ANYWAY.includes(relative(src, f)) || !NOT_RUN.some((folder) => relative(src, f).startsWith(folder)))
    .flatMap((f) => examplesIn(relative(src, f), readFileSync(f, "utf8")))
    .filter((e) => stepsOf(e.text).some((s) => s.expect !== undefined));
}

describe("doctest: every @example under src/ holds", function () {
  this.timeout(120_000);
  const examples = checkedExamples();

  it("finds the examples (more than 200 state a value)", () => {
    assert.ok(examples.length > 200, `only ${examples.length} examples found`);
  });

  const byFile = new Map<string, Example[]>();
  for (const e of examples) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    it(`${file}: ${list.length} example${list.length === 1 ? "" : "s"}`, () => {
      const scope = scopeFor(file);
      const failures = list.flatMap((e) => runExample(e, scope).map((p) => `src/${e.file}:${e.line} ${e.text.split("\n")[0]}\n    ${p}`));
      assert.deepEqual(failures, []);
    });
  }
});

describe("doctest: the checker itself", () => {
  const example = (text: string): Example => ({ file: "quorum.ts", line: 1, text });
  it("fails a wrong value, a wrong approximation and a wrong printed line", () => {
    assert.equal(runExample(example("quorumSize(3) // => 2")).length, 0);
    assert.match(runExample(example("quorumSize(3) // => 3"))[0] ?? "", /expected 3, got 2/);
    assert.equal(runExample(example('kStaleness({ n: 3, r: 1, w: 1, k: 2 }) // => 0.5555… (5/9)')).length, 0);
    assert.match(runExample(example("kStaleness({ n: 3, r: 1, w: 1, k: 2 }) // => 0.5666…"))[0] ?? "", /expected 0\.5666…/);
    assert.match(runExample(example('console.log("a") // prints "b"'))[0] ?? "", /printed: expected "b"/);
  });
  it("reads ellipses in numbers and strings, and remarks in parentheses", () => {
    assert.equal(mismatch(1.8797e-6, "1.88…e-6"), undefined);
    assert.ok(mismatch(1.9e-6, "1.88…e-6"));
    assert.equal(mismatch("/a/b/node_modules/x.js", '".../node_modules/x.js"'), undefined);
    assert.ok(mismatch("/a/b/other/x.js", '".../node_modules/x.js"'));
    assert.equal(mismatch(2 / 3, "0.6666666666666666 (2/3)"), undefined);
    assert.equal(mismatch({ a: [1, 2] }, "{ a: [1, 2] }"), undefined);
    assert.ok(mismatch({ a: [1, 3] }, "{ a: [1, 2] }"));
    assert.ok(mismatch(1, "the same value on every run"));
    assert.equal(mismatch(7, "7 of the 21 defaults"), undefined);
    assert.ok(mismatch(8, "7 of the 21 defaults"));
    assert.ok(mismatch(1, "1 + 1"));
    assert.equal(mismatch({ a: 1, b: 2 }, "{ a: 1, … }"), undefined);
    assert.ok(mismatch({ a: 2, b: 2 }, "{ a: 1, … }"));
  });
  it("splits an example into steps at each // => and keeps setup code with the next step", () => {
    assert.deepEqual(stepsOf("const a = 1;\na + 1 // => 2\na // => 1"), [
      { code: "const a = 1;\na + 1 ", expect: { kind: "value", text: "2" } },
      { code: "a ", expect: { kind: "value", text: "1" } },
    ]);
    assert.deepEqual(stepsOf('f()\n// => "long"'), [{ code: "f()\n", expect: { kind: "value", text: '"long"' } }]);
  });
});
