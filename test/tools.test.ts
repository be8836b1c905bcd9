/**
 * The second entry, `tradeoff-lab/tools` (src/tools.ts): the runner, the
 * HTML export and the CLI, which the notebook entry must never load.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import * as tools from "../src/tools";

const root = resolve(__dirname, "..");
const dist = join(root, "dist");

/** The dist/ files a fresh Node process has loaded after running `script`. */
function distLoadedBy(script: string): string[] {
  const program = `${script}\nprocess.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const paths = JSON.parse(execFileSync(process.execPath, ["-e", program], { cwd: root, encoding: "utf8" })) as string[];
  return paths.filter((p) => p.startsWith(dist + sep)).map((p) => p.slice(dist.length + 1));
}

const TOOLING = /^(?:runner|export|cli)[/\\]|^tools\.js$/;

describe("tools (the second entry)", function () {
  this.timeout(60_000);

  it("exports the runner, the HTML export and the CLI as namespaces", () => {
    assert.deepEqual(Object.keys(tools).sort(), ["cli", "htmlExport", "runner"]);
    for (const name of ["executeNotebook", "executeNotebookObject", "readNotebook", "writeNotebookAtomic", "notebookParameters", "listNotebooks"] as const) {
      assert.equal(typeof tools.runner[name], "function", name);
    }
    assert.equal(typeof tools.htmlExport.exportSite, "function");
    assert.equal(typeof tools.cli.main, "function");
  });

  it("a cold require of the notebook entry (dist/index.js) loads no file of the runner, export or CLI", () => {
    const loaded = distLoadedBy(`require(${JSON.stringify(join(dist, "index.js"))});`);
    assert.ok(loaded.includes("index.js"), "the probe did not load the entry: run npm run build");
    assert.deepEqual(loaded.filter((p) => TOOLING.test(p)), []);
  });

  it("the probe sees the runner when tradeoff-lab/tools is loaded (so the check above can fail)", () => {
    const loaded = distLoadedBy(`require(${JSON.stringify(join(dist, "tools.js"))});`);
    assert.ok(loaded.some((p) => p.startsWith(`runner${sep}`)));
  });

  it("the tooling's @examples that start kernels (not run by the doctest) name notebooks and parameters that exist", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith(".ts") ? [join(dir, f)] : []));
    const examples = ["runner", "cli", "export"].flatMap((d) => files(join(root, "src", d))).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/@example([\s\S]*?)(?=\n \*\/|\n \* @)/g)].map((m) => ({ file: relative(root, file), text: m[1] as string })),
    );
    const named = examples.flatMap((e) => [...e.text.matchAll(/"(notebooks\/[^"]+\.ipynb)"(?:, \{ parameters: \{ ([^}]*)\})?/g)].map((m) => ({ ...e, notebook: m[1] as string, parameters: m[2] })));
    assert.ok(named.length >= 4, `found ${named.length} examples naming a notebook`);
    for (const { file, notebook, parameters } of named) {
      assert.ok(existsSync(join(root, notebook)), `${file}: ${notebook} does not exist`);
      const declared = tools.runner.notebookParameters(tools.runner.readNotebook(join(root, notebook))).map((p) => p.name);
      for (const [, name] of (parameters ?? "").matchAll(/(\w+):/g)) assert.ok(declared.includes(name as string), `${file}: ${notebook} declares no parameter ${name}`);
    }
  });
});
