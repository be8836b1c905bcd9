/**
 * The notebook runner (issue 5): whole-notebook wall time of our runner vs
 * `jupyter nbconvert --to notebook --execute` on the same notebook and the
 * same kernel (target: no slower), and kernel start -> first reply
 * (target: < 1.5 s), with and without the kernel start-up snapshot.
 *
 * nbconvert gets a temporary kernelspec named "tslab" pointing at the
 * project's tslab, in a temporary JUPYTER_PATH / JUPYTER_DATA_DIR, so
 * nothing of the user's Jupyter setup is read or touched.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeNotebook, executeNotebookObject } from "../dist/runner";
import { tslabKernelSpec } from "../dist/runner/kernel/kernelspec";
import { KernelSession } from "../dist/runner/kernel/session";
import { SNAPSHOT_ENV, kernelSnapshot } from "../dist/runner/kernel/snapshot";
import { startCpuSampler } from "./timing";

const NOTEBOOK = join(__dirname, "..", "test", "runner", "fixtures", "lab.ipynb");
const RUNS = 3;
const ONE_CELL = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  cells: [{ cell_type: "code" as const, id: "one", source: "const one: number = 1;\none", metadata: {}, outputs: [], execution_count: null }],
};
const JUPYTER = "/usr/bin/jupyter";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "runner-bench-"));
  try {
    // With the kernel start-up snapshot (src/runner/kernel/snapshot.ts) and without it, side by side.
    for (const snapshot of [true, false]) {
      const before = process.env[SNAPSHOT_ENV];
      if (!snapshot) process.env[SNAPSHOT_ENV] = "off";
      const starts: number[] = [];
      const cpus: number[] = [];
      try {
        for (let i = 0; i < 5; i++) {
          const session = await KernelSession.start("tslab", dir, 30_000);
          starts.push(session.startupMs);
          await session.shutdown();
          // The kernel's CPU for a one-cell notebook: start, tslab's first program, the cell, shutdown.
          const cpu = startCpuSampler();
          await executeNotebookObject(ONE_CELL, { cwd: dir });
          cpus.push(cpu.stop());
        }
      } finally {
        if (before === undefined) delete process.env[SNAPSHOT_ENV];
        else process.env[SNAPSHOT_ENV] = before;
      }
      const how = snapshot ? (kernelSnapshot() ? "from the snapshot" : "snapshot missing: run npm run build") : "without the snapshot";
      console.log(
        `kernel start -> first kernel_info_reply (tslab, ${how}, median of 5): ${fmt(median(starts))}  (min ${fmt(Math.min(...starts))}, target < 1.50 s); kernel CPU for a one-cell notebook ${median(cpus).toFixed(2)} CPU-s`,
      );
    }

    const ours: number[] = [];
    const kernelCpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const cpu = startCpuSampler();
      const result = await executeNotebook(NOTEBOOK, { outputPath: join(dir, "ours.ipynb") });
      kernelCpu.push(cpu.stop());
      ours.push(performance.now() - t);
      if (!result.ok) console.log(`  our runner failed: ${result.error?.message}`);
    }
    console.log(
      `whole notebook (lab.ipynb: 9 code cells, 1 skipped, incl. danfojs-node), our runner, median of ${RUNS}: ${fmt(median(ours))}, kernel ${median(kernelCpu).toFixed(2)} CPU-s`,
    );

    if (!existsSync(JUPYTER)) {
      console.log(`nbconvert: skipped (${JUPYTER} not found)`);
      return;
    }
    const jupyterPath = join(dir, "jupyter");
    const specDir = join(jupyterPath, "kernels", "tslab");
    mkdirSync(specDir, { recursive: true });
    const spec = tslabKernelSpec();
    writeFileSync(join(specDir, "kernel.json"), JSON.stringify({ argv: spec.argv, display_name: "TypeScript", language: "typescript" }));
    const env = {
      ...process.env,
      JUPYTER_PATH: jupyterPath,
      JUPYTER_DATA_DIR: jupyterPath,
      JUPYTER_CONFIG_DIR: join(dir, "config"),
      JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
    };
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = spawnSync(
        JUPYTER,
        ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", "--output-dir", dir, "--output", "theirs.ipynb", NOTEBOOK],
        { env, encoding: "utf8" },
      );
      theirs.push(performance.now() - t);
      if (r.status !== 0) {
        console.log(`  nbconvert failed (exit ${r.status}): ${r.stderr.split("\n").slice(-4).join(" | ")}`);
        break;
      }
    }
    const ratio = median(ours) / median(theirs);
    console.log(`whole notebook, jupyter nbconvert --execute, median of ${theirs.length}: ${fmt(median(theirs))}`);
    console.log(`our runner / nbconvert: ${ratio.toFixed(2)} (target <= 1.00)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
