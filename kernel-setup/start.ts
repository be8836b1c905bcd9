/**
 * `npm start`: register the tslab kernel, then run Jupyter on notebooks/.
 *
 * 1. Find the Python that has Jupyter (kernel-setup/jupyter.ts); when there
 *    is none, install one (a project venv from PyPI, or Debian packages as
 *    root), or say exactly what to install.
 * 2. Register the `tslab` kernelspec into the project's `.jupyter-data/`.
 * 3. Start JupyterLab when installed, else Notebook, on 127.0.0.1 only,
 *    with a token: `$JUPYTER_TOKEN` or a random one. Jupyter's data,
 *    config and runtime directories all point into `.jupyter-data/`, so
 *    nothing of the user's is read or written.
 * 4. Wait until Jupyter answers, check that it lists `tslab` and refuses a
 *    request without the token, then print the URL.
 * 5. On Ctrl-C, SIGTERM or SIGHUP: shut the kernels down, stop Jupyter,
 *    and end any process of it that outlives it; exit 0. The same happens
 *    when the `npm` (or `npx`) that started us dies, SIGKILL included: its
 *    pid and the launchers between (sh, tsx) are watched.
 *
 * Nothing outlives us, whatever kills us:
 * - Jupyter is started through a two-line Python launcher that sets
 *   `prctl(PR_SET_PDEATHSIG, SIGTERM)` (Linux) and then execs it, so the
 *   kernel sends Jupyter SIGTERM when this process dies, even by SIGKILL;
 * - its tslab kernels preload the kernel watchdog (`kernelspec.ts`): they
 *   end, with their cells' children, when Jupyter dies;
 * - every process of Jupyter's carries `TRADEOFF_LAB_JUPYTER_ID=<id>`, and
 *   stopping ends whatever still carries it;
 * - Notebook 6.4 (with jupyter_client 7) SIGKILLs its kernels on SIGTERM
 *   but stops its event loop before removing their connection files
 *   ("Event loop stopped before Future completed"), so when this process
 *   itself is SIGKILLed one may stay in the runtime folder; the next start
 *   removes those no running kernel uses ({@link removeStaleConnectionFiles}).
 *
 * Secrets: Jupyter, and so every kernel it starts, gets our environment
 * without tokens, passwords or keys (`kernelEnvironment`, the runner's one
 * list), so a cell printing `process.env` shows none. The token reaches
 * Jupyter through a config file in a private folder (0700, the file 0600)
 * named by `JUPYTER_CONFIG_PATH` and deleted once Jupyter has answered:
 * never on its command line (where `ps` shows it) nor in its environment
 * (which kernels inherit).
 *
 * Run: `npx tsx kernel-setup/start.ts [--port N] [--lab|--notebook] [--no-browser]`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { get, type IncomingHttpHeaders } from "node:http";
import { join, resolve } from "node:path";
import { packageVersion } from "../src/cli/io";
import { boolean, finite, integer, nonEmptyString, object, oneOf, rangeError } from "../src/internal/errors";
import { kernelEnvironment } from "../src/runner/kernel/launch";
import { killMarked } from "../src/runner/kernel/processes";
import { isTslabLogNoise } from "../src/runner/tslab";
import { PROJECT_ROOT, describeSearch, ensureJupyter, findJupyter, realSystem, serverApp, type JupyterFound, type ServerApp } from "./jupyter";
import { KERNEL_NAME, installKernelSpec, projectDataDir } from "./kernelspec";
import { alive, descendants, freePort, launchers, portFree, processTable, signal, waitFor } from "./processes";

/** Options of {@link startJupyter}. */
export interface StartOptions {
  /** TCP port on 127.0.0.1, integer in [1, 65535]; default the first free one from 8888. */
  readonly port?: number;
  /** Let Jupyter open a browser tab; default: only on a desktop and never under CI. */
  readonly openBrowser?: boolean;
  /** The Jupyter data directory (kernelspec, runtime files, config); default `.jupyter-data`. */
  readonly dataDir?: string;
  /** The folder Jupyter serves; default `notebooks/`. */
  readonly notebookDir?: string;
  /** The Python to run Jupyter with; default the one {@link findJupyter} finds. */
  readonly python?: string;
  /** "lab" or "notebook" when both are installed; default "lab". */
  readonly app?: "lab" | "notebook";
  /** Install Jupyter when it is missing; default true. */
  readonly install?: boolean;
  /** The token; default `$JUPYTER_TOKEN`, else 48 random hex digits. */
  readonly token?: string;
  /** Seconds to wait for Jupyter to answer; default 90. */
  readonly startupTimeoutSeconds?: number;
  /** Where progress lines go; default stderr. */
  readonly log?: (line: string) => void;
  /** Where Jupyter's own log lines go, after {@link jupyterLogFilter}; default this process's stdout and stderr. */
  readonly output?: (chunk: string) => void;
}

