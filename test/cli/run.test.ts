import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_FAILED, EXIT_USAGE } from "../../src/cli";
import { checkOutputs, kernelWarning, planJobs } from "../../src/cli/run";
import { readNotebook } from "../../src/runner/notebook";
import { stopsRunning } from "../runner/processes";
import { cli } from "./helpers";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(__dirname, "..", "runner", "fixtures");
const FAKE_KERNEL = join(__dirname, "..", "runner", "fake-kernel.ts");
const LAB = join(FIXTURES, "lab.ipynb");
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("cli/run", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("run --help documents every option, the output forms and the exit codes", async () => {
    const { code, out } = await cli("run", "--help");
    assert.equal(code, 0);
    for (const flag of ["-p, --parameter <name=value>", "--params-file <file.json>", "--inplace", "--output-dir <dir>", "--jobs <n>", "--timeout <seconds>",
      "--startup-timeout <seconds>", "--iopub-timeout <seconds>", "--cwd <dir>", "--kernel <name>", "--allow-errors", "--help-params", "--no-progress",
      "run nb.ipynb out.ipynb", "Exit codes: 0", "raises-exception", "skip-execution"]) {
      assert.ok(out.includes(flag), `--help mentions ${flag}`);
    }
  });

  it("run lab.ipynb --help-params lists the parameters with their types and defaults, and runs nothing", async () => {
    const { code, out } = await cli("run", LAB, "--help-params");
    assert.equal(code, 0);
    assert.equal(
      out,
      [
        LAB,
        "  replicas: number = 3",
        '  region: string = "eu-west-1"',
        "  weights: number[] = [1,2]",
        "  verbose: boolean = false",
        "  set with -p name=value or --params-file file.json",
        "",
      ].join("\n"),
    );
  });

  it("run -p with a value of the wrong type exits 2 before anything runs, naming parameter, type and value", async () => {
    const out = join(dir, "never.ipynb");
    const { code, err } = await cli("run", LAB, out, "-p", "replicas=many");
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, 'tradeoff-lab run: parameters.replicas must be a finite number, got "many"\n');
    assert.equal(existsSync(out), false);
  });

  it("run -p with an unknown name exits 2 listing the known ones; --params-file is checked too", async () => {
    const { code, err } = await cli("run", LAB, "-p", "replica=5");
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, 'tradeoff-lab run: parameters.replica must be one of the notebook\'s parameters ("replicas", "region", "weights", "verbose"), got "replica"\n');
    const file = join(dir, "params.json");
    writeFileSync(file, JSON.stringify({ verbose: "yes" }));
    const fromFile = await cli("run", LAB, "--params-file", file);
    assert.equal(fromFile.err, 'tradeoff-lab run: parameters.verbose must be a boolean, got "yes"\n');
  });

  it("bad usage exits 2: no notebook, a malformed -p, --jobs 0, output == input", async () => {
    assert.equal((await cli("run")).code, EXIT_USAGE);
    assert.equal((await cli("run", LAB, "-p", "replicas")).err, 'tradeoff-lab run: -p must be name=value, got "replicas"\n');
    assert.match((await cli("run", LAB, "--jobs", "0")).err, /--jobs must be an integer >= 1, got "0"/);
    assert.match((await cli("run", LAB, "--timeout", "-3")).err, /--timeout must be a number > 0, got "-3"/);
    assert.match((await cli("run", LAB, "--timeout", "3000000")).err, /--timeout must be at most 2147483 seconds \(Node's timer limit, about 24\.8 days\), got "3000000"/);
    assert.equal((await cli("run", LAB, LAB)).err, "tradeoff-lab run: the output is the input; pass --inplace to overwrite the input notebook\n");
  });

  it("kernelWarning(): a TypeScript notebook on a Python kernelspec warns; tslab, a language-less notebook or an unknown kernel do not", () => {
    const nb = readNotebook(LAB);
    nb.metadata = { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } };
    const spec = join(dir, "python.kernel.json");
    writeFileSync(spec, JSON.stringify({ argv: ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"], language: "python" }));
    assert.equal(
      kernelWarning(nb, "nb.ipynb", spec),
      `tradeoff-lab run: warning: nb.ipynb is a typescript notebook, but --kernel ${spec} runs python; its cells will fail. Leave out --kernel to run it on the project's tslab.`,
    );
    assert.equal(kernelWarning(nb, "nb.ipynb", "tslab"), undefined);
    assert.equal(kernelWarning({ ...nb, metadata: {} }, "nb.ipynb", spec), undefined);
    assert.equal(kernelWarning(nb, "nb.ipynb", "no-such-kernel-xyz"), undefined);
  });

  it("planJobs(): papermill's input/output pair, several inputs, folders, --output-dir, --inplace", () => {
    assert.deepEqual(planJobs(["a.ipynb", "b.ipynb"], {}), [{ input: "a.ipynb", output: "b.ipynb" }]);
    assert.deepEqual(planJobs(["x/a.ipynb"], {}), [{ input: "x/a.ipynb", output: "x/a.executed.ipynb" }]);
    assert.deepEqual(planJobs(["a.ipynb", "b.ipynb"], { outputDir: "out" }), [
      { input: "a.ipynb", output: join("out", "a.ipynb") },
      { input: "b.ipynb", output: join("out", "b.ipynb") },
    ]);
    assert.deepEqual(planJobs(["a.ipynb"], { inplace: true }), [{ input: "a.ipynb", output: "a.ipynb" }]);
    const folder = planJobs([FIXTURES], { outputDir: "o" }).map((j) => j.input.slice(FIXTURES.length + 1));
    assert.deepEqual(folder, ["errors.ipynb", "lab.ipynb", "slow.ipynb", "spin.ipynb", "two-cells.ipynb"]);
    assert.throws(() => planJobs(["a.ipynb"], { inplace: true, outputDir: "o" }), { message: "tradeoff-lab run: --inplace and --output-dir cannot be combined" });
    assert.throws(() => planJobs(["a.ipynb", "b.txt"], {}), { message: 'tradeoff-lab run: the output must end with .ipynb, got "b.txt"' });
  });

  it("run errors.ipynb out.ipynb (real kernel) exits 1 naming the cell, its first lines and the error; output has the banner; input untouched", async () => {
    const input = join(FIXTURES, "errors.ipynb");
    const before = sha(input);
    const out = join(dir, "errors.out.ipynb");
    const { code, err } = await cli("run", input, out);
    assert.equal(code, EXIT_FAILED);
    assert.ok(
      err.includes(
        `FAILED ${input}: cell 1 (id "typo") failed: TypeScriptError: Type 'number' is not assignable to type 'string'. (line 1, column 7)\n  | const label: string = 1;\n  the executed notebook, with an error banner, is in ${out}\n`,
      ),
      err,
    );
    assert.ok(err.includes(`${input}: cell 0 ok (1 of 4)\n${input}: cell 1 error (2 of 4)\n`), err);
    assert.match(String(readNotebook(out).cells[0]?.source), /An exception stopped this notebook/);
    assert.equal(sha(input), before);
  });

  it("run on a cell whose library call throws (real kernel): the first line is 'RangeError: quorum…', in the message, the error output and the banner", async () => {
    const input = join(__dirname, "fixtures", "library-error.ipynb");
    const out = join(dir, "library-error.out.ipynb");
    const { code, err } = await cli("run", input, out);
    assert.equal(code, EXIT_FAILED);
    const message = "RangeError: quorum.explainConsistency: r must be an integer in [1, n=3], got 7";
    assert.ok(err.includes(`FAILED ${input}: cell 2 (id "bad") failed: ${message}\n  | quorum.explainConsistency`), err);
    const written = readNotebook(out);
    const bad = written.cells.find((c) => c.id === "bad");
    const error = bad?.cell_type === "code" ? bad.outputs.find((o) => o.output_type === "error") : undefined;
    assert.ok(error?.output_type === "error", "the failing cell has an error output");
    assert.deepEqual([error.ename, error.traceback[0]], ["RangeError", message]);
    assert.ok(!error.traceback.some((l) => /node_modules\/tslab|node:vm/.test(l)), "tslab's own frames are dropped");
    assert.match(String(written.cells[0]?.source), /cell 2<\/a>: RangeError: quorum\.explainConsistency: r must be an integer in \[1, n=3\], got 7/);
  });

  it("run --inplace --jobs 2 on two copies (fake kernel) writes each over its input and exits 0", async () => {
    const spec = join(dir, "fake.kernel.json");
    writeFileSync(spec, JSON.stringify({ argv: [process.execPath, "--require", require.resolve("tsx/cjs"), FAKE_KERNEL, "{connection_file}"] }));
    const copies = ["a.ipynb", "b.ipynb", "c.ipynb"].map((f) => join(dir, f));
    for (const c of copies) copyFileSync(join(FIXTURES, "two-cells.ipynb"), c);
    const { code, err } = await cli("run", ...copies, "--inplace", "--jobs", "2", "--kernel", spec);
    assert.equal(code, 0, err);
    for (const c of copies) assert.equal((readNotebook(c).metadata["tradeoff-lab"] as { status: string }).status, "completed");
    assert.equal(err.split("\n").filter((l) => l.startsWith("ok ")).length, 3);
  });

  it("planJobs() refuses an --output-dir that is the inputs' folder, and two inputs written to one output (input never modified)", () => {
    assert.throws(() => planJobs([join("x", "a.ipynb")], { outputDir: "x" }), {
      message: `tradeoff-lab run: the output of ${join("x", "a.ipynb")} would be the input itself; choose another --output-dir, or pass --inplace to overwrite it`,
    });
    assert.throws(() => planJobs([FIXTURES], { outputDir: FIXTURES }), /would be the input itself/);
    assert.throws(() => planJobs([join("x", "a.ipynb"), join("y", "a.ipynb")], { outputDir: "o" }), {
      message: `tradeoff-lab run: ${join("x", "a.ipynb")} and ${join("y", "a.ipynb")} would both be written to ${join("o", "a.ipynb")}; give each notebook once, with distinct file names`,
    });
    assert.throws(() => planJobs(["a.ipynb", "a.ipynb", "b.ipynb"], { inplace: true }), /a\.ipynb and a\.ipynb would both be written to a\.ipynb/);
  });

  it("run -o <missing folder> (fake kernel) creates the folder and writes the executed notebook there", async () => {
    const spec = join(dir, "fake-o.kernel.json");
    writeFileSync(spec, JSON.stringify({ argv: [process.execPath, "--require", require.resolve("tsx/cjs"), FAKE_KERNEL, "{connection_file}"] }));
    const outDir = join(dir, "not", "yet");
    const { code, err } = await cli("run", join(FIXTURES, "two-cells.ipynb"), "-o", outDir, "--kernel", spec);
    assert.equal(code, 0, err);
    assert.equal((readNotebook(join(outDir, "two-cells.ipynb")).metadata["tradeoff-lab"] as { status: string }).status, "completed");
  });

  it("run <a notebook whose timer throws after its cell> (real kernel) exits 1 naming the cell and the uncaught error", async () => {
    const input = join(dir, "late-throw.ipynb");
    const cells = ['setTimeout(() => { throw new RangeError("late boom"); }, 50); "armed"', 'await new Promise((r) => setTimeout(r, 1000)); "waited"'];
    writeFileSync(input, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, execution_count: null, outputs: [] })) }));
    const out = join(dir, "late-throw.out.ipynb");
    const { code, err } = await cli("run", input, out);
    assert.equal(code, EXIT_FAILED, err);
    assert.ok(
      err.includes(`FAILED ${input}: cell 1 (id "c1") failed: UncaughtAsyncError: an exception thrown in a callback (a timer, an event) was not caught; it reached the kernel while this cell ran: RangeError: late boom\n`),
      err,
    );
    assert.equal((readNotebook(out).metadata["tradeoff-lab"] as { status: string }).status, "failed");
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to the CLI while a cell runs on the real kernel leaves no kernel behind`, async () => {
      const pidFile = join(dir, `${signal}.pid`);
      const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "index.ts"), "run", join(FIXTURES, "slow.ipynb"), join(dir, `${signal}.ipynb`)], {
        cwd: ROOT,
        env: { ...process.env, RUNNER_TEST_PIDFILE: pidFile },
        stdio: "ignore",
      });
      const exited = new Promise<[number | null, string | null]>((r) => child.on("exit", (code, sig) => r([code, sig])));
      for (let i = 0; i < 600 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      const kernelPid = Number(readFileSync(pidFile, "utf8"));
      assert.ok(kernelPid > 0);
      child.kill(signal);
      const [code, sig] = await exited;
      assert.ok(sig === signal || (code !== null && code !== 0), `the CLI ended by ${sig} / code ${code}`);
      assert.equal(await stopsRunning(kernelPid, 2000), true, `kernel ${kernelPid} is still running`);
    });
  }
});

describe("cli/run: declared parameters (the issue's cases, refused before a kernel starts)", function () {
  this.timeout(30_000);
  const NB04 = join(ROOT, "notebooks", "04-quorums-and-staleness.ipynb");
  const NB06 = join(ROOT, "notebooks", "06-slis-slos-and-error-budgets.ipynb");
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-params-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], string][] = [
    [NB04, ["-p", "replicationFactor=20"], "tradeoff-lab run: parameters.replicationFactor must be an integer in [1, 9], got 20"],
    [NB04, ["-p", "profileName=FOO"], 'tradeoff-lab run: parameters.profileName must be one of "LNKD-SSD", "LNKD-DISK", "YMMR", "WAN", got "FOO"'],
    [NB04, ["-p", "replicationFactor=five"], 'tradeoff-lab run: parameters.replicationFactor must be an integer in [1, 9], got "five"'],
    [NB06, ["-p", "sloTarget=99.9"], "tradeoff-lab run: parameters.sloTarget must be a ratio in (0, 1), got 99.9 (a percent? write 0.999)"],
    [NB06, ["-p", "periodDays=1"], "tradeoff-lab run: parameters.periodDays must be a finite number >= 3, got 1"],
  ];
  for (const [notebook, args, message] of cases) {
    it(`run ${notebook.split("/").pop()} ${args.join(" ")} exits 2: ${message}`, async () => {
      const out = join(dir, "never.ipynb");
      const { code, err } = await cli("run", notebook, out, ...args);
      assert.equal(code, EXIT_USAGE);
      assert.equal(err, `${message}\n`);
      assert.equal(existsSync(out), false, "nothing ran");
    });
  }

  it('run with --params-file {"replicationFactor": "5"} exits 2 naming the parameter, the rule and the string', async () => {
    const file = join(dir, "what-if.json");
    writeFileSync(file, '{"replicationFactor": "5"}');
    const { code, err } = await cli("run", NB04, join(dir, "never.ipynb"), "--params-file", file);
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, 'tradeoff-lab run: parameters.replicationFactor must be an integer in [1, 9], got "5"\n');
  });

  it("run <a copy whose parameters cell says replicationFactor = 20> exits 2 before a kernel starts", async () => {
    const copy = join(dir, "04-quorums-and-staleness.ipynb");
    writeFileSync(copy, readFileSync(NB04, "utf8").replace("const replicationFactor: number = 3;", "const replicationFactor: number = 20;"));
    const { code, err } = await cli("run", copy, join(dir, "never.ipynb"));
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, "tradeoff-lab run: parameters.replicationFactor must be an integer in [1, 9], got 20\n");
  });

  it("run 04 --help-params shows each parameter's type, default, rule, unit and description", async () => {
    const { code, out } = await cli("run", NB04, "--help-params");
    assert.equal(code, 0);
    assert.ok(out.includes("  replicationFactor: number = 3\n      integer in [1, 9]\n      N, replicas of each key\n"), out);
    assert.ok(out.includes("  readQuorum: number = 1\n      integer in [1, replicationFactor]\n"));
    assert.ok(out.includes('  profileName: string = "LNKD-DISK"\n      "LNKD-SSD" | "LNKD-DISK" | "YMMR" | "WAN"\n      PBS profile for the (R, W) trade-off\n'));
    assert.ok(out.includes("  horizonMs: number = 2000\n      > 0.1; unit: ms\n"));
  });
});

describe("cli/run: output paths and odd parameters (refused before a kernel starts, or handled)", function () {
  this.timeout(60_000);
  let dir: string;
  /** A fake kernel that writes its pid file when it starts, so a test can tell that none started. */
  let spec: string;
  let pidFile: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-paths-"));
    pidFile = join(dir, "kernel.pid");
    spec = join(dir, "fake.kernel.json");
    writeFileSync(spec, JSON.stringify({ argv: [process.execPath, "--require", require.resolve("tsx/cjs"), FAKE_KERNEL, "{connection_file}"], env: { FAKE_KERNEL_PIDFILE: pidFile } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const input = () => {
    const file = join(dir, "two-cells.ipynb");
    copyFileSync(join(FIXTURES, "two-cells.ipynb"), file);
    return file;
  };

  it("run nb.ipynb <missing folder>/out.ipynb exits 2 before a kernel starts, naming the folder", async () => {
    const nb = input();
    const out = join(dir, "missing", "out.ipynb");
    const { code, err } = await cli("run", nb, out, "--kernel", spec);
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, `tradeoff-lab run: the output of ${nb} must be a file in an existing folder, got ${JSON.stringify(out)} (the folder ${join(dir, "missing")} does not exist; create it first)\n`);
    assert.equal(existsSync(pidFile), false, "a kernel started");
  });

  it("run nb.ipynb <existing folder>.ipynb exits 2 instead of running the folder as a second input", async () => {
    const nb = input();
    const folder = join(dir, "out.ipynb");
    mkdirSync(folder, { recursive: true });
    const { code, err } = await cli("run", nb, folder, "--kernel", spec);
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, `tradeoff-lab run: the output ${folder} is an existing folder; name a notebook file (or use --output-dir ${folder} to write into it)\n`);
    assert.equal(existsSync(pidFile), false, "a kernel started");
    assert.equal(existsSync(join(dir, "two-cells.executed.ipynb")), false);
  });

  it("run nb.ipynb -o dir, where dir/nb.ipynb is a folder, exits 2 and leaves the folder alone", async () => {
    const nb = input();
    const outDir = join(dir, "o");
    mkdirSync(join(outDir, "two-cells.ipynb"), { recursive: true });
    const { code, err } = await cli("run", nb, "-o", outDir, "--kernel", spec);
    assert.equal(code, EXIT_USAGE);
    const target = join(outDir, "two-cells.ipynb");
    assert.equal(err, `tradeoff-lab run: the output of ${nb} must be a notebook file, not a folder, got ${JSON.stringify(target)} (${target} is a folder; name a file inside it)\n`);
    assert.ok(lstatSync(target).isDirectory());
    assert.equal(existsSync(pidFile), false, "a kernel started");
  });

  it("run -o <a file> exits 2: --output-dir must be a folder", async () => {
    const nb = input();
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    const { code, err } = await cli("run", nb, "-o", file, "--kernel", spec);
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, `tradeoff-lab run: --output-dir must be a folder, got ${JSON.stringify(file)} (a file)\n`);
  });

  it("run link.ipynb --inplace (fake kernel) executes the real notebook through the link, which stays a link", async () => {
    const realDir = join(dir, "real");
    mkdirSync(realDir, { recursive: true });
    const real = join(realDir, "nb.ipynb");
    copyFileSync(join(FIXTURES, "two-cells.ipynb"), real);
    const link = join(dir, "link.ipynb");
    symlinkSync(join("real", "nb.ipynb"), link);
    const { code, err } = await cli("run", link, "--inplace", "--kernel", spec);
    assert.equal(code, 0, err);
    assert.ok(lstatSync(link).isSymbolicLink(), "the link was replaced by a file");
    assert.equal((readNotebook(real).metadata["tradeoff-lab"] as { status: string }).status, "completed");
    assert.deepEqual(readdirSync(realDir), ["nb.ipynb"], "a temporary file was left beside the real notebook");
    rmSync(pidFile, { force: true });
  });

  it("checkOutputs() refuses an output that is the input through a link, and two outputs that are one file through links", () => {
    const realDir = join(dir, "real2");
    mkdirSync(realDir, { recursive: true });
    const real = join(realDir, "nb.ipynb");
    copyFileSync(join(FIXTURES, "two-cells.ipynb"), real);
    const link = join(dir, "alias.ipynb");
    symlinkSync(real, link);
    assert.throws(() => checkOutputs([{ input: real, output: link }], {}), {
      name: "UsageError",
      message: `tradeoff-lab run: the output ${link} of ${real} is the input itself (through a link); choose another output, or pass --inplace to overwrite it`,
    });
    assert.throws(() => checkOutputs([{ input: "a.ipynb", output: real }, { input: "b.ipynb", output: link }], {}), {
      message: `tradeoff-lab run: a.ipynb and b.ipynb would both be written to ${real}; give each notebook once, with distinct file names`,
    });
    assert.deepEqual(checkOutputs([{ input: link, output: link }], { inplace: true }), [real]);
  });

  it("run lab.ipynb -p __proto__=1 exits 2 naming __proto__ as an unknown parameter (it was ignored)", async () => {
    const { code, err } = await cli("run", LAB, join(dir, "proto.ipynb"), "-p", "__proto__=1");
    assert.equal(code, EXIT_USAGE);
    assert.equal(err, 'tradeoff-lab run: parameters.__proto__ must be one of the notebook\'s parameters ("replicas", "region", "weights", "verbose"), got "__proto__"\n');
  });

  it("run on a parameters cell with destructuring: -p of a destructured name exits 2 naming the line; the notebook itself runs (real kernel)", async () => {
    const nb = join(dir, "destructuring.ipynb");
    const code = (id: string, source: string, tags: string[] = []) => ({ cell_type: "code", id, metadata: { tags }, source, outputs: [], execution_count: null });
    writeFileSync(
      nb,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
        cells: [code("p", "const größe: number = 2; // integer in [1, 9]: size\nconst { a, b } = { a: 1, b: 2 };\n", ["parameters"]), code("use", "console.log(größe, a, b);")],
      }),
    );
    const refused = await cli("run", nb, join(dir, "d1.ipynb"), "-p", "a=5");
    assert.equal(refused.code, EXIT_USAGE);
    assert.equal(
      refused.err,
      'tradeoff-lab run: parameters.a must be declared on its own line to be set, as `const name: type = literal;`, got "a" (line 2 of the parameters cell binds it by destructuring: const { a, b } = { a: 1, b: 2 };)\n',
    );
    const out = join(dir, "d2.ipynb");
    const ran = await cli("run", nb, out, "-p", "größe=7", "--no-images");
    assert.equal(ran.code, 0, ran.err);
    const use = readNotebook(out).cells.find((c) => c.id === "use");
    assert.deepEqual(use?.cell_type === "code" ? use.outputs : [], [{ output_type: "stream", name: "stdout", text: ["7 1 2\n"] }]);
  });
});
