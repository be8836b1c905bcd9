/**
 * `npm run doctor`: is everything in place to run the notebooks? Prints
 * the versions of node, tslab, Python and Jupyter, where the `tslab`
 * kernelspec is, whether Jupyter itself sees it, and runs `1+1` live
 * through that kernelspec with the project's runner. Each problem comes
 * with its fix; the exit code is 1 when something is broken.
 *
 * Read-only: it registers nothing and installs nothing.
 *
 * CLI: `tsx kernel-setup/doctor.ts [--json] [--no-live] [--data-dir DIR]`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { boolean, finite, nonEmptyString, object } from "../src/internal/errors";
import { executeNotebookObject, type Notebook } from "../src/runner";
import { APT_PACKAGES, PROJECT_ROOT, findJupyter, installFacts, installPlan, realSystem, type JupyterSearch } from "./jupyter";
import { packageVersion } from "../src/cli/io";
import { jupyterPath } from "../src/runner/kernel/kernelspec";
import { KERNEL_NAME, installedSpecs, kernelDir, projectDataDir, projectTslab } from "./kernelspec";
import { jupyterEnv } from "./start";

/** "ok", "warn" (works, but worth fixing) or "fail" (broken). */
export type Status = "ok" | "warn" | "fail";

/** One finding. */
export interface Check {
  readonly name: string;
  readonly status: Status;
  readonly detail: string;
  /** What to do about it (for "warn" and "fail"). */
  readonly fix?: string;
}

/** Everything the doctor found. */
export interface DoctorReport {
  readonly checks: readonly Check[];
  /** True when no check failed. */
  readonly ok: boolean;
}

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** The checkout; default this one. */
  readonly root?: string;
  /** The project's Jupyter data dir; default `<root>/.jupyter-data`. */
  readonly dataDir?: string;
  /** Run `1+1` through the kernel; default true. */
  readonly live?: boolean;
  /** Milliseconds the live kernel may take to start and answer; default 60 000. */
  readonly liveTimeoutMs?: number;
}

/** The smallest Node.js the project supports (package.json `engines`). */
export const MIN_NODE_MAJOR = 20;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function checkNode(): Check {
  const major = Number(/^v(\d+)/.exec(process.version)?.[1] ?? 0);
  return major >= MIN_NODE_MAJOR
    ? { name: "node", status: "ok", detail: `${process.version} (${process.execPath})` }
    : { name: "node", status: "fail", detail: `${process.version} is older than ${MIN_NODE_MAJOR}`, fix: `install Node.js ${MIN_NODE_MAJOR} or later (https://nodejs.org, or nvm install ${MIN_NODE_MAJOR})` };
}

function checkTslab(root: string): Check {
  try {
    const tslab = projectTslab(root);
    return { name: "tslab", status: "ok", detail: `${tslab.version} (${tslab.dir})` };
  } catch (error) {
    return { name: "tslab", status: "fail", detail: (error as Error).message, fix: `npm install (in ${root})` };
  }
}