/** A Jupyter server started by {@link startJupyter}. */
export interface RunningJupyter {
  readonly pid: number;
  readonly port: number;
  readonly token: string;
  /** The page to open, token included. */
  readonly url: string;
  readonly server: ServerApp;
  readonly python: string;
  readonly notebookDir: string;
  readonly dataDir: string;
  /** Resolves with Jupyter's exit code (null when a signal ended it) once it has exited. */
  readonly exited: Promise<number | null>;
  /** Shuts kernels down, stops Jupyter (SIGTERM, then SIGKILL after `graceMs`), and ends what outlives it. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Whether a browser can be opened here: not under CI, and on Linux only
 * with a display (`DISPLAY` or `WAYLAND_DISPLAY`), elsewhere not over SSH.
 * @example isDesktop({ CI: "true", DISPLAY: ":0" }, "linux") // => false
 */
export function isDesktop(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): boolean {
  object("start.isDesktop", "env", env);
  if (env.CI && env.CI !== "false") return false;
  if (platform === "linux" || platform === "freebsd" || platform === "openbsd") return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return !env.SSH_CONNECTION;
}

/** The marker in the environment of Jupyter and of everything it starts. */
export const JUPYTER_ID_VARIABLE = "TRADEOFF_LAB_JUPYTER_ID";

/**
 * The environment Jupyter runs with: ours without secrets
 * (`kernelEnvironment`: tokens, passwords, keys; kernels inherit it), every
 * Jupyter directory inside `dataDir`, and `tokenConfigDir` first on
 * `JUPYTER_CONFIG_PATH` when given.
 * @throws RangeError when `dataDir` or `tokenConfigDir` is empty
 * @example jupyterEnv({ JUPYTER_TOKEN: "t" }, "/p/.jupyter-data").JUPYTER_TOKEN // => undefined
 */
export function jupyterEnv(base: Readonly<Record<string, string | undefined>>, dataDir: string, tokenConfigDir?: string): Record<string, string> {
  nonEmptyString("start.jupyterEnv", "dataDir", dataDir);
  if (tokenConfigDir !== undefined) nonEmptyString("start.jupyterEnv", "tokenConfigDir", tokenConfigDir);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(kernelEnvironment(base as NodeJS.ProcessEnv))) if (v !== undefined) env[k] = v;
  const configPath = [tokenConfigDir, env.JUPYTER_CONFIG_PATH].filter((d) => d !== undefined && d !== "").join(":");
  return {
    ...env,
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_PATH: dataDir,
    JUPYTER_CONFIG_DIR: join(dataDir, "config"),
    ...(configPath === "" ? {} : { JUPYTER_CONFIG_PATH: configPath }),
    JUPYTER_RUNTIME_DIR: join(dataDir, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: join(dataDir, "lab", "user-settings"),
    JUPYTERLAB_WORKSPACES_DIR: join(dataDir, "lab", "workspaces"),
    IPYTHONDIR: join(dataDir, "ipython"),
    // Quiets debugpy's "frozen modules" warning on Python 3.11+ when Jupyter lists the python3 kernel.
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

/**
 * Writes the token where Jupyter reads its config (`jupyter_notebook_config.json`
 * for Notebook 6, `jupyter_server_config.json` otherwise) in a fresh private
 * folder (0700; the file 0600), for `JUPYTER_CONFIG_PATH`.
 * @returns the folder, and remove() to delete it once Jupyter has read it
 */
export function writeTokenConfig(server: ServerApp, token: string): { dir: string; remove(): void } {
  nonEmptyString("start.writeTokenConfig", "token", token);
  const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-jupyter-token-"));
  const name = server.configClass === "NotebookApp" ? "jupyter_notebook_config.json" : "jupyter_server_config.json";
  writeFileSync(join(dir, name), JSON.stringify({ [server.configClass]: { token } }), { mode: 0o600, flag: "wx" });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Python code that makes the kernel send it SIGTERM when its parent dies
 * (`prctl(PR_SET_PDEATHSIG)`, Linux), exits if that parent (pid in argv[1])
 * is already gone, then execs the interpreter with the rest of argv.
 */
export const PDEATHSIG_LAUNCHER = [
  "import ctypes, os, signal, sys",
  "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)",
  "if os.getppid() != int(sys.argv[1]): sys.exit(1)",
  "os.execv(sys.executable, [sys.executable] + sys.argv[2:])",
].join("\n");

/**
 * Removes the `kernel-*.json` connection files in a Jupyter runtime folder
 * that no running process names on its command line: what a Jupyter killed
 * outright could not clean up (each holds a kernel's key). Files of
 * kernels still running (another `npm start` on the same folder) stay.
 * @returns the files removed
 */
export function removeStaleConnectionFiles(runtimeDir: string): string[] {
  nonEmptyString("start.removeStaleConnectionFiles", "runtimeDir", runtimeDir);
  if (!existsSync(runtimeDir)) return [];
  const files = readdirSync(runtimeDir)
    .filter((f) => /^kernel-.*\.json$/.test(f))
    .map((f) => join(runtimeDir, f));
  if (files.length === 0) return [];
  const inUse = new Set<string>();
  for (const pid of processTable().keys()) {
    try {
      for (const arg of readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")) if (files.includes(arg)) inUse.add(arg);
    } catch {
      // gone, or not ours
    }
  }
  const stale = files.filter((f) => !inUse.has(f));
  for (const f of stale) rmSync(f, { force: true });
  return stale;
}

/**
 * Jupyter's command-line arguments after the interpreter: `-m <module>`,
 * then loopback, port (no retries, so the printed URL is right), browser
 * and folder, as `--NotebookApp.*` (Notebook 6) or `--ServerApp.*`
 * (JupyterLab, Notebook 7).
 * @throws RangeError when `port` is not an integer in [1, 65535]
 * @example serverArgs(nb6, { port: 8888, notebookDir: "/n", openBrowser: false, allowRoot: false })[2] // => "--NotebookApp.ip=127.0.0.1"
 */
export function serverArgs(server: ServerApp, options: { port: number; notebookDir: string; openBrowser: boolean; allowRoot: boolean }): string[] {
  const where = "start.serverArgs";
  object(where, "server", server);
  object(where, "options", options);
  integer(where, "port", options.port, { min: 1, max: 65535 });
  nonEmptyString(where, "notebookDir", options.notebookDir);
  boolean(where, "openBrowser", options.openBrowser);
  boolean(where, "allowRoot", options.allowRoot);
  const c = server.configClass;
  const py = (b: boolean) => (b ? "True" : "False");
  const args = [
    "-m",
    server.module,
    `--${c}.ip=127.0.0.1`,
    `--${c}.port=${options.port}`,
    `--${c}.port_retries=0`,
    `--${c}.open_browser=${py(options.openBrowser)}`,
    c === "NotebookApp" ? `--NotebookApp.notebook_dir=${options.notebookDir}` : `--ServerApp.root_dir=${options.notebookDir}`,
  ];
  if (options.allowRoot) args.push(`--${c}.allow_root=True`);
  return args;
}

/** The URL to open: `http://127.0.0.1:<port>/<lab|tree>?token=<token>`. */
export function serverUrl(server: ServerApp, port: number, token: string): string {
  return `http://127.0.0.1:${port}/${server.page}?token=${encodeURIComponent(token)}`;
}

/** An HTTP GET on loopback: status, headers and body (at most 1 MB). */
export function httpGet(url: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const request = get(url, { headers, timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (body.length < 1_000_000) body += chunk;
      });
      response.on("end", () => resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url.replace(/token=[^&]+/, "token=…")} timed out after ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

async function request(method: "GET" | "DELETE", url: string, token: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  if (method === "GET") return httpGet(url, { Authorization: `token ${token}` }, timeoutMs);
  const { request: httpRequest } = await import("node:http");
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { method, headers: { Authorization: `token ${token}` }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, body: "" }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/** The kernelspec names a running Jupyter lists (`GET /api/kernelspecs`). */
function kernelspecNames(body: string): string[] {
  try {
    const json = JSON.parse(body) as { kernelspecs?: Record<string, unknown> };
    return Object.keys(json.kernelspecs ?? {});
  } catch {
    return [];
  }
}

/** The query that marks startJupyter's own token check, so its 403 is not shown as a warning. */
export const AUTH_PROBE_QUERY = "tradeoff-lab-auth-probe=1";

/**
 * A line filter for Jupyter's log, so `npm start` shows what a user needs:
 * it drops
 * - the `Forbidden` / `403 GET /api/kernelspecs?tradeoff-lab-auth-probe=1`
 *   pair that startJupyter's own token check causes (any other 403 stays);
 * - tslab's `unknown msg_type: comm_open` (it has no widget support, and
 *   every notebook the UI opens asks for it);
 * - Jupyter's banner with the token elided (`?token=...`) and its "press
 *   Control-C twice" advice: npm start prints the full URL itself, and one
 *   Ctrl-C stops everything.
 * A `Forbidden` line is held back until the next line says whose it was.
 * @returns push(line) gives the lines to print now; flush() the held one
 * @example const f = jupyterLogFilter(); f.push("[W 21:37:08 NotebookApp] Forbidden"); f.push(`[W 21:37:08 NotebookApp] 403 GET /api/kernelspecs?${AUTH_PROBE_QUERY} (127.0.0.1) 1.6ms`) // => []
 */
export function jupyterLogFilter(): { push(line: string): string[]; flush(): string[] } {
  let held: string | undefined;
  const banner = [
    /\] (?:Jupyter Notebook|Jupyter Server|JupyterLab) [\w.]+ is running at:\s*$/,
    /\]\s+(?:or )?https?:\/\/\S+\?token=\.\.\.\s*$/,
    /\] Use Control-C to stop this server and shut down all kernels/,
  ];
  const quiet = (line: string) => isTslabLogNoise(line) || banner.some((b) => b.test(line));
  return {
    push(line) {
      const before = held === undefined ? [] : [held];
      held = undefined;
      if (line.includes(AUTH_PROBE_QUERY)) return [];
      if (/^\[W [^\]]*\] Forbidden\s*$/.test(line)) {
        held = line;
        return before;
      }
      return quiet(line) ? before : [...before, line];
    },
    flush() {
      const out = held === undefined ? [] : [held];
      held = undefined;
      return out;
    },
  };
}

/** Splits a stream into lines, filters them, and writes the rest (each with its newline). */
function forwardFiltered(stream: NodeJS.ReadableStream, write: (text: string) => void): void {
  const filter = jupyterLogFilter();
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    const kept = lines.flatMap((l) => filter.push(l));
    if (kept.length > 0) write(`${kept.join("\n")}\n`);
  });
  stream.on("end", () => {
    const kept = [...(partial === "" ? [] : filter.push(partial)), ...filter.flush()];
    if (kept.length > 0) write(`${kept.join("\n")}\n`);
  });
}

function resolveStart(options: StartOptions) {
  const where = "start.startJupyter";
  object(where, "options", options);
  if (options.port !== undefined) integer(where, "port", options.port, { min: 1, max: 65535 });
  if (options.openBrowser !== undefined) boolean(where, "openBrowser", options.openBrowser);
  if (options.install !== undefined) boolean(where, "install", options.install);
  if (options.app !== undefined) oneOf(where, "app", options.app, ["lab", "notebook"]);
  if (options.token !== undefined) nonEmptyString(where, "token", options.token);
  if (options.python !== undefined) nonEmptyString(where, "python", options.python);
  const startupTimeoutSeconds = finite(where, "startupTimeoutSeconds", options.startupTimeoutSeconds ?? 90, { min: 0, minExclusive: true });
  return {
    dataDir: resolve(nonEmptyString(where, "dataDir", options.dataDir ?? projectDataDir())),
    notebookDir: resolve(nonEmptyString(where, "notebookDir", options.notebookDir ?? join(PROJECT_ROOT, "notebooks"))),
    token: options.token ?? (process.env.JUPYTER_TOKEN || randomBytes(24).toString("hex")),
    startupTimeoutSeconds,
    log: options.log ?? ((line: string) => console.error(line)),
  };
}

function locateJupyter(options: StartOptions, log: (line: string) => void): JupyterFound {
  if (options.python !== undefined) {
    const probe = realSystem().probe(options.python);
    const server = probe && serverApp(probe, options.app);
    if (!probe || !server) {
      throw new Error(`start: ${options.python} ${probe ? "has neither JupyterLab nor Notebook" : "cannot be run as Python 3"}; see \`npm run doctor\``);
    }
    return { python: options.python, source: "--python", probe, server };
  }
  const search = options.install === false ? findJupyter() : ensureJupyter(log);
  const found = search.found;
  if (!found?.server) {
    const tried = describeSearch(search).map((l) => `  tried ${l}`);
    throw new Error([search.message ?? "start: no Python with JupyterLab or Notebook was found.", ...tried].join("\n"));
  }
  const server = serverApp(found.probe, options.app) ?? found.server;
  return { ...found, server };
}

/**
 * Registers the kernel and starts Jupyter (see the module comment). The
 * promise resolves once Jupyter answers with the token, lists `tslab`, and
 * refuses a request without the token.
 * @param options port, openBrowser, dataDir, notebookDir, python, app, install, token, startupTimeoutSeconds, log, output
 * @throws RangeError / TypeError for bad options, e.g. `start.startJupyter: port must be an integer in [1, 65535], got 0`
 * @throws Error when Jupyter is missing and cannot be installed, the port is taken, or Jupyter does not come up
 * @example const jupyter = await startJupyter({ port: 8899 }); jupyter.url // => "http://127.0.0.1:8899/tree?token=…"
 */
export async function startJupyter(options: StartOptions = {}): Promise<RunningJupyter> {
  const { dataDir, notebookDir, token, startupTimeoutSeconds, log } = resolveStart(options);
  if (!existsSync(notebookDir)) throw new Error(`start: the notebook folder ${notebookDir} does not exist`);
  const found = locateJupyter(options, log);
  const server = found.server as ServerApp;

  const registered = installKernelSpec({ dataDir });
  log(`tradeoff-lab: kernelspec ${KERNEL_NAME} ${registered.changed ? "registered" : "already registered"} at ${registered.path}`);
  if (!existsSync(join(PROJECT_ROOT, "dist", "index.js"))) {
    log("tradeoff-lab: warning: dist/ is missing, so notebooks cannot import tradeoff-lab; run `npm run build`");
  }

  const port = options.port ?? (await freePort(8888));
  if (!(await portFree(port))) throw new Error(`start: port ${port} on 127.0.0.1 is in use; choose another with --port`);
  const allowRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const openBrowser = options.openBrowser ?? isDesktop(process.env, process.platform);
  for (const dir of ["runtime", "config"]) mkdirSync(join(dataDir, dir), { recursive: true, mode: 0o700 });
  const stale = removeStaleConnectionFiles(join(dataDir, "runtime"));
  if (stale.length > 0) log(`tradeoff-lab: removed ${stale.length} connection file(s) of kernels that no longer run from ${join(dataDir, "runtime")}`);

  const args = serverArgs(server, { port, notebookDir, openBrowser, allowRoot });
  log(`tradeoff-lab: starting ${server.label} with ${found.python} (${found.source}) on ${notebookDir}${allowRoot ? " (as root: allow_root)" : ""}`);
  const tokenConfig = writeTokenConfig(server, token);
  const marker = randomBytes(8).toString("hex");
  // Its own process group: Ctrl-C reaches only us, and we stop Jupyter in order.
  // On Linux through the launcher that ties its life to ours (SIGKILL included).
  const argv = process.platform === "linux" ? ["-c", PDEATHSIG_LAUNCHER, String(process.pid), ...args] : args;
  const child: ChildProcess = spawn(found.python, argv, {
    cwd: notebookDir,
    env: { ...jupyterEnv(process.env, dataDir, tokenConfig.dir), [JUPYTER_ID_VARIABLE]: marker },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // Jupyter's log (and its kernels', which inherit it) goes through the filter.
  const toStdout = options.output ?? ((text: string) => void process.stdout.write(text));
  const toStderr = options.output ?? ((text: string) => void process.stderr.write(text));
  if (child.stdout) forwardFiltered(child.stdout, toStdout);
  if (child.stderr) forwardFiltered(child.stderr, toStderr);
  const pid = child.pid;
  if (pid === undefined) {
    tokenConfig.remove();
    const error = await new Promise<Error>((r) => child.once("error", r));
    throw new Error(`start: could not run ${found.python}: ${error.message}`);
  }
  // Jupyter has its own process group, so nothing else ends it: until stop() has run, this
  // process's exit (process.exit on a Ctrl-C during startup included) takes the group along.
  const killOnExit = () => {
    signal(-pid, "SIGKILL");
    killMarked(JUPYTER_ID_VARIABLE, marker);
    tokenConfig.remove();
  };
  process.on("exit", killOnExit);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) =>
    child.once("exit", (code) => {
      exitCode = code;
      r(code);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  let known: number[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000): Promise<void> => {
    stopping ??= (async () => {
      if (exitCode === undefined) {
        known = [...new Set([...known, ...descendants(pid)])];
        try {
          const kernels = JSON.parse((await request("GET", `${base}/api/kernels`, token, 2000)).body) as { id: string }[];
          await Promise.all(kernels.map((k) => request("DELETE", `${base}/api/kernels/${k.id}`, token, 3000).catch(() => undefined)));
        } catch {
          // Jupyter is not answering; the signals below still stop it.
        }
        known = [...new Set([...known, ...descendants(pid)])];
        signal(-pid, "SIGTERM");
        const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs))]);
        if (!ended) signal(-pid, "SIGKILL");
        await exited;
      }
      signal(-pid, "SIGKILL");
      for (const p of known) signal(p, "SIGTERM");
      if (!(await waitFor(() => known.every((p) => !alive(p)), 3000))) for (const p of known) signal(p, "SIGKILL");
      // Whatever left Jupyter's tree (a kernel's double-forked child) still carries the marker.
      killMarked(JUPYTER_ID_VARIABLE, marker);
      tokenConfig.remove();
      process.off("exit", killOnExit);
    })();
    return stopping;
  };

