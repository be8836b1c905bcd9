/**
 * A class on one machine: 1, 2, 4 and 8 learners at once, each running
 * "Run All" on their own copy of notebook 04 through a real JupyterHub
 * (the shipped config, SimpleLocalProcessSpawner), kernels driven over the
 * server websocket as the browser drives them. Prints the time per Run All
 * and the resident memory of each learner's server and kernel, which the
 * README turns into learners per machine and a KubeSpawner request.
 * Skipped (said so) when jupyterhub is not installed.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { LEARNER_FOLDER } from "../kernel-setup/hub/collect";
import { findJupyterHub, startHub, type Hub } from "../kernel-setup/hub/hub";
import { openKernel } from "../kernel-setup/hub/kernelSession";
import { cpuSeconds as cpuSecondsOf } from "../dist/runner/kernel/processes";

const NOTEBOOK = "04-quorums-and-staleness.ipynb";
const LEVELS = (process.env.HUB_BENCH_LEVELS ?? "1,2,4,8").split(",").map(Number);

interface Cell {
  readonly cell_type: string;
  readonly source: string | string[];
  readonly metadata?: { readonly tags?: readonly string[] };
}

function codeCells(): string[] {
  const nb = JSON.parse(readFileSync(join(__dirname, "..", "notebooks", NOTEBOOK), "utf8")) as { cells: Cell[] };
  return nb.cells
    .filter((c) => c.cell_type === "code" && !(c.metadata?.tags ?? []).includes("skip-execution"))
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

interface Usage {
  /** Resident set size, MiB. */
  readonly serverMiB: number;
  readonly kernelMiB: number;
  /** CPU time (user + system) used so far, seconds. */
  readonly cpuSeconds: number;
}

/** Memory and CPU time of `user`'s processes on this hub (the server and its kernels). */
function usageOf(hub: Hub, user: string): Usage {
  let serverMiB = 0;
  let kernelMiB = 0;
  let cpuSeconds = 0;
  for (const pid of hub.processes()) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").includes(`JUPYTERHUB_USER=${user}\0`)) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
      if (readFileSync(`/proc/${pid}/cmdline`, "latin1").includes("jupyterhub-singleuser")) serverMiB += rss;
      else kernelMiB += rss;
      cpuSeconds += cpuSecondsOf(pid) ?? 0;
    } catch {
      // ended meanwhile
    }
  }
  return { serverMiB, kernelMiB, cpuSeconds };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function run(): Promise<void> {
  if (findJupyterHub() === undefined || process.platform !== "linux") {
    console.log("hub load curve: skipped (needs jupyterhub on Linux; Debian: apt-get install jupyterhub)");
    return;
  }
  const cells = codeCells();
  const hub = await startHub({});
  try {
    console.log(`hub load curve: Run All of ${NOTEBOOK} (${cells.length} code cells) per learner, all learners at once`);
    console.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log("learners | Run All median / max (s) | CPU per Run All (s) | server RSS per learner (MiB) | kernel RSS per learner (MiB) | hub + proxy (MiB)");
    for (const level of LEVELS) {
      const names = Array.from({ length: level }, (_, i) => `bench${level}-${i + 1}`);
      await hub.createUsers(names);
      await Promise.all(names.map((n) => hub.startServer(n)));
      const times: number[] = [];
      const usage: Usage[] = [];
      await Promise.all(
        names.map(async (name) => {
          const kernel = await openKernel(hub, name, hub.token, `${LEARNER_FOLDER}/${NOTEBOOK}`);
          const before = usageOf(hub, name);
          const start = performance.now();
          for (const code of cells) {
            const result = await kernel.execute(code, 120_000);
            if (result.status !== "ok") throw new Error(`${name}: a cell failed: ${result.ename ?? ""} ${result.evalue ?? result.stderr}`);
          }
          times.push(performance.now() - start);
          const after = usageOf(hub, name);
          usage.push({ ...after, cpuSeconds: after.cpuSeconds - before.cpuSeconds });
          await kernel.close();
        }),
      );
      const hubRss = hubAndProxyRss(hub);
      const avg = (f: (u: Usage) => number) => usage.reduce((s, u) => s + f(u), 0) / usage.length;
      console.log(
        `${String(level).padStart(8)} | ${(median(times) / 1000).toFixed(2)} / ${(Math.max(...times) / 1000).toFixed(2)} | ${avg((u) => u.cpuSeconds).toFixed(2)} | ${avg((u) => u.serverMiB).toFixed(0)} | ${avg((u) => u.kernelMiB).toFixed(0)} | ${hubRss.toFixed(0)}`,
      );
      await Promise.all(names.map((n) => hub.stopServer(n)));
    }
  } catch (error) {
    console.log(`hub load curve: failed: ${error instanceof Error ? error.message : String(error)}`);
    console.log(hub.log().split("\n").filter((l) => /^\[[WEC] /.test(l)).slice(-15).join("\n"));
  } finally {
    await hub.stop();
  }
}

function hubAndProxyRss(hub: Hub): number {
  let total = 0;
  for (const pid of hub.processes()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "latin1");
      if (pid === hub.pid || cmd.includes("configurable-http-proxy")) total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}
