import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelStartupError } from "../../../src/runner/errors";
import { KERNEL_V8_FLAGS, kernelSnapshot } from "../../../src/runner/kernel/snapshot";
import {
  envset,
  jupyterConfigDir,
  jupyterDataDir,
  jupyterPath,
  jupyterRuntimeDir,
  kernelSearchPath,
  resolveKernelSpec,
  systemJupyterPath,
  tslabArgv,
  watchdogPreload,
  type JupyterContext,
} from "../../../src/runner/kernel/kernelspec";

const linux = (env: Record<string, string> = {}, extra: Partial<JupyterContext> = {}): JupyterContext => ({ env, platform: "linux", home: "/home/ada", ...extra });
const mac = (env: Record<string, string> = {}, extra: Partial<JupyterContext> = {}): JupyterContext => ({ env, platform: "darwin", home: "/Users/ada", ...extra });
const windows = (env: Record<string, string> = {}, extra: Partial<JupyterContext> = {}): JupyterContext => ({ env, platform: "win32", home: "C:\\Users\\ada", ...extra });

describe("runner/kernel/kernelspec", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "kernelspec-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("Jupyter directories (jupyter_core's paths.py)", () => {
    it("jupyterDataDir() on Linux: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter", () => {
      assert.equal(jupyterDataDir(linux()), "/home/ada/.local/share/jupyter");
      assert.equal(jupyterDataDir(linux({ XDG_DATA_HOME: "/xdg" })), "/xdg/jupyter");
      assert.equal(jupyterDataDir(linux({ XDG_DATA_HOME: "" })), "/home/ada/.local/share/jupyter", "an empty XDG_DATA_HOME is unset");
      assert.equal(jupyterDataDir(linux({ JUPYTER_DATA_DIR: "/jd", XDG_DATA_HOME: "/xdg" })), "/jd");
    });

    it("jupyterDataDir() on macOS is ~/Library/Jupyter (XDG_DATA_HOME ignored)", () => {
      assert.equal(jupyterDataDir(mac({ XDG_DATA_HOME: "/xdg" })), "/Users/ada/Library/Jupyter");
      assert.equal(jupyterDataDir(mac({ JUPYTER_DATA_DIR: "/jd" })), "/jd");
    });

    it("jupyterDataDir() on Windows is %APPDATA%\\jupyter, else <config dir>\\data", () => {
      assert.equal(jupyterDataDir(windows({ APPDATA: "C:\\Users\\ada\\AppData\\Roaming" })), "C:\\Users\\ada\\AppData\\Roaming\\jupyter");
      assert.equal(jupyterDataDir(windows()), "C:\\Users\\ada\\.jupyter\\data");
      assert.equal(jupyterDataDir(windows({ JUPYTER_CONFIG_DIR: "D:\\cfg" })), "D:\\cfg\\data");
    });

    it("jupyterConfigDir() and jupyterRuntimeDir() follow their variables, else ~/.jupyter and <data dir>/runtime", () => {
      assert.equal(jupyterConfigDir(linux()), "/home/ada/.jupyter");
      assert.equal(jupyterConfigDir(linux({ JUPYTER_CONFIG_DIR: "/c" })), "/c");
      assert.equal(jupyterRuntimeDir(linux()), "/home/ada/.local/share/jupyter/runtime");
      assert.equal(jupyterRuntimeDir(mac({ JUPYTER_RUNTIME_DIR: "/r" })), "/r");
    });

    it("systemJupyterPath(): /usr/local and /usr on Unix; %PROGRAMDATA%\\jupyter on Windows, else <sys.prefix>\\share\\jupyter", () => {
      assert.deepEqual(systemJupyterPath(linux()), ["/usr/local/share/jupyter", "/usr/share/jupyter"]);
      assert.deepEqual(systemJupyterPath(mac()), ["/usr/local/share/jupyter", "/usr/share/jupyter"]);
      assert.deepEqual(systemJupyterPath(windows({ PROGRAMDATA: "C:\\ProgramData" })), ["C:\\ProgramData\\jupyter"]);
      assert.deepEqual(systemJupyterPath(windows({}, { sysPrefix: "C:\\Python311" })), ["C:\\Python311\\share\\jupyter"]);
      assert.deepEqual(systemJupyterPath(windows()), []);
    });

    it("jupyterPath(): JUPYTER_PATH entries (trailing separator dropped), user, environment, system; with subdirs joined", () => {
      const context = linux({ JUPYTER_PATH: "/a/:/b" }, { sysPrefix: "/opt/venv", userBase: "/home/ada/.local" });
      assert.deepEqual(jupyterPath(context), ["/a", "/b", "/home/ada/.local/share/jupyter", "/opt/venv/share/jupyter", "/usr/local/share/jupyter", "/usr/share/jupyter"]);
      assert.deepEqual(jupyterPath(linux(), "kernels"), ["/home/ada/.local/share/jupyter/kernels", "/usr/local/share/jupyter/kernels", "/usr/share/jupyter/kernels"]);
    });

    it("jupyterPath(): JUPYTER_PREFER_ENV_PATH puts the environment before the user; an env dir that is a system dir is not repeated", () => {
      assert.deepEqual(jupyterPath(linux({ JUPYTER_PREFER_ENV_PATH: "1" }, { sysPrefix: "/opt/venv" })), [
        "/opt/venv/share/jupyter",
        "/home/ada/.local/share/jupyter",
        "/usr/local/share/jupyter",
        "/usr/share/jupyter",
      ]);
      assert.deepEqual(jupyterPath(linux({ JUPYTER_PREFER_ENV_PATH: "off" }, { sysPrefix: "/usr" })), ["/home/ada/.local/share/jupyter", "/usr/local/share/jupyter", "/usr/share/jupyter"]);
    });

    it("jupyterPath() on Windows splits JUPYTER_PATH on ';' and joins with backslashes", () => {
      const context = windows({ JUPYTER_PATH: "C:\\a\\;D:\\b", APPDATA: "C:\\Roaming", PROGRAMDATA: "C:\\ProgramData" }, { sysPrefix: "C:\\Py" });
      assert.deepEqual(jupyterPath(context, "kernels"), ["C:\\a\\kernels", "D:\\b\\kernels", "C:\\Roaming\\jupyter\\kernels", "C:\\Py\\share\\jupyter\\kernels", "C:\\ProgramData\\jupyter\\kernels"]);
    });

    it("envset() is jupyter_core's: unset and no/n/false/off/0/0.0 in any case are false", () => {
      assert.deepEqual(["1", "yes", "true", "anything"].map(envset), [true, true, true, true]);
      assert.deepEqual([undefined, "no", "N", "False", "OFF", "0", "0.0"].map(envset), [false, false, false, false, false, false, false]);
    });

    it("bad contexts are errors naming the function and field", () => {
      assert.throws(() => jupyterDataDir({ env: {}, platform: "linux", home: "" }), { name: "RangeError", message: 'runner.jupyterDataDir: context.home must be a non-empty string, got ""' });
      assert.throws(() => jupyterPath(undefined as never), { name: "TypeError", message: "runner.jupyterPath: context must be an object, got undefined" });
    });

    it("jupyterPath() agrees with jupyter_core.paths itself on this machine (golden: jupyter_core.paths under /usr/bin/python3, three environments)", function () {
      const python = "/usr/bin/python3";
      if (spawnSync(python, ["-c", "import jupyter_core"]).status !== 0) {
        if (process.env.CI === "true") throw new Error(`jupyter_core is missing under ${python} (CI=true: failing instead of skipping)`);
        this.skip();
      }
      const script = [
        "import json, site, sys",
        "from jupyter_core import paths",
        "user_base = site.getuserbase() if site.ENABLE_USER_SITE else None",
        "print(json.dumps([paths.jupyter_path('kernels'), paths.jupyter_data_dir(), paths.jupyter_config_dir(), paths.jupyter_runtime_dir(), sys.prefix, user_base]))",
      ].join("\n");
      for (const env of [
        { HOME: dir },
        { HOME: dir, XDG_DATA_HOME: join(dir, "xdg"), JUPYTER_PATH: `${join(dir, "a")}/:${join(dir, "b")}` },
        { HOME: dir, JUPYTER_DATA_DIR: join(dir, "jd"), JUPYTER_PREFER_ENV_PATH: "1", PYTHONUSERBASE: join(dir, "userbase") },
      ]) {
        const run = spawnSync(python, ["-c", script], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });
        assert.equal(run.status, 0, run.stderr);
        const [path, data, config, runtime, sysPrefix, userBase] = JSON.parse(run.stdout) as [string[], string, string, string, string, string | null];
        const context: JupyterContext = { env, platform: "linux", home: dir, sysPrefix, ...(userBase ? { userBase } : {}) };
        assert.deepEqual(jupyterPath(context, "kernels"), path, JSON.stringify(env));
        assert.deepEqual([jupyterDataDir(context), jupyterConfigDir(context), jupyterRuntimeDir(context)], [data, config, runtime]);
      }
    });
  });

  describe("kernelspecs", () => {
    it("tslabArgv() preloads the watchdog and keeps {connection_file} a separate argument (tslab issue #36)", () => {
      const v8 = ["--initial-old-space-size=256"];
      assert.deepEqual(KERNEL_V8_FLAGS, v8);
      assert.deepEqual(tslabArgv("/n", "/t", "/p.js"), ["/n", ...v8, "--require", "/p.js", "/t", "kernel", "--config-path", "{connection_file}"]);
      assert.deepEqual(tslabArgv("/n", "/t", "/p.js", "/e.js"), ["/n", ...v8, "--require", "/p.js", "/e.js", "/t", "kernel", "--config-path", "{connection_file}"]);
      assert.deepEqual(tslabArgv("/n", "/t", "/p.js", "/e.js", "/s.blob"), ["/n", ...v8, "--snapshot-blob", "/s.blob", "/p.js", "/e.js", "/t", "kernel", "--config-path", "{connection_file}"]);
      assert.deepEqual(tslabArgv("/n", "/t", "/p.js", undefined, "/s.blob"), ["/n", ...v8, "--require", "/p.js", "/t", "kernel", "--config-path", "{connection_file}"], "the snapshot starts the entry, so none without one");
    });

    it("watchdogPreload() is this checkout's built dist/runner/kernel/preload.js", () => {
      const preload = watchdogPreload();
      assert.equal(preload, join(__dirname, "..", "..", "..", "dist", "runner", "kernel", "preload.js"));
      assert.ok(existsSync(preload), "npm run build made it");
      assert.throws(() => watchdogPreload(""), { name: "RangeError", message: 'runner.watchdogPreload: root must be a non-empty string, got ""' });
    });

  it('resolveKernelSpec("tslab") is the project\'s own tslab, run by this node', () => {
    const spec = resolveKernelSpec("tslab");
    // Started from the kernel snapshot when npm run build made one for this node (snapshot.test.ts), else with the preload required.
    const blob = kernelSnapshot();
    const start = [...KERNEL_V8_FLAGS, ...(blob === undefined ? ["--require", watchdogPreload()] : ["--snapshot-blob", blob, watchdogPreload()])];
    assert.deepEqual(spec.argv.slice(0, start.length + 1), [process.execPath, ...start]);
    assert.deepEqual(spec.argv.slice(start.length + 1), [
      join(__dirname, "..", "..", "..", "dist", "runner", "kernel", "tslabMain.js"),
      join(__dirname, "..", "..", "..", "node_modules", "tslab", "bin", "tslab"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ]);
    assert.equal(spec.interrupt_mode, "signal");
  });

  it("resolveKernelSpec(path to kernel.json or its folder) reads that spec", () => {
    const file = join(dir, "kernel.json");
    writeFileSync(file, JSON.stringify({ argv: ["echo", "{connection_file}"], display_name: "Echo", interrupt_mode: "message" }));
    assert.deepEqual(resolveKernelSpec(file).argv, ["echo", "{connection_file}"]);
    assert.equal(resolveKernelSpec(dir).interrupt_mode, "message");
  });

  it("resolveKernelSpec(name) finds <JUPYTER_PATH>/kernels/<name>/kernel.json", () => {
    const saved = process.env.JUPYTER_PATH;
    process.env.JUPYTER_PATH = dir;
    try {
      const specDir = join(dir, "kernels", "fake");
      mkdirSync(specDir, { recursive: true });
      writeFileSync(join(specDir, "kernel.json"), JSON.stringify({ argv: ["fake-kernel", "{connection_file}"] }));
      assert.deepEqual(resolveKernelSpec("fake").argv, ["fake-kernel", "{connection_file}"]);
      assert.equal(kernelSearchPath()[0], join(dir, "kernels"));
      assert.equal(kernelSearchPath().at(-1), join(__dirname, "..", "..", "..", ".jupyter-data", "kernels"), "the project's own data dir comes last");
    } finally {
      if (saved === undefined) delete process.env.JUPYTER_PATH;
      else process.env.JUPYTER_PATH = saved;
    }
  });

  it("resolveKernelSpec(unknown name) throws KernelStartupError naming where it looked", () => {
    assert.throws(
      () => resolveKernelSpec("no-such-kernel"),
      (e: unknown) => e instanceof KernelStartupError && /^runner.resolveKernelSpec: no kernel named "no-such-kernel"; looked for kernel.json in .*no-such-kernel/.test(e.message),
    );
  });

  it("resolveKernelSpec(name, odd context) names itself, not jupyterPath", () => {
    assert.throws(() => resolveKernelSpec("sync", {} as never), { name: "TypeError", message: "runner.resolveKernelSpec: context.env must be an object, got undefined" });
    assert.throws(() => resolveKernelSpec("tslab", { env: {}, platform: "linux", home: "" }), { name: "RangeError", message: 'runner.resolveKernelSpec: context.home must be a non-empty string, got ""' });
  });

  it("resolveKernelSpec(kernel.json without argv) throws KernelStartupError", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ display_name: "x" }));
    assert.throws(() => resolveKernelSpec(file), { message: `runner: kernelspec ${file} must have a non-empty argv list of strings` });
  });

  });
});
