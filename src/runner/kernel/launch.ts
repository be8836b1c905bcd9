/**
 * Finding and starting a kernel, and making sure it ends.
 *
 * The default kernel `tslab` is the project's own tslab
 * (`node node_modules/tslab/bin/tslab kernel --config-path <file>`), never
 * a global one. Other names are looked up as Jupyter kernelspecs
 * (`<dir>/kernels/<name>/kernel.json`), or given as a path to a
 * `kernel.json`.
 *
 * The kernel runs in its own process group, so cleanup kills the group:
 * the kernel and anything it started. Every live kernel is recorded; when
 * this process exits or gets SIGINT/SIGTERM/SIGHUP, the groups are killed
 * first, then the signal takes its usual course.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { KernelStartupError } from "../errors";

/** A kernelspec (Jupyter client docs, "Kernel specs"). */
export interface KernelSpec {
  name: string;
  argv: string[];
  display_name?: string;
  language?: string;
  env?: Record<string, string>;
  /** `signal` (SIGINT to the kernel's process group, the default) or `message` (interrupt_request on control). */
  interrupt_mode?: "signal" | "message";
  /** Where the spec was found. */
  resourceDir?: string;
}

/** The folder of the project's own tslab package. */
export function tslabDir(): string {
  return dirname(require.resolve("tslab/package.json"));
}

/** The built-in spec for the project's own tslab. */
export function tslabKernelSpec(): KernelSpec {
  return {
    name: "tslab",
    display_name: "TypeScript (tradeoff-lab's tslab)",
    language: "typescript",
    argv: [process.execPath, join(tslabDir(), "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    interrupt_mode: "signal",
  };
}

/** The folders searched for `kernels/<name>/kernel.json`, in order (jupyter_core's data path). */
export function kernelSearchPath(): string[] {
  const dirs: string[] = [];
  for (const d of (process.env.JUPYTER_PATH ?? "").split(delimiter)) if (d) dirs.push(d);
  if (process.env.JUPYTER_DATA_DIR) dirs.push(process.env.JUPYTER_DATA_DIR);
  dirs.push(resolve(tslabDir(), "..", "..", ".jupyter-data"));
  dirs.push(join(homedir(), ".local", "share", "jupyter"), "/usr/local/share/jupyter", "/usr/share/jupyter");
  return dirs.map((d) => join(d, "kernels"));
}

function readSpec(file: string, name: string): KernelSpec {
  let json: Partial<KernelSpec>;
  try {
    json = JSON.parse(readFileSync(file, "utf8")) as Partial<KernelSpec>;
  } catch (error) {
    throw new KernelStartupError(`runner: cannot read kernelspec ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(json.argv) || json.argv.length === 0 || !json.argv.every((a) => typeof a === "string")) {
    throw new KernelStartupError(`runner: kernelspec ${file} must have a non-empty argv list of strings`);
  }
  return { ...json, argv: json.argv, name, resourceDir: dirname(file) };
}

/**
 * The kernelspec for `kernel`: `"tslab"` (the project's own), a path to a
 * `kernel.json` or to its folder, or the name of an installed kernelspec.
 * @throws KernelStartupError when it cannot be found, naming where it looked
 * @example resolveKernelSpec("tslab").argv.slice(2) // => ["kernel", "--config-path", "{connection_file}"]
 */
export function resolveKernelSpec(kernel = "tslab"): KernelSpec {
  if (kernel === "tslab") return tslabKernelSpec();
  if (kernel.endsWith(".json") && existsSync(kernel)) return readSpec(resolve(kernel), kernel);
  if (existsSync(join(kernel, "kernel.json")) && statSync(kernel).isDirectory()) {
    return readSpec(resolve(kernel, "kernel.json"), kernel);
  }
  const searched = kernelSearchPath();
  for (const dir of searched) {
    const file = join(dir, kernel, "kernel.json");
    if (existsSync(file)) return readSpec(file, kernel);
  }
  throw new KernelStartupError(
    `runner: no kernel named ${JSON.stringify(kernel)}; looked for kernel.json in ${searched.map((d) => join(d, kernel)).join(", ")}`,
  );
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
    kernel.killGroup("SIGKILL");
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
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pid = await new Promise<number>((resolveSpawn, reject) => {
      child.once("spawn", () => resolveSpawn(child.pid as number));
      child.once("error", (error) => reject(new KernelStartupError(`runner: cannot start kernel ${JSON.stringify(spec.name)} (${command}): ${error.message}`)));
    });
    const kernel = new KernelProcess(child, pid, spec, cleanup);
    live.add(kernel);
    installHandlers();
    return kernel;
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return this.exit === undefined;
  }

  /** The last 8 KiB the kernel wrote to its own stdout/stderr (not cell output). */
  get log(): string {
    return this.output;
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

  /** Interrupts the running cell the way a signal-mode kernel expects: SIGINT to its process group. */
  interrupt(): void {
    this.killGroup("SIGINT");
  }

  /**
   * Ends the kernel: waits up to `graceMs` for it to exit by itself (after a
   * shutdown_request), then SIGTERM, then SIGKILL, and finally kills
   * whatever is left in its process group.
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
      this.killGroup("SIGKILL");
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      live.delete(this);
      if (live.size === 0) uninstallHandlers();
    }
  }
}
