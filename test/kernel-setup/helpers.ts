/**
 * Shared set-up for the kernel-setup tests: the real Jupyter (skipped
 * loudly when missing, a failure under CI=true), temp dirs, and spawning
 * `npx tsx kernel-setup/<script>.ts` the way a user runs it, in its own
 * process group so that `after` can always end it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findJupyter, type JupyterFound } from "../../kernel-setup/jupyter";
import { alive, signal } from "../../kernel-setup/processes";

export const ROOT = resolve(__dirname, "..", "..");

/** The real Jupyter with a server app, or skips (fails under CI=true) with a loud message. */
export function requireJupyter(ctx: Mocha.Context): JupyterFound {
  const found = findJupyter().found;
  if (found?.server) return found;
  const message = "Jupyter (notebook or jupyterlab) is missing: run `npx tsx kernel-setup/jupyter.ts install` or apt-get install jupyter-notebook";
  if (process.env.CI === "true") throw new Error(`${message} (CI=true: failing instead of skipping)`);
  console.warn(`\n  !!! SKIPPING JUPYTER TESTS: ${message} !!!\n`);
  ctx.skip();
}

/** A fresh temp dir, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `tradeoff-lab-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A script run in its own process group, with its output collected. */
export interface Spawned {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout; rejects on exit or after `timeoutMs`. */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGKILLs the process group (idempotent). */
  kill(): void;
}

/**
 * Runs `kernel-setup/<script> ...args` with tsx from the checkout, detached:
 * through `npx tsx` as a user types it, or the checkout's own tsx binary
 * (what `npm run` resolves to, without npx's second of start-up).
 */
export function spawnScript(script: string, args: readonly string[], env: Record<string, string | undefined> = {}, via: "npx" | "tsx" = "tsx"): Spawned {
  const [command, ...prefix] = via === "npx" ? ["npx", "tsx"] : [join(ROOT, "node_modules", ".bin", "tsx")];
  const child = spawn(command as string, [...prefix, join("kernel-setup", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid as number;
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const spawned: Spawned = {
    child,
    pid,
    stdout: "",
    stderr: "",
    exited,
    waitForStdout(pattern, timeoutMs) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${pattern} on stdout within ${timeoutMs} ms; stderr:\n${spawned.stderr.slice(-3000)}`)), timeoutMs);
        const check = () => {
          const m = pattern.exec(spawned.stdout);
          if (m) finish(undefined, m);
        };
        const onExit = (code: number | null) => finish(new Error(`exited (${code}) before ${pattern}; stderr:\n${spawned.stderr.slice(-3000)}`));
        function finish(error: Error | undefined, match?: RegExpExecArray) {
          clearTimeout(timer);
          child.stdout?.off("data", check);
          child.off("exit", onExit);
          if (error) reject(error);
          else resolvePromise(match as RegExpExecArray);
        }
        child.stdout?.on("data", check);
        child.once("exit", onExit);
        check();
      });
    },
    kill() {
      if (alive(-pid)) signal(-pid, "SIGKILL");
    },
  };
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (spawned.stdout += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (spawned.stderr += s));
  return spawned;
}
