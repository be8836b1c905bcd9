/**
 * A JupyterHub for a tradeoff-lab class: start it, drive its REST API, stop
 * it leaving nothing behind.
 *
 * The hub runs Debian's (or pip's) `jupyterhub` with
 * `kernel-setup/hub/jupyterhub_config.py`; every machine-specific setting
 * reaches that file through `TRADEOFF_HUB_*` variables set here. The hub
 * listens on 127.0.0.1 only. Its proxy is `configurable-http-proxy`:
 * Debian's needs `NODE_PATH=/usr/share/nodejs` under a Node it was not
 * packaged with, which is set for the hub's own environment (the learners'
 * servers never see it: JupyterHub passes them only its allow-list).
 *
 * Cleanup does not trust JupyterHub alone: every process of a hub (proxy,
 * learners' servers, their kernels) carries `TRADEOFF_HUB_ID=<id>` in its
 * environment, and {@link Hub.stop} ends whatever still carries it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { installKernelSpec } from "../kernelspec";
import { PROJECT_ROOT } from "../jupyter";
import { freePort, processesWithMarker, signal, waitFor } from "../processes";
import { nonEmptyString, oneOf, rangeError } from "../../src/internal/errors";


/** The shipped configuration file. */
export const HUB_CONFIG = join(PROJECT_ROOT, "kernel-setup", "hub", "jupyterhub_config.py");

/** How learners' servers are started: one Unix user for all (trying it), or one Unix user each (isolation). */
export type SpawnerKind = "simple" | "local-users";

/** Options of {@link startHub}. */
export interface HubOptions {
  /** Public port on 127.0.0.1; default the first free one from 8000. */
  readonly port?: number;
  /** Folder for the hub's database, secrets and (with `simple`) homes; default a new temp folder, removed by stop(). */
  readonly stateDir?: string;
  /** default "simple" */
  readonly spawner?: SpawnerKind;
  /** "dummy" (one password, for trying) or "pam" (the machine's Unix accounts); default "dummy". */
  readonly auth?: "dummy" | "pam";
  /** The DummyAuthenticator's password; default random. */
  readonly password?: string;
  /** Names with the hub's admin role. */
  readonly admins?: readonly string[];
  /** The checkout whose notebooks and node_modules learners get; default this one. */
  readonly checkout?: string;
  /** Per-learner memory limit passed to the spawner (e.g. "1G"); default none. */
  readonly memLimit?: string;
  /** Where the hub's own log goes; default kept in memory (see {@link Hub.log}). */
  readonly onLog?: (line: string) => void;
  /** Startup timeout, ms; default 60 000. */
  readonly startupTimeoutMs?: number;
}

/** A JSON answer of the hub or a server. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** A user as the hub's REST API describes it (the fields we read). */
export interface HubUser {
  readonly name: string;
  readonly servers?: Readonly<Record<string, { readonly ready?: boolean; readonly url?: string }>>;
}

/** A hub's REST API, as the instructor's service uses it (a hub we started, or one running elsewhere). */
export interface HubClient {
  /** e.g. http://127.0.0.1:8000 */
  readonly url: string;
  /** The instructor service's token (admin:users, admin:servers, access:servers). */
  readonly token: string;
  /** A request to the hub or a learner's server, with the instructor's token unless another is given. */
  request(method: string, path: string, body?: unknown, token?: string): Promise<HttpAnswer>;
  /** Creates users (refused names make this throw, naming the hub's answer). */
  createUsers(names: readonly string[]): Promise<void>;
  /** Starts a user's server and waits until it is ready. */
  startServer(name: string, timeoutMs?: number): Promise<void>;
  /** Stops a user's server and waits until the hub says it is stopped. */
  stopServer(name: string, timeoutMs?: number): Promise<void>;
  /** A new API token for `name` (what the learner's browser session would hold). */
  userToken(name: string): Promise<string>;
  /** Every user. */
  users(): Promise<HubUser[]>;
}

/** A hub started by {@link startHub}. */
export interface Hub extends HubClient {
  readonly port: number;
  readonly stateDir: string;
  readonly password: string;
  /** Marker in the environment of every process of this hub. */
  readonly id: string;
  /** The hub process. */
  readonly pid: number;
  /** The hub's log so far. */
  log(): string;
  /** pids of every process still carrying this hub's marker (hub included). */
  processes(): number[];
  /** Stops the hub and everything it started; removes a temp state folder. */
  stop(): Promise<void>;
}

/** The user names the shipped config accepts (also JupyterHub's folder and URL segment). */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * The jupyterhub executable, or undefined. Debian installs `/usr/bin/jupyterhub`.
 * @example findJupyterHub() // => "/usr/bin/jupyterhub"
 */
