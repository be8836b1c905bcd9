import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { executeNotebookObject } from "../../../src/runner/execute";
import type { CodeCell, Notebook } from "../../../src/runner/notebook";
import { CONVERT_ONCE, CONVERT_TWICE, convertingOnce, KERNEL_COMPILER_OPTIONS, kernelTypeRoots, withKernelCompiler, type TypeScriptModule } from "../../../src/runner/kernel/tslabCompiler";
import { readSources, notebookDirectory } from "../../../src/notebookSources/files";
import { buildNotebook } from "../../../src/notebookSources/source";

const TSLAB_DIST = dirname(require.resolve("tslab"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] })) as typeof import("typescript") & TypeScriptModule;

type Host = { options: { types?: string[]; skipLibCheck?: boolean; typeRoots?: string[] } };
const host = (mod: TypeScriptModule, options: Record<string, unknown>): Host =>
  (mod.createWatchCompilerHost as (...a: unknown[]) => Host)(["/nowhere/a.ts"], options, ts.sys, undefined, () => undefined, () => undefined);

describe("runner/kernel/tslabCompiler", () => {
  it("withKernelCompiler adds types: [\"node\"] to the options tslab passes, keeping the others", () => {
    const patched = withKernelCompiler(ts);
    assert.deepEqual(host(patched, { skipLibCheck: true }).options.types, ["node"]);
    assert.equal(host(patched, { skipLibCheck: true }).options.skipLibCheck, true);
    assert.equal(host(ts, { skipLibCheck: true }).options.types, undefined, "the original module is unchanged");
    assert.deepEqual(KERNEL_COMPILER_OPTIONS.types, ["node"]);
  });

  it("an option the caller sets wins, and the shared constant is never handed out", () => {
    const patched = withKernelCompiler(ts);
    assert.deepEqual(host(patched, { types: ["mocha"] }).options.types, ["mocha"]);
    const options = host(patched, {}).options;
    assert.notEqual(options.types, KERNEL_COMPILER_OPTIONS.types);
  });

  it("tslab's own @types folder in typeRoots is swapped for the project's, wherever it stands; other roots and options without typeRoots are kept", () => {
    const roots = { tslab: "/t/node_modules/tslab/node_modules/@types", project: "/p/node_modules/@types" };
    const patched = withKernelCompiler(ts, roots);
    assert.deepEqual(host(patched, { typeRoots: ["/nb/node_modules/@types", "/t/node_modules/tslab/node_modules/@types/"] }).options.typeRoots, ["/nb/node_modules/@types", roots.project]);
    assert.deepEqual(host(patched, { typeRoots: ["/nb/node_modules/@types"] }).options.typeRoots, ["/nb/node_modules/@types"]);
    assert.equal(host(patched, {}).options.typeRoots, undefined);
    assert.deepEqual(host(withKernelCompiler(ts), { typeRoots: [roots.tslab] }).options.typeRoots, [roots.tslab], "without roots to swap, tslab's stay");
  });

  it("kernelTypeRoots: tslab's own @types (its @types/node 18) and this checkout's (@types/node 20, the kernel's Node); none where @types/node does not resolve", () => {
    const roots = kernelTypeRoots(TSLAB_DIST);
    assert.ok(roots);
    assert.equal(roots.tslab, join(dirname(TSLAB_DIST), "node_modules", "@types"));
    assert.equal(roots.project, dirname(dirname(require.resolve("@types/node/package.json"))));
    const major = (root: string): number => Number((JSON.parse(readFileSync(join(root, "node", "package.json"), "utf8")) as { version: string }).version.split(".")[0]);
    assert.equal(major(roots.tslab), 18);
    assert.ok(major(roots.project) >= 20, `the project's @types/node is for Node 20 or later: ${major(roots.project)}`);
    assert.equal(kernelTypeRoots(TSLAB_DIST, "/"), undefined);
  });

  it("every other export is the module's own, and applying it twice changes nothing more", () => {
    const patched = withKernelCompiler(ts);
    assert.equal(patched.sys, ts.sys);
    assert.equal(patched.version, ts.version);
    assert.equal(patched.createSourceFile, ts.createSourceFile);
    assert.equal(withKernelCompiler(patched), patched);
    // tslab's compiled `import * as ts` copies the exports through getters that read the module object.
    assert.ok(Object.keys(patched).includes("createWatchCompilerHost"));
  });

  describe("in tslab's converter (a child process, as in the kernel)", function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
      // A notebook folder whose node_modules/@types has node and a global-only package, as a checkout has mocha.
      dir = mkdtempSync(join(tmpdir(), "tslab-compiler-"));
      mkdirSync(join(dir, "node_modules", "@types", "onlyglobal"), { recursive: true });
      symlinkSync(dirname(require.resolve("@types/node/package.json")), join(dir, "node_modules", "@types", "node"));
      writeFileSync(join(dir, "node_modules", "@types", "onlyglobal", "index.d.ts"), 'declare const onlyGlobal: number;\ndeclare module "onlyglobal" {\n  export const version: string;\n}\n');
      writeFileSync(join(dir, "node_modules", "@types", "onlyglobal", "package.json"), JSON.stringify({ name: "@types/onlyglobal", version: "1.0.0", types: "index.d.ts" }));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Compiles each source, as a first cell, with one tslab converter in `dir`; returns each one's diagnostics' messages. */
    function compile(sources: string[], patch: boolean): string[][] {
      const script = `
        ${patch ? `require(${JSON.stringify(require.resolve("../../../src/runner/kernel/tslabCompiler"))}).applyKernelCompiler(${JSON.stringify(TSLAB_DIST)});` : ""}
        const c = require(${JSON.stringify(join(TSLAB_DIST, "converter.js"))}).createConverter({ isJS: false, isBrowser: false });
        const out = ${JSON.stringify(sources)}.map((src) => c.convert("", src).diagnostics.map((d) => d.messageText));
        process.stdout.write(JSON.stringify(out));
        c.close();`;
      const r = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", script], { cwd: dir, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as string[][];
    }

    it("an @types package's globals are included only when a cell imports it; Node's types always are", () => {
      const usesGlobal = "const x: number = onlyGlobal + 1;";
      assert.deepEqual(compile([usesGlobal], false), [[]], "tslab as shipped includes it");
      assert.deepEqual(
        compile([usesGlobal, 'import type {} from "onlyglobal";\n' + usesGlobal, 'import { readFileSync } from "node:fs";\nconst b: Buffer = readFileSync("/dev/null");\nprocess.version;'], true),
        [
          ["Cannot find name 'onlyGlobal'."],
          [], // a type-only import includes the declaration file (and emits no require)
          [],
        ],
      );
    });
  });

  it("a notebook folder with no @types/node above it gets the project's (Node 20's types: util.styleText), not tslab's own @types/node 18", function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), "tslab-bare-"));
    try {
      const compile = (patch: boolean): string[] => {
        const script = `
          ${patch ? `require(${JSON.stringify(require.resolve("../../../src/runner/kernel/tslabCompiler"))}).applyKernelCompiler(${JSON.stringify(TSLAB_DIST)});` : ""}
          const c = require(${JSON.stringify(join(TSLAB_DIST, "converter.js"))}).createConverter({ isJS: false, isBrowser: false });
          process.stdout.write(JSON.stringify(c.convert("", ${JSON.stringify('import { styleText } from "node:util";\nconst s: string = styleText("red", "x");')}).diagnostics.map((d) => d.messageText)));
          c.close();`;
        const r = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", script], { cwd: dir, encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout) as string[];
      };
      assert.deepEqual(compile(false), ['Module \'"node:util"\' has no exported member \'styleText\'.'], "the control: tslab as shipped takes its @types/node 18");
      assert.deepEqual(compile(true), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("one program update per cell (tslab's converter, changed)", function () {
    this.timeout(60_000);

    it("the installed tslab's converter has the passage exactly once, and nothing else changes; another source is left alone", () => {
      const source = readFileSync(join(TSLAB_DIST, "converter.js"), "utf8");
      const changed = convertingOnce(source);
      assert.ok(changed, "tslab's converter.js has the two-update passage");
      assert.equal(changed.split(CONVERT_ONCE).length, 2);
      assert.equal(changed.replace(CONVERT_ONCE, CONVERT_TWICE), source);
      assert.equal(convertingOnce(source + CONVERT_TWICE), undefined, "twice: not changed");
      assert.equal(convertingOnce("module.exports = {};"), undefined);
    });

    /**
     * Converts each corpus's cells in turn with a converter of its own, as tslab's executor does (the declarations
     * carried on after each cell without errors), with tslab's converter as shipped or as the kernel loads it.
     */
    function convertAll(corpora: string[][], patch: boolean): unknown[][] {
      const script = `
        ${patch ? `require(${JSON.stringify(require.resolve("../../../src/runner/kernel/tslabCompiler"))}).applyKernelCompiler(${JSON.stringify(TSLAB_DIST)});` : ""}
        const converter = require(${JSON.stringify(join(TSLAB_DIST, "converter.js"))});
        if (${patch} !== converter.createConverter.toString().includes("const alone = ts.createSourceFile")) throw new Error("the converter loaded is not the one asked for");
        const out = ${JSON.stringify(corpora)}.map((cells) => {
          const c = converter.createConverter({ isJS: false, isBrowser: false });
          let prev = "";
          const results = cells.map((src) => { const r = c.convert(prev, src); if (r.diagnostics.length === 0) prev = r.declOutput || ""; return r; });
          c.close();
          return results;
        });
        process.stdout.write(JSON.stringify(out));`;
      const r = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", script], { cwd: notebookDirectory, encoding: "utf8", maxBuffer: 1 << 28 });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as unknown[][];
    }

    it("gives what tslab as shipped gives, cell by cell: every kind of top-level name, redeclarations, errors, top-level await, and notebook 04's cells", () => {
      const cells = [
        "1 + 1",
        'import { readFileSync } from "node:fs";\nimport * as path from "node:path";\nconst [a, { b }] = [1, { b: "x" }];\nlet c = a + 1;\nvar d: string = b;',
        "function f(x: number): number { return x * 2; }\nclass K { constructor(readonly k = 1) {} }\nenum E { A, B }\nnamespace N { export const n = 1; }\ninterface I { i: number }\ntype T = I | string;\nf(c)",
        "let c = 10; // redeclared, as tslab allows\nconst e: T = { i: c };\ne",
        "const wrong: number = 'text';",
        "const broken = ;",
        "const late = await Promise.resolve(42);\nlate + 1",
        "export const exported = 1;\nconst { x: renamed = 2 } = {} as { x?: number };\nrenamed + exported + N.n + E.B",
        "declare const ambient: number;\nabstract class Base {}\nfunction* gen() { yield 1; }\nasync function af() { return [...gen()]; }\naf",
      ];
      const source = readSources().find((s) => s.slug.startsWith("04-"));
      assert.ok(source);
      const notebookCells = buildNotebook(source, "solution").cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
      const corpora = [cells, notebookCells];
      const [shipped, once] = [convertAll(corpora, false), convertAll(corpora, true)];
      corpora.forEach((corpus, c) => {
        assert.equal(once[c]?.length, corpus.length);
        corpus.forEach((cell, i) => assert.deepEqual(once[c]?.[i], shipped[c]?.[i], `corpus ${c}, cell ${i}: ${cell.split("\n")[0]}`));
      });
    });
  });

  it("a folder change TypeScript watches for a module it could not find no longer fails the next cell ('Unexpected pending rebuildTimer'), and the module is found once it exists", function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), "tslab-timer-"));
    try {
      // Cell 1 imports ./later before it exists, then the file appears. Cells are then compiled every 100 ms (for up to
      // 15 s, as fs.watch events and TypeScript's 250 ms timer come late on a busy machine) until one throws or cell 3
      // finds the module; the script prints every cell's messages.
      const run = (patch: boolean): { status: number | null; stdout: string; stderr: string } => {
        rmSync(join(dir, "later.ts"), { force: true });
        const script = `
          ${patch ? `require(${JSON.stringify(require.resolve("../../../src/runner/kernel/tslabCompiler"))}).applyKernelCompiler(${JSON.stringify(TSLAB_DIST)});` : ""}
          const c = require(${JSON.stringify(join(TSLAB_DIST, "converter.js"))}).createConverter({ isJS: false, isBrowser: false });
          const messages = (src) => { try { return c.convert("", src).diagnostics.map((d) => d.messageText); } catch (e) { return ["threw: " + e.message]; } };
          const out = [messages('import { later } from "./later";')];
          require("node:fs").writeFileSync(${JSON.stringify(join(dir, "later.ts"))}, "export const later = 1;\\n");
          const started = Date.now();
          const poll = setInterval(() => {
            const two = messages("const two = 2;");
            const three = messages('import { later } from "./later";\\nconst three: number = later + 2;');
            if (two.length > 0 || three.length === 0 || three.some((m) => m.startsWith("threw")) || Date.now() - started > 15000) {
              clearInterval(poll);
              process.stdout.write(JSON.stringify([...out, two, three]));
              c.close();
            }
          }, 100);`;
        return spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), "-e", script], { cwd: dir, encoding: "utf8" });
      };
      const asShipped = run(false);
      assert.equal(asShipped.status, 0, asShipped.stderr);
      assert.deepEqual(JSON.parse(asShipped.stdout)[1], ["threw: Unexpected pending rebuildTimer"], "the control: tslab as shipped fails a cell");
      const fixed = run(true);
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.deepEqual(JSON.parse(fixed.stdout), [["Cannot find module './later' or its corresponding type declarations."], [], []]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the project's tslab kernel (its preload) compiles with it: mocha's globals only after a cell imports mocha, one program update per cell", async function () {
    this.timeout(60_000);
    const cell = (id: string, source: string): CodeCell => ({ cell_type: "code", id, source, metadata: {}, outputs: [], execution_count: null });
    const nb: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: [
        cell("without", "type Suite = Mocha.Suite;"),
        cell("with", 'import type {} from "mocha";\ntype Suite = Mocha.Suite;\nconsole.log("compiled");'),
        cell("once", 'console.log(require("tslab/dist/converter.js").createConverter.toString().includes("const alone = ts.createSourceFile"));'),
      ],
    };
    const result = await executeNotebookObject(nb, { cwd: __dirname, allowErrors: true });
    const error = result.cell("without").outputs[0];
    assert.deepEqual(error?.output_type === "error" && [error.ename, error.evalue], ["TypeScriptError", "Cannot find namespace 'Mocha'."]);
    assert.equal(result.cell("with").stdout(), "compiled\n");
    assert.equal(result.cell("once").stdout(), "true\n", "the kernel's tslab converter is the one that updates the program once per cell");
  });
});
