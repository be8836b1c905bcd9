/**
 * Stage 2 of the runner: parameters, papermill-style but typed.
 *
 * The cell tagged `parameters` declares the notebook's parameters as
 * `const name = literal;` or `let name: type = literal;`. Injection adds a
 * cell tagged `injected-parameters` right after it (replacing an earlier
 * one), whose declarations re-declare the names with new literal values.
 * Values are serialized as TypeScript literals (JSON is a subset of
 * TypeScript's literal syntax), never spliced in as code, and a value of
 * the wrong type or an unknown name is refused before anything runs.
 */
import { formatValue, rangeError, typeError } from "../internal/errors";
import { ParameterError } from "./errors";
import { cellTags, joinSource, newCellId, type CodeCell, type Notebook } from "./notebook";

/** The types a parameter can have. */
export type ParameterType = "number" | "string" | "boolean" | "array" | "object";

/** One declaration of the `parameters` cell. */
export interface NotebookParameter {
  name: string;
  type: ParameterType;
  /** The declared value. */
  default: unknown;
  /** The declaration as written, e.g. `const replicas = 3;`. */
  source: string;
  /** `const`, `let` or `var`. */
  kind: "const" | "let" | "var";
  /** The type annotation as written (`number[]`), or undefined. */
  annotation?: string;
  /** For arrays: the element type, when the annotation or the default says it. */
  elementType?: "number" | "string" | "boolean";
}

/** The tag of the cell that declares the parameters. */
export const PARAMETERS_TAG = "parameters";
/** The tag of the cell the runner injects. */
export const INJECTED_TAG = "injected-parameters";

const WHERE = "runner.executeNotebook";

class LiteralSyntaxError extends Error {}

/**
 * A small recursive-descent reader for the declarations of a parameters
 * cell: comments, `const|let|var name[: type] = literal[;]`, where a
 * literal is a number, a string (quotes or a backtick string without `${`),
 * `true`/`false`/`null`, an array or an object of literals.
 */
class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new LiteralSyntaxError(`${what} at offset ${this.pos}`);
  }

  skipSpace(stopAtNewline = false): void {
    for (;;) {
      const rest = this.text.slice(this.pos);
      const m = (stopAtNewline ? /^(?:[ \t\r]+|\/\*[\s\S]*?\*\/)/ : /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/).exec(rest);
      if (!m) return;
      this.pos += m[0].length;
    }
  }

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  eat(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  identifier(): string | undefined {
    this.skipSpace();
    const m = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  literal(): unknown {
    this.skipSpace();
    const c = this.peek();
    if (c === "[") {
      this.pos++;
      const items: unknown[] = [];
      while (!this.eat("]")) {
        items.push(this.literal());
        if (!this.eat(",")) {
          if (!this.eat("]")) this.fail("expected , or ]");
          break;
        }
      }
      return items;
    }
    if (c === "{") {
      this.pos++;
      const out: Record<string, unknown> = {};
      while (!this.eat("}")) {
        this.skipSpace();
        const q = this.peek();
        const key = q === '"' || q === "'" ? (this.literal() as string) : this.identifier() ?? this.fail("expected a key");
        if (!this.eat(":")) this.fail("expected :");
        out[key] = this.literal();
        if (!this.eat(",")) {
          if (!this.eat("}")) this.fail("expected , or }");
          break;
        }
      }
      return out;
    }
    if (c === '"' || c === "'" || c === "`") return this.string(c);
    const word = /^(?:true|false|null)\b/.exec(this.text.slice(this.pos));
    if (word) {
      this.pos += word[0].length;
      return word[0] === "null" ? null : word[0] === "true";
    }
    const num = /^[-+]?(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?)(?![\w$])/.exec(
      this.text.slice(this.pos),
    );
    if (num) {
      this.pos += num[0].length;
      const raw = num[0].replace(/_/g, "");
      const sign = raw.startsWith("-") ? -1 : 1;
      const body = raw.replace(/^[-+]/, "");
      const value = /^0[xXoObB]/.test(body) ? Number(body) : Number.parseFloat(body);
      return sign * value;
    }
    return this.fail("expected a literal");
  }

  string(quote: string): string {
    const start = this.pos;
    this.pos++;
    let raw = "";
    while (this.pos < this.text.length && this.peek() !== quote) {
      if (this.peek() === "\\") {
        raw += this.text.slice(this.pos, this.pos + 2);
        this.pos += 2;
        continue;
      }
      if (quote === "`" && this.text.startsWith("${", this.pos)) this.fail("template substitution is not a literal");
      if (quote !== "`" && this.peek() === "\n") this.fail("unterminated string");
      raw += this.peek();
      this.pos++;
    }
    if (this.peek() !== quote) {
      this.pos = start;
      this.fail("unterminated string");
    }
    this.pos++;
    return this.decodeEscapes(raw);
  }

  /** Decodes JavaScript string escapes (ECMA-262, "String Literals"). */
  decodeEscapes(raw: string): string {
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v" };
    let out = "";
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const n = raw[++i] ?? "";
      if (n in simple) out += simple[n];
      else if (n === "0" && !/\d/.test(raw[i + 1] ?? "")) out += "\0";
      else if (n === "x" || n === "u") {
        const m = n === "x" ? /^[\da-fA-F]{2}/.exec(raw.slice(i + 1)) : /^(?:[\da-fA-F]{4}|\{[\da-fA-F]{1,6}\})/.exec(raw.slice(i + 1));
        if (!m) this.fail("unsupported escape in string");
        const hex = m[0].replace(/[{}]/g, "");
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) this.fail("unsupported escape in string");
        out += String.fromCodePoint(code);
        i += m[0].length;
      } else if (n === "\r") {
        if (raw[i + 1] === "\n") i++;
      } else if (n === "\n" || n === "\u2028" || n === "\u2029") {
        // a line continuation adds nothing
      } else if (/[1-9]/.test(n)) {
        this.fail("octal escapes are not allowed");
      } else {
        out += n;
      }
    }
    return out;
  }

  /** Skips a type annotation up to the `=` at bracket depth 0. */
  annotation(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === "'" || c === '"' || c === "`") {
        this.string(c);
        continue;
      }
      if (c === "(" || c === "[" || c === "{" || c === "<") depth++;
      else if (c === ")" || c === "]" || c === "}") depth--;
      else if (c === ">" && this.text[this.pos - 1] !== "=") depth--;
      else if (c === "=" && depth === 0 && this.text[this.pos + 1] !== ">") break;
      else if ((c === ";" || c === "\n") && depth === 0) this.fail("a parameter needs a value");
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }

  /** Skips to the end of the current statement (for declarations that are not literals). */
  skipStatement(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === "'" || c === '"' || c === "`") {
        try {
          this.string(c);
        } catch {
          this.pos++;
        }
        continue;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") depth--;
      else if (depth <= 0 && (c === ";" || c === "\n")) {
        this.pos++;
        return;
      }
      this.pos++;
    }
  }
}

