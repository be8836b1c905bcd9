/**
 * Every hint leads to an answer that type-checks. By the workbook's
 * convention (docs/WORKBOOK.md), a hint that suggests computing an answer
 * with the library says "use `ns.fn(…)…`" in the exercise's prose, or
 * "use ns.fn(…)…" in a check's hint. Each suggested call is type-checked,
 * as the notebook would, against the type the exercise's stub declares;
 * a complete call (no placeholders) is run, and a check's hint must pass
 * its own check.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type * as TS from "typescript";
import * as library from "../../src/index";
import { grade } from "../../src/exercises";
import { expectedAnswerType } from "../../src/notebookSources/source";
import { typescript } from "../../src/internal/typescript";
import { notebookDirectory, readSources, repositoryRoot } from "../../src/notebookSources/files";
import type { SourceCell } from "../../src/notebookSources/source";

const ts = typescript();
const NAMESPACES = Object.keys(library);
const CALL_START = new RegExp(`\\b(?:${NAMESPACES.join("|")})\\.[A-Za-z_]\\w*`, "g");

interface Suggestion {
  readonly id: string;
  readonly text: string;
  readonly from: "prose" | "check";
}

/** The call starting at `start`: `ns.fn`, balanced `(…)`, then `.field` / `[0]` chains. */
function callAt(text: string, start: number): string {
  let i = start;
  const ident = /^[A-Za-z_$][\w$]*/;
  const step = (): boolean => {
    const rest = text.slice(i);
    if (rest.startsWith("(")) {
      let depth = 0;
      for (let j = i; j < text.length; j++) {
        if (text[j] === "(") depth++;
        else if (text[j] === ")" && --depth === 0) {
          i = j + 1;
          return true;
        }
      }
      return false;
    }
    const field = /^\.([A-Za-z_$][\w$]*)/.exec(rest) ?? /^\[\d+\]/.exec(rest);
    if (field) {
      i += field[0].length;
      return true;
    }
    return false;
  };
  const head = CALL_START.exec(text.slice(i));
  if (!head || !ident.test(text.slice(i))) return "";
  i += head[0].length;
  while (step());
  return text.slice(start, i);
}

