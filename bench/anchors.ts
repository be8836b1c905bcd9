/**
 * The reference implementations the benchmarks run side by side with ours,
 * in the same `npm run bench`: `shared/anchors/pbs_numpy.py` and
 * `burnrate_pandas.py` (read-only, beside the checkout: found in the
 * nearest folder above it that has `shared/anchors/`), and this folder's
 * `anchors/pbs_profile_numpy.py` (the same numpy model with LNKD-DISK
 * delays). They run under Debian's /usr/bin/python3, which has numpy and
 * pandas (python3-numpy, python3-pandas); without them, the benchmarks
 * print ours alone and say why.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

const PYTHON = "/usr/bin/python3";

/** Path of a shared anchor script, or undefined when no `shared/anchors/` is above the checkout. */
export function sharedAnchor(script: string): string | undefined {
  for (let dir = join(__dirname, ".."); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "anchors", script);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Path of one of this folder's anchor scripts. */
export function localAnchor(script: string): string {
  return join(__dirname, "anchors", script);
}

/** Why the anchors cannot run here, or undefined when they can. */
export function anchorsUnavailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import numpy, pandas"], { encoding: "utf8" });
  if (probe.status !== 0) return `${PYTHON} lacks numpy or pandas (apt-get install python3-numpy python3-pandas)`;
  return undefined;
}

/** Runs an anchor script and returns the words of its one line of output. */
export function runAnchor(script: string, args: readonly (string | number)[]): string[] {
  const result = spawnSync(PYTHON, [script, ...args.map(String)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr.trim()}`);
  return result.stdout.trim().split(/\s+/);
}