/**
 * Parses one TypeScript literal (the inverse of {@link toTypeScriptLiteral}).
 * @throws SyntaxError when the text is not a literal
 * @example parseTypeScriptLiteral("{ n: 3, tags: ['a'] }") // => { n: 3, tags: ["a"] }
 */
export function parseTypeScriptLiteral(text: string): unknown {
  const reader = new Reader(text);
  try {
    const value = reader.literal();
    reader.skipSpace();
    if (reader.pos !== text.length) reader.fail("unexpected text after the literal");
    return value;
  } catch (error) {
    if (error instanceof LiteralSyntaxError) throw new SyntaxError(`not a TypeScript literal: ${error.message}`, { cause: error });
    throw error;
  }
}

function typeOfValue(value: unknown): ParameterType | undefined {
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object" && value !== null) return "object";
  return undefined;
}

const PRIMITIVE = /^(number|string|boolean)$/;

function typeOfAnnotation(annotation: string): { type?: ParameterType; elementType?: NotebookParameter["elementType"] } {
  const a = annotation.replace(/\s+/g, " ").trim();
  if (PRIMITIVE.test(a)) return { type: a as ParameterType };
  if (/^(?:"[^"]*"|'[^']*')(?: \| (?:"[^"]*"|'[^']*'))*$/.test(a)) return { type: "string" };
  if (/^-?\d[\d.]*(?: \| -?\d[\d.]*)*$/.test(a)) return { type: "number" };
  const arr = /^(?:(\w+)\[\]|(?:readonly )?(\w+)\[\]|(?:Readonly)?Array<(\w+)>|ReadonlyArray<(\w+)>)$/.exec(a);
  if (arr) {
    const element = arr[1] ?? arr[2] ?? arr[3] ?? arr[4] ?? "";
    return PRIMITIVE.test(element) ? { type: "array", elementType: element as "number" } : { type: "array" };
  }
  if (/^(?:\[.*\]|(?:readonly )?\(.*\)\[\])$/.test(a)) return { type: "array" };
  if (/^(?:\{.*\}|Record<.*>|object)$/.test(a)) return { type: "object" };
  return {};
}

function uniformElementType(items: unknown[]): NotebookParameter["elementType"] {
  const types = new Set(items.map((v) => typeof v));
  const [only] = [...types];
  return types.size === 1 && (only === "number" || only === "string" || only === "boolean") ? only : undefined;
}

/**
 * Reads the declarations of a parameters cell's source. Declarations whose
 * value is not a literal and has no usable annotation are not parameters
 * (they are skipped).
 * @throws SyntaxError on a malformed declaration
 * @example parseParameters("const replicas = 3;\nlet region: string = 'eu';")
 * // => [{ name: "replicas", type: "number", default: 3, ... }, { name: "region", type: "string", default: "eu", ... }]
 */
export function parseParameters(source: string): NotebookParameter[] {
  const reader = new Reader(source);
  const params: NotebookParameter[] = [];
  try {
    for (;;) {
      reader.skipSpace();
      if (reader.pos >= source.length) break;
      const start = reader.pos;
      const first = reader.identifier();
      const kindWord = first === "export" ? reader.identifier() : first;
      if (kindWord !== "const" && kindWord !== "let" && kindWord !== "var") {
        reader.pos = start;
        reader.skipStatement();
        continue;
      }
      const name = reader.identifier() ?? reader.fail("expected a name");
      reader.skipSpace();
      let annotation: string | undefined;
      if (reader.eat(":")) annotation = reader.annotation();
      if (!reader.eat("=")) reader.fail(`expected = after ${name}`);
      const valueStart = reader.pos;
      let value: unknown;
      let isLiteral = true;
      try {
        value = reader.literal();
        reader.skipSpace(true);
        const next = reader.peek();
        if (next !== "" && next !== ";" && next !== "\n" && !source.startsWith("//", reader.pos)) isLiteral = false;
      } catch (error) {
        if (!(error instanceof LiteralSyntaxError)) throw error;
        isLiteral = false;
      }
      if (!isLiteral) {
        reader.pos = valueStart;
        reader.skipStatement();
      } else {
        reader.eat(";");
      }
      const fromAnnotation = annotation === undefined ? {} : typeOfAnnotation(annotation);
      const type = fromAnnotation.type ?? (isLiteral ? typeOfValue(value) : undefined);
      if (type === undefined) continue;
      const param: NotebookParameter = {
        name,
        type,
        default: isLiteral ? value : undefined,
        source: source.slice(start, reader.pos).trim(),
        kind: kindWord,
      };
      if (annotation !== undefined) param.annotation = annotation;
      const elementType = fromAnnotation.elementType ?? (isLiteral && Array.isArray(value) ? uniformElementType(value) : undefined);
      if (type === "array" && elementType !== undefined) param.elementType = elementType;
      params.push(param);
    }
  } catch (error) {
    if (error instanceof LiteralSyntaxError) throw new SyntaxError(`parameters cell: ${error.message}`, { cause: error });
    throw error;
  }
  return params;
}

/** The index of the cell tagged `parameters`, or -1. */
export function parametersCellIndex(nb: Notebook): number {
  return nb.cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes(PARAMETERS_TAG));
}