  try {
    const deadline = Date.now() + startupTimeoutSeconds * 1000;
    let names: string[] | undefined;
    while (names === undefined) {
      if (exitCode !== undefined) throw new Error(`start: ${server.label} exited (code ${exitCode}) before it was ready; its log is above`);
      if (Date.now() > deadline) throw new Error(`start: ${server.label} did not answer on ${base} within ${startupTimeoutSeconds} s`);
      try {
        const reply = await request("GET", `${base}/api/kernelspecs`, token, 2000);
        if (reply.status === 200) names = kernelspecNames(reply.body);
      } catch {
        // not listening yet
      }
      if (names === undefined) await new Promise((r) => setTimeout(r, 250));
    }
    known = descendants(pid);
    // Jupyter has read its config: the token need not stay on disk.
    tokenConfig.remove();
    const anonymous = await httpGet(`${base}/api/kernelspecs?${AUTH_PROBE_QUERY}`, {}, 3000);
    if (anonymous.status === 200) {
      throw new Error(`start: ${server.label} answers without the token (a Jupyter config disables token auth); refusing to serve. Check /etc/jupyter and ${join(dataDir, "config")}`);
    }
    if (!names.includes(KERNEL_NAME)) {
      log(`tradeoff-lab: warning: Jupyter does not list the ${KERNEL_NAME} kernel (it lists ${names.join(", ") || "none"}); run \`npm run doctor\``);
    }
  } catch (error) {
    await stop(3000);
    throw error;
  }
  return { pid, port, token, url: serverUrl(server, port, token), server, python: found.python, notebookDir, dataDir, exited, stop };
}