export function findJupyterHub(): string | undefined {
  const which = spawnSync("sh", ["-c", "command -v jupyterhub"], { encoding: "utf8" });
  const path = which.stdout.trim();
  return which.status === 0 && path !== "" ? path : undefined;
}

/** pids (other than ours) whose environment holds `TRADEOFF_HUB_ID=<id>`. Linux only; elsewhere []. */
function hubProcesses(id: string): number[] {
  return processesWithMarker("TRADEOFF_HUB_ID", id);
}

/** SIGTERM, then SIGKILL after 5 s, to every process `list()` names, until none is left. */
async function endProcesses(list: () => number[]): Promise<void> {
  for (const sig of ["SIGTERM", "SIGKILL"] as const) {
    const left = list();
    if (left.length === 0) return;
    for (const pid of left) signal(pid, sig);
    await waitFor(() => list().length === 0, 5_000);
  }
}

/**
 * The first folder on the way to `path` (the root first) that other users
 * cannot enter (no o+x), or undefined when every one of them can.
 * A checkout under a 0700 home or a `mktemp -d` folder is the usual case.
 * @example closedToOthers("/usr/bin") // => undefined
 */
export function closedToOthers(path: string): { path: string; mode: number } | undefined {
  const folders: string[] = [];
  const full = resolve(path);
  for (let folder = statSync(full).isDirectory() ? full : dirname(full); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    const mode = statSync(folder).mode & 0o7777;
    if ((mode & 0o001) === 0) return { path: folder, mode };
  }
  return undefined;
}

/** What learners' servers use of a checkout: the library (with its self-link in node_modules), its data and the notebooks. */
const SERVED_ENTRIES = ["package.json", "dist", "tools", "data", "notebooks", "node_modules"];

/**
 * Serves `entries` of `from` from a new folder `to` (mode 0755), keeping
 * modes and symbolic links as they are: as hard links where both are on
 * one file system (instant, and no second copy of node_modules' 570 MB),
 * else as a copy. False when that fails (a full disk), with nothing left
 * behind. The files are then shared with the checkout while the hub runs
 * (a rebuild there reaches learners' next kernels, as in the checkout).
 * Linking adds a link to each original's inode, which running tslab
 * kernels' file watchers may see as a change: a program update that
 * TypeScript schedules in tslab's single timer slot, harmless since the
 * kernel's compiler gives TypeScript's other timer its own
 * (src/runner/kernel/tslabCompiler.ts; before that fix, tslab 1.0.22
 * failed the next cell with "Unexpected pending rebuildTimer").
 */
export function servedCopy(from: string, to: string, entries: readonly string[]): boolean {
  mkdirSync(to, { mode: 0o755 });
  chmodSync(to, 0o755);
  for (const entry of entries) {
    if (!existsSync(join(from, entry))) continue;
    if (spawnSync("cp", ["-al", join(from, entry), join(to, entry)], { stdio: "ignore" }).status === 0) continue;
    rmSync(join(to, entry), { recursive: true, force: true });
    if (spawnSync("cp", ["-a", join(from, entry), join(to, entry)], { stdio: "ignore" }).status !== 0) {
      rmSync(to, { recursive: true, force: true });
      return false;
    }
  }
  return true;
}

function unreachable(path: string, closed: { path: string; mode: number }, fix: string): Error {
  return new Error(
    `hub.startHub: learners are Unix users of their own and cannot reach ${path}: ${closed.path} has mode ${closed.mode.toString(8).padStart(4, "0")} (others need x); ` +
      `${fix} under a folder every user can enter (for example /opt or /srv), or \`chmod o+x\` that folder`,
  );
}

