/**
 * The package as a notebook sees it: tslab compiles each cell with its own
 * TypeScript 5.0.4, rootDir set to the notebook's folder and Node10 module
 * resolution, so `import ... from "tradeoff-lab"` must resolve from
 * notebooks/ to the compiled JS and `.d.ts`, and those declarations must
 * type-check under 5.0.4 (newer syntax in a .d.ts would break every cell).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { npmCommand } from "./npm";

const root = resolve(__dirname, "..");
const notebooks = join(root, "notebooks");

// tslab's bundled compiler, loaded by path: it is tslab's dependency, not ours.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts5 = require(require.resolve("@tslab/typescript-for-tslab", { paths: [join(root, "node_modules/tslab")] })) as typeof import("typescript");

/**
 * Type-checks `code` as a file under notebooks/ with TypeScript 5.0.4 and
 * tslab's options; returns the diagnostics in our files and the program.
 */
function typeCheckInNotebooks(code: string): { diagnostics: string[]; program: import("typescript").Program } {
  const fileName = join(notebooks, "__resolve_check__.ts");
  const options: import("typescript").CompilerOptions = {
    module: ts5.ModuleKind.ESNext,
    moduleResolution: ts5.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts5.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    resolveJsonModule: true,
    strict: true,
    skipLibCheck: false, // tslab skips lib checks; we check our own .d.ts strictly
    rootDir: notebooks,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
  };
  const host = ts5.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (resolve(f) === fileName ? code : readFile(f));
  host.fileExists = (f) => resolve(f) === fileName || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) =>
    resolve(f) === fileName ? ts5.createSourceFile(f, code, lang) : getSourceFile(f, lang, onError, create);
  const program = ts5.createProgram([fileName], options, host);
  const ours = (f: string | undefined): boolean =>
    f !== undefined && (resolve(f) === fileName || realpathSync(dirname(f)).startsWith(join(root, "dist")));
  const diagnostics = ts5
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || ours(d.file.fileName))
    .map((d) => `${d.file?.fileName ?? ""}: ${ts5.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  return { diagnostics, program };
}

describe("package", () => {
  it("package.json points main and types at the built library", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; main: string; types: string };
    assert.equal(pkg.name, "tradeoff-lab");
    assert.ok(existsSync(join(root, pkg.main)), `${pkg.main} is missing: run npm run build`);
    assert.ok(existsSync(join(root, pkg.types)), `${pkg.types} is missing: run npm run build`);
  });

  it("npm pack takes the built library but not this machine's kernel snapshot or tsc's build info", function () {
    this.timeout(60_000);
    const packed = spawnSync(...npmCommand(["pack", "--dry-run", "--json", "--ignore-scripts"]), { cwd: root, encoding: "utf8" });
    assert.equal(packed.status, 0, packed.stderr);
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    assert.ok(files.includes("dist/index.js") && files.includes("dist/runner/kernel/snapshotEntry.js"), "the library and the snapshot's builder");
    assert.deepEqual(files.filter((f) => f.startsWith("dist/kernel-snapshot/") || f.endsWith(".tsbuildinfo")), []);
  });

  it("require.resolve('tradeoff-lab') from notebooks/ finds this package's dist/index.js", () => {
    const resolved = require.resolve("tradeoff-lab", { paths: [notebooks] });
    assert.equal(realpathSync(resolved), join(root, "dist", "index.js"));
  });

  it("every namespace exported by src/index.ts is in the built dist/index.js", () => {
    const source = readFileSync(join(root, "src", "index.ts"), "utf8");
    const names = [...source.matchAll(/export \* as (\w+) from/g)].map((m) => m[1]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(join(root, "dist", "index.js")) as Record<string, unknown>;
    for (const name of names) assert.ok(name && name in built, `dist is stale: ${name} is not exported; run npm run build`);
  });

  it("a file under notebooks/ type-checks against the declarations with TypeScript 5.0.4 and tslab's options", function () {
    this.timeout(60_000);
    assert.equal(ts5.version, "5.0.4");
    const { diagnostics, program } = typeCheckInNotebooks(
      ['import * as lab from "tradeoff-lab";', "type Lab = typeof lab;", "const surface: Lab = lab;", "export const names: string[] = Object.keys(surface);"].join("\n"),
    );
    assert.deepEqual(diagnostics, []);
    const resolvedIndex = program.getSourceFiles().find((f) => f.fileName.endsWith("/dist/index.d.ts"));
    assert.ok(resolvedIndex, "tradeoff-lab did not resolve to dist/index.d.ts");
  });

  it('"tradeoff-lab/tools" resolves from notebooks/ to dist/tools.js (Node) and dist/tools.d.ts (TypeScript 5.0.4, Node10), and type-checks', function () {
    this.timeout(60_000);
    assert.equal(realpathSync(require.resolve("tradeoff-lab/tools", { paths: [notebooks] })), join(root, "dist", "tools.js"));
    const { diagnostics, program } = typeCheckInNotebooks(
      [
        'import { runner, htmlExport, cli } from "tradeoff-lab/tools";',
        "export const run: typeof runner.executeNotebook = runner.executeNotebook;",
        "export const site: typeof htmlExport.exportSite = htmlExport.exportSite;",
        "export const main: typeof cli.main = cli.main;",
      ].join("\n"),
    );
    assert.deepEqual(diagnostics, []);
    assert.ok(program.getSourceFiles().some((f) => f.fileName.endsWith("/dist/tools.d.ts")), "tradeoff-lab/tools did not resolve to dist/tools.d.ts");
  });

  it('the notebook entry no longer has a "runner" namespace (it moved to tradeoff-lab/tools)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(join(root, "dist", "index.js")) as Record<string, unknown>;
    assert.equal("runner" in built, false);
  });
});