function checkZeromq(root: string): Check {
  try {
    const path = require.resolve("zeromq", { paths: [root] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const zmq = require(path) as { version?: string };
    return { name: "zeromq", status: "ok", detail: `libzmq ${zmq.version ?? "(version unknown)"}` };
  } catch (error) {
    return { name: "zeromq", status: "fail", detail: `cannot load zeromq: ${(error as Error).message.split("\n")[0]}`, fix: "npm rebuild zeromq (or npm install)" };
  }
}

function checkLibrary(root: string): Check {
  const name = "library";
  const index = join(root, "dist", "index.js");
  if (!existsSync(index)) return { name, status: "fail", detail: "dist/index.js is missing, so `import ... from \"tradeoff-lab\"` fails in notebooks", fix: "npm run build" };
  let linked: boolean;
  try {
    linked = realpathSync(join(root, "node_modules", "tradeoff-lab")) === realpathSync(root);
  } catch {
    linked = false;
  }
  if (!linked) return { name, status: "fail", detail: "node_modules/tradeoff-lab does not link to this checkout, so notebooks cannot import the library", fix: "npm install" };
  const stale = newestMtime(join(root, "src")) > statSync(index).mtimeMs;
  return stale
    ? { name, status: "warn", detail: "dist/ is older than src/: notebooks would import the previous build", fix: "npm run build" }
    : { name, status: "ok", detail: `tradeoff-lab built (${index})` };
}

function installHint(): string {
  const plan = installPlan(installFacts());
  if (plan.kind === "manual") return plan.message.replace(/\n/g, "\n        ");
  return `npm run jupyter:install (it would install ${plan.summary}: ${plan.commands.map((c) => c.join(" ")).join(" && ")})`;
}

function checkJupyter(search: JupyterSearch): Check[] {
  const found = search.found;
  const pathPython = realSystem().which("python3")[0];
  const shadow =
    found && pathPython && pathPython !== found.python && !search.tried.find((t) => t.python === pathPython)?.probe?.packages.jupyter_client
      ? `; note: python3 on PATH (${pathPython}) has no Jupyter, so \`tslab install\` would fail there`
      : "";
  if (!found) {
    return [{ name: "jupyter", status: "fail", detail: `no Python with Jupyter (tried ${search.tried.map((t) => t.python).join(", ") || "nothing"})`, fix: installHint() }];
  }
  const p = found.probe.packages;
  const versions = (["notebook", "jupyterlab", "jupyter_server", "nbconvert", "nbclient", "jupyter_client"] as const)
    .map((k) => `${k} ${p[k] ?? "-"}`)
    .join(", ");
  const checks: Check[] = [
    { name: "python", status: "ok", detail: `${found.python} (${found.source}), Python ${found.probe.version}, sys.prefix ${found.probe.prefix}${shadow}` },
    found.server
      ? { name: "jupyter", status: "ok", detail: `npm start runs ${found.server.label}${p.jupyterlab ? "" : " (JupyterLab is not installed)"}; ${versions}` }
      : { name: "jupyter", status: "fail", detail: `${found.python} has jupyter_client but neither JupyterLab nor Notebook; ${versions}`, fix: installHint() },
  ];
  if (!p.nbconvert) {
    checks.push({ name: "nbconvert", status: "warn", detail: "nbconvert is missing: `npm run export` needs it", fix: `apt-get install ${APT_PACKAGES[1]} (Debian/Ubuntu) or ${found.python} -m pip install nbconvert` });
  }
  return checks;
}

function checkKernelspec(root: string, dataDir: string, search: JupyterSearch): { check: Check; specPath: string | undefined } {
  const name = "kernelspec";
  // Where Jupyter itself would look (jupyter_core's data path with the Jupyter Python's sys.prefix).
  const others = jupyterPath({
    env: process.env,
    platform: process.platform,
    home: homedir(),
    ...(search.found ? { sysPrefix: search.found.probe.prefix } : {}),
  });
  const elsewhere = installedSpecs([...new Set(others)].filter((d) => resolve(d) !== resolve(dataDir)), root);
  const notes = elsewhere.map((s) => `${s.path} (${s.pointsHere ? "runs this checkout's tslab" : `runs ${s.argv?.slice(0, -3).join(" ") ?? "an unreadable argv"}`})`);
  const also = notes.length ? `; also registered: ${notes.join("; ")}` : "";
  const [project] = installedSpecs([dataDir], root);
  if (!project) {
    return {
      check: { name, status: "fail", detail: `no ${KERNEL_NAME} kernelspec in ${kernelDir(dataDir)}${also}`, fix: "npm run kernel:install (npm start also registers it)" },
      specPath: undefined,
    };
  }
  if (!project.pointsHere) {
    return {
      check: {
        name,
        status: "fail",
        detail: `${project.path} does not run this checkout's tslab with an existing node${project.argv?.includes("--snapshot-blob") === true ? ", from the kernel snapshot built for that node" : ""} (argv: ${project.argv?.join(" ") ?? "unreadable"})`,
        fix: "npm run kernel:install",
      },
      specPath: undefined,
    };
  }
  return { check: { name, status: "ok", detail: `${project.path} → ${project.argv?.slice(0, -3).join(" ")}${also}` }, specPath: project.path };
}

const LIST_SPECS = "import json\nfrom jupyter_client.kernelspec import KernelSpecManager\nprint(json.dumps(KernelSpecManager().find_kernel_specs()))";

function checkJupyterSees(search: JupyterSearch, dataDir: string): Check | undefined {
  const found = search.found;
  if (!found?.probe.packages.jupyter_client) return undefined;
  const run = spawnSync(found.python, ["-c", LIST_SPECS], { encoding: "utf8", timeout: 30_000, env: jupyterEnv(process.env, dataDir) });
  let specs: Record<string, string>;
  try {
    specs = JSON.parse(run.stdout.trim()) as Record<string, string>;
  } catch {
    return { name: "jupyter sees", status: "fail", detail: `could not list kernelspecs with ${found.python}: ${(run.stderr || run.error?.message || "").trim().split("\n").pop()}`, fix: `run ${found.python} -m jupyter kernelspec list to see the error in full` };
  }
  const where = specs[KERNEL_NAME];
  return where && resolve(where) === resolve(kernelDir(dataDir))
    ? { name: "jupyter sees", status: "ok", detail: `Jupyter (with npm start's settings) lists ${KERNEL_NAME} at ${where}` }
    : { name: "jupyter sees", status: "fail", detail: `Jupyter (with npm start's settings) ${where ? `finds ${KERNEL_NAME} at ${where}, not in ${dataDir}` : `does not list ${KERNEL_NAME}`}; it lists ${Object.keys(specs).join(", ") || "nothing"}`, fix: "npm run kernel:install" };
}

async function checkLive(root: string, specPath: string | undefined, timeoutMs: number): Promise<Check> {
  const name = "live kernel";
  const kernel = specPath ?? "tslab";
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: "TypeScript", language: "typescript" } },
    cells: [{ cell_type: "code", id: "doctor-one-plus-one", source: "1+1", metadata: {}, execution_count: null, outputs: [] }],
  };
  const started = performance.now();
  try {
    const result = await executeNotebookObject(nb, { cwd: root, kernel, startupTimeoutMs: timeoutMs, cellTimeoutMs: timeoutMs });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const cell = result.cells[0];
    const answer = cell?.text().trim();
    const via = specPath ? `the kernelspec ${specPath}` : "the runner's built-in tslab spec (no kernelspec registered)";
    if (result.ok && answer === "2") return { name, status: "ok", detail: `1+1 = 2 in ${seconds} s through ${via}` };
    const why = result.error ? `${result.error.ename}: ${result.error.evalue}` : `printed ${JSON.stringify(answer)}`;
    return { name, status: "fail", detail: `1+1 did not give 2 (${why})`, fix: "npm install, then npm run doctor again; the runner's error above names the cause" };
  } catch (error) {
    return { name, status: "fail", detail: `the kernel did not run 1+1: ${(error as Error).message.split("\n")[0]}`, fix: "npm install (tslab and zeromq), then npm run doctor again" };
  }
}