/**
 * The parameters a notebook declares in its cell tagged `parameters`, in
 * order, with their types and defaults.
 * @param nb a notebook (not modified)
 * @returns one entry per declaration; empty when there is no parameters cell
 * @throws ParameterError when the parameters cell is malformed
 * @example notebookParameters(readNotebook("nb.ipynb"))
 * // => [{ name: "replicas", type: "number", default: 3, source: "const replicas = 3;" }]
 */
export function notebookParameters(nb: Notebook): NotebookParameter[] {
  const index = parametersCellIndex(nb);
  if (index < 0) return [];
  const cell = nb.cells[index] as CodeCell;
  try {
    return parseParameters(joinSource(cell.source));
  } catch (error) {
    throw new ParameterError(
      `runner.notebookParameters: the parameters cell (cell ${index}) must declare \`const name = literal;\`, got ${(error as Error).message}`,
      "parameters",
      "const name = literal;",
      joinSource(cell.source),
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Checks that a value can be written as a literal (JSON-like data). */
function literalProblem(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} is ${formatValue(value)}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = literalProblem(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = literalProblem(v, `${path}.${k}`);
      if (p) return p;
    }
    return undefined;
  }
  return `${path} is ${formatValue(value)}`;
}

/**
 * Writes a value as a TypeScript literal. JSON is valid TypeScript literal
 * syntax, so strings are escaped exactly and nothing is spliced in as code.
 * @param value JSON-like data: finite numbers, strings, booleans, null, arrays and plain objects
 * @throws TypeError for anything else (NaN, undefined, functions, class instances)
 * @example toTypeScriptLiteral({ region: "eu-west-1", replicas: [3, 5] }) // => '{"region":"eu-west-1","replicas":[3,5]}'
 */
export function toTypeScriptLiteral(value: unknown): string {
  const problem = literalProblem(value, "value");
  if (problem) throw typeError("runner.toTypeScriptLiteral", "value", "JSON-like data (finite numbers, strings, booleans, null, arrays, plain objects)", value);
  return JSON.stringify(value);
}

function expectedText(p: NotebookParameter): string {
  if (p.type === "number") return "a finite number";
  if (p.type === "array") return p.elementType ? `an array of ${p.elementType}s` : "an array";
  return `a ${p.type}`;
}

function matches(p: NotebookParameter, value: unknown): boolean {
  if (literalProblem(value, "value") !== undefined) return false;
  switch (p.type) {
    case "number":
    case "string":
    case "boolean":
      return typeof value === p.type;
    case "array":
      return Array.isArray(value) && (p.elementType === undefined || value.every((v) => typeof v === p.elementType));
    case "object":
      return isPlainObject(value);
  }
}

/**
 * Checks parameter values against the notebook's declarations.
 * @throws ParameterError naming the parameter, the expected type and the value; or an unknown name, listing the known ones
 */
export function validateParameters(nb: Notebook, values: Record<string, unknown>, where = WHERE): NotebookParameter[] {
  const declared = notebookParameters(nb);
  const names = Object.keys(values);
  if (names.length > 0 && parametersCellIndex(nb) < 0) {
    const name = names[0] as string;
    throw new ParameterError(
      rangeError(where, `parameters.${name}`, "declared in a cell tagged \"parameters\" (this notebook has none)", name).message,
      name,
      "a parameters cell",
      values[name],
    );
  }
  for (const name of names) {
    const p = declared.find((d) => d.name === name);
    if (!p) {
      const known = declared.map((d) => JSON.stringify(d.name)).join(", ");
      throw new ParameterError(
        rangeError(where, `parameters.${name}`, `one of the notebook's parameters (${known})`, name).message,
        name,
        known,
        values[name],
      );
    }
    if (!matches(p, values[name])) {
      const expected = expectedText(p);
      throw new ParameterError(typeError(where, `parameters.${name}`, expected, values[name]).message, name, expected, values[name]);
    }
  }
  return declared;
}

/**
 * Converts a command-line value (`-p name=value`) to the declared type:
 * numbers and booleans are parsed, arrays and objects are JSON, strings are
 * taken as written.
 * @throws ParameterError when the text is not a value of the declared type
 * @example parseCliValue({ name: "replicas", type: "number", ... }, "5") // => 5
 */
export function parseCliValue(p: NotebookParameter, text: string, where = "runner.cli"): unknown {
  const refuse = (): never => {
    const expected = expectedText(p);
    throw new ParameterError(typeError(where, `parameters.${p.name}`, expected, text).message, p.name, expected, text);
  };
  switch (p.type) {
    case "string":
      return text;
    case "number": {
      const n = text.trim() === "" ? Number.NaN : Number(text);
      return Number.isFinite(n) ? n : refuse();
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : refuse();
    case "array":
    case "object":
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return refuse();
      }
  }
}

/**
 * A copy of the notebook with a cell tagged `injected-parameters` right
 * after the `parameters` cell (an earlier injected cell is removed). The
 * values are validated first.
 * @param nb the notebook (not modified)
 * @param values parameter values by name
 * @returns the new notebook; `nb` itself when `values` is empty
 * @throws ParameterError for an unknown name or a value of the wrong type
 * @example injectParameters(nb, { replicas: 5 }).cells[2].source // => "// Injected parameters\nconst replicas = 5;\n"
 */
export function injectParameters(nb: Notebook, values: Record<string, unknown>, where = WHERE): Notebook {
  const declared = validateParameters(nb, values, where);
  if (Object.keys(values).length === 0) return nb;
  const cells = nb.cells.filter((c) => !(c.cell_type === "code" && cellTags(c).includes(INJECTED_TAG)));
  const anchor = cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes(PARAMETERS_TAG));
  const lines = ["// Injected parameters"];
  for (const name of Object.keys(values)) {
    const p = declared.find((d) => d.name === name) as NotebookParameter;
    const annotation = p.annotation === undefined ? "" : `: ${p.annotation}`;
    lines.push(`${p.kind} ${name}${annotation} = ${toTypeScriptLiteral(values[name])};`);
  }
  const injected: CodeCell = {
    cell_type: "code",
    id: newCellId(new Set(cells.map((c) => c.id))),
    metadata: { tags: [INJECTED_TAG] },
    source: `${lines.join("\n")}\n`,
    execution_count: null,
    outputs: [],
  };
  return { ...nb, cells: [...cells.slice(0, anchor + 1), injected, ...cells.slice(anchor + 1)] };
}