/** What the command line asked for. */
export type StartArgs = StartOptions;

/**
 * Parses `npm start`'s arguments: `--port N`, `--lab`/`--notebook`,
 * `--browser`/`--no-browser`, `--no-install`, `--data-dir DIR`,
 * `--notebook-dir DIR`, `--python PATH`, `--startup-timeout SECONDS`.
 * @throws RangeError / TypeError for a bad value, e.g. `start.parseStartArgs: port must be an integer in [1, 65535], got "abc"`
 * @example parseStartArgs(["--port", "8899"]).port // => 8899
 */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  const where = "start.parseStartArgs";
  const out: { -readonly [K in keyof StartArgs]: StartArgs[K] } = {};
  const number = (s: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : s);
  const args = [...argv];
  while (args.length > 0) {
    const raw = args.shift() as string;
    const [flag, inline] = raw.startsWith("--") && raw.includes("=") ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)] : [raw, undefined];
    const value = () => {
      const v = inline ?? args.shift();
      if (v === undefined) throw rangeError(where, flag, "followed by a value", undefined);
      return v;
    };
    switch (flag) {
      case "--port":
        out.port = integer(where, "port", number(value()), { min: 1, max: 65535 });
        break;
      case "--startup-timeout":
        out.startupTimeoutSeconds = finite(where, "startup-timeout", number(value()), { min: 0, minExclusive: true });
        break;
      case "--lab":
        out.app = "lab";
        break;
      case "--notebook":
        out.app = "notebook";
        break;
      case "--browser":
        out.openBrowser = true;
        break;
      case "--no-browser":
        out.openBrowser = false;
        break;
      case "--no-install":
        out.install = false;
        break;
      case "--data-dir":
        out.dataDir = nonEmptyString(where, "data-dir", value());
        break;
      case "--notebook-dir":
        out.notebookDir = nonEmptyString(where, "notebook-dir", value());
        break;
      case "--python":
        out.python = nonEmptyString(where, "python", value());
        break;
      default:
        throw rangeError(
          where,
          "each argument",
          "one of --port N, --lab, --notebook, --browser, --no-browser, --no-install, --data-dir DIR, --notebook-dir DIR, --python PATH, --startup-timeout SECONDS",
          raw,
        );
    }
  }
  return out;
}

