/**
 * Cold import cost: what a notebook's `import { … } from "tradeoff-lab"`
 * cell pays before its first line runs. Each run is a fresh Node process
 * timing its own `require` (Node's start-up excluded); the median of 5 is
 * printed. Target for the notebook entry (dist/index.js): <= 150 ms.
 *
 * "Whole package" requires every compiled Node module under dist/ (the tools
 * entry's runner, export and CLI included) and zeromq, which the runner
 * loads when it starts a kernel: the cost of a process that uses all of it.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const RUNS = 5;
const root = resolve(__dirname, "..");
const dist = join(root, "dist");

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Every .js file under a folder. */
function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? modulesUnder(join(dir, d.name)) : d.name.endsWith(".js") ? [join(dir, d.name)] : [],
  );
}

/** Requires `paths` in a fresh process; returns the milliseconds the requires took and the modules loaded. */
function coldRequire(paths: readonly string[]): { ms: number; modules: number } {
  const program = [
    `const paths = ${JSON.stringify(paths)};`,
    "const start = process.hrtime.bigint();",
    "for (const p of paths) require(p);",
    "const ms = Number(process.hrtime.bigint() - start) / 1e6;",
    "process.stdout.write(JSON.stringify({ ms, modules: Object.keys(require.cache).length }));",
  ].join("\n");
  return JSON.parse(execFileSync(process.execPath, ["-e", program], { cwd: root, encoding: "utf8" })) as { ms: number; modules: number };
}

function measure(label: string, paths: readonly string[], target?: number): void {
  const runs = Array.from({ length: RUNS }, () => coldRequire(paths));
  const ms = median(runs.map((r) => r.ms));
  const verdict = target === undefined ? "" : ms <= target ? ` (target <= ${target} ms: met)` : ` (target <= ${target} ms: MISSED)`;
  console.log(`${label}: ${ms.toFixed(0)} ms median of ${RUNS} cold requires, ${runs[0]!.modules} modules${verdict}`);
}

export function run(): void {
  measure('notebook entry require("tradeoff-lab") (dist/index.js)', [join(dist, "index.js")], 150);
  // Modules only: not dist/browser/ (the browser bundle needs a window) nor worker-thread entry points.
  const whole = modulesUnder(dist).filter((p) => !p.startsWith(join(dist, "browser")) && !p.endsWith("worker.js"));
  measure(`whole package (${whole.length} files under dist/, plus zeromq)`, [...whole, require.resolve("zeromq", { paths: [root] })]);
}
