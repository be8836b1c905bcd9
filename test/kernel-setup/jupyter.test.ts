import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import {
  APT_PACKAGES,
  candidatePythons,
  describeSearch,
  findJupyter,
  installPlan,
  parseProbe,
  parseShebang,
  pythonOfScript,
  realSystem,
  serverApp,
  venvPython,
  type InstallFacts,
  type JupyterPackage,
  type PythonProbe,
  type System,
} from "../../kernel-setup/jupyter";
import { ROOT, requireJupyter } from "./helpers";

function probe(packages: Partial<Record<JupyterPackage, string>>, prefix = "/usr"): PythonProbe {
  const all = { jupyter_core: null, jupyter_client: null, notebook: null, jupyterlab: null, jupyter_server: null, nbconvert: null, nbclient: null, ...packages };
  return { executable: `${prefix}/bin/python3`, prefix, version: "3.11.2", packages: all };
}

/** A fake machine: files with their first lines, executables on PATH, probes per interpreter. */
function fakeSystem(options: {
  path: string[];
  files?: Record<string, string[]>;
  executables?: string[];
  probes?: Record<string, PythonProbe>;
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
}): System & { probed: string[] } {
  const executables = new Set([...(options.executables ?? []), ...Object.keys(options.files ?? {})]);
  const probed: string[] = [];
  return {
    env: { PATH: options.path.join(":"), ...options.env },
    platform: options.platform ?? "linux",
    probed,
    which: (name) => options.path.map((dir) => join(dir, name)).filter((f) => executables.has(f)),
    head: (file, lines) => options.files?.[file]?.slice(0, lines),
    isExecutable: (file) => executables.has(file),
    probe(python) {
      probed.push(python);
      return options.probes?.[python];
    },
  };
}

/** This machine, as the issue describes it: a pyenv python3 first on PATH, Jupyter under /usr/bin/python3. */
const PYENV_MACHINE = {
  path: ["/root/.pyenv/shims", "/usr/local/bin", "/usr/bin", "/bin"],
  files: {
    "/usr/bin/jupyter": ["#!/usr/bin/python3", "# -*- coding: utf-8 -*-"],
    "/bin/jupyter": ["#!/usr/bin/python3", ""],
  },
  executables: ["/root/.pyenv/shims/python3", "/root/.pyenv/shims/python", "/usr/bin/python3", "/bin/python3"],
  probes: {
    "/root/.pyenv/shims/python3": probe({}, "/root/.pyenv/versions/3.11.7"),
    "/usr/bin/python3": probe({ jupyter_core: "4.12.0", jupyter_client: "7.4.9", notebook: "6.4.12", nbconvert: "6.5.3", nbclient: "0.7.2" }),
  },
};

