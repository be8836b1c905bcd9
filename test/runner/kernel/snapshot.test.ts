import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { executeNotebookObject } from "../../../src/runner/execute";
import type { CodeCell, Notebook } from "../../../src/runner/notebook";
import { tslabKernelSpec, tslabMainPath, watchdogPreload } from "../../../src/runner/kernel/kernelspec";
import { KERNEL_V8_FLAGS, SNAPSHOT_ENV, buildKernelSnapshot, kernelSnapshot, kernelSnapshotDir } from "../../../src/runner/kernel/snapshot";
import { CREATE_SOURCE_FILE, reusableSourceFile, withLookup, type ParsedFile } from "../../../src/runner/kernel/snapshotEntry";

const ROOT = join(__dirname, "..", "..", "..");
const TYPESCRIPT = require.resolve("@tslab/typescript-for-tslab", { paths: [dirname(require.resolve("tslab"))] });

describe("runner/kernel/snapshot", () => {
  describe("reusableSourceFile", () => {
    const file = (): ParsedFile => ({ fileName: "/t/lib.d.ts", text: "declare const x: number;", languageVersion: 9, impliedNodeFormat: undefined });

    it("hands out a file parsed with the same name, text, language version and module format, once", () => {
      const parsed = new Map([["/t/lib.d.ts", file()]]);
      const same = parsed.get("/t/lib.d.ts");
      assert.equal(reusableSourceFile(parsed, "/t/lib.d.ts", "declare const x: number;", { languageVersion: 9 }), same);
      assert.equal(reusableSourceFile(parsed, "/t/lib.d.ts", "declare const x: number;", { languageVersion: 9 }), undefined, "a second request parses anew");
      assert.equal(reusableSourceFile(new Map([["/t/lib.d.ts", file()]]), "/t/lib.d.ts", "declare const x: number;", 9)?.fileName, "/t/lib.d.ts", "a bare language version");
    });

    it("parses anew when anything differs: name, text (a file changed since the build), version, format, parent pointers, script kind", () => {
      const text = "declare const x: number;";
      const cases: [string, Parameters<typeof reusableSourceFile> extends [unknown, ...infer R] ? R : never][] = [
        ["another name", ["/t/other.d.ts", text, 9]],
        ["changed text", ["/t/lib.d.ts", `${text} `, 9]],
        ["another target", ["/t/lib.d.ts", text, 8]],
        ["ES module format", ["/t/lib.d.ts", text, { languageVersion: 9, impliedNodeFormat: 99 }]],
        ["parent pointers", ["/t/lib.d.ts", text, 9, true]],
        ["a script kind", ["/t/lib.d.ts", text, 9, false, 3]],
      ];
      for (const [what, args] of cases) {
        const parsed = new Map([["/t/lib.d.ts", file()]]);
        assert.equal(reusableSourceFile(parsed, ...args), undefined, what);
        assert.equal(parsed.size, 1, `${what}: the file stays for a matching request`);
      }
    });
  });

  describe("withLookup", () => {
    it("adds one line at the top of tslab's TypeScript createSourceFile", () => {
      const source = readFileSync(TYPESCRIPT, "utf8");
      const patched = withLookup(source);
      assert.equal(patched.length > source.length, true);
      const after = patched.split(CREATE_SOURCE_FILE)[1] ?? "";
      assert.match(after.split("\n")[0] ?? "", /^ {4}\{ const reused = globalThis\[Symbol\.for\("tradeoff-lab\.kernelSnapshot\.lookup"\)\]\?\.\(fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind\); if \(reused !== undefined\) return reused; \}$/);
      assert.equal(patched.replace(/^ {4}\{ const reused = .*\n/m, ""), source, "nothing else changes");
    });

    it("refuses a TypeScript whose createSourceFile is not there exactly once", () => {
      assert.throws(() => withLookup("function other() {}"), { message: /createSourceFile was found 0 times, not once/ });
      assert.throws(() => withLookup(CREATE_SOURCE_FILE + CREATE_SOURCE_FILE), { message: /found 2 times/ });
    });
  });

  describe("kernelSnapshot: only for the node, TypeScript and entry it was built for", () => {
    let root: string;
    let meta: Record<string, unknown>;
    const write = (m: Record<string, unknown>) => writeFileSync(join(kernelSnapshotDir(root), "meta.json"), JSON.stringify(m));
    const stampOf = (path: string) => {
      const { size, mtimeMs } = statSync(path);
      return { path, size, mtimeMs };
    };
    before(() => {
      root = mkdtempSync(join(tmpdir(), "tradeoff-lab-snapshot-"));
      mkdirSync(kernelSnapshotDir(root), { recursive: true });
      mkdirSync(join(root, "dist", "runner", "kernel"), { recursive: true });
      writeFileSync(join(root, "dist", "runner", "kernel", "snapshotEntry.js"), "// entry");
      writeFileSync(join(root, "typescript.js"), "// ts");
      writeFileSync(join(kernelSnapshotDir(root), "tslab.blob"), "blob");
      writeFileSync(join(root, "converter.js"), "// tslab's converter");
      meta = {
        node: process.version,
        execPath: process.execPath,
        arch: process.arch,
        typescript: stampOf(join(root, "typescript.js")),
        entry: stampOf(join(root, "dist", "runner", "kernel", "snapshotEntry.js")),
        blob: stampOf(join(kernelSnapshotDir(root), "tslab.blob")),
        tslab: stampOf(join(root, "converter.js")),
        library: stampOf(join(root, "typescript.js")),
        files: 1,
        v8Flags: [...KERNEL_V8_FLAGS],
      };
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it("the blob when everything matches; none when turned off", () => {
      write(meta);
      assert.equal(kernelSnapshot(root, {}), join(kernelSnapshotDir(root), "tslab.blob"));
      for (const off of ["off", "0", "false", "NO"]) assert.equal(kernelSnapshot(root, { [SNAPSHOT_ENV]: off }), undefined, off);
      assert.equal(kernelSnapshot(root, {}, "/other/node"), undefined, "another node binary");
    });

    it("none for another node version or arch, other V8 flags, a changed TypeScript, entry or blob, or no meta.json", () => {
      const typescript = meta.typescript as { size: number };
      const cases: [string, Record<string, unknown>][] = [
        ["node version", { ...meta, node: "v18.0.0" }],
        ["arch", { ...meta, arch: "arm64" }],
        ["built without the V8 flags (node would refuse it)", { ...meta, v8Flags: [] }],
        ["built before V8 flags were recorded", { ...meta, v8Flags: undefined }],
        ["TypeScript size", { ...meta, typescript: { ...typescript, size: typescript.size + 1 } }],
        ["TypeScript gone", { ...meta, typescript: { ...typescript, path: join(root, "gone.js") } }],
        ["entry of another checkout", { ...meta, entry: { ...(meta.entry as object), path: "/elsewhere/dist/runner/kernel/snapshotEntry.js" } }],
        ["blob changed", { ...meta, blob: { ...(meta.blob as object), mtimeMs: 1 } }],
      ];
      for (const [what, m] of cases) {
        write(m);
        assert.equal(kernelSnapshot(root, {}), undefined, what);
      }
      rmSync(join(kernelSnapshotDir(root), "meta.json"));
      assert.equal(kernelSnapshot(root, {}), undefined, "no meta.json");
    });

    it("a build keeps one built by this node from the same TypeScript, entry, tslab and library, and builds again when tslab or the library changed", () => {
      write(meta);
      assert.deepEqual(buildKernelSnapshot(root), { blob: join(kernelSnapshotDir(root), "tslab.blob"), files: 1, bytes: 4, upToDate: true });
      // Built again when tslab or the library's declarations changed: in this folder, which has no dist/, the first step fails.
      for (const changed of ["tslab", "library"]) {
        write({ ...meta, [changed]: { ...(meta[changed] as object), size: 1 } });
        assert.throws(() => buildKernelSnapshot(root), { message: /^runner\.buildKernelSnapshot: reading tslab's compiler options failed/ }, changed);
      }
    });

    it("a failed build says which step failed and leaves no snapshot", () => {
      write({ ...meta, tslab: { ...(meta.tslab as object), mtimeMs: 1 } });
      assert.throws(() => buildKernelSnapshot(root), { message: /^runner\.buildKernelSnapshot: reading tslab's compiler options failed/ });
      assert.equal(existsSync(join(kernelSnapshotDir(root), "meta.json")), false);
      assert.equal(kernelSnapshot(root, {}), undefined);
    });
  });

  describe("a kernel started from this checkout's snapshot (real tslab)", function () {
    this.timeout(60_000);
    const cell = (id: string, source: string): CodeCell => ({ cell_type: "code", id, source, metadata: {}, outputs: [], execution_count: null });
    const notebook = (...cells: CodeCell[]): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } }, cells });
    const stats = 'const stats = (globalThis as Record<symbol, unknown>)[Symbol.for("tradeoff-lab.kernelSnapshot")] as { files: number; reused: number } | undefined;\nconsole.log(JSON.stringify(stats ?? null));';

    it("npm run build made one, and the runner's tslab starts from it", function () {
      const blob = kernelSnapshot();
      if (blob === undefined && process.env.CI !== "true") this.skip();
      assert.ok(blob, "run `npm run build`: dist/kernel-snapshot/ is missing or stale");
      assert.deepEqual(tslabKernelSpec().argv.slice(0, 6), [process.execPath, ...KERNEL_V8_FLAGS, "--snapshot-blob", blob, watchdogPreload(), tslabMainPath()]);
    });

    it("reuses the parsed declaration files, compiles and reports errors as usual, in the notebook's folder, and forks a node without the snapshot", async function () {
      if (kernelSnapshot() === undefined) this.skip();
      const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-snapshot-nb-"));
      try {
        const nb = notebook(
          cell("stats", stats),
          cell("node", 'import { readFileSync } from "fs";\nimport { join } from "path";\nconsole.log(readFileSync(join(process.cwd(), "here.txt"), "utf8"));'),
          cell("typed", 'const n: number = "text";'),
          cell("argv", "console.log(JSON.stringify(process.execArgv));"),
        );
        writeFileSync(join(dir, "here.txt"), "read from the notebook's folder");
        // As a notebook folder of this checkout: its node_modules, through a link.
        symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
        const result = await executeNotebookObject(nb, { cwd: dir, allowErrors: true });
        const seen = JSON.parse(result.cell("stats").stdout()) as { files: number; reused: number };
        assert.ok(seen.reused > 100 && seen.reused < seen.files, `declaration files reused (lib and @types/node; not the library's, which no cell imports): ${JSON.stringify(seen)}`);
        assert.equal(result.cell("node").stdout(), "read from the notebook's folder\n");
        const error = result.cell("typed").outputs[0];
        assert.deepEqual(error?.output_type === "error" && [error.ename, error.evalue], ["TypeScriptError", "Type 'string' is not assignable to type 'number'."]);
        assert.equal(result.cell("argv").stdout(), `${JSON.stringify(KERNEL_V8_FLAGS)}\n`, "the V8 flags, and no --snapshot-blob for a fork");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a notebook folder with no @types/node above it reuses the same files: the project's @types/node, which the kernel takes there (tslabCompiler.ts)", async function () {
      if (kernelSnapshot() === undefined) this.skip();
      const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-snapshot-bare-"));
      try {
        const result = await executeNotebookObject(notebook(cell("stats", stats), cell("node", 'import { join } from "path";\nimport { styleText } from "node:util";\nconsole.log(join("a", "b"), typeof styleText)')), { cwd: dir });
        const seen = JSON.parse(result.cell("stats").stdout()) as { files: number; reused: number };
        assert.ok(seen.reused > 100, `declaration files reused: ${JSON.stringify(seen)}`);
        assert.equal(result.cell("node").stdout(), "a/b function\n");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`with ${SNAPSHOT_ENV}=off the kernel starts without it`, async function () {
      const before = process.env[SNAPSHOT_ENV];
      process.env[SNAPSHOT_ENV] = "off";
      try {
        assert.deepEqual(tslabKernelSpec().argv.slice(1, 4), [...KERNEL_V8_FLAGS, "--require", watchdogPreload()]);
        const result = await executeNotebookObject(notebook(cell("stats", stats)), { cwd: __dirname });
        assert.equal(result.cell("stats").stdout(), "null\n");
      } finally {
        if (before === undefined) delete process.env[SNAPSHOT_ENV];
        else process.env[SNAPSHOT_ENV] = before;
      }
    });
  });
});
