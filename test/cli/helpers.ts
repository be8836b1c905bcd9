/** Runs the `tradeoff-lab` CLI in-process and collects what it wrote. */
import { main } from "../../src/cli";

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["node", "tradeoff-lab", ...args], { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}
