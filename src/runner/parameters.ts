/**
 * Stage 2 of the runner: parameters, papermill-style but typed and ranged.
 *
 * The cell tagged `parameters` declares the notebook's parameters, one per
 * line, with a type and a trailing comment that says what is allowed
 * (the grammar is in `src/parameters/rule.ts`):
 *
 *     const replicationFactor: number = 3; // integer in [1, 9]: N, replicas of each key
 *
 * The declarations are read with the TypeScript compiler tslab runs on.
 * Every value is checked against its declaration before a kernel starts.
 * Injection adds a cell tagged `injected-parameters` right after the
 * parameters cell (replacing an earlier one), re-declaring the names with
 * new values written as TypeScript literals (JSON is a subset of
 * TypeScript's literal syntax), never spliced in as code; the values are
 * also recorded where papermill puts them, `metadata.papermill.parameters`.
 */
import { typeError, rangeError } from "../internal/errors";
import { DeclarationSyntaxError, otherBindings, parseLiteral, readDeclarations, type NotebookParameter } from "../parameters/declaration";
import { describeConstraints } from "../parameters/rule";
import { isJsonLike } from "../internal/json";
import { checkParameter } from "../parameters/validate";
import { ParameterError } from "./errors";
import { cellTags, checkCells, joinSource, newCellId, type CodeCell, type Notebook } from "./notebook";

export type { NotebookParameter, ParameterType } from "../parameters/declaration";

/** The tag of the cell that declares the parameters. */
export const PARAMETERS_TAG = "parameters";
/** The tag of the cell the runner injects. */
export const INJECTED_TAG = "injected-parameters";

const WHERE = "runner.executeNotebook";

/**
 * Parses one TypeScript literal (the inverse of {@link toTypeScriptLiteral}).
 * @throws SyntaxError when the text is not a literal
 * @example parseTypeScriptLiteral("{ n: 3, tags: ['a'] }") // => { n: 3, tags: ["a"] }
 */
export function parseTypeScriptLiteral(text: string): unknown {
  if (typeof text !== "string") throw typeError("runner.parseTypeScriptLiteral", "text", "a string of TypeScript", text);
  try {
    return parseLiteral(text);
  } catch (error) {
    if (error instanceof SyntaxError) throw new SyntaxError(`runner.parseTypeScriptLiteral: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Reads the declarations of a parameters cell's source.
 * @throws SyntaxError when the cell is not valid TypeScript
 * @example parseParameters("const replicas: number = 3; // integer in [1, 9]: replicas")[0].rule // => { integer: true, min: 1, max: 9, description: "replicas" }
 */
export function parseParameters(source: string): NotebookParameter[] {
  return readDeclarations(source);
}

/**
 * `where`, the name messages start with: a function's public name
 * (`runner.executeNotebook`, with a dot) or one of the project's commands
 * (`tradeoff-lab run`); a bare word such as `__proto__` names nothing.
 */
function callerName(fn: string, where: unknown): void {
  if (typeof where !== "string" || !/^[A-Za-z][\w-]*(?:\.[A-Za-z_$][\w$]*)+$|^tradeoff-lab [a-z][\w-]*$/.test(where)) {
    throw typeError(fn, "where", 'the caller\'s name, e.g. "runner.executeNotebook"', where);
  }
}

/** The index of the cell tagged `parameters`, or -1. */
export function parametersCellIndex(nb: Notebook): number {
  return nb.cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes(PARAMETERS_TAG));
}

/**
 * The parameters a notebook declares in its cell tagged `parameters`, in
 * order, with their types, defaults and rules.
 * @param nb a notebook (not modified)
 * @returns one entry per declaration; empty when there is no parameters cell
 * @throws ParameterError when the parameters cell does not parse
 * @example notebookParameters(readNotebook("notebooks/04-quorums-and-staleness.ipynb"))[0]
 * // => { name: "replicationFactor", type: "number", default: 3, rule: { integer: true, min: 1, max: 9, ... }, ... }
 */
export function notebookParameters(nb: Notebook): NotebookParameter[] {
  checkCells("runner.notebookParameters", "nb", nb);
  const index = parametersCellIndex(nb);
  if (index < 0) return [];
  const text = (nb.cells[index] as CodeCell).source;
  if (text === undefined) throw typeError("runner.notebookParameters", `nb.cells[${index}].source`, "a string or an array of strings", text);
  const source = joinSource(text);
  try {
    return readDeclarations(source);
  } catch (error) {
    if (!(error instanceof DeclarationSyntaxError)) throw error;
    throw new ParameterError(
      `runner.notebookParameters: the parameters cell (cell ${index}) must be TypeScript declarations \`const name: type = literal; // rule: description\`, got ${error.message}`,
      "parameters",
      "const name: type = literal;",
      source,
    );
  }
}

