import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatReport, runDoctor, type DoctorReport } from "../../kernel-setup/doctor";
import { installKernelSpec, kernelDir } from "../../kernel-setup/kernelspec";
import { requireJupyter, spawnScript, tempDir } from "./helpers";

describe("kernel-setup/doctor", () => {
  describe("formatReport", () => {
    it("formatReport prints one line per check and a fix under each problem", () => {
      const report: DoctorReport = {
        ok: false,
        checks: [
          { name: "node", status: "ok", detail: "v20.20.2 (/usr/bin/node)", fix: "never shown for ok" },
          { name: "library", status: "warn", detail: "dist/ is older than src/", fix: "npm run build" },
          { name: "kernelspec", status: "fail", detail: "no tslab kernelspec", fix: "npm run kernel:install" },
        ],
      };
      assert.equal(
        formatReport(report),
        [
          "tradeoff-lab doctor",
          "  ✓ node          v20.20.2 (/usr/bin/node)",
          "  ! library       dist/ is older than src/",
          "    fix: npm run build",
          "  ✗ kernelspec    no tslab kernelspec",
          "    fix: npm run kernel:install",
          "",
          '1 problem to fix (see "fix:" above)',
        ].join("\n"),
      );
    });

    it("formatReport ends with \"all good\" or the warning count when nothing failed", () => {
      assert.match(formatReport({ ok: true, checks: [{ name: "node", status: "ok", detail: "v20" }] }), /\n\nall good$/);
      assert.match(formatReport({ ok: true, checks: [{ name: "a", status: "warn", detail: "x", fix: "y" }] }), /\n\nworks, with 1 warning$/);
    });

    it("formatReport(null) pins the message", () => {
      assert.throws(() => formatReport(null as never), { name: "TypeError", message: "doctor.formatReport: report must be an object, got null" });
    });
  });

  describe("runDoctor", function () {
    this.timeout(90_000);
    let temp: { dir: string; remove: () => void };
    beforeEach(() => {
      temp = tempDir("doctor");
    });
    afterEach(() => temp.remove());

    it("runDoctor bad options pin the messages", async () => {
      await assert.rejects(runDoctor({ liveTimeoutMs: 0 }), { name: "RangeError", message: "doctor.runDoctor: liveTimeoutMs must be a finite number > 0, got 0" });
      await assert.rejects(runDoctor({ live: "yes" as never }), { name: "TypeError", message: 'doctor.runDoctor: live must be a boolean, got "yes"' });
      await assert.rejects(runDoctor({ dataDir: "" }), { name: "RangeError", message: 'doctor.runDoctor: dataDir must be a non-empty string, got ""' });
    });

    it("runDoctor with no kernelspec registered fails that check, with the fix", async function () {
      requireJupyter(this);
      const report = await runDoctor({ dataDir: temp.dir, live: false });
      const spec = report.checks.find((c) => c.name === "kernelspec");
      assert.equal(spec?.status, "fail");
      assert.equal(spec?.fix, "npm run kernel:install (npm start also registers it)");
      assert.equal(report.checks.find((c) => c.name === "jupyter sees")?.status, "fail");
      assert.equal(report.ok, false);
    });

    it("runDoctor flags a kernelspec that runs another tslab", async function () {
      requireJupyter(this);
      mkdirSync(kernelDir(temp.dir), { recursive: true });
      writeFileSync(join(kernelDir(temp.dir), "kernel.json"), JSON.stringify({ argv: ["tslab", "kernel", "--config-path", "{connection_file}"] }));
      const report = await runDoctor({ dataDir: temp.dir, live: false });
      const spec = report.checks.find((c) => c.name === "kernelspec");
      assert.equal(spec?.status, "fail");
      assert.match(spec?.detail ?? "", /does not run this checkout's tslab with an existing node \(argv: tslab kernel --config-path \{connection_file\}\)/);
    });

    it("runDoctor flags a kernelspec naming a kernel snapshot not built for its node (a node upgraded since)", async function () {
      requireJupyter(this);
      const argv = [...installKernelSpec({ dataDir: temp.dir }).spec.argv];
      const blob = argv.indexOf("--snapshot-blob") + 1;
      if (blob === 0) this.skip();
      argv[blob] = join(temp.dir, "old.blob");
      writeFileSync(join(kernelDir(temp.dir), "kernel.json"), JSON.stringify({ argv }));
      const spec = (await runDoctor({ dataDir: temp.dir, live: false })).checks.find((c) => c.name === "kernelspec");
      assert.equal(spec?.status, "fail");
      assert.match(spec?.detail ?? "", /does not run this checkout's tslab with an existing node, from the kernel snapshot built for that node \(argv: /);
      assert.equal(spec?.fix, "npm run kernel:install");
    });

    it("runDoctor reports node, tslab, Python and Jupyter versions and where the kernelspec is", async function () {
      const found = requireJupyter(this);
      const installed = installKernelSpec({ dataDir: temp.dir });
      const report = await runDoctor({ dataDir: temp.dir, live: false });
      const byName = new Map(report.checks.map((c) => [c.name, c]));
      assert.equal(byName.get("node")?.detail, `${process.version} (${process.execPath})`);
      assert.equal(byName.get("tslab")?.status, "ok");
      assert.match(byName.get("python")?.detail ?? "", new RegExp(`^${found.python} .*Python ${found.probe.version.replace(/\./g, "\\.")}`));
      assert.match(byName.get("jupyter")?.detail ?? "", new RegExp(`npm start runs ${found.server?.label}`));
      assert.match(byName.get("kernelspec")?.detail ?? "", new RegExp(`^${installed.path} → ${process.execPath} `));
      assert.equal(byName.get("jupyter sees")?.status, "ok");
      assert.equal(byName.has("live kernel"), false);
    });

    it("npm run doctor (the CLI) runs 1+1 live through the registered kernelspec and exits 0", async function () {
      requireJupyter(this);
      const installed = installKernelSpec({ dataDir: temp.dir });
      const run = spawnScript("doctor.ts", ["--data-dir", temp.dir]);
      const code = await run.exited;
      assert.match(run.stdout, new RegExp(`✓ live kernel +1\\+1 = 2 in [0-9.]+ s through the kernelspec ${installed.path}`), run.stdout + run.stderr);
      assert.equal(code, 0, run.stdout);
    });

    it("npm run doctor exits 1 when something is broken, and prints the fix", async function () {
      requireJupyter(this);
      const run = spawnScript("doctor.ts", ["--data-dir", temp.dir, "--no-live"]);
      assert.equal(await run.exited, 1);
      assert.match(run.stdout, /✗ kernelspec +no tslab kernelspec in .*\n +fix: npm run kernel:install/);
    });
  });
});
