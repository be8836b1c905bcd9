/**
 * Fuzz over every public function of the notebook entry (src/index.ts),
 * and of the runner (src/tools.ts):
 * each call with hostile input either throws a TypeError or RangeError
 * whose message names the function (`namespace.function`), or returns a
 * result in which every number is finite.
 *
 * Inputs mix hostile values (NaN, ±Infinity, -0, 1e308, BigInt, Symbol,
 * arrays with holes, `constructor`/`__proto__`/`toString` keys, huge
 * arrays) with plausible ones, and option objects whose keys are the
 * option names the library's own interfaces declare, so calls reach past
 * the first check. The counts are printed for the issue's closing note.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import * as lib from "../src";
import { setSink } from "../src/display";
import { runner } from "../src/tools";

const SRC = join(__dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every property name the library's interfaces declare: the option names callers pass. */
const KEYS = [
  ...new Set(sourceFiles(SRC).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/^\s+(?:readonly )?(\w+)\??: /gm)].map((m) => m[1]))),
].sort();

function holey(): unknown[] {
  const a = [1, 2, 3];
  delete a[1];
  return a;
}
function protoKeyed(name: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(name)}: ${JSON.stringify(value)}}`) as Record<string, unknown>;
}

const hostile = fc.constantFrom<unknown>(
  NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53, 2 ** 31, 5e-324, -1, 1.5,
  10n, Symbol("s"), null, undefined, true, "", "constructor", "__proto__", "toString", "0x40", " 1 ", "\u2028",
  [], [NaN], [Infinity, 1], holey(), new Array(3), [10n], [Symbol("s")], ["constructor", "__proto__"],
  {}, Object.create(null), protoKeyed("__proto__", 1), protoKeyed("constructor", 1), protoKeyed("toString", 1),
  { length: 2 }, () => 1, new Date(NaN), new Map(),
);
const plausible = fc.oneof(
  fc.constantFrom<unknown>(0, 1, 2, 3, 5, 10, 100, 1000, 0.5, 0.9, 0.99, 0.999, "us-east-1", "eu-west-1", "A", "B", "month", "hot", "sync", "linearizable"),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: -5, max: 50 }),
  fc.string({ maxLength: 6 }),
);
const { value } = fc.letrec<{ value: unknown; obj: Record<string, unknown>; arr: unknown[] }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, hostile, plausible, tie("obj"), tie("arr")),
  obj: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom("constructor", "__proto__", "toString")), tie("value"), { maxKeys: 6 }),
  arr: fc.array(tie("value"), { maxLength: 5 }),
}));
/** Where each namespace's source lives, for finding its functions' @example calls. */
function namespaceFiles(ns: string): string[] {
  const folder = join(SRC, ns);
  try {
    return statSync(folder).isDirectory() ? sourceFiles(folder) : [];
  } catch {
    return [join(SRC, `${ns}.ts`)];
  }
}

/**
 * The argument lists of a function's TSDoc `@example` calls, evaluated with
 * the namespace's functions in scope: valid calls that mutation then breaks
 * one value at a time, so the fuzz reaches the checks behind the first one.
 */
function exampleArgs(ns: string, fn: string, scope: Record<string, unknown>): unknown[][] {
  const found: unknown[][] = [];
  for (const file of namespaceFiles(ns)) {
    const text = readFileSync(file, "utf8").replace(/\n\s*\* ?/g, " ");
    for (const m of text.matchAll(new RegExp(`@example (?:${ns}\\.)?${fn}\\(`, "g"))) {
      const start = (m.index ?? 0) + m[0].length;
      let depth = 1;
      let i = start;
      for (; i < text.length && depth > 0; i++) {
        if (text[i] === "(") depth++;
        else if (text[i] === ")") depth--;
      }
      try {
        const args = new Function(...Object.keys(scope), `return [${text.slice(start, i - 1)}];`)(...Object.values(scope)) as unknown[];
        found.push(args);
      } catch {
        // an example written as prose ("…") is not a call
      }
    }
  }
  return found;
}

type Path = (string | number)[];
function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
}
/** Every position in a value where a mutation can go (the root included), up to 200. */
function paths(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (out.length >= 200) return out;
  out.push(path);
  if (Array.isArray(v)) v.slice(0, 20).forEach((x, i) => paths(x, [...path, i], out));
  else if (isPlain(v)) for (const k of Object.keys(v)) paths(v[k], [...path, k], out);
  return out;
}
/** A copy of plain objects and arrays along the way (other values are shared). */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}
type Mutation = { at: number; kind: "set" | "delete" | "protoKey"; value: unknown; key: string };
function mutate(args: unknown[], mutations: Mutation[]): unknown[] {
  const root = copy(args) as unknown[];
  for (const m of mutations) {
    const all = paths(root).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const path = all[m.at % all.length];
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (m.kind === "delete" && !Array.isArray(parent)) delete parent[last];
    else if (m.kind === "protoKey" && isPlain(parent[last])) Object.defineProperty(parent[last], m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else parent[last] = m.value;
  }
  return root;
}

/** Arrays too long for spread arguments or recursion. */
const huge = fc.constantFrom<unknown>(new Array(300_000).fill(0.5), new Array(300_000).fill(1));

/**
 * Results that may hold non-finite numbers. A function may return Infinity
 * where its TSDoc says so (found below); these pass the caller's data through.
 */
const PASSES_DATA_THROUGH = new Set<string>([
  "display.figure", // raw Plotly traces, kept as given: NaN is a gap in a Plotly series
  "multiRegion.lastWriteWins", // writes carry any value; the winner and the lost writes are returned as given
  "multiRegion.reconcileByClock", // likewise for the siblings' values
]);
/**
 * Functions whose checks are written by the function they delegate to and
 * name it: the message names that function instead.
 */
const DELEGATES_TO: Record<string, string[]> = {
  "runner.executeNotebookObject": ["runner.executeNotebook"],
  "runner.executeNotebook": ["runner.readNotebook"],
  "runner.writeNotebookAtomic": ["runner.serializeNotebook"],
  "runner.parseCliValue": ["runner.cli"],
  "runner.injectParameters": ["runner.executeNotebook"],
  "runner.kernelSearchPath": ["runner.jupyterPath"],
};

/** Deprecated aliases are the same function under an old name; their messages name the current one. */
const ALIASES = new Map<string, string[]>();

/** TSDoc of each `export function name` in a namespace's files. */
function docOf(ns: string, fn: string): string {
  for (const file of namespaceFiles(ns)) {
    const m = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export (?:async )?function ${fn}\\b`).exec(readFileSync(file, "utf8"));
    if (m) return m[1];
  }
  return "";
}