/**
 * Starts a JupyterHub on 127.0.0.1 with the shipped configuration and waits
 * until its API answers.
 * @throws Error naming what to install when jupyterhub is missing, or with the hub's log when it does not start
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const spawner = options.spawner ?? "simple";
  oneOf("hub.startHub", "spawner", spawner, ["simple", "local-users"]);
  const auth = oneOf("hub.startHub", "auth", options.auth ?? "dummy", ["dummy", "pam"]);
  const jupyterhub = findJupyterHub();
  if (jupyterhub === undefined) {
    throw new Error("hub.startHub: jupyterhub is not installed; on Debian: `sudo apt-get install jupyterhub` (pip: `pip install jupyterhub`, plus `npm install -g configurable-http-proxy`)");
  }
  const checkout = resolve(options.checkout ?? PROJECT_ROOT);
  if (!existsSync(join(checkout, "node_modules", "tradeoff-lab", "dist", "index.js"))) {
    throw new Error(`hub.startHub: the library is not built in ${checkout}; run \`npm install\` there first`);
  }
  const node = spawner === "local-users" ? closedToOthers(process.execPath) : undefined;
  if (node !== undefined) throw unreachable(process.execPath, node, "move Node");
  const ownState = options.stateDir === undefined;
  const stateDir = resolve(options.stateDir ?? mkdtempSync(join(tmpdir(), "tradeoff-hub-")));
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  // The kernelspec every learner's server reads: outside the private state
  // folder, so that learners who are Unix users of their own can read it.
  const shareRoot = mkdtempSync(join(tmpdir(), "tradeoff-hub-share-"));
  chmodSync(shareRoot, 0o755);
  const share = join(shareRoot, "jupyter");
  // Learners who are Unix users of their own must reach the library too: a
  // checkout behind a folder they cannot enter (a 0700 home, a `mktemp -d`)
  // is served from a linked copy beside the kernelspec (servedCopy; removed by stop()).
  const closed = spawner === "local-users" ? closedToOthers(checkout) : undefined;
  let served = checkout;
  if (closed !== undefined) {
    served = join(shareRoot, "checkout");
    if (!servedCopy(checkout, served, SERVED_ENTRIES)) {
      rmSync(shareRoot, { recursive: true, force: true });
      if (ownState) rmSync(stateDir, { recursive: true, force: true });
      throw unreachable(checkout, closed, "move the checkout");
    }
  }
  installKernelSpec({ dataDir: share, root: served });

  // A hub of this folder that was killed outright (SIGKILL, a closed
  // terminal) may have left its proxy and servers running: end them first.
  const idFile = join(stateDir, "hub-id");
  if (existsSync(idFile)) {
    const previous = readFileSync(idFile, "utf8").trim();
    if (/^[0-9a-f]{16}$/.test(previous)) await endProcesses(() => hubProcesses(previous));
    rmSync(join(stateDir, "proxy.pid"), { force: true });
  }
  const port = options.port ?? (await freePort(8000));
  const apiPort = await freePort(port + 1);
  const proxyApiPort = await freePort(apiPort + 1);
  const id = randomBytes(8).toString("hex");
  writeFileSync(idFile, `${id}\n`, { mode: 0o600 });
  const token = randomBytes(24).toString("hex");
  const password = options.password ?? randomBytes(12).toString("hex");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    LANG: process.env.LANG ?? "C.UTF-8",
    HOME: process.env.HOME ?? stateDir,
    NODE_PATH: "/usr/share/nodejs",
    TRADEOFF_HUB_ID: id,
    TRADEOFF_HUB_PORT: String(port),
    TRADEOFF_HUB_API_PORT: String(apiPort),
    TRADEOFF_HUB_PROXY_API_PORT: String(proxyApiPort),
    TRADEOFF_HUB_PROXY_TOKEN: randomBytes(24).toString("hex"),
    TRADEOFF_HUB_STATE: stateDir,
    TRADEOFF_HUB_CHECKOUT: served,
    TRADEOFF_HUB_SHARE: share,
    TRADEOFF_HUB_SPAWNER: spawner,
    TRADEOFF_HUB_AUTH: auth,
    TRADEOFF_HUB_PASSWORD: password,
    TRADEOFF_HUB_ADMIN_TOKEN: token,
    TRADEOFF_HUB_ADMINS: (options.admins ?? []).join(","),
    ...(options.memLimit === undefined ? {} : { TRADEOFF_HUB_MEM_LIMIT: options.memLimit }),
  };
  const child: ChildProcess = spawn(jupyterhub, ["-f", HUB_CONFIG], { cwd: stateDir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    log += text;
    if (options.onLog) for (const line of text.split("\n")) if (line !== "") options.onLog(line);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));

  const url = `http://127.0.0.1:${port}`;
  const client = hubClient(url, token);
  const processes = () => hubProcesses(id);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.pid !== undefined && exited === undefined) {
      signal(child.pid, "SIGTERM");
      await waitFor(() => exited !== undefined, 15_000);
    }
    // Whatever JupyterHub left (a proxy, a server it lost track of, their kernels).
    await endProcesses(processes);
    if (child.pid !== undefined) signal(-child.pid, "SIGKILL");
    rmSync(shareRoot, { recursive: true, force: true });
    if (ownState) rmSync(stateDir, { recursive: true, force: true });
  };

  const hub: Hub = {
    port,
    stateDir,
    password,
    id,
    pid: child.pid ?? -1,
    log: () => log,
    ...client,
    processes,
    stop,
  };

  const timeoutMs = options.startupTimeoutMs ?? 60_000;
  const ready = await (async () => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && exited === undefined) {
      try {
        if ((await client.request("GET", "/hub/api/")).status === 200) return true;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  })();
  if (!ready) {
    await stop();
    throw new Error(`hub.startHub: JupyterHub did not answer on ${url} within ${timeoutMs} ms (exit ${String(exited)}):\n${log.slice(-3000)}`);
  }
  return hub;
}

/**
 * The REST client of a hub at `url`, authenticated as the instructor's
 * service (`TRADEOFF_HUB_ADMIN_TOKEN` of jupyterhub_config.py).
 * @example hubClient("http://127.0.0.1:8000", token).url // => "http://127.0.0.1:8000"
 */
