/**
 * The notebook entry (src/index.ts, built to dist/index.js) as a cold
 * `require("tradeoff-lab")` sees it: which modules loading it pulls in.
 * Every notebook's import cell pays for them, so the heavy dependencies
 * (mathjs, danfojs-node, zeromq, plotly.js) must stay out until a function
 * that needs one runs. Each probe is a fresh Node process, since this
 * mocha process has long since loaded everything.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { typescript } from "../src/internal/typescript";

const root = resolve(__dirname, "..");
const entry = join(root, "dist", "index.js");

/** Heavy packages a notebook's import must not load, by the folder they live in. */
const HEAVY = ["mathjs", "danfojs-node", "zeromq", "plotly.js-dist", "plotly.js-basic-dist-min", "plotly.js-cartesian-dist-min"];

/** Runs `script` in a fresh Node process (with `entry` bound to the built entry) and returns the paths in require.cache. */
function loadedBy(script: string): string[] {
  const program = `const entry = ${JSON.stringify(entry)};\n${script}\nprocess.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", program], { cwd: root, encoding: "utf8" })) as string[];
}

/** The heavy packages among loaded module paths. */
function heavyIn(paths: readonly string[]): string[] {
  return HEAVY.filter((name) => paths.some((p) => p.includes(`/node_modules/${name}/`)));
}

describe("index (the notebook entry)", function () {
  this.timeout(60_000);

  it("a cold require of dist/index.js loads none of mathjs, danfojs-node, zeromq or plotly.js", () => {
    const paths = loadedBy("require(entry);");
    assert.ok(paths.includes(entry), "the probe did not load the entry: run npm run build");
    assert.deepEqual(heavyIn(paths), []);
  });

  it("the declarations a notebook compiles against (dist/index.d.ts and what it imports) leave out plotly.js's 1.2 MB of types", () => {
    const declarationFiles = (entry: string): string[] => {
      const program = typescript().createProgram([entry], { noEmit: true, types: [], moduleResolution: typescript().ModuleResolutionKind.Node10 });
      return program.getSourceFiles().map((f) => f.fileName).filter((f) => !/\/typescript\/lib\//.test(f));
    };
    const files = declarationFiles(join(root, "dist", "index.d.ts"));
    assert.ok(files.length > 20, `the entry's declaration graph was read (${files.length} files)`);
    assert.deepEqual(files.filter((f) => /plotly\.js/.test(f)), []);
    // The control: a file that imports plotly.js's types does pull them in.
    const withPlotly = declarationFiles(join(root, "test", "fixtures", "imports-plotly-types.d.ts"));
    assert.ok(withPlotly.some((f) => /plotly\.js-dist/.test(f)), withPlotly.join("\n"));
  });

  it("the probe sees a heavy package when one is loaded (so the check above can fail)", () => {
    const paths = loadedBy('require(entry); require("mathjs");');
    assert.deepEqual(heavyIn(paths), ["mathjs"]);
  });

  it("the exercise catalog loads one notebook at a time, on that notebook's first check", () => {
    const catalog = (slug: string): string => join(root, "dist", "exercises", "catalog", `${slug}.js`);
    const atImport = loadedBy("require(entry);");
    assert.ok(!atImport.includes(catalog("05-cost-optimization")), "the catalog loaded at import");
    const afterCheck = loadedBy('require(entry).exercises.grade("04.1", 0.5);');
    assert.ok(afterCheck.includes(catalog("04-quorums-and-staleness")));
    assert.ok(!afterCheck.includes(catalog("05-cost-optimization")));
    const afterList = loadedBy("require(entry).exercises.list();");
    assert.equal(afterList.filter((p) => p.startsWith(join(root, "dist", "exercises", "catalog", "1"))).length, 3);
    assert.ok(afterList.includes(catalog("00-start-here")));
  });
});