/**
 * Writes a value as a TypeScript literal. JSON is valid TypeScript literal
 * syntax, so strings are escaped exactly and nothing is spliced in as code.
 * @param value JSON-like data: finite numbers, strings, booleans, null, arrays and plain objects
 * @throws TypeError for anything else (NaN, undefined, functions, class instances)
 * @example toTypeScriptLiteral({ region: "eu-west-1", replicas: [3, 5] }) // => '{"region":"eu-west-1","replicas":[3,5]}'
 */
export function toTypeScriptLiteral(value: unknown): string {
  if (!isJsonLike(value)) {
    throw typeError("runner.toTypeScriptLiteral", "value", "JSON-like data (finite numbers, strings, booleans, null, arrays, plain objects)", value);
  }
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
    if (v !== null && typeof v === "object") {
      // In an object literal `"__proto__": x` sets the prototype; a computed key makes it a key, as in JSON.
      return `{${Object.entries(v).map(([k, item]) => `${k === "__proto__" ? '["__proto__"]' : JSON.stringify(k)}:${write(item)}`).join(",")}}`;
    }
    // U+2028/U+2029 escaped, so no tool that splits lines on them cuts the literal.
    return JSON.stringify(v).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  };
  return write(value);
}

function refusal(error: unknown, p: NotebookParameter, value: unknown): ParameterError {
  const message = (error as Error).message;
  const allowed = describeConstraints(p.rule);
  return new ParameterError(message, p.name, allowed === "" ? p.type : `${p.type}, ${allowed}`, value);
}

/**
 * Checks parameter values against the notebook's declarations: known
 * names, the declared types, and each declaration's rule (bounds that
 * name another parameter take its new value, or its default). With
 * `checkDefaults`, the values written in the parameters cell are checked
 * too (the CLI does, so an edited notebook is refused before a kernel
 * starts; in a kernel, the notebook's own `parameters.check` cell does it).
 * @param nb the notebook
 * @param values the new values by name
 * @param where the caller, as messages start
 * @param checkDefaults also check the parameters that keep their declared value
 * @returns the declarations
 * @throws ParameterError naming the parameter, what is allowed and the value received; or an unknown name, listing the known ones
 * @example validateParameters(nb04, { replicationFactor: 20 })
 * // throws ParameterError: runner.executeNotebook: parameters.replicationFactor must be an integer in [1, 9], got 20
 */
export function validateParameters(nb: Notebook, values: Record<string, unknown>, where = WHERE, checkDefaults = false): NotebookParameter[] {
  const declared = notebookParameters(nb);
  // tslab 1.0.22 renames a top-level `__x` to `___x` when it compiles a cell, then cannot find it.
  const dunder = declared.find((d) => d.name.startsWith("__"));
  if (dunder !== undefined) {
    throw new ParameterError(
      rangeError(where, `parameters.${dunder.name}`, 'a name that does not start with "__" (tslab renames such top-level names and then cannot find them)', dunder.name, `line ${dunder.line} of the parameters cell; rename it`).message,
      dunder.name,
      'a name without a leading "__"',
      dunder.default,
    );
  }
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
    if (!declared.some((d) => d.name === name)) {
      const other = otherBindings(joinSource((nb.cells[parametersCellIndex(nb)] as CodeCell).source)).find((b) => b.name === name);
      if (other !== undefined) {
        const how = other.reason === "destructuring" ? "by destructuring" : "to a computed value without a type annotation";
        throw new ParameterError(
          rangeError(where, `parameters.${name}`, "declared on its own line to be set, as `const name: type = literal;`", name, `line ${other.line} of the parameters cell binds it ${how}: ${other.statement}`).message,
          name,
          "const name: type = literal;",
          values[name],
        );
      }
      const known = declared.map((d) => JSON.stringify(d.name)).join(", ");
      throw new ParameterError(rangeError(where, `parameters.${name}`, `one of the notebook's parameters (${known})`, name).message, name, known, values[name]);
    }
  }
  const merged: Record<string, unknown> = Object.fromEntries(declared.map((d) => [d.name, d.default]));
  Object.assign(merged, values);
  // The given values first, so a bad value is named rather than a default it invalidates.
  const order = [...declared.filter((d) => d.name in values), ...(checkDefaults ? declared.filter((d) => !(d.name in values) && d.default !== undefined) : [])];
  for (const p of order) {
    try {
      checkParameter(where, `parameters.${p.name}`, p, merged[p.name], merged);
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) throw refusal(error, p, merged[p.name]);
      throw error;
    }
  }
  return declared;
}

