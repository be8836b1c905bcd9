import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerApp } from "../../kernel-setup/jupyter";
import { hubClient } from "../../kernel-setup/hub/hub";
import { openKernel } from "../../kernel-setup/hub/kernelSession";
import { alive, descendants, freePort, launchers, portOpen, signal, waitFor } from "../../kernel-setup/processes";
import { AUTH_PROBE_QUERY, httpGet, isDesktop, jupyterEnv, jupyterLogFilter, parseStartArgs, removeStaleConnectionFiles, serverArgs, serverUrl, startJupyter, writeTokenConfig } from "../../kernel-setup/start";
import { ROOT, requireJupyter, spawnScript, tempDir, type Spawned } from "./helpers";

const NOTEBOOK6: ServerApp = { app: "notebook", module: "notebook", label: "Jupyter Notebook 6.4.12", configClass: "NotebookApp", page: "tree" };
const LAB4: ServerApp = { app: "lab", module: "jupyterlab", label: "JupyterLab 4.2.5", configClass: "ServerApp", page: "lab" };

describe("kernel-setup/start", () => {
  describe("parseStartArgs", () => {
    it('parseStartArgs(["--port", "8899", "--no-browser", "--lab"]) reads each flag', () => {
      assert.deepEqual(parseStartArgs(["--port", "8899", "--no-browser", "--lab"]), { port: 8899, openBrowser: false, app: "lab" });
      assert.deepEqual(parseStartArgs(["--port=9000", "--notebook", "--no-install", "--startup-timeout", "30"]), { port: 9000, app: "notebook", install: false, startupTimeoutSeconds: 30 });
      assert.deepEqual(parseStartArgs(["--data-dir", "/d", "--notebook-dir", "/n", "--python", "/usr/bin/python3", "--browser"]), {
        dataDir: "/d",
        notebookDir: "/n",
        python: "/usr/bin/python3",
        openBrowser: true,
      });
      assert.deepEqual(parseStartArgs([]), {});
    });

    it("parseStartArgs bad ports pin the messages", () => {
      assert.throws(() => parseStartArgs(["--port", "abc"]), { name: "TypeError", message: 'start.parseStartArgs: port must be an integer in [1, 65535], got "abc"' });
      assert.throws(() => parseStartArgs(["--port", "0"]), { name: "RangeError", message: "start.parseStartArgs: port must be an integer in [1, 65535], got 0" });
      assert.throws(() => parseStartArgs(["--port", "70000"]), { name: "RangeError", message: "start.parseStartArgs: port must be an integer in [1, 65535], got 70000" });
      assert.throws(() => parseStartArgs(["--port", "88.5"]), { name: "RangeError", message: "start.parseStartArgs: port must be an integer in [1, 65535], got 88.5" });
      assert.throws(() => parseStartArgs(["--port"]), { name: "RangeError", message: "start.parseStartArgs: --port must be followed by a value, got undefined" });
    });

    it("parseStartArgs refuses an unknown flag, listing the known ones", () => {
      assert.throws(() => parseStartArgs(["--ip", "0.0.0.0"]), {
        name: "RangeError",
        message:
          'start.parseStartArgs: each argument must be one of --port N, --lab, --notebook, --browser, --no-browser, --no-install, --data-dir DIR, --notebook-dir DIR, --python PATH, --startup-timeout SECONDS, got "--ip"',
      });
      assert.throws(() => parseStartArgs(["--startup-timeout", "-1"]), { message: "start.parseStartArgs: startup-timeout must be a finite number > 0, got -1" });
    });
  });

  describe("jupyterLogFilter", () => {
    // Verbatim lines of Notebook 6.4.12 under npm start (timestamps as printed).
    const forbidden = "[W 21:37:08.441 NotebookApp] Forbidden";
    const probe = `[W 21:37:08.444 NotebookApp] 403 GET /api/kernelspecs?${AUTH_PROBE_QUERY} (127.0.0.1) 1.590000ms referer=None`;
    const run = (lines: string[]) => {
      const filter = jupyterLogFilter();
      return [...lines.flatMap((l) => filter.push(l)), ...filter.flush()];
    };

    it("jupyterLogFilter drops npm start's own 403 probe with its Forbidden line, and keeps anyone else's", () => {
      assert.deepEqual(run([forbidden, probe]), []);
      const theirs = "[W 21:40:00.001 NotebookApp] 403 GET /api/contents (127.0.0.1) 1.2ms referer=None";
      assert.deepEqual(run([forbidden, theirs]), [forbidden, theirs]);
      assert.deepEqual(run(["[I 21:40 NotebookApp] x", forbidden]), ["[I 21:40 NotebookApp] x", forbidden], "a Forbidden line at the end is flushed");
    });

    it("jupyterLogFilter drops tslab's comm_open complaints and Jupyter's elided-token banner, keeps the rest", () => {
      const lines = [
        "[I 21:37:07.815 NotebookApp] Serving notebooks from local directory: /work/main/notebooks",
        "[I 21:37:07.815 NotebookApp] Jupyter Notebook 6.4.12 is running at:",
        "[I 21:37:07.815 NotebookApp] http://127.0.0.1:18931/?token=...",
        "[I 21:37:07.815 NotebookApp]  or http://127.0.0.1:18931/?token=...",
        "[I 21:37:07.815 NotebookApp] Use Control-C to stop this server and shut down all kernels (twice to skip confirmation).",
        "[I 21:38:01.000 NotebookApp] Kernel started: 3f1c",
        "unknown msg_type: comm_open",
        "unknown msg_type: comm_open",
      ];
      assert.deepEqual(run(lines), [lines[0], lines[5]]);
    });
  });

  describe("isDesktop", () => {
    it("isDesktop: never under CI; on Linux only with a display; elsewhere unless over SSH", () => {
      assert.equal(isDesktop({ CI: "true", DISPLAY: ":0" }, "linux"), false);
      assert.equal(isDesktop({}, "linux"), false);
      assert.equal(isDesktop({ DISPLAY: ":0" }, "linux"), true);
      assert.equal(isDesktop({ WAYLAND_DISPLAY: "wayland-0", CI: "false" }, "linux"), true);
      assert.equal(isDesktop({}, "darwin"), true);
      assert.equal(isDesktop({ SSH_CONNECTION: "1.2.3.4 5 6.7.8.9 22" }, "darwin"), false);
      assert.throws(() => isDesktop(null as never, "linux"), { name: "TypeError", message: "start.isDesktop: env must be an object, got null" });
    });
  });

  describe("jupyterEnv", () => {
    it("jupyterEnv points every Jupyter directory into the data dir, the token config first on JUPYTER_CONFIG_PATH, and drops every secret (kernels inherit it)", () => {
      const base = { PATH: "/usr/bin", JUPYTER_TOKEN: "t", JUPYTER_TOKEN_FILE: "/home/ada/token", JUPYTER_PATH: "/home/ada/jp", JUPYTER_CONFIG_PATH: "/etc/extra", MY_API_KEY: "k", DB_PASSWORD: "p" };
      const env = jupyterEnv(base, "/p/.jupyter-data", "/tmp/token-config");
      assert.deepEqual(
        Object.fromEntries(Object.entries(env).filter(([k]) => /JUPYTER|IPYTHON|KEY|PASSWORD/.test(k))),
        {
          JUPYTER_DATA_DIR: "/p/.jupyter-data",
          JUPYTER_PATH: "/p/.jupyter-data",
          JUPYTER_CONFIG_DIR: "/p/.jupyter-data/config",
          JUPYTER_CONFIG_PATH: "/tmp/token-config:/etc/extra",
          JUPYTER_RUNTIME_DIR: "/p/.jupyter-data/runtime",
          JUPYTERLAB_SETTINGS_DIR: "/p/.jupyter-data/lab/user-settings",
          JUPYTERLAB_WORKSPACES_DIR: "/p/.jupyter-data/lab/workspaces",
          IPYTHONDIR: "/p/.jupyter-data/ipython",
        },
      );
      assert.equal(env.PATH, "/usr/bin");
      assert.equal(base.JUPYTER_TOKEN_FILE, "/home/ada/token", "the input is not modified");
      assert.equal(jupyterEnv({}, "/d").JUPYTER_CONFIG_PATH, undefined);
    });

    it('jupyterEnv({}, "") pins the message', () => {
      assert.throws(() => jupyterEnv({}, ""), { name: "RangeError", message: 'start.jupyterEnv: dataDir must be a non-empty string, got ""' });
      assert.throws(() => jupyterEnv({}, "/d", ""), { name: "RangeError", message: 'start.jupyterEnv: tokenConfigDir must be a non-empty string, got ""' });
    });

    it("writeTokenConfig() writes the token for the app's config class in a private folder (0700, file 0600), and removes it", () => {
      const config = writeTokenConfig(NOTEBOOK6, "s3cret");
      try {
        assert.equal(statSync(config.dir).mode & 0o777, 0o700);
        const file = join(config.dir, "jupyter_notebook_config.json");
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), { NotebookApp: { token: "s3cret" } });
      } finally {
        config.remove();
      }
      assert.equal(existsSync(config.dir), false);
      const lab = writeTokenConfig(LAB4, "s3cret");
      assert.deepEqual(readdirSync(lab.dir), ["jupyter_server_config.json"]);
      lab.remove();
    });
  });

  describe("removeStaleConnectionFiles", () => {
    it("removeStaleConnectionFiles() removes kernel-*.json files no running process names, and keeps one a process runs with", async () => {
      const runtime = tempDir("runtime");
      const live = join(runtime.dir, "kernel-live.json");
      for (const f of ["kernel-dead.json", "kernel-live.json", "nbserver-1.json"]) writeFileSync(join(runtime.dir, f), "{}");
      const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", live], { stdio: "ignore" });
      try {
        await new Promise((r) => holder.once("spawn", r));
        assert.deepEqual(removeStaleConnectionFiles(runtime.dir), [join(runtime.dir, "kernel-dead.json")]);
        assert.deepEqual(readdirSync(runtime.dir).sort(), ["kernel-live.json", "nbserver-1.json"]);
        assert.deepEqual(removeStaleConnectionFiles(join(runtime.dir, "missing")), []);
      } finally {
        holder.kill("SIGKILL");
        runtime.remove();
      }
    });
  });

  describe("launchers", () => {
    it("launchers() of this test process is its direct parent, or the chain up to the npm that started it", () => {
      const chain = launchers();
      assert.ok(chain.length >= 1);
      assert.equal(chain[0], process.ppid);
    });
  });

  describe("serverArgs / serverUrl", () => {
    it("serverArgs for Notebook 6: --NotebookApp.* on loopback, no port retries, the notebook dir", () => {
      assert.deepEqual(serverArgs(NOTEBOOK6, { port: 8888, notebookDir: "/n", openBrowser: false, allowRoot: true }), [
        "-m",
        "notebook",
        "--NotebookApp.ip=127.0.0.1",
        "--NotebookApp.port=8888",
        "--NotebookApp.port_retries=0",
        "--NotebookApp.open_browser=False",
        "--NotebookApp.notebook_dir=/n",
        "--NotebookApp.allow_root=True",
      ]);
    });

    it("serverArgs for JupyterLab / Notebook 7: --ServerApp.* with root_dir; the token is never on the command line", () => {
      const args = serverArgs(LAB4, { port: 9999, notebookDir: "/n", openBrowser: true, allowRoot: false });
      assert.deepEqual(args, ["-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=9999", "--ServerApp.port_retries=0", "--ServerApp.open_browser=True", "--ServerApp.root_dir=/n"]);
      assert.ok(!args.some((a) => /token/i.test(a)));
    });

    it("serverArgs bad port pins the message", () => {
      assert.throws(() => serverArgs(NOTEBOOK6, { port: 0, notebookDir: "/n", openBrowser: false, allowRoot: false }), {
        name: "RangeError",
        message: "start.serverArgs: port must be an integer in [1, 65535], got 0",
      });
      assert.throws(() => serverArgs(NOTEBOOK6, { port: 1, notebookDir: "/n", openBrowser: "no" as never, allowRoot: false }), {
        name: "TypeError",
        message: 'start.serverArgs: openBrowser must be a boolean, got "no"',
      });
    });

    it("serverUrl opens /tree for Notebook and /lab for JupyterLab, with the token URL-encoded", () => {
      assert.equal(serverUrl(NOTEBOOK6, 8888, "a b"), "http://127.0.0.1:8888/tree?token=a%20b");
      assert.equal(serverUrl(LAB4, 8889, "t"), "http://127.0.0.1:8889/lab?token=t");
    });

    it("startJupyter({ port: 70000 }) rejects before anything starts", async () => {
      await assert.rejects(startJupyter({ port: 70000 }), { name: "RangeError", message: "start.startJupyter: port must be an integer in [1, 65535], got 70000" });
      await assert.rejects(startJupyter({ startupTimeoutSeconds: 0 }), { message: "start.startJupyter: startupTimeoutSeconds must be a finite number > 0, got 0" });
    });
  });

  describe("CLI: tsx kernel-setup/start.ts", function () {
    this.timeout(30_000);

    it("--port abc exits 2 with the message and the usage, starting nothing", async () => {
      const run = spawnScript("start.ts", ["--port", "abc"]);
      assert.equal(await run.exited, 2);
      assert.match(run.stderr, /^start\.parseStartArgs: port must be an integer in \[1, 65535\], got "abc"\nusage: npm start -- \[--port N\]/m);
      assert.doesNotMatch(run.stderr, /starting Jupyter/);
    });

    it("--help documents every option", async () => {
      const run = spawnScript("start.ts", ["--help"]);
      assert.equal(await run.exited, 0);
      for (const flag of ["--port", "--lab", "--notebook", "--no-browser", "--no-install", "--data-dir", "--notebook-dir", "--python", "--startup-timeout"]) {
        assert.ok(run.stdout.includes(flag), flag);
      }
    });
  });

  describe("npm start interrupted while Jupyter starts (real Jupyter)", function () {
    this.timeout(120_000);
    it("Ctrl-C before Jupyter is ready leaves no Jupyter behind", async function () {
      const found = requireJupyter(this);
      const data = tempDir("start-early-data");
      const notebooks = tempDir("start-early-notebooks");
      const port = await freePort(18_900);
      const run = spawnScript("start.ts", ["--port", String(port), "--no-browser", "--python", found.python, "--data-dir", data.dir, "--notebook-dir", notebooks.dir]);
      let jupyter: number[] = [];
      try {
        assert.ok(await waitFor(() => /tradeoff-lab: starting /.test(run.stderr), 60_000), run.stderr);
        const isJupyter = (p: number) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(notebooks.dir);
          } catch {
            return false;
          }
        };
        assert.ok(await waitFor(() => (jupyter = descendants(run.pid).filter(isJupyter)).length > 0, 5_000, 10), "Jupyter was spawned");
        process.kill(run.pid, "SIGINT");
        await run.exited;
        assert.ok(await waitFor(() => jupyter.every((p) => !alive(p)), 5_000), `Jupyter outlived npm start: ${jupyter.filter((p) => alive(p)).join(", ")}`);
      } finally {
        run.kill();
        for (const p of jupyter) if (alive(p)) process.kill(p, "SIGKILL");
        data.remove();
        notebooks.remove();
      }
    });
  });

  describe("npm start, as a user runs it (real Jupyter)", function () {
    this.timeout(120_000);
    const token = `test-${randomBytes(12).toString("hex")}`;
    let data: { dir: string; remove: () => void };
    let notebooks: { dir: string; remove: () => void };
    let run: Spawned | undefined;
    let jupyterPid = 0;
    let port = 0;
    let base = "";
    let url = "";

    before(async function () {
      requireJupyter(this);
      data = tempDir("start-data");
      notebooks = tempDir("start-notebooks");
      writeFileSync(join(notebooks.dir, "hello.ipynb"), readFileSync(join(ROOT, "test", "browser", "fixtures", "ui-check.ipynb")));
      port = await freePort(18_800);
      run = spawnScript("start.ts", ["--port", String(port), "--no-browser", "--data-dir", data.dir, "--notebook-dir", notebooks.dir], { JUPYTER_TOKEN: token }, "npx");
      const ready = await run.waitForStdout(/is ready \(pid (\d+)\)[\s\S]*open (http:\/\/127\.0\.0\.1:\d+\/\S+)/, 90_000);
      jupyterPid = Number(ready[1]);
      url = ready[2] as string;
      base = `http://127.0.0.1:${port}`;
    });

    after(async function () {
      // Whatever happened above: nothing may be left running.
      run?.kill();
      if (jupyterPid > 0 && alive(-jupyterPid)) process.kill(-jupyterPid, "SIGKILL");
      data?.remove();
      notebooks?.remove();
    });

    it("prints the URL with the token on loopback and the port asked for", () => {
      assert.ok(url.startsWith(`${base}/`), url);
      assert.match(url, new RegExp(`[?&]token=${token}$`));
    });

    it("GET /api/kernelspecs?token=… is 200 and lists tslab, running this checkout's tslab", async () => {
      const reply = await httpGet(`${base}/api/kernelspecs?token=${token}`);
      assert.equal(reply.status, 200);
      const json = JSON.parse(reply.body) as { kernelspecs: Record<string, { spec: { argv: string[]; metadata: Record<string, { checkout?: string }> } }> };
      assert.ok("tslab" in json.kernelspecs, Object.keys(json.kernelspecs).join(", "));
      const kernel = join(ROOT, "dist", "runner", "kernel");
      const argv = json.kernelspecs.tslab?.spec.argv ?? [];
      assert.equal(argv[0], process.execPath);
      assert.deepEqual(argv.slice(-6, -3), [join(kernel, "preload.js"), join(kernel, "tslabMain.js"), join(ROOT, "node_modules", "tslab", "bin", "tslab")]);
      assert.equal(json.kernelspecs.tslab?.spec.metadata["tradeoff-lab"]?.checkout, ROOT);
    });

    it("GET the notebook list (the page in the URL, and /api/contents) is 200 and shows the notebook", async () => {
      const page = await httpGet(url);
      assert.equal(page.status, 200);
      const contents = await httpGet(`${base}/api/contents?token=${token}`);
      assert.equal(contents.status, 200);
      const listing = JSON.parse(contents.body) as { content: { name: string }[] };
      assert.deepEqual(listing.content.map((c) => c.name), ["hello.ipynb"]);
    });

    it("a request without the token is refused (403 for the API, a redirect to login for pages)", async () => {
      assert.equal((await httpGet(`${base}/api/kernelspecs`)).status, 403);
      assert.equal((await httpGet(`${base}/api/contents?token=wrong-${token}`)).status, 403);
      const page = await httpGet(`${base}${new URL(url).pathname}`);
      assert.equal(page.status, 302);
      assert.match(String(page.headers.location), /\/login/);
    });

    it("prints only what a user needs: no warning for its own token probe, no elided-token banner; a real 403 is still logged", async () => {
      const spawned = run as Spawned;
      // The 403s of the test above are someone else's: they stay.
      assert.ok(await waitFor(() => spawned.stderr.includes("403 GET /api/kernelspecs (127.0.0.1)"), 5_000), spawned.stderr);
      const all = spawned.stdout + spawned.stderr;
      assert.ok(!all.includes(AUTH_PROBE_QUERY), all);
      assert.ok(!all.includes("?token=..."), all);
      assert.ok(!all.includes("Use Control-C to stop this server"), all);
    });

    it("listens on 127.0.0.1 only, and the token is not on Jupyter's command line", () => {
      const cmdline = readFileSync(`/proc/${jupyterPid}/cmdline`, "utf8").split("\0");
      assert.ok(cmdline.includes("--NotebookApp.ip=127.0.0.1") || cmdline.includes("--ServerApp.ip=127.0.0.1"), cmdline.join(" "));
      assert.ok(!cmdline.join(" ").includes(token));
    });

    it("SIGTERM stops it cleanly: the process group, Jupyter and its children are gone and the port is closed", async () => {
      const spawned = run as Spawned;
      const children = descendants(jupyterPid);
      process.kill(-spawned.pid, "SIGTERM");
      assert.ok(await waitFor(() => !alive(-spawned.pid), 20_000), "the npm start process group is gone");
      assert.ok(await waitFor(() => !alive(jupyterPid) && !alive(-jupyterPid), 5_000), "Jupyter's process group is gone");
      assert.ok(children.every((p) => !alive(p)), `Jupyter's children are gone: ${children.filter((p) => alive(p)).join(", ")}`);
      assert.equal(await portOpen(port), false);
      assert.match(spawned.stderr, /SIGTERM: stopping Jupyter/);
      assert.match(spawned.stderr, /Jupyter stopped/);
    });
  });

  describe("npm start killed with SIGKILL (real Jupyter, a tslab kernel, a cell's detached and double-forked children)", function () {
    this.timeout(150_000);
    it("a cell's process.env holds no token or secret; after kill -9 of the npx process alone, nothing of it runs and no connection file is left within 5 s", async function () {
      requireJupyter(this);
      const token = `test-${randomBytes(12).toString("hex")}`;
      const apiKey = `sk-${randomBytes(8).toString("hex")}`;
      const data = tempDir("start-kill-data");
      const notebooks = tempDir("start-kill-notebooks");
      writeFileSync(join(notebooks.dir, "hello.ipynb"), readFileSync(join(ROOT, "test", "browser", "fixtures", "ui-check.ipynb")));
      const port = await freePort(18_700);
      const run = spawnScript("start.ts", ["--port", String(port), "--no-browser", "--data-dir", data.dir, "--notebook-dir", notebooks.dir], { JUPYTER_TOKEN: token, MY_API_KEY: apiKey }, "npx");
      let all: number[] = [];
      try {
        const ready = await run.waitForStdout(/is ready \(pid (\d+)\)/, 90_000);
        const jupyterPid = Number(ready[1]);
        const kernel = await openKernel(hubClient(`http://127.0.0.1:${port}`, token), "npm-start", token, "hello.ipynb", "tslab", "");
        const cell = await kernel.execute(
          [
            'import { spawn, execSync } from "child_process";',
            'const detached = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });',
            "detached.unref();",
            "const orphan = Number(execSync(\"setsid sh -c 'sleep 300 >/dev/null 2>&1 & echo $!'\", { encoding: \"utf8\" }).trim());",
            'console.log(JSON.stringify({ kernel: process.pid, connection: process.argv[process.argv.indexOf("--config-path") + 1], children: [detached.pid, orphan], env: process.env }));',
          ].join("\n"),
        );
        assert.equal(cell.status, "ok", cell.stderr);
        const seen = JSON.parse(cell.stdout) as { kernel: number; connection: string; children: number[]; env: Record<string, string> };
        // Secrets: neither the cell's environment nor the kernel's initial one (/proc) holds them.
        assert.equal(seen.env.JUPYTER_TOKEN, undefined);
        assert.equal(seen.env.MY_API_KEY, undefined);
        assert.ok(!JSON.stringify(seen.env).includes(token), "the token is in the cell's process.env");
        const environ = readFileSync(`/proc/${seen.kernel}/environ`, "utf8");
        assert.ok(!environ.includes(token) && !environ.includes(apiKey), "a secret is in the kernel's environment");
        assert.ok(existsSync(seen.connection), seen.connection);

        all = [...new Set([run.pid, ...descendants(run.pid), jupyterPid, seen.kernel, ...seen.children])];
        assert.ok(all.every((p) => alive(p)));
        process.kill(run.pid, "SIGKILL");
        assert.ok(await waitFor(() => all.every((p) => !alive(p)), 5_000), `still running 5 s after kill -9: ${all.filter((p) => alive(p)).join(", ")}`);
        assert.equal(existsSync(seen.connection), false, "the kernel's connection file is left");
        assert.deepEqual(readdirSync(join(data.dir, "runtime")).filter((f) => /^kernel-.*\.json$/.test(f)), []);
        assert.equal(await portOpen(port), false);
        await kernel.close().catch(() => undefined);
      } finally {
        run.kill();
        for (const p of all) signal(p, "SIGKILL");
        data.remove();
        notebooks.remove();
      }
    });
  });
});
