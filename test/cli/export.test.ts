/**
 * The export command line: parsing and usage errors (no kernel, no
 * nbconvert needed). The pipeline itself is tested in test/export/.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildExportCommand, exportCommand } from "../../src/cli/export";

const FIXTURES = join(__dirname, "..", "export", "fixtures");

describe("cli/export", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cli-export-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exportCommand: an undeclared -p is a usage error (2); a Python without nbconvert says how to install it (1)", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t) };
    assert.equal(await exportCommand({ notebooks: FIXTURES, parameter: ["nope=1"] }, io), 2);
    assert.equal(err.join(""), 'tradeoff-lab export: -p must be name=value with a name some notebook declares (replicas), got "nope=1"\n');
    err.length = 0;
    assert.equal(await exportCommand({ notebooks: FIXTURES, python: "/nonexistent/python3", outputDir: join(dir, "never") }, io), 1);
    assert.match(err.join(""), /no Python with nbconvert found \(tried \/nonexistent\/python3\)[\s\S]*apt-get install jupyter-nbconvert[\s\S]*pip install nbconvert/);
  });

  it("exportCommand: a malformed -p and a bad --timeout are usage errors (2) in the run command's words", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t) };
    assert.equal(await exportCommand({ notebooks: FIXTURES, parameter: ["replicas"] }, io), 2);
    assert.equal(err.join(""), 'tradeoff-lab export: -p must be name=value, got "replicas"\n');
    err.length = 0;
    assert.equal(await exportCommand({ notebooks: FIXTURES, timeout: "0" }, io), 2);
    assert.equal(err.join(""), 'tradeoff-lab export: --timeout must be a number of seconds > 0, got "0"\n');
  });
});

describe("cli/export: buildExportCommand", () => {
  it("parses every option into exportCommand's options; --help lists them", async () => {
    let code = -1;
    const out: string[] = [];
    const cmd = buildExportCommand({ out: (t) => void out.push(t), err: (t) => void out.push(t) }, (c) => (code = c));
    cmd.exitOverride().configureOutput({ writeOut: (t) => void out.push(t), writeErr: (t) => void out.push(t) });
    await cmd.parseAsync(["node", "export", "--notebooks", FIXTURES, "-p", "nope=1"]);
    assert.equal(code, 2);
    assert.match(out.join(""), /-p must be name=value with a name some notebook declares \(replicas\)/);
    const help = cmd.helpInformation();
    for (const flag of ["--notebooks", "--output-dir", "--executed-dir", "--report", "--no-execute", "--parameter", "--params-file", "--timeout", "--python"]) {
      assert.ok(help.includes(flag), flag);
    }
  });
});
