/**
 * The workbook's source format and the notebooks generated from it.
 *
 * Each notebook is written once, with its solutions, as a percent-format
 * TypeScript file in `workbook/` (the format jupytext calls "percent"):
 *
 *     // %% [markdown]
 *     // # 04 · Quorums and staleness
 *     // %% tags=["parameters"]
 *     const replicationFactor = 3;
 *     // %% [exercise] id="04.1"
 *     // BEGIN SOLUTION
 *     const pStale = quorum.kStaleness({ n: 3, r: 1, w: 1, k: 2 });
 *     // END SOLUTION
 *     // BEGIN STUB
 *     const pStale: number | undefined = undefined; // your answer
 *     // END STUB
 *     // BEGIN WRONG
 *     const pStale = 2 / 3;
 *     // END WRONG
 *     // %%
 *     exercises.check("04.1", pStale);
 *
 * nbgrader is the model: the learner copy keeps the STUB and drops the
 * SOLUTION; the instructor copy keeps the SOLUTION; the "wrong" copy, used by
 * the tests to prove that no check is unable to fail, keeps the WRONG answer.
 * `npm run notebooks` writes the learner copies into `notebooks/`, and a test
 * fails when they drift from their source.
 *
 * Internal tooling: used by scripts and tests, not re-exported to notebooks.
 */
import type * as TS from "typescript";
import type { Cell, CodeCell, Notebook } from "../runner/notebook";
import { typescript } from "../internal/typescript";
import { readDeclarations } from "../parameters/declaration";

/** Which copy of a notebook to generate. */
export type Variant = "learner" | "solution" | "wrong";

/** One cell as written in the source. */
export interface SourceCell {
  readonly kind: "markdown" | "code" | "exercise";
  readonly tags: readonly string[];
  /** Exercise id for exercise cells (`"04.1"`), explicit cell id otherwise, if given. */
  readonly id?: string;
  /** Points an exercise is worth (`points=2` in its header). */
  readonly points?: number;
  readonly lines: readonly string[];
  /** 1-based line of the `// %%` header, for error messages. */
  readonly line: number;
}

/** A parsed workbook source file. */
export interface WorkbookSource {
  /** File name without extension, e.g. `04-quorums-and-staleness`. */
  readonly slug: string;
  readonly cells: readonly SourceCell[];
}

const HEADER = /^\/\/ %%(?:\s+\[(markdown|exercise)\])?(.*)$/;
const ATTRIBUTE = /(\w+)=("(?:[^"\\]|\\.)*"|\[[^\]]*\]|\d+(?:\.\d+)?)/g;
const REGIONS = ["SOLUTION", "STUB", "WRONG"] as const;
type Region = (typeof REGIONS)[number];

/** A mistake in a workbook source, with file and line. */
export class WorkbookSourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = "WorkbookSourceError";
  }
}

/** Parses a percent-format source. Throws WorkbookSourceError on malformed input. */
export function parseSource(slug: string, text: string): WorkbookSource {
  const file = `workbook/${slug}.ts`;
  const cells: SourceCell[] = [];
  let current: { kind: SourceCell["kind"]; tags: string[]; id?: string; points?: number; lines: string[]; line: number } | undefined;
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  lines.forEach((raw, index) => {
    const header = HEADER.exec(raw);
    if (header) {
      if (current) cells.push(finish(current));
      const attributes = parseAttributes(file, index + 1, header[2] ?? "");
      const kind = (header[1] as "markdown" | "exercise" | undefined) ?? "code";
      current = { kind, tags: attributes.tags, lines: [], line: index + 1 };
      if (attributes.id !== undefined) current.id = attributes.id;
      if (attributes.points !== undefined) current.points = attributes.points;
      if (kind === "exercise" && attributes.id === undefined) {
        throw new WorkbookSourceError(file, index + 1, 'an exercise cell needs id="NN.n"');
      }
      if (kind === "exercise" && attributes.points === undefined) {
        throw new WorkbookSourceError(file, index + 1, `exercise ${attributes.id ?? ""} needs points=N (a positive number)`);
      }
      if (kind !== "exercise" && attributes.points !== undefined) throw new WorkbookSourceError(file, index + 1, "only an exercise cell has points");
      return;
    }
    if (!current) {
      if (raw.trim() !== "") throw new WorkbookSourceError(file, index + 1, "text before the first // %% cell header");
      return;
    }
    current.lines.push(raw);
  });
  if (current) cells.push(finish(current));
  for (const cell of cells) if (cell.kind === "exercise") checkRegions(file, cell);
  return { slug, cells };
}