describe("kernel-setup/jupyter", () => {
  describe("parseShebang", () => {
    it('parseShebang("#!/usr/bin/python3") is that interpreter', () => {
      assert.deepEqual(parseShebang("#!/usr/bin/python3"), { interpreter: "/usr/bin/python3", args: [], viaEnv: false });
    });

    it('parseShebang("#!/usr/bin/env python3") names python3, looked up on PATH', () => {
      assert.deepEqual(parseShebang("#!/usr/bin/env python3"), { interpreter: "python3", args: [], viaEnv: true });
    });

    it("parseShebang skips env's options and assignments: -S, -u NAME, NAME=value", () => {
      assert.deepEqual(parseShebang("#!/usr/bin/env -S python3 -E"), { interpreter: "python3", args: ["-E"], viaEnv: true });
      assert.deepEqual(parseShebang("#!/usr/bin/env -u PYTHONPATH PYTHONNOUSERSITE=1 python3.11"), { interpreter: "python3.11", args: [], viaEnv: true });
    });

    it('parseShebang("#! /opt/conda/bin/python3.11 -s") allows a space and keeps the arguments', () => {
      assert.deepEqual(parseShebang("#! /opt/conda/bin/python3.11 -s"), { interpreter: "/opt/conda/bin/python3.11", args: ["-s"], viaEnv: false });
    });

    it("parseShebang is undefined for a line that is no shebang, or an empty one", () => {
      assert.equal(parseShebang("import sys"), undefined);
      assert.equal(parseShebang("#!"), undefined);
      assert.equal(parseShebang("#!/usr/bin/env"), undefined);
    });

    it("parseShebang(42) pins the message", () => {
      assert.throws(() => parseShebang(42 as never), { name: "TypeError", message: "jupyter.parseShebang: line must be a string, got 42" });
    });

    it("parseShebang never throws on a string, and an interpreter it returns never contains whitespace (property)", () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          const parsed = parseShebang(`#!${text}`);
          if (parsed) assert.doesNotMatch(parsed.interpreter, /\s/);
        }),
      );
    });
  });

  describe("pythonOfScript", () => {
    it("pythonOfScript resolves `env python3` on the PATH the script would see", () => {
      assert.equal(pythonOfScript(["#!/usr/bin/env python3"], (n) => (n === "python3" ? ["/opt/py/bin/python3"] : [])), "/opt/py/bin/python3");
    });

    it("pythonOfScript reads pip's `#!/bin/sh` + `'''exec'` launcher (long or spaced venv paths)", () => {
      const lines = ["#!/bin/sh", `'''exec' "/home/ada/my envs/jupyter/bin/python3" "$0" "$@"`, "' '''"];
      assert.equal(pythonOfScript(lines, () => []), "/home/ada/my envs/jupyter/bin/python3");
    });

    it("pythonOfScript is undefined for a non-Python script", () => {
      assert.equal(pythonOfScript(["#!/usr/bin/node"], () => []), undefined);
      assert.equal(pythonOfScript(["ELF binary"], () => []), undefined);
    });

    it("pythonOfScript([]) pins the message", () => {
      assert.throws(() => pythonOfScript([], () => []), {
        name: "RangeError",
        message: "jupyter.pythonOfScript: lines must be an array with length >= 1, got an array of length 0",
      });
      assert.throws(() => pythonOfScript([7 as never], () => []), { name: "TypeError", message: "jupyter.pythonOfScript: lines[0] must be a string, got 7" });
    });
  });

  describe("candidatePythons", () => {
    it("candidatePythons on the pyenv machine: jupyter's shebang first, then /usr/bin/python3 (deduplicated), python3, python", () => {
      assert.deepEqual(candidatePythons(fakeSystem(PYENV_MACHINE), "/checkout"), [
        { python: "/usr/bin/python3", source: "shebang of /usr/bin/jupyter" },
        { python: "/root/.pyenv/shims/python3", source: "python3 on PATH" },
        { python: "/root/.pyenv/shims/python", source: "python on PATH" },
      ]);
    });

    it("candidatePythons puts $TRADEOFF_LAB_PYTHON first, then the project's .venv", () => {
      const venv = venvPython("/checkout", "linux");
      const system = fakeSystem({ ...PYENV_MACHINE, executables: [...PYENV_MACHINE.executables, venv], env: { TRADEOFF_LAB_PYTHON: "/opt/mine/python" } });
      assert.deepEqual(
        candidatePythons(system, "/checkout").map((c) => c.python).slice(0, 3),
        ["/opt/mine/python", "/checkout/.venv/bin/python", "/usr/bin/python3"],
      );
    });

    it("candidatePythons without jupyter on PATH falls back to /usr/bin/python3, python3, python", () => {
      const system = fakeSystem({ path: ["/u/bin"], executables: ["/u/bin/python3", "/u/bin/python"] });
      assert.deepEqual(candidatePythons(system, "/checkout").map((c) => c.python), ["/usr/bin/python3", "/u/bin/python3", "/u/bin/python"]);
    });

    it("candidatePythons never lists an interpreter twice and always lists /usr/bin/python3 on Linux (property)", () => {
      const dirs = ["/a", "/b", "/c", "/usr/bin"];
      fc.assert(
        fc.property(
          fc.shuffledSubarray(dirs),
          fc.subarray(["/a/python3", "/b/python3", "/c/python", "/usr/bin/python3", "/b/python"]),
          fc.subarray(["/a/jupyter", "/c/jupyter", "/usr/bin/jupyter"]),
          fc.constantFrom("#!/usr/bin/python3", "#!/usr/bin/env python3", "#!/b/python3", "#!/bin/sh"),
          (path, executables, jupyters, shebang) => {
            const files = Object.fromEntries(jupyters.map((j) => [j, [shebang]]));
            const pythons = candidatePythons(fakeSystem({ path, executables, files }), "/checkout").map((c) => c.python);
            assert.equal(new Set(pythons).size, pythons.length);
            assert.equal(pythons.filter((p) => p === "/usr/bin/python3").length, 1);
          },
        ),
      );
    });

    it("candidatePythons(null) pins the message", () => {
      assert.throws(() => candidatePythons(null as never), { name: "TypeError", message: "jupyter.candidatePythons: system must be an object, got null" });
    });
  });

  describe("findJupyter (fakes)", () => {
    it("findJupyter on the pyenv machine picks /usr/bin/python3 and stops asking", () => {
      const system = fakeSystem(PYENV_MACHINE);
      const search = findJupyter(system, "/checkout");
      assert.equal(search.found?.python, "/usr/bin/python3");
      assert.equal(search.found?.server?.label, "Jupyter Notebook 6.4.12");
      assert.deepEqual(system.probed, ["/usr/bin/python3"]);
    });

    it("findJupyter skips candidates without a server until one has it", () => {
      const system = fakeSystem({
        path: ["/p"],
        executables: ["/p/python3", "/p/python"],
        probes: { "/usr/bin/python3": probe({}), "/p/python3": probe({ nbconvert: "7.0.0" }), "/p/python": probe({ jupyterlab: "4.2.0", jupyter_server: "2.14.0" }) },
      });
      const search = findJupyter(system, "/checkout");
      assert.equal(search.found?.python, "/p/python");
      assert.equal(search.found?.server?.app, "lab");
      assert.deepEqual(search.tried.map((t) => t.python), ["/usr/bin/python3", "/p/python3", "/p/python"]);
    });

    it("findJupyter falls back to the first Python with jupyter_client when none has a server", () => {
      const system = fakeSystem({ path: ["/p"], executables: ["/p/python3"], probes: { "/p/python3": probe({ jupyter_client: "8.0.0" }) } });
      const search = findJupyter(system, "/checkout");
      assert.equal(search.found?.python, "/p/python3");
      assert.equal(search.found?.server, undefined);
    });

    it("findJupyter finds nothing on a machine without Jupyter, and says what each candidate lacked", () => {
      const system = fakeSystem({ path: ["/p"], executables: ["/p/python3"], probes: { "/p/python3": probe({}) } });
      const search = findJupyter(system, "/checkout");
      assert.equal(search.found, undefined);
      assert.deepEqual(describeSearch(search), [
        "/usr/bin/python3 (the system Python): cannot be run as Python 3",
        "/p/python3 (python3 on PATH): Python 3.11.2; no Jupyter packages",
      ]);
    });

    it("findJupyter(42) pins the message", () => {
      assert.throws(() => findJupyter(42 as never), { name: "TypeError", message: "jupyter.findJupyter: system must be an object, got 42" });
    });
  });

  describe("serverApp", () => {
    it("serverApp prefers JupyterLab (--ServerApp.*), and can be asked for Notebook", () => {
      const both = probe({ jupyterlab: "4.2.5", notebook: "7.2.2", jupyter_server: "2.14.2" });
      assert.deepEqual(serverApp(both), { app: "lab", module: "jupyterlab", label: "JupyterLab 4.2.5", configClass: "ServerApp", page: "lab" });
      assert.deepEqual(serverApp(both, "notebook"), { app: "notebook", module: "notebook", label: "Jupyter Notebook 7.2.2", configClass: "ServerApp", page: "tree" });
    });

    it("serverApp: Notebook 6 uses --NotebookApp.* (Debian bookworm's 6.4.12)", () => {
      assert.equal(serverApp(probe({ notebook: "6.4.12" }))?.configClass, "NotebookApp");
      assert.equal(serverApp(probe({ nbconvert: "6.5.3" })), undefined);
    });

    it("serverApp(null) pins the message", () => {
      assert.throws(() => serverApp(null as never), { name: "TypeError", message: "jupyter.serverApp: probe must be an object, got null" });
    });
  });

  describe("parseProbe", () => {
    it("parseProbe reads the probe's JSON (last line) and nulls unknown packages", () => {
      const text = 'warning: something\n{"executable": "/usr/bin/python3", "prefix": "/usr", "version": "3.11.2", "packages": {"notebook": "6.4.12", "jupyterlab": null}}';
      const parsed = parseProbe(text);
      assert.equal(parsed?.packages.notebook, "6.4.12");
      assert.equal(parsed?.packages.nbclient, null);
      assert.equal(parseProbe("Python 2.7"), undefined);
      assert.equal(parseProbe('{"executable": 1}'), undefined);
    });
  });

  describe("installPlan", () => {
    const base: InstallFacts = { platform: "linux", osIds: ["debian"], isRoot: false, hasAptGet: true, venvBase: "/usr/bin/python3", pypiReachable: true };

    it("installPlan: PyPI reachable → a project venv with JupyterLab", () => {
      const plan = installPlan(base, "/checkout");
      assert.equal(plan.kind, "venv");
      assert.deepEqual(plan.kind === "venv" && plan.commands, [
        ["/usr/bin/python3", "-m", "venv", "/checkout/.venv"],
        ["/checkout/.venv/bin/python", "-m", "pip", "install", "--upgrade", "pip"],
        ["/checkout/.venv/bin/python", "-m", "pip", "install", "jupyterlab", "nbconvert", "nbclient"],
      ]);
    });

    it("installPlan: no PyPI, Debian or Ubuntu, root → apt-get the distribution's packages", () => {
      for (const osIds of [["debian"], ["ubuntu", "debian"], ["linuxmint", "ubuntu"]]) {
        const plan = installPlan({ ...base, osIds, isRoot: true, pypiReachable: false }, "/checkout");
        assert.equal(plan.kind, "apt");
        assert.deepEqual(plan.kind === "apt" && plan.commands, [
          ["apt-get", "update"],
          ["apt-get", "install", "-y", "jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"],
        ]);
      }
      assert.deepEqual([...APT_PACKAGES], ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient"]);
    });

    it("installPlan: no PyPI and not root → a message with the exact commands", () => {
      const plan = installPlan({ ...base, pypiReachable: false }, "/checkout");
      assert.equal(plan.kind, "manual");
      const message = plan.kind === "manual" ? plan.message : "";
      assert.match(message, /sudo apt-get update && sudo apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient/);
      assert.match(message, /python3 -m venv \/checkout\/\.venv && \/checkout\/\.venv\/bin\/python -m pip install jupyterlab/);
      assert.match(message, /PyPI was not reachable/);
    });

    it("installPlan: macOS without PyPI suggests Homebrew; no venv module is said so", () => {
      const plan = installPlan({ ...base, platform: "darwin", osIds: [], venvBase: undefined, pypiReachable: false }, "/checkout");
      const message = plan.kind === "manual" ? plan.message : "";
      assert.match(message, /brew install jupyterlab/);
      assert.match(message, /No Python 3 with the venv module/);
      assert.doesNotMatch(message, /apt-get/);
    });

    it("installPlan(null) pins the message", () => {
      assert.throws(() => installPlan(null as never), { name: "TypeError", message: "jupyter.installPlan: facts must be an object, got null" });
    });
  });

  describe("on this machine (real)", function () {
    this.timeout(30_000);

    it("findJupyter() finds the Python that has Jupyter, even when python3 on PATH lacks it", function () {
      const found = requireJupyter(this);
      assert.ok(found.server, "a server app");
      const run = spawnSync(found.python, ["-c", `import ${found.server.module}`], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      const pathPython = realSystem().which("python3")[0];
      const pathHasJupyter = pathPython !== undefined && spawnSync(pathPython, ["-c", "import jupyter_client"], { stdio: "ignore" }).status === 0;
      if (!pathHasJupyter && existsOnDebian()) {
        // The situation of the issue: a pyenv python3 on PATH without Jupyter, Debian's Jupyter under /usr/bin/python3.
        assert.equal(found.python, "/usr/bin/python3");
        assert.notEqual(pathPython, "/usr/bin/python3");
      }
    });

    it("tsx kernel-setup/jupyter.ts find --json prints the same search", function () {
      requireJupyter(this);
      const run = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), ["kernel-setup/jupyter.ts", "find", "--json"], { cwd: ROOT, encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      const search = JSON.parse(run.stdout) as { found: { python: string } };
      assert.equal(search.found.python, findJupyter().found?.python);
    });
  });
});

function existsOnDebian(): boolean {
  return spawnSync("/usr/bin/python3", ["-c", "import notebook"], { stdio: "ignore" }).status === 0;
}
