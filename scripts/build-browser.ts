/**
 * Builds the browser bundle of the library (`npm run build` runs it after
 * tsc): src/display/whatIf/library.ts (the domains and the display builders) and the
 * what-if page runtime (browser/), bundled and minified by esbuild into one
 * IIFE, dist/browser/tradeoff-lab.min.js, that defines `window.tradeoffLab`.
 *
 * - data/*.json and *.csv are embedded: the data provider seam
 *   (src/internal/dataFiles.ts) is replaced by a module holding them, so the
 *   page reads no file and works from file:// with no network;
 * - the Node built-ins the library imports get small shims
 *   (scripts/browser/node-shims.ts: fs, path, crypto), any other built-in a
 *   module whose functions throw when called (e.g. for the PBS worker pool), and csv-parse comes in its browser build;
 * - `define` is compiled to `undefined`: Notebook 6 loads RequireJS on every
 *   page, and a UMD package in the bundle (decimal.js) that sees an AMD
 *   `define` registers itself with RequireJS instead of exporting to the
 *   bundle, so every view that reached exact decimals failed in Notebook 6
 *   (`ys(...).clone is not a function`) and nowhere else;
 * - its budget is 300 KB minified (plotly.js is loaded separately, as in
 *   every notebook): the build warns above it, and the bundle test fails.
 *
 *     tsx scripts/build-browser.ts          # build, print the size
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

const ROOT = join(__dirname, "..");
export const BUNDLE_FILE = join(ROOT, "dist", "browser", "tradeoff-lab.min.js");
/** The budget, bytes of minified JavaScript. */
export const BUDGET_BYTES = 300 * 1024;

/** The data files, embedded by name as the seam's `dataPath` names them. */
function embeddedData(): string {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(ROOT, "data")).sort()) {
    const text = /\.(json|csv)$/.test(name) ? readFileSync(join(ROOT, "data", name), "utf8") : undefined;
    // JSON without its indentation parses to the same value.
    if (text !== undefined) files[`data/${name}`] = name.endsWith(".json") ? JSON.stringify(JSON.parse(text)) : text;
  }
  return [
    `const FILES = ${JSON.stringify(files)};`,
    'export function dataPath(name) { return "data/" + name; }',
    "export function readText(path) {",
    "  if (Object.prototype.hasOwnProperty.call(FILES, path)) return FILES[path];",
    '  throw new Error("tradeoff-lab in the browser reads only its shipped data files, not " + path);',
    "}",
  ].join("\n");
}

/**
 * A CommonJS module standing in for a Node built-in with no browser shim:
 * every export is a function that throws when called, naming the built-in,
 * so a module that imports one still loads and only its Node-only path
 * (e.g. the PBS worker pool) fails.
 */
function nodeOnly(name: string): string {
  return [
    "module.exports = new Proxy({}, { get: function (_, key) {",
    '  if (key === "__esModule") return false;',
    `  return function () { throw new Error("tradeoff-lab in the browser: " + String(key) + " of ${name} needs Node"); };`,
    "} });",
  ].join("\n");
}

const browserPlugin: Plugin = {
  name: "tradeoff-lab-browser",
  setup(b) {
    b.onResolve({ filter: /\/internal\/dataFiles$/ }, () => ({ path: "data-files", namespace: "tradeoff-lab" }));
    b.onLoad({ filter: /^data-files$/, namespace: "tradeoff-lab" }, () => ({ contents: embeddedData(), loader: "js" }));
    b.onResolve({ filter: /^(node:)?(fs|path|crypto)$/ }, () => ({ path: join(ROOT, "scripts", "browser", "node-shims.ts") }));
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
      builtinModules.includes(args.path.replace(/^node:/, "")) ? { path: args.path, namespace: "node-only" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "node-only" }, (args) => ({ contents: nodeOnly(args.path), loader: "js" }));
    // csv-parse's Node build uses Buffer; its browser build carries a small Buffer of its own.
    b.onResolve({ filter: /^csv-parse\/sync$/ }, () => ({ path: join(ROOT, "node_modules", "csv-parse", "dist", "esm", "sync.js") }));
  },
};

/** The bundle's size, and the bytes each package or source folder contributes, largest first. */
export interface BundleReport {
  readonly bytes: number;
  readonly overBudget: boolean;
  readonly parts: readonly { readonly name: string; readonly bytes: number }[];
}

/**
 * Builds the bundle into dist/browser/ and reports its size. Over budget,
 * the bundle is still written (a notebook must keep working) and the report
 * says so; test/browser/bundle.test.ts fails on it.
 * @throws Error when esbuild fails
 */
export async function buildBrowserBundle(): Promise<BundleReport> {
  const result = await build({
    entryPoints: [join(ROOT, "browser", "entry.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    legalComments: "none",
    write: false,
    metafile: true,
    logLevel: "error",
    define: { define: "undefined" },
    plugins: [browserPlugin],
  });
  const code = result.outputFiles[0]?.text ?? "";
  mkdirSync(join(ROOT, "dist", "browser"), { recursive: true });
  writeFileSync(BUNDLE_FILE, code);
  const parts = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const segments = input.replace(/^tradeoff-lab:/, "").split("/");
      const name = segments[0] === "node_modules" ? segments.slice(0, segments[1]?.startsWith("@") ? 3 : 2).join("/") : segments.slice(0, 2).join("/");
      parts.set(name, (parts.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    bytes: code.length,
    overBudget: code.length > BUDGET_BYTES,
    parts: [...parts].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** One line: the bundle's size against its budget. */
export function describeBundle(report: BundleReport): string {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const line = `browser bundle: ${BUNDLE_FILE.slice(ROOT.length + 1)}, ${kb(report.bytes)} minified (budget ${kb(BUDGET_BYTES)}, plotly.js not included)`;
  return report.overBudget ? `${line} — OVER BUDGET; largest parts: ${report.parts.slice(0, 6).map((p) => `${p.name} ${kb(p.bytes)}`).join(", ")}` : line;
}

if (require.main === module) {
  buildBrowserBundle().then(
    (report) => (report.overBudget ? console.warn : console.log)(describeBundle(report)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