function expectedText(p: NotebookParameter): string {
  if (p.type === "number") return "a finite number";
  if (p.type === "array") return p.elementType ? `an array of ${p.elementType}s` : "an array";
  if (p.type === "object") return "an object";
  return `a ${p.type}`;
}

/**
 * Converts a command-line value (`-p name=value`) to the declared type:
 * numbers and booleans are parsed, arrays and objects are JSON, strings are
 * taken as written. The rule is checked later, by {@link validateParameters}.
 * @throws ParameterError when the text is not a value of the declared type
 * @example parseCliValue(replicationFactorDeclaration, "5") // => 5
 */
export function parseCliValue(p: NotebookParameter, text: string, where = "runner.cli"): unknown {
  callerName("runner.parseCliValue", where);
  if (typeof p !== "object" || p === null || typeof p.name !== "string") throw typeError(where, "parameter", "a parameter from notebookParameters", p);
  if (typeof text !== "string") throw typeError(where, `parameters.${p.name}`, "the text given on the command line", text);
  const refuse = (): never => {
    if (p.type === "number" || p.type === "boolean") {
      // The declaration's own message, rule included: "must be an integer in [1, 9], got "five"".
      try {
        checkParameter(where, `parameters.${p.name}`, p, text, {});
      } catch (error) {
        if (error instanceof TypeError) throw refusal(error, p, text);
        throw error;
      }
    }
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

function formatDefault(value: unknown): string {
  return value === undefined ? "(computed)" : JSON.stringify(value);
}

/**
 * The `--help-params` text of a notebook, papermill's `--help-notebook`:
 * each parameter with its type, default, allowed values, unit and
 * description.
 * @example parametersHelp("nb.ipynb", notebookParameters(nb))
 * // => "nb.ipynb\n  replicationFactor: number = 3\n      integer in [1, 9]; N, replicas of each key\n..."
 */
export function parametersHelp(path: string, params: readonly NotebookParameter[]): string {
  if (params.length === 0) return `${path}: no parameters (no cell tagged "parameters")\n`;
  const lines = [`${path}`];
  for (const p of params) {
    lines.push(`  ${p.name}: ${p.annotation ?? p.type} = ${formatDefault(p.default)}`);
    const allowed = describeConstraints(p.rule);
    const facts = [allowed, p.rule.unit === undefined ? "" : `unit: ${p.rule.unit}`].filter((f) => f !== "").join("; ");
    if (facts !== "") lines.push(`      ${facts}`);
    if (p.rule.description !== undefined) lines.push(`      ${p.rule.description}`);
  }
  lines.push("  set with -p name=value or --params-file file.json");
  return `${lines.join("\n")}\n`;
}

/**
 * A copy of the notebook with a cell tagged `injected-parameters` right
 * after the `parameters` cell (an earlier injected cell is removed), and
 * the values recorded in `metadata.papermill.parameters`. The values are
 * validated first.
 * @param nb the notebook (not modified)
 * @param values parameter values by name
 * @returns the new notebook; without values, a copy whose only change is the papermill metadata
 * @throws ParameterError for an unknown name, a value of the wrong type or outside its declared range
 * @example injectParameters(nb, { replicas: 5 }).cells[2].source // => "// Injected parameters\nconst replicas = 5;\n"
 */
export function injectParameters(nb: Notebook, values: Record<string, unknown>, where = WHERE): Notebook {
  callerName("runner.injectParameters", where);
  checkCells(where, "nb", nb);
  if (typeof values !== "object" || values === null || Array.isArray(values)) throw typeError(where, "parameters", "an object of values by name", values);
  const declared = validateParameters(nb, values, where);
  const papermill = { ...((nb.metadata["papermill"] as Record<string, unknown> | undefined) ?? {}), parameters: { ...values } };
  const metadata = { ...nb.metadata, papermill };
  if (Object.keys(values).length === 0) return { ...nb, metadata };
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
  return { ...nb, metadata, cells: [...cells.slice(0, anchor + 1), injected, ...cells.slice(anchor + 1)] };
}