/** What an exercise's prompt says: the markdown cell right before it and the comments of the exercise cell. */
function prompt(cells: readonly SourceCell[], index: number): string {
  const before = cells[index - 1];
  const comments = (cells[index] as SourceCell).lines.filter((l) => /^\s*\/\//.test(l) && !/(BEGIN|END) (SOLUTION|STUB|WRONG)/.test(l));
  return [...(before?.kind === "markdown" ? before.lines : []), ...comments].map((l) => l.replace(/^\s*\/\/ ?/, "")).join("\n");
}

function proseSuggestions(): Suggestion[] {
  const found: Suggestion[] = [];
  for (const source of readSources()) {
    source.cells.forEach((cell, index) => {
      if (cell.kind !== "exercise") return;
      for (const m of prompt(source.cells, index).matchAll(/\buse `([^`]+)`/gi)) found.push({ id: cell.id as string, text: m[1] as string, from: "prose" });
    });
  }
  return found;
}

/** "use ns.fn(…)" in the `hint` strings of the catalog, read with the compiler (template substitutions become placeholders). */
function checkSuggestions(): Suggestion[] {
  const found: Suggestion[] = [];
  const dir = join(repositoryRoot, "src", "exercises", "catalog");
  for (const file of readdirSync(dir).filter((f) => /^\d\d-.*\.ts$/.test(f))) {
    const sf = ts.createSourceFile(file, readFileSync(join(dir, file), "utf8"), ts.ScriptTarget.Latest, true);
    let id: string | undefined;
    const visit = (node: TS.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        if (node.name.text === "id" && ts.isStringLiteral(node.initializer)) id = node.initializer.text;
        if (node.name.text === "hint" && id !== undefined) {
          const init = node.initializer;
          const text = ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) ? init.text : ts.isTemplateExpression(init) ? [init.head.text, ...init.templateSpans.map((s) => `placeholder${s.literal.text}`)].join("") : "";
          for (const m of text.matchAll(/\buse\s+/gi)) {
            const call = callAt(text, (m.index ?? 0) + m[0].length);
            if (call !== "") found.push({ id, text: call, from: "check" });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/** The type of a suggested call, ignoring its arguments: `ReturnType<typeof ns.fn>["field"][0]`. */
function typeOfCall(text: string): string {
  const sf = ts.createSourceFile("s.ts", `(${text});`, ts.ScriptTarget.Latest, true);
  const expression = ((sf.statements[0] as TS.ExpressionStatement).expression as TS.ParenthesizedExpression).expression;
  const walk = (node: TS.Expression): { type: string; called: boolean } => {
    if (ts.isCallExpression(node)) return { type: `ReturnType<${walk(node.expression).type}>`, called: true };
    if (ts.isPropertyAccessExpression(node)) {
      if (ts.isIdentifier(node.expression) && NAMESPACES.includes(node.expression.text)) return { type: `typeof ${node.getText(sf)}`, called: false };
      return { type: `${walk(node.expression).type}[${JSON.stringify(node.name.text)}]`, called: true };
    }
    if (ts.isElementAccessExpression(node)) return { type: `${walk(node.expression).type}[${node.argumentExpression.getText(sf)}]`, called: true };
    throw new Error(`not a call: ${text}`);
  };
  const { type, called } = walk(expression);
  // A bare `ns.fn` suggests that calling it gives the answer.
  return called ? type : `ReturnType<${type}>`;
}

/** Type-checks `const answer: Expected = <the call's type>` for each suggestion, in a file where notebooks live. */
function typeErrors(checks: readonly { expected: string; text: string }[]): string[] {
  const file = join(notebookDirectory, "__hints__.ts");
  const lines = [`import { ${NAMESPACES.join(", ")} } from "tradeoff-lab";`, ...checks.map((c, i) => `export const answer${i}: ${c.expected} = null as unknown as ${typeOfCall(c.text)};`)];
  const options: TS.CompilerOptions = { strict: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === file ? ts.createSourceFile(name, lines.join("\n"), version) : getSourceFile(name, version));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const check = checks[line - 1];
    return `${check ? `${check.text} → ${check.expected}` : "(import)"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

const exerciseCells = new Map(readSources().flatMap((s) => s.cells.filter((c) => c.kind === "exercise").map((c) => [c.id as string, c] as const)));

describe("exercises: every hint's suggested call", function () {
  this.timeout(60_000);
  const suggestions = [...proseSuggestions(), ...checkSuggestions()];

  it("there are suggestions to check, in prose and in checks' hints (04.4, 04.7 among them)", () => {
    assert.ok(suggestions.some((s) => s.id === "04.4" && s.from === "prose"), JSON.stringify(suggestions));
    assert.ok(suggestions.some((s) => s.id === "04.7" && s.from === "check"));
  });

  it("each suggested call type-checks as the answer its exercise's stub declares", () => {
    const checks = suggestions.map((s) => ({ expected: expectedAnswerType(exerciseCells.get(s.id) as SourceCell) ?? "unknown", text: s.text, id: s.id }));
    assert.deepEqual(typeErrors(checks), []);
  });

  it("each complete suggested call runs; a check's hint passes its own check", () => {
    const run = (text: string): unknown => new Function(...NAMESPACES, `return (${text});`)(...NAMESPACES.map((n) => (library as Record<string, unknown>)[n]));
    for (const s of suggestions) {
      let value: unknown;
      try {
        value = run(s.text);
      } catch (error) {
        if (error instanceof ReferenceError) continue; // placeholders such as { primary, replicas }
        throw new Error(`${s.id}: ${s.text} threw ${String(error)}`, { cause: error });
      }
      if (s.from === "check") assert.equal(grade(s.id, value).status, "pass", `${s.id}: ${s.text} = ${JSON.stringify(value)}`);
    }
  });
});
