/**
 * `npm run typecheck` and `npm run lint`, run as tests: `npm test` ran them
 * one after the other before mocha (13 s on two cores, one of them idle);
 * as a test file they run beside the others, on CPU the suite leaves idle
 * while it waits on kernels, Jupyter and Chromium. The commands are the
 * package.json scripts themselves, so each is written once.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { npmCommand } from "./npm";

const ROOT = join(__dirname, "..");

/** Runs `npm run <script>` in the checkout; resolves with its exit code and output. */
function npmRun(script: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...npmCommand(["run", "--silent", script]), { cwd: ROOT });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}

describe("static checks: npm run typecheck and npm run lint", function () {
  this.timeout(180_000);

  it("npm run typecheck: TypeScript finds no error (tsconfig.json, browser/tsconfig.json)", async () => {
    const { status, output } = await npmRun("typecheck");
    assert.equal(status, 0, output);
  });

  it("npm run lint: ESLint reports nothing, warnings included", async () => {
    const { status, output } = await npmRun("lint");
    assert.equal(status, 0, output);
  });
});