const USAGE = `usage: npm start -- [--port N] [--lab|--notebook] [--browser|--no-browser] [--no-install]
                    [--data-dir DIR] [--notebook-dir DIR] [--python PATH] [--startup-timeout SECONDS]
       npm start -- --version | --help`;

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--version") || argv.includes("-V")) {
    console.log(packageVersion());
    return;
  }
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(`${USAGE}\n\nRegisters the tslab kernel and runs Jupyter on notebooks/ (127.0.0.1, token auth). See kernel-setup/README.md.`);
    return;
  }
  let options: StartArgs;
  try {
    options = parseStartArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let jupyter: RunningJupyter | undefined;
  let firstSignalAt = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    if (!jupyter) process.exit(130);
    const now = Date.now();
    if (firstSignalAt !== 0) {
      // A second Ctrl-C (not the echo of the first) means: now.
      if (now - firstSignalAt > 1000) {
        signal(-jupyter.pid, "SIGKILL");
        process.exit(1);
      }
      return;
    }
    firstSignalAt = now;
    console.error(`tradeoff-lab: ${sig}: stopping Jupyter…`);
    jupyter.stop().then(
      () => {
        console.error("tradeoff-lab: Jupyter stopped");
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`tradeoff-lab: stopping Jupyter failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, onSignal);
  // The npm (or npx) that started us, and the sh and tsx between: if one dies (SIGKILL
  // included, which we cannot catch), stop as on SIGTERM.
  const watched = launchers();
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent && watched.every((p) => alive(p))) return;
    clearInterval(watch);
    console.error(`tradeoff-lab: the process that started npm start is gone`);
    onSignal("SIGTERM");
  }, 500);
  watch.unref();
  process.on("exit", () => {
    if (jupyter && alive(jupyter.pid)) signal(-jupyter.pid, "SIGKILL");
  });

  try {
    jupyter = await startJupyter(options);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  console.log(`tradeoff-lab: ${jupyter.server.label} is ready (pid ${jupyter.pid}), serving ${jupyter.notebookDir}`);
  console.log(`tradeoff-lab: open ${jupyter.url}`);
  console.log("tradeoff-lab: press Ctrl-C to stop");
  const code = await jupyter.exited;
  if (firstSignalAt === 0) {
    await jupyter.stop();
    console.error(`tradeoff-lab: Jupyter exited on its own (code ${code})`);
    process.exit(code === 0 ? 0 : 1);
  }
}

if (require.main === module) void main(process.argv.slice(2));
