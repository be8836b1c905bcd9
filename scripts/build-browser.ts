/**
 * Builds the browser bundle of the library (`npm run build` runs it after
 * tsc): src/viewLibrary.ts (the domains and the display builders) and the
 * what-if page runtime (browser/), bundled and minified by esbuild into one
 * IIFE, dist/browser/tradeoff-lab.min.js, that defines `window.tradeoffLab`.
 *
 * - data/*.json and *.csv are embedded: the data provider seam
 *   (src/internal/dataFiles.ts) is replaced by a module holding them, so the
 *   page reads no file and works from file:// with no network;
 * - the Node built-ins the library imports get small shims
 *   (scripts/browser/node-shims.ts), csv-parse comes in its browser build,
 *   and mathjs gets the three functions the
 *   library calls (scripts/browser/mathjs-lite.ts);
 * - the build fails when the bundle exceeds its budget, 300 KB minified
 *   (plotly.js is loaded separately, as in every notebook).
 *
 *     tsx scripts/build-browser.ts          # build, print the size
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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
    if (/\.(json|csv)$/.test(name)) files[`data/${name}`] = readFileSync(join(ROOT, "data", name), "utf8");
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

const browserPlugin: Plugin = {
  name: "tradeoff-lab-browser",
  setup(b) {
    b.onResolve({ filter: /\/internal\/dataFiles$/ }, () => ({ path: "data-files", namespace: "tradeoff-lab" }));
    b.onLoad({ filter: /^data-files$/, namespace: "tradeoff-lab" }, () => ({ contents: embeddedData(), loader: "js" }));
    b.onResolve({ filter: /^(node:)?(fs|path|crypto)$/ }, () => ({ path: join(ROOT, "scripts", "browser", "node-shims.ts") }));
    // csv-parse's Node build uses Buffer; its browser build carries a small Buffer of its own.
    b.onResolve({ filter: /^csv-parse\/sync$/ }, () => ({ path: join(ROOT, "node_modules", "csv-parse", "dist", "esm", "sync.js") }));
    b.onResolve({ filter: /^mathjs$/ }, () => ({ path: join(ROOT, "scripts", "browser", "mathjs-lite.ts") }));
  },
};

/**
 * Builds the bundle and returns its size in bytes.
 * @throws Error when esbuild fails or the bundle is over budget
 */
export async function buildBrowserBundle(): Promise<number> {
  const result = await build({
    entryPoints: [join(ROOT, "browser", "entry.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    legalComments: "none",
    write: false,
    logLevel: "error",
    plugins: [browserPlugin],
  });
  const code = result.outputFiles[0]?.text ?? "";
  if (code.length > BUDGET_BYTES) {
    throw new Error(`browser bundle is ${(code.length / 1024).toFixed(1)} KB, over its ${BUDGET_BYTES / 1024} KB budget`);
  }
  mkdirSync(join(ROOT, "dist", "browser"), { recursive: true });
  writeFileSync(BUNDLE_FILE, code);
  return code.length;
}

if (require.main === module) {
  buildBrowserBundle().then(
    (bytes) => console.log(`browser bundle: ${BUNDLE_FILE.slice(ROOT.length + 1)}, ${(bytes / 1024).toFixed(1)} KB minified (budget ${BUDGET_BYTES / 1024} KB)`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
