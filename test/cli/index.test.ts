import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildProgram, main, packageVersion } from "../../src/cli";

const ROOT = join(__dirname, "..", "..");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("cli", () => {
  it("buildProgram() has the run, export, grade, exercises and restore commands", () => {
    assert.deepEqual(
      buildProgram({ out: () => undefined, err: () => undefined, isTTY: false }).commands.map((c) => c.name()),
      ["run", "export", "grade", "exercises", "restore"],
    );
  });

  it("main(['--version']) prints package.json's version and exits 0", async () => {
    let out = "";
    const code = await main(["node", "tradeoff-lab", "--version"], { out: (t) => (out += t), err: () => undefined, isTTY: false });
    assert.equal(code, 0);
    assert.equal(out, `${VERSION}\n`);
    assert.equal(packageVersion(), VERSION);
  });

  it("main(['nope']) is a usage error (2)", async () => {
    let err = "";
    assert.equal(await main(["node", "tradeoff-lab", "nope"], { out: () => undefined, err: (t) => (err += t), isTTY: false }), 2);
    assert.match(err, /unknown command 'nope'/);
  });

  it("package.json's bin is the built CLI, and `tradeoff-lab --version` runs from it", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    assert.equal(pkg.bin["tradeoff-lab"], "dist/cli/index.js");
    const run = spawnSync(process.execPath, [join(ROOT, pkg.bin["tradeoff-lab"] as string), "--version"], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${VERSION}\n`);
    assert.match(readFileSync(join(ROOT, "dist", "cli", "index.js"), "utf8"), /^#!\/usr\/bin\/env node\n/);
  });

  it("every other command line (npm start, doctor, kernel:install, jupyter:install, notebooks, export) answers --version with the same version", function () {
    this.timeout(120_000);
    const tsx = join(ROOT, "node_modules", ".bin", "tsx");
    for (const script of ["kernel-setup/start.ts", "kernel-setup/doctor.ts", "kernel-setup/kernelspec.ts", "kernel-setup/jupyter.ts", "scripts/notebooks.ts", "scripts/export.ts"]) {
      const run = spawnSync(tsx, [script, "--version"], { cwd: ROOT, encoding: "utf8" });
      assert.equal(run.status, 0, `${script}: ${run.stderr}`);
      assert.equal(run.stdout, `${VERSION}\n`, script);
    }
  });

  it("`npm run exercises -- --version` and every other subcommand answer --version too", async () => {
    const names = buildProgram({ out: () => undefined, err: () => undefined, isTTY: false }).commands.map((c) => c.name());
    for (const name of names) {
      let out = "";
      const code = await main(["node", "tradeoff-lab", name, "--version"], { out: (t) => (out += t), err: () => undefined, isTTY: false });
      assert.deepEqual([code, out], [0, `${VERSION}\n`], name);
    }
  });
});
