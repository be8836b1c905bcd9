import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { findJupyter } from "../../kernel-setup/jupyter";
import { tslabMainPath } from "../../src/runner/kernel/kernelspec";
import { KERNEL_V8_FLAGS, kernelSnapshot } from "../../src/runner/kernel/snapshot";
import {
  KERNEL_NAME,
  installKernelSpec,
  installedSpecs,
  kernelDir,
  kernelJson,
  projectDataDir,
  projectTslab,
  serializeKernelJson,
  targetDataDir,
} from "../../kernel-setup/kernelspec";
import { ROOT, spawnScript, tempDir } from "./helpers";

const TSLAB_BIN = join(ROOT, "node_modules", "tslab", "bin", "tslab");

describe("kernel-setup/kernelspec", () => {
  let temp: { dir: string; remove: () => void };
  beforeEach(() => {
    temp = tempDir("kernelspec");
  });
  afterEach(() => temp.remove());

  describe("kernelJson", () => {
    it("kernelJson() runs the current node on this checkout's tslab with the kernel watchdog preloaded, with absolute paths, from the kernel snapshot when one was built", () => {
      const spec = kernelJson();
      const preload = join(ROOT, "dist", "runner", "kernel", "preload.js");
      const blob = kernelSnapshot(ROOT);
      if (process.env.CI === "true") assert.ok(blob, "npm run build made the kernel snapshot");
      const start = blob === undefined ? ["--require"] : ["--snapshot-blob", blob];
      assert.deepEqual(spec.argv, [process.execPath, ...KERNEL_V8_FLAGS, ...start, preload, tslabMainPath(ROOT), TSLAB_BIN, "kernel", "--config-path", "{connection_file}"]);
      assert.ok(spec.argv.slice(0, -3).every((p) => p.startsWith("--") || (p.startsWith("/") && existsSync(p))));
      assert.equal(spec.language, "typescript");
      assert.equal(spec.interrupt_mode, "signal");
      assert.equal(spec.metadata["tradeoff-lab"].checkout, ROOT);
    });

    it("kernelJson() keeps {connection_file} a separate argument, as tslab's own install.py does (tslab issue #36)", () => {
      const argv = kernelJson().argv;
      assert.equal(argv[argv.indexOf("--config-path") + 1], "{connection_file}");
    });

    it("kernelJson({ node: \"node\" }) refuses a relative node", () => {
      assert.throws(() => kernelJson({ node: "node" }), { name: "RangeError", message: 'kernelspec.kernelJson: node must be an absolute path, got "node"' });
    });

    it("projectTslab(\"/nonexistent\") says to run npm install", () => {
      assert.throws(() => projectTslab("/nonexistent"), {
        message: "tslab is not installed in /nonexistent/node_modules/tslab; run `npm install` in /nonexistent",
      });
      assert.throws(() => projectTslab(""), { name: "RangeError", message: 'kernelspec.projectTslab: root must be a non-empty string, got ""' });
    });

    it("projectTslab() reads the installed tslab's version", () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules", "tslab", "package.json"), "utf8")) as { version: string };
      assert.equal(projectTslab().version, pkg.version);
    });
  });

  describe("installKernelSpec", () => {
    it("installKernelSpec({ dataDir }) writes <dataDir>/kernels/tslab/kernel.json with the spec", () => {
      const result = installKernelSpec({ dataDir: temp.dir });
      assert.equal(result.path, join(temp.dir, "kernels", "tslab", "kernel.json"));
      assert.equal(result.changed, true);
      const written = JSON.parse(readFileSync(result.path, "utf8")) as { argv: string[]; display_name: string };
      assert.deepEqual(written, JSON.parse(JSON.stringify(kernelJson())));
      assert.equal(KERNEL_NAME, "tslab");
      assert.equal(statSync(result.path).mode & 0o777, 0o644);
    });

    it("installKernelSpec twice is idempotent: same bytes, same mtime, one kernelspec, no temp files", () => {
      const first = installKernelSpec({ dataDir: temp.dir });
      const bytes = readFileSync(first.path, "utf8");
      const mtime = statSync(first.path).mtimeMs;
      const second = installKernelSpec({ dataDir: temp.dir });
      assert.equal(second.changed, false);
      assert.equal(readFileSync(second.path, "utf8"), bytes);
      assert.equal(statSync(second.path).mtimeMs, mtime);
      assert.deepEqual(readdirSync(join(temp.dir, "kernels")), ["tslab"]);
      assert.deepEqual(readdirSync(kernelDir(temp.dir)), ["kernel.json"]);
    });

    it("installKernelSpec replaces a stale kernel.json (a global tslab's argv) with ours", () => {
      mkdirSync(kernelDir(temp.dir), { recursive: true });
      writeFileSync(join(kernelDir(temp.dir), "kernel.json"), JSON.stringify({ argv: ["tslab", "kernel", "--config-path", "{connection_file}"] }));
      assert.equal(installedSpecs([temp.dir])[0]?.pointsHere, false);
      assert.equal(installKernelSpec({ dataDir: temp.dir }).changed, true);
      assert.equal(installedSpecs([temp.dir])[0]?.pointsHere, true);
    });

    it("installKernelSpec: the file always holds the last call's spec, whatever the sequence of calls (property)", () => {
      const nodes = [process.execPath, "/usr/local/bin/node", "/opt/node/bin/node"];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...nodes), { minLength: 1, maxLength: 6 }), (sequence) => {
          const dataDir = join(temp.dir, `run-${Math.random().toString(36).slice(2)}`);
          let previous: string | undefined;
          for (const node of sequence) {
            const result = installKernelSpec({ dataDir, node });
            const expected = serializeKernelJson(kernelJson({ node }));
            assert.equal(result.changed, previous !== expected);
            assert.equal(readFileSync(result.path, "utf8"), expected);
            previous = expected;
          }
          assert.deepEqual(readdirSync(join(dataDir, "kernels")), ["tslab"]);
        }),
        { numRuns: 25 },
      );
    });

    it("installKernelSpec({ dataDir: \"\" }) pins the message", () => {
      assert.throws(() => installKernelSpec({ dataDir: "" }), { name: "RangeError", message: 'kernelspec.installKernelSpec: dataDir must be a non-empty string, got ""' });
      assert.throws(() => installKernelSpec(null as never), { name: "TypeError", message: "kernelspec.installKernelSpec: options must be an object, got null" });
    });

    it("Jupyter's own KernelSpecManager finds the installed spec (real jupyter_client)", function () {
      const found = findJupyter().found;
      if (!found?.probe.packages.jupyter_client) {
        if (process.env.CI === "true") throw new Error("jupyter_client is missing (CI=true: failing instead of skipping)");
        console.warn("\n  !!! SKIPPING: no Python with jupyter_client !!!\n");
        this.skip();
      }
      installKernelSpec({ dataDir: temp.dir });
      const script = "import json\nfrom jupyter_client.kernelspec import KernelSpecManager\ns = KernelSpecManager().get_kernel_spec('tslab')\nprint(json.dumps({'dir': s.resource_dir, 'argv': s.argv, 'lang': s.language}))";
      const run = spawnSync(found.python, ["-c", script], { encoding: "utf8", env: { ...process.env, JUPYTER_PATH: temp.dir, JUPYTER_DATA_DIR: temp.dir } });
      assert.equal(run.status, 0, run.stderr);
      const seen = JSON.parse(run.stdout) as { dir: string; argv: string[]; lang: string };
      assert.equal(seen.dir, kernelDir(temp.dir));
      assert.deepEqual(seen.argv, kernelJson().argv);
      assert.equal(seen.lang, "typescript");
    });
  });

  describe("targetDataDir (paths computed, nothing touched)", () => {
    it('targetDataDir("project") is <checkout>/.jupyter-data (git-ignored)', () => {
      assert.equal(targetDataDir("project"), join(ROOT, ".jupyter-data"));
      assert.equal(projectDataDir(), join(ROOT, ".jupyter-data"));
      assert.match(readFileSync(join(ROOT, ".gitignore"), "utf8"), /^\.jupyter-data\/$/m);
    });

    it('targetDataDir("user") follows jupyter_core: JUPYTER_DATA_DIR, then XDG_DATA_HOME, then ~/.local/share/jupyter', () => {
      const home = "/home/ada";
      assert.equal(targetDataDir("user", { env: {}, platform: "linux", home }), "/home/ada/.local/share/jupyter");
      assert.equal(targetDataDir("user", { env: { XDG_DATA_HOME: "/xdg" }, platform: "linux", home }), "/xdg/jupyter");
      assert.equal(targetDataDir("user", { env: { JUPYTER_DATA_DIR: "/jd", XDG_DATA_HOME: "/xdg" }, platform: "linux", home }), "/jd");
      assert.equal(targetDataDir("user", { env: {}, platform: "darwin", home }), "/home/ada/Library/Jupyter");
      assert.equal(targetDataDir("user", { env: { APPDATA: "C:\\Users\\ada\\AppData\\Roaming" }, platform: "win32", home: "C:\\Users\\ada" }), "C:\\Users\\ada\\AppData\\Roaming\\jupyter");
    });

    it('targetDataDir("sys-prefix"), ("prefix"), ("data-dir") are <sys.prefix>/share/jupyter, <dir>/share/jupyter, <dir>', () => {
      assert.equal(targetDataDir("sys-prefix", { sysPrefix: "/srv/venv" }), "/srv/venv/share/jupyter");
      assert.equal(targetDataDir("prefix", { dir: "/opt/x" }), "/opt/x/share/jupyter");
      assert.equal(targetDataDir("data-dir", { dir: "/opt/x" }), "/opt/x");
    });

    it('targetDataDir("user") and ("sys-prefix") agree with jupyter_core.paths itself (golden: the real jupyter_core)', function () {
      const found = findJupyter().found;
      if (!found?.probe.packages.jupyter_core) {
        if (process.env.CI === "true") throw new Error("jupyter_core is missing (CI=true: failing instead of skipping)");
        this.skip();
      }
      const script = "import json, sys\nfrom jupyter_core import paths\nprint(json.dumps([paths.jupyter_data_dir(), paths.ENV_JUPYTER_PATH[0]]))";
      const env = { PATH: process.env.PATH ?? "", HOME: temp.dir };
      const run = spawnSync(found.python, ["-c", script], { encoding: "utf8", env });
      assert.equal(run.status, 0, run.stderr);
      const [user, sysPrefixDir] = JSON.parse(run.stdout) as [string, string];
      assert.equal(targetDataDir("user", { env, platform: process.platform, home: temp.dir }), user);
      assert.equal(targetDataDir("sys-prefix", { sysPrefix: found.probe.prefix }), sysPrefixDir);
    });

    it("targetDataDir bad inputs pin the messages", () => {
      assert.throws(() => targetDataDir("global" as never), {
        name: "RangeError",
        message: 'kernelspec.targetDataDir: scope must be one of "project", "user", "sys-prefix", "prefix", "data-dir", got "global"',
      });
      assert.throws(() => targetDataDir("sys-prefix", {}), {
        name: "RangeError",
        message: 'kernelspec.targetDataDir: sysPrefix must be the Jupyter Python\'s sys.prefix for scope "sys-prefix", got undefined',
      });
      assert.throws(() => targetDataDir("prefix", {}), { message: 'kernelspec.targetDataDir: dir must be a directory for scope "prefix", got undefined' });
      assert.throws(() => targetDataDir("user", { env: {}, platform: "linux", home: "" }), { message: 'runner.jupyterDataDir: context.home must be a non-empty string, got ""' });
      assert.throws(() => kernelDir(""), { message: 'kernelspec.kernelDir: dataDir must be a non-empty string, got ""' });
      assert.throws(() => projectDataDir(""), { message: 'kernelspec.projectDataDir: root must be a non-empty string, got ""' });
    });
  });

  describe("installedSpecs", () => {
    it("installedSpecs lists only data dirs that hold a tslab spec, and whether it runs this checkout's tslab", () => {
      const ours = join(temp.dir, "ours");
      const broken = join(temp.dir, "broken");
      installKernelSpec({ dataDir: ours });
      mkdirSync(kernelDir(broken), { recursive: true });
      writeFileSync(join(kernelDir(broken), "kernel.json"), "{ not json");
      const found = installedSpecs([ours, join(temp.dir, "absent"), broken]);
      assert.deepEqual(
        found.map((s) => [s.dataDir, s.pointsHere, s.argv === undefined]),
        [
          [ours, true, false],
          [broken, false, true],
        ],
      );
    });

    it("a kernel.json started from a kernel snapshot points here only if that snapshot is the one built for its node", function () {
      const blob = kernelSnapshot(ROOT, {});
      if (blob === undefined) this.skip();
      const preload = join(ROOT, "dist", "runner", "kernel", "preload.js");
      const write = (argv: string[]) => {
        mkdirSync(kernelDir(temp.dir), { recursive: true });
        writeFileSync(join(kernelDir(temp.dir), "kernel.json"), JSON.stringify({ argv }));
        return installedSpecs([temp.dir])[0]?.pointsHere;
      };
      const tail = [preload, tslabMainPath(ROOT), TSLAB_BIN, "kernel", "--config-path", "{connection_file}"];
      assert.equal(write([process.execPath, ...KERNEL_V8_FLAGS, "--snapshot-blob", blob, ...tail]), true);
      assert.equal(write([process.execPath, ...KERNEL_V8_FLAGS, "--require", ...tail]), true, "the form without a snapshot");
      assert.equal(write([process.execPath, ...KERNEL_V8_FLAGS, "--snapshot-blob", join(temp.dir, "old.blob"), ...tail]), false, "another blob");
      assert.equal(write([process.execPath, ...KERNEL_V8_FLAGS, "--snapshot-blob", blob, TSLAB_BIN, "kernel"]), false, "no preload or entry");
      assert.equal(write([process.execPath, "--snapshot-blob", blob, ...tail]), false, "without the V8 flags the snapshot was built with (node refuses it)");
    });
  });

  describe("CLI: tsx kernel-setup/kernelspec.ts", function () {
    this.timeout(60_000);

    it("--user writes under $HOME/.local/share/jupyter (a fake HOME), then reports it unchanged", async () => {
      const env = { HOME: temp.dir, XDG_DATA_HOME: undefined, JUPYTER_DATA_DIR: undefined };
      const first = spawnScript("kernelspec.ts", ["--user"], env);
      assert.equal(await first.exited, 0, first.stderr);
      const path = join(temp.dir, ".local", "share", "jupyter", "kernels", "tslab", "kernel.json");
      assert.match(first.stdout, new RegExp(`^registered: ${path}$`, "m"));
      const second = spawnScript("kernelspec.ts", ["--user"], env);
      assert.equal(await second.exited, 0, second.stderr);
      assert.match(second.stdout, /^already registered \(unchanged\): /m);
      assert.deepEqual((JSON.parse(readFileSync(path, "utf8")) as { argv: string[] }).argv.slice(-5, -3), [tslabMainPath(ROOT), TSLAB_BIN]);
    });

    it("--sys-prefix --python <fake> writes under that Python's sys.prefix/share/jupyter", async () => {
      const prefix = join(temp.dir, "venv");
      const fake = join(temp.dir, "fake-python");
      const probe = { executable: fake, prefix, version: "3.12.0", packages: { jupyter_client: "8.6.0" } };
      writeFileSync(fake, `#!/bin/sh\necho '${JSON.stringify(probe)}'\n`);
      chmodSync(fake, 0o755);
      const run = spawnScript("kernelspec.ts", ["--sys-prefix", "--python", fake]);
      assert.equal(await run.exited, 0, run.stderr);
      assert.ok(existsSync(join(prefix, "share", "jupyter", "kernels", "tslab", "kernel.json")), run.stdout);
    });

    it("--user --sys-prefix together is refused with a non-zero exit", async () => {
      const run = spawnScript("kernelspec.ts", ["--user", "--sys-prefix"], { HOME: temp.dir });
      assert.notEqual(await run.exited, 0);
      assert.match(run.stderr, /choose one of --user, --sys-prefix, --prefix, --data-dir \(got --user, --sys-prefix\)/);
      assert.equal(existsSync(join(temp.dir, ".local")), false);
    });
  });
});