/**
 * Runs every check (see the module comment).
 * @param options root, dataDir, live (default true), liveTimeoutMs (default 60 000, > 0)
 * @throws TypeError / RangeError for bad options, e.g. `doctor.runDoctor: liveTimeoutMs must be a finite number > 0, got 0`
 * @example (await runDoctor()).checks.find((c) => c.name === "live kernel")?.detail // => "1+1 = 2 in 2.1 s through the kernelspec …"
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const where = "doctor.runDoctor";
  object(where, "options", options);
  const root = resolve(nonEmptyString(where, "root", options.root ?? PROJECT_ROOT));
  const dataDir = resolve(nonEmptyString(where, "dataDir", options.dataDir ?? projectDataDir(root)));
  const live = boolean(where, "live", options.live ?? true);
  const liveTimeoutMs = finite(where, "liveTimeoutMs", options.liveTimeoutMs ?? 60_000, { min: 0, minExclusive: true });
  const checks: Check[] = [checkNode(), checkTslab(root), checkZeromq(root), checkLibrary(root)];
  const search = findJupyter(realSystem(), root);
  checks.push(...checkJupyter(search));
  const { check, specPath } = checkKernelspec(root, dataDir, search);
  checks.push(check);
  const sees = checkJupyterSees(search, dataDir);
  if (sees) checks.push(sees);
  if (live) checks.push(await checkLive(root, specPath, liveTimeoutMs));
  return { checks, ok: checks.every((c) => c.status !== "fail") };
}

const MARK: Record<Status, string> = { ok: "✓", warn: "!", fail: "✗" };

/**
 * The report as text: one line per check, each problem followed by its fix.
 * @example formatReport({ ok: true, checks: [{ name: "node", status: "ok", detail: "v20" }] }) // => "tradeoff-lab doctor\n  ✓ node          v20\n\nall good"
 */
export function formatReport(report: DoctorReport): string {
  object("doctor.formatReport", "report", report);
  const lines = ["tradeoff-lab doctor"];
  for (const c of report.checks) {
    lines.push(`  ${MARK[c.status]} ${c.name.padEnd(13)} ${c.detail}`);
    if (c.fix && c.status !== "ok") lines.push(`    fix: ${c.fix}`);
  }
  const failed = report.checks.filter((c) => c.status === "fail").length;
  const warned = report.checks.filter((c) => c.status === "warn").length;
  lines.push("", failed ? `${failed} problem${failed === 1 ? "" : "s"} to fix (see "fix:" above)` : warned ? `works, with ${warned} warning${warned === 1 ? "" : "s"}` : "all good");
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--version") || argv.includes("-V")) {
    console.log(packageVersion());
    return 0;
  }
  const json = argv.includes("--json");
  const live = !argv.includes("--no-live");
  const at = argv.indexOf("--data-dir");
  const dataDir = at >= 0 ? argv[at + 1] : undefined;
  const report = await runDoctor({ live, ...(dataDir ? { dataDir } : {}) });
  console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