function finish(cell: { kind: SourceCell["kind"]; tags: string[]; id?: string; points?: number; lines: string[]; line: number }): SourceCell {
  const lines = [...cell.lines];
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  while (lines.length > 0 && lines[0]?.trim() === "") lines.shift();
  return { ...cell, lines };
}

function parseAttributes(file: string, line: number, text: string): { tags: string[]; id?: string; points?: number } {
  const result: { tags: string[]; id?: string; points?: number } = { tags: [] };
  const rest = text.replace(ATTRIBUTE, (_, key: string, value: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new WorkbookSourceError(file, line, `attribute ${key} is not valid JSON: ${value}`);
    }
    if (key === "tags" && Array.isArray(parsed) && parsed.every((t) => typeof t === "string")) result.tags = parsed;
    else if (key === "id" && typeof parsed === "string") result.id = parsed;
    else if (key === "points" && typeof parsed === "number" && parsed > 0) result.points = parsed;
    else throw new WorkbookSourceError(file, line, `unknown or malformed attribute ${key}=${value}`);
    return "";
  });
  if (rest.trim() !== "") throw new WorkbookSourceError(file, line, `cannot read cell header attributes: ${rest.trim()}`);
  return result;
}

function checkRegions(file: string, cell: SourceCell): void {
  const seen = new Set<Region>();
  let open: Region | undefined;
  cell.lines.forEach((text, offset) => {
    const marker = /^\s*\/\/ (BEGIN|END) (SOLUTION|STUB|WRONG)\s*$/.exec(text);
    if (!marker) return;
    const region = marker[2] as Region;
    const at = cell.line + 1 + offset;
    if (marker[1] === "BEGIN") {
      if (open) throw new WorkbookSourceError(file, at, `BEGIN ${region} inside ${open}`);
      if (seen.has(region)) throw new WorkbookSourceError(file, at, `a second ${region} region`);
      open = region;
      seen.add(region);
    } else {
      if (open !== region) throw new WorkbookSourceError(file, at, `END ${region} without BEGIN ${region}`);
      open = undefined;
    }
  });
  if (open) throw new WorkbookSourceError(file, cell.line, `${open} region is not closed`);
  for (const region of REGIONS) {
    if (!seen.has(region)) throw new WorkbookSourceError(file, cell.line, `exercise ${cell.id} has no ${region} region`);
  }
}

/** The code of an exercise cell for one variant: shared lines plus that variant's region. */
export function exerciseCode(cell: SourceCell, variant: Variant): string[] {
  const keep: Region = variant === "learner" ? "STUB" : variant === "solution" ? "SOLUTION" : "WRONG";
  const out: string[] = [];
  let region: Region | undefined;
  for (const text of cell.lines) {
    const marker = /^\s*\/\/ (BEGIN|END) (SOLUTION|STUB|WRONG)\s*$/.exec(text);
    if (marker) {
      region = marker[1] === "BEGIN" ? (marker[2] as Region) : undefined;
      continue;
    }
    if (region === undefined || region === keep) out.push(text);
  }
  return out;
}

/**
 * The type an exercise's answer must have, read from the learner stub's
 * annotation without `| undefined`, e.g. `number` or `(n: number) => number`.
 * @example expectedAnswerType(parseSource("x", '// %% [exercise] id="99.1" points=1\n// BEGIN SOLUTION\nconst a = 1;\n// END SOLUTION\n// BEGIN STUB\nconst a: number | undefined = undefined;\n// END STUB\n// BEGIN WRONG\nconst a = 2;\n// END WRONG').cells[0]) // => "number"
 */
export function expectedAnswerType(cell: SourceCell): string | undefined {
  const ts = typescript();
  const file = ts.createSourceFile("stub.ts", exerciseCode(cell, "learner").join("\n"), ts.ScriptTarget.Latest, true);
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const type = statement.declarationList.declarations[0]?.type;
    if (!type) continue;
    const members: readonly TS.TypeNode[] = ts.isUnionTypeNode(type) ? type.types : [type];
    const kept = members.filter((m) => m.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.UndefinedKeyword));
    const text = kept.map((m) => (ts.isParenthesizedTypeNode(m) ? m.type : m).getText(file)).join(" | ");
    return text === "" ? undefined : text;
  }
  return undefined;
}

/** The calls a check cell makes: `check` as written in the sources, `checkCell` as generated. */
export const CHECK_CALLS = ["check", "checkCell"] as const;

const CHECK_LINE = /^exercises\.check\(("\d{2}\.\d+"), ([A-Za-z_$][\w$]*)\);$/;