export function hubClient(url: string, token: string): HubClient {
  nonEmptyString("hub.hubClient", "url", url);
  nonEmptyString("hub.hubClient", "token", token);
  const request = async (method: string, path: string, body?: unknown, auth: string = token): Promise<HttpAnswer> => {
    const response = await fetch(url + path, {
      method,
      headers: { Authorization: `token ${auth}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: "manual",
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  };
  return {
    url,
    token,
    request,
    async createUsers(names) {
      for (const name of names) nonEmptyString("hub.createUsers", "name", name);
      const answer = await request("POST", "/hub/api/users", { usernames: names });
      if (answer.status !== 201) throw new Error(`hub.createUsers: the hub refused ${JSON.stringify(names)}: ${answer.status} ${answer.text.slice(0, 300)}`);
    },
    async startServer(name, timeoutMs = 90_000) {
      const answer = await request("POST", `/hub/api/users/${encodeURIComponent(name)}/server`);
      if (answer.status !== 201 && answer.status !== 202 && answer.status !== 400) {
        throw new Error(`hub.startServer: ${name}: ${answer.status} ${answer.text.slice(0, 300)}`);
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const user = (await request("GET", `/hub/api/users/${encodeURIComponent(name)}`)).body as HubUser | undefined;
        if (user?.servers?.[""]?.ready === true) return;
        if (Date.now() > deadline) throw new Error(`hub.startServer: ${name}'s server was not ready after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async stopServer(name, timeoutMs = 30_000) {
      await request("DELETE", `/hub/api/users/${encodeURIComponent(name)}/server`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const user = (await request("GET", `/hub/api/users/${encodeURIComponent(name)}`)).body as HubUser | undefined;
        if (user?.servers?.[""] === undefined) return;
        if (Date.now() > deadline) throw new Error(`hub.stopServer: ${name}'s server did not stop within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async userToken(name) {
      const answer = await request("POST", `/hub/api/users/${encodeURIComponent(name)}/tokens`, { note: "tradeoff-lab", expires_in: 3600 });
      const value = (answer.body as { token?: unknown } | undefined)?.token;
      if (answer.status !== 201 || typeof value !== "string") throw new Error(`hub.userToken: ${name}: ${answer.status} ${answer.text.slice(0, 300)}`);
      return value;
    },
    async users() {
      const answer = await request("GET", "/hub/api/users");
      if (answer.status !== 200 || !Array.isArray(answer.body)) throw new Error(`hub.users: ${answer.status} ${answer.text.slice(0, 300)}`);
      return answer.body as HubUser[];
    },
  };
}

/**
 * Refuses a user name the shipped configuration would refuse, before any
 * request is made.
 * @throws RangeError naming the allowed pattern and the name received
 * @example checkUserName("alice") // => "alice"
 */
export function checkUserName(name: string): string {
  nonEmptyString("hub.checkUserName", "name", name);
  if (!USERNAME_PATTERN.test(name)) throw rangeError("hub.checkUserName", "name", `a name matching ${String(USERNAME_PATTERN)}`, name);
  return name;
}

/**
 * Creates Unix users for learners (`useradd`), each with a private (0700)
 * home under `homeBase`: what PAM's users are on a real class machine, made
 * here for trying the `local-users` spawner and for the isolation test.
 * Root only. Pair with {@link removeUnixUsers}.
 * @throws RangeError for a name the hub would refuse
 * @throws Error when not root, or when `useradd` fails (naming its message)
 */
export function createUnixUsers(names: readonly string[], homeBase: string): void {
  for (const name of names) checkUserName(name);
  if (process.getuid?.() !== 0) throw new Error("hub.createUnixUsers: creating Unix users needs root");
  mkdirSync(homeBase, { recursive: true, mode: 0o755 });
  chmodSync(homeBase, 0o755);
  for (const name of names) {
    const home = join(homeBase, name);
    const made = spawnSync("useradd", ["--create-home", "--home-dir", home, "--shell", "/usr/sbin/nologin", "--user-group", name], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`hub.createUnixUsers: useradd ${name}: ${made.stderr.trim()}`);
    chmodSync(home, 0o700);
  }
}

/** Removes users made by {@link createUnixUsers} with their homes; ignores names that do not exist. */
export function removeUnixUsers(names: readonly string[]): void {
  for (const name of names) {
    checkUserName(name);
    spawnSync("userdel", ["--remove", name], { encoding: "utf8" });
  }
}
