/**
 * Starting a kernel process, and making sure it ends. Which kernel
 * (kernelspecs, Jupyter's directories) is `kernelspec.ts`.
 *
 * The kernel runs in its own process group, so cleanup kills the group:
 * the kernel and anything it started. Every process started from it also
 * carries `TRADEOFF_LAB_KERNEL_ID=<random id>` in its environment, so what
 * left the group (`setsid`, `detached: true`, a double fork) is found and
 * killed too (`processes.ts`). Every live kernel is recorded; when this
 * process exits or gets SIGINT/SIGTERM/SIGHUP, they are killed first, then
 * the signal takes its usual course. When this process is SIGKILLed,
 * nothing here runs: the kernel's watchdog (`watchdog.ts`) sees its parent
 * die, ends the kernel's processes and removes the connection file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { KernelStartupError } from "../errors";
import type { KernelSpec } from "./kernelspec";
import { killMarked } from "./processes";
import { KERNEL_ID_VARIABLE, KERNEL_PARENT_VARIABLE } from "./watchdog";

/**
 * Hex runs of 32 or more digits (HMAC-SHA256 signatures, keys) and UUIDs,
 * replaced by `[redacted]`.
 * @example redactSecrets("expected 0123…(64 hex)") // => "expected [redacted]"
 */
export function redactSecrets(text: string): string {
  return text.replace(/\b[0-9a-f]{32,}\b/gi, "[redacted]").replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "[redacted]");
}

/** Environment variables of ours that a kernel must not see: a cell printing `process.env` would save them into the notebook. */
const SECRET_NAME = /^(JUPYTER_TOKEN|JUPYTERHUB_API_TOKEN|JPY_API_TOKEN|JUPYTERHUB_.*TOKEN.*)$|TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL/i;

/**
 * The kernel's environment: ours without secrets (tokens, passwords, keys),
 * plus the kernelspec's own variables.
 * @example kernelEnvironment({ PATH: "/bin", JUPYTER_TOKEN: "t" }, {}) // => { PATH: "/bin" }
 */
export function kernelEnvironment(ours: NodeJS.ProcessEnv, spec: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(ours).filter(([name]) => !SECRET_NAME.test(name))), ...spec };
}

/** How a kernel process ended. */
export interface KernelExit {
  code: number | null;
  signal: string | null;
}

const live = new Set<KernelProcess>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function killAllNow(): void {
  for (const kernel of live) {
    kernel.killAll();
    kernel.cleanup?.();
  }
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  uninstallHandlers();
  // Let the signal do what it would have done without us (usually: exit).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;
function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killAllNow);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstallHandlers(): void {
  if (!installed) return;
  installed = false;
  process.off("exit", killAllNow);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Pids of the kernels this process started and has not yet cleaned up. */
export function liveKernelPids(): number[] {
  return [...live].map((k) => k.pid);
}

/** A running kernel process, leader of its own process group. */
export class KernelProcess {
  /** Resolves when the process exits. */
  readonly exited: Promise<KernelExit>;
  exit: KernelExit | undefined;
  private output = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    readonly spec: KernelSpec,
    /** The value of `TRADEOFF_LAB_KERNEL_ID` in the environment of the kernel and of everything it starts. */
    readonly marker: string,
    /** Removes what belongs to this kernel (its connection file); also run when this process is signalled. */
    readonly cleanup?: () => void,
  ) {
    this.exited = new Promise((resolveExit) => {
      child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        resolveExit(this.exit);
      });
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString("utf8")).slice(-8192);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  }

  /**
   * Starts the kernel in its own process group.
   * @param cleanup run when this process exits or is signalled while the kernel lives (removes the connection file)
   * @throws KernelStartupError when the program cannot be started
   */
  static async start(spec: KernelSpec, connectionFile: string, cwd: string, cleanup?: () => void): Promise<KernelProcess> {
    const argv = spec.argv.map((a) => a.replace(/\{connection_file\}/g, connectionFile).replace(/\{resource_dir\}/g, spec.resourceDir ?? ""));
    const [command, ...args] = argv as [string, ...string[]];
    const marker = randomBytes(8).toString("hex");
    const child = spawn(command, args, {
      cwd,
      env: { ...kernelEnvironment(process.env, spec.env), [KERNEL_ID_VARIABLE]: marker, [KERNEL_PARENT_VARIABLE]: String(process.pid) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pid = await new Promise<number>((resolveSpawn, reject) => {
      child.once("spawn", () => resolveSpawn(child.pid as number));
      child.once("error", (error) => reject(new KernelStartupError(`runner: cannot start kernel ${JSON.stringify(spec.name)} (${command}): ${error.message}`)));
    });
    const kernel = new KernelProcess(child, pid, spec, marker, cleanup);
    live.add(kernel);
    installHandlers();
    return kernel;
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return this.exit === undefined;
  }

  /**
   * The last 8 KiB the kernel wrote to its own stdout/stderr (not cell
   * output), with anything shaped like a signature or key removed: on a
   * forged message tslab logs the HMAC it expected, which is the one a
   * forger needs, and this text is copied into errors and notebooks.
   */
  get log(): string {
    return redactSecrets(this.output);
  }

  /** Sends a signal to the kernel's whole process group; false when nothing was there. */
  killGroup(signal: NodeJS.Signals): boolean {
    try {
      process.kill(-this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGKILLs the kernel's process group and every process carrying its marker, wherever it went. */
  killAll(): void {
    this.killGroup("SIGKILL");
    killMarked(KERNEL_ID_VARIABLE, this.marker);
  }

  /** Interrupts the running cell the way a signal-mode kernel expects: SIGINT to its process group. */
  interrupt(): void {
    this.killGroup("SIGINT");
  }

  /**
   * Ends the kernel: waits up to `graceMs` for it to exit by itself (after a
   * shutdown_request), then SIGTERM, then SIGKILL, and finally kills
   * whatever is left in its process group or carries its marker.
   */
  async stop(graceMs = 1000): Promise<void> {
    const wait = (ms: number) =>
      Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    try {
      if (this.alive && !(await wait(graceMs))) {
        this.killGroup("SIGTERM");
        if (!(await wait(500))) {
          this.killGroup("SIGKILL");
          await wait(2000);
        }
      }
    } finally {
      this.killAll();
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      live.delete(this);
      if (live.size === 0) uninstallHandlers();
    }
  }
}
