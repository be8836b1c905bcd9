/**
 * The layout is layered: no two folders of src/ import each other, however
 * indirectly. Each top-level folder of src/ (and each top-level file) is a
 * node; an import from a file in one to a file in another is an edge; a
 * cycle is a strongly connected component of more than one node. Imports
 * are read with the TypeScript compiler's own pre-processor, type-only
 * imports included (they couple the folders as much as the others).
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";

const root = resolve(__dirname, "..");
const src = join(root, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The node a file belongs to: its top-level folder under `base`, or its own name for a top-level file. */
function unitOf(file: string, base: string): string {
  const [first = "", ...rest] = relative(base, file).split(sep);
  return rest.length === 0 ? first.replace(/\.ts$/, "") : first;
}

/** The file a relative import names, or undefined for a package or a file outside `base`. */
function resolveImport(from: string, specifier: string, base: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = resolve(dirname(from), specifier);
  const file = [`${target}.ts`, join(target, "index.ts"), target].find((f) => existsSync(f) && statSync(f).isFile());
  return file !== undefined && !relative(base, file).startsWith("..") ? file : undefined;
}

/** The folder graph of the TypeScript files under `base`: unit -> units it imports. */
export function folderGraph(base: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(base)) {
    const from = unitOf(file, base);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const imported of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const target = resolveImport(file, imported.fileName, base);
      const to = target === undefined ? undefined : unitOf(target, base);
      if (to !== undefined && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The strongly connected components with more than one node (Tarjan), each sorted. */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("layout", () => {
  it("no import cycle between the folders of src/ (type-only imports included)", () => {
    const graph = folderGraph(src);
    assert.ok(graph.get("cli")?.has("runner") && graph.get("cli")?.has("export"), "src/cli imports the runner and export");
    assert.deepEqual(cycles(graph), []);
  });

  it("the runner and export stages never import the CLI above them", () => {
    const graph = folderGraph(src);
    for (const stage of ["runner", "export"]) assert.equal(graph.get(stage)?.has("cli"), false, `${stage} imports cli`);
  });

  it("cycles() finds a two-folder cycle and a longer one, and none in a layered graph (so the test above can fail)", () => {
    const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
    assert.deepEqual(cycles(g({ runner: ["export"], export: ["runner"], cli: ["runner"] })), [["export", "runner"]]);
    assert.deepEqual(cycles(g({ a: ["b"], b: ["c"], c: ["a"], d: [] })), [["a", "b", "c"]]);
    assert.deepEqual(cycles(g({ cli: ["runner", "export"], export: ["runner"], runner: ["internal"], internal: [] })), []);
  });

  it("folderGraph() sees relative imports, type-only ones included, and maps them to top-level folders", () => {
    const graph = folderGraph(src);
    // src/export/site.ts has only `import type { Notebook } from "../runner"`.
    assert.equal(graph.get("export")?.has("runner"), true);
    assert.equal(graph.get("quorum")?.has("internal"), true);
  });
});