interface Tally {
  cases: number;
  cleanErrors: number;
  results: number;
  others: { name: string; args: string; problem: string }[];
}

function describeArgs(args: unknown[]): string {
  try {
    return fc.stringify(args).slice(0, 300);
  } catch {
    return "(unprintable)";
  }
}

/** The first non-finite number found in a result, by path, or undefined. */
function nonFinite(result: unknown, seen = new Set<unknown>(), path = "result", depth = 0): string | undefined {
  if (typeof result === "number") return Number.isFinite(result) ? undefined : `${path} = ${result}`;
  if (typeof result !== "object" || result === null || seen.has(result) || depth > 6) return undefined;
  seen.add(result);
  const entries = result instanceof Map ? [...result.entries()] : Object.entries(result).slice(0, 2000);
  for (const [k, v] of entries) {
    const found = nonFinite(v, seen, `${path}.${String(k)}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function judge(
  tally: Tally,
  { name, infinityDocumented }: { name: string; infinityDocumented: boolean },
  args: unknown[],
  outcome: { threw: true; error: unknown } | { threw: false; result: unknown },
): void {
  tally.cases++;
  if (outcome.threw) {
    const e = outcome.error;
    const named = [name, ...(DELEGATES_TO[name] ?? []), ...(ALIASES.get(name) ?? [])].some((n) => e instanceof Error && e.message.startsWith(`${n}:`));
    if ((e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError || e instanceof runner.RunnerError) && named) tally.cleanErrors++;
    else tally.others.push({ name, args: describeArgs(args), problem: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300) });
    return;
  }
  tally.results++;
  const found = PASSES_DATA_THROUGH.has(name) ? undefined : nonFinite(outcome.result);
  const bad = found !== undefined && infinityDocumented && /= -?Infinity$/.test(found) ? undefined : found;
  if (bad) tally.others.push({ name, args: describeArgs(args), problem: `returned ${bad}` });
}

function isClass(f: unknown): boolean {
  return typeof f === "function" && /^class\b/.test(Function.prototype.toString.call(f));
}

/** Calls that would start a kernel are pointed at a kernel that does not exist. */
function guard(name: string, args: unknown[]): unknown[] {
  if (name !== "runner.executeNotebook" && name !== "runner.executeNotebookObject") return args;
  const at = name === "runner.executeNotebook" ? 1 : 1;
  const copy = args.slice();
  const options = copy[at];
  if (typeof options === "object" && options !== null && !Array.isArray(options)) copy[at] = { ...options, kernel: "/nonexistent/kernel.json" };
  else if (options === undefined) copy[at] = { kernel: "/nonexistent/kernel.json" };
  return copy;
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

describe("public surface fuzz (every function of src/index.ts)", function () {
  this.timeout(600_000);
  for (const [ns, mod] of Object.entries({ ...lib, runner })) {
    const byFunction = new Map<unknown, string[]>();
    for (const [fn, f] of Object.entries(mod as Record<string, unknown>)) if (typeof f === "function") byFunction.set(f, [...(byFunction.get(f) ?? []), `${ns}.${fn}`]);
    for (const names of byFunction.values()) for (const n of names) ALIASES.set(n, names);
  }
  // The notebook entry, and the runner from the tools entry (its functions take notebooks and paths from users too).
  const functions = Object.entries({ ...lib, runner }).flatMap(([ns, mod]) => {
    const scope = { ...lib, ...(mod as Record<string, unknown>) };
    return Object.entries(mod as Record<string, unknown>)
      .filter(([, f]) => typeof f === "function" && !isClass(f))
      .map(([fn, f]) => ({
        name: `${ns}.${fn}`,
        f: f as (...args: unknown[]) => unknown,
        examples: exampleArgs(ns, fn, scope),
        infinityDocumented: /Infinity|∞/.test(docOf(ns, fn)),
      }));
  });
  const tally: Tally = { cases: 0, cleanErrors: 0, results: 0, others: [] };
  let cwd = "";
  let dir = "";
  const log = console.log;

  before(() => {
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), "fuzz-"));
    process.chdir(dir); // a call that writes files writes them here
    setSink(() => undefined);
    console.log = () => undefined; // exercises.check and progress print their verdicts
  });
  after(() => {
    console.log = log;
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
    setSink(undefined);
    console.log(
      `      fuzz: ${functions.length} functions, ${tally.cases} cases, ${tally.cleanErrors} clean named errors, ` +
        `${tally.results} results, ${tally.others.length} others (${functions.filter((f) => f.examples.length > 0).length} functions fuzzed from their @example calls too)`,
    );
  });

  it("finds more than 200 public functions", () => {
    assert.ok(functions.length > 200, `${functions.length}`);
  });

  it("every call throws a named TypeError/RangeError or returns finite numbers", async () => {
    const slowest: [string, number][] = [];
    for (const { name, f, examples, infinityDocumented } of functions) {
      const started = performance.now();
      const arity = Math.max(f.length, 1);
      const randomArgs = fc.array(fc.oneof({ arbitrary: value, weight: 8 }, { arbitrary: huge, weight: 1 }), { minLength: 0, maxLength: arity + 1 });
      const mutation = fc.record({
        at: fc.nat(),
        kind: fc.constantFrom<Mutation["kind"]>("set", "set", "set", "delete", "protoKey"),
        value: fc.oneof({ arbitrary: value, weight: 12 }, { arbitrary: huge, weight: 1 }),
        key: fc.constantFrom("constructor", "__proto__", "toString"),
      });
      const mutatedExample =
        examples.length === 0
          ? randomArgs
          : fc.tuple(fc.nat({ max: examples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([i, ms]) => mutate(examples[i], ms));
      await fc.assert(
        fc.asyncProperty(fc.oneof(randomArgs, mutatedExample, mutatedExample), async (raw) => {
          const args = guard(name, raw);
          let outcome: { threw: true; error: unknown } | { threw: false; result: unknown };
          try {
            let result = f(...args);
            if (result instanceof Promise) result = await result;
            outcome = { threw: false, result };
          } catch (error) {
            outcome = { threw: true, error };
          }
          setSink(() => undefined);
          judge(tally, { name, infinityDocumented }, args, outcome);
        }),
        { numRuns: RUNS, seed: 16 },
      );
      slowest.push([name, performance.now() - started]);
    }
    if (process.env.FUZZ_TIMES) log(slowest.sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, ms]) => `${n} ${Math.round(ms)} ms`).join("\n"));
    const byFunction = new Map<string, string[]>();
    for (const o of tally.others) byFunction.set(o.name, [...(byFunction.get(o.name) ?? []), `${o.problem}  <- ${o.args}`]);
    const report = [...byFunction].map(([n, list]) => `${n} (${list.length}): ${list[0]}`).join("\n");
    assert.equal(tally.others.length, 0, `${tally.others.length} calls neither threw a named error nor returned finite numbers:\n${report}`);
  });
});