/**
 * A check cell as the notebook gets it. The source's
 * `exercises.check("04.1", answer041);` becomes
 * `exercises.checkCell("04.1", () => answer041, "string");` under a
 * `@ts-ignore`, so that an answer cell that did not compile (tslab then
 * declares nothing) gives a ✗ naming the type the exercise expects instead
 * of tslab's "Cannot find name 'answer041'". Other lines are kept.
 */
function generatedCheck(cell: SourceCell, expected: ReadonlyMap<string, string>): string[] {
  return cell.lines.flatMap((line) => {
    const call = CHECK_LINE.exec(line);
    if (!call) return [line];
    const type = expected.get(JSON.parse(call[1] as string) as string);
    if (type === undefined) return [line];
    return [
      "// @ts-ignore: if your answer cell did not compile, the check below says which type it needs",
      `exercises.checkCell(${call[1]}, () => ${call[2]}, ${JSON.stringify(type)});`,
    ];
  });
}

function markdownText(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/^\/\/ ?/, ""));
}

function cellId(cell: SourceCell, index: number): string {
  if (cell.kind === "exercise") return `exercise-${(cell.id ?? "").replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return cell.id ?? `cell-${String(index).padStart(2, "0")}`;
}

/** nbformat stores a source as lines, each but the last ending in "\n". */
function toSource(lines: readonly string[]): string[] {
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
}

/** The id of the generated cell that checks the parameters. */
export const PARAMETERS_CHECK_ID = "parameters-check";

/**
 * The cell generated right after the `parameters` cell: it checks every
 * declared value against its declaration before anything else runs (and
 * after papermill's `injected-parameters` cell, which goes right after the
 * parameters cell).
 */
export function parametersCheckCell(slug: string, parametersSource: string): CodeCell {
  const names = readDeclarations(parametersSource).map((p) => p.name);
  const lines = [
    "// Stops here, naming the parameter, when a value above breaks the rule in its comment.",
    "// (Generated from the parameters cell: edit the parameters there, not this cell.)",
    'import { parameters } from "tradeoff-lab";',
    // tslab 1.0.22 mis-handles shorthand properties that name an earlier cell's const.
    `await parameters.check(${JSON.stringify(`${slug}.ipynb`)}, {`,
    ...names.map((n) => `  ${n}: ${n},`),
    "});",
  ];
  return { cell_type: "code", id: PARAMETERS_CHECK_ID, metadata: {}, source: toSource(lines), execution_count: null, outputs: [] };
}

/** Builds one variant of the notebook (nbformat 4.5, no outputs, kernelspec tslab). */
export function buildNotebook(source: WorkbookSource, variant: Variant): Notebook {
  const file = `workbook/${source.slug}.ts`;
  const expected = new Map(
    source.cells
      .filter((c) => c.kind === "exercise")
      .map((c) => {
        const type = expectedAnswerType(c);
        if (type === undefined) throw new WorkbookSourceError(file, c.line, `exercise ${c.id ?? ""}'s stub declares no type: annotate it, e.g. \`const answer: number | undefined = undefined;\``);
        return [c.id ?? "", type];
      }),
  );
  const built: Cell[] = source.cells.map((cell, index) => {
    const id = cellId(cell, index);
    if (cell.kind === "markdown") {
      return { cell_type: "markdown", id, metadata: {}, source: toSource(markdownText(cell.lines)) };
    }
    const lines = cell.kind === "exercise" ? exerciseCode(cell, variant) : generatedCheck(cell, expected);
    const tags = cell.kind === "exercise" ? ["exercise", ...cell.tags] : [...cell.tags];
    const metadata: Record<string, unknown> = {};
    if (tags.length > 0) metadata["tags"] = tags;
    if (cell.kind === "exercise") metadata["exercise"] = { id: cell.id, points: cell.points };
    return { cell_type: "code", id, metadata, source: toSource(lines), execution_count: null, outputs: [] };
  });
  const cells = built.flatMap((cell, index): Cell[] => {
    const from = source.cells[index] as SourceCell;
    return from.kind === "code" && from.tags.includes("parameters") ? [cell, parametersCheckCell(source.slug, from.lines.join("\n"))] : [cell];
  });
  const ids = new Set<string>();
  for (const cell of cells) {
    if (ids.has(cell.id)) throw new WorkbookSourceError(file, 1, `duplicate cell id ${cell.id}`);
    ids.add(cell.id);
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: {
        name: "typescript",
        file_extension: ".ts",
        mimetype: "text/typescript",
        codemirror_mode: { name: "javascript", typescript: true },
      },
    },
    cells,
  } as Notebook;
}

/** The exercise ids a source declares, in order. */
export function exerciseIds(source: WorkbookSource): string[] {
  return source.cells.filter((c) => c.kind === "exercise").map((c) => c.id ?? "");
}
