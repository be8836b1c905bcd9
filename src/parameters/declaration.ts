/**
 * Reading the declarations of a `parameters` cell with the TypeScript
 * compiler (the one tslab runs on), papermill's parameters cell with types:
 *
 *     const replicationFactor: number = 3; // integer in [1, 9]: N, replicas of each key
 *
 * Each top-level `const`/`let`/`var` whose value is a literal, or whose type
 * annotation says what it is, is a parameter: its name, type (from the
 * annotation, else from the literal), default value, 1-based line, and the
 * rule of its trailing comment (see `rule.ts`).
 */
import type * as TS from "typescript";
import { parseRule, type ParameterRule } from "./rule";
import { typescript } from "../internal/typescript";

/** The types a parameter can have. */
export type ParameterType = "number" | "string" | "boolean" | "array" | "object";
/** The element type of an array parameter, or the value type of an object parameter. */
export type ElementType = "number" | "string" | "boolean";

/** One declaration of a `parameters` cell. */
export interface NotebookParameter {
  name: string;
  type: ParameterType;
  /** The declared value; undefined when the value is not a literal. */
  default: unknown;
  /** The declaration as written, e.g. `const replicas = 3;`. */
  source: string;
  /** `const`, `let` or `var`. */
  kind: "const" | "let" | "var";
  /** The type annotation as written (`number[]`), or undefined. */
  annotation?: string;
  /** For arrays: the element type; for objects: the value type, when the annotation or the default says it. */
  elementType?: ElementType;
  /** 1-based line of the declaration in the cell. */
  line: number;
  /** The allowed values, unit and description, from the trailing comment (and a union-of-literals type). */
  rule: ParameterRule;
}

/** A parameters cell that is not a sequence of declarations. */
export class DeclarationSyntaxError extends SyntaxError {
  override name = "DeclarationSyntaxError";
  constructor(
    message: string,
    /** 1-based line of the problem in the cell. */
    readonly line: number,
  ) {
    super(message);
  }
}

class NotALiteral extends Error {}

/** The value of a literal expression (numbers, strings, booleans, null, arrays and objects of those). */
function literalValue(ts: typeof TS, node: TS.Expression): unknown {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return literalValue(ts, node.expression);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
    if (node.operator === ts.SyntaxKind.MinusToken) return -Number(node.operand.text);
    if (node.operator === ts.SyntaxKind.PlusToken) return Number(node.operand.text);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(ts, e));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) throw new NotALiteral();
      const name = p.name;
      const key =
        ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
          ? name.text
          : ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)
            ? name.expression.text
            : undefined;
      if (key === undefined) throw new NotALiteral();
      // defineProperty, so a key "__proto__" is a key, as in JSON.parse.
      Object.defineProperty(out, key, { value: literalValue(ts, p.initializer), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new NotALiteral();
}

/** Parses one TypeScript literal; undefined result never happens (throws instead). */
export function parseLiteral(text: string): unknown {
  const ts = typescript();
  const file = ts.createSourceFile("literal.ts", `(${text}\n)`, ts.ScriptTarget.Latest, true);
  const diagnostics = (file as unknown as { parseDiagnostics: TS.Diagnostic[] }).parseDiagnostics;
  const [statement] = file.statements;
  if (diagnostics.length > 0 || file.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) {
    throw new SyntaxError(`not a TypeScript literal: ${diagnostics[0] ? ts.flattenDiagnosticMessageText(diagnostics[0].messageText, " ") : "more than one statement"}`);
  }
  try {
    return literalValue(ts, statement.expression);
  } catch (error) {
    if (error instanceof NotALiteral) throw new SyntaxError("not a TypeScript literal: an expression that is computed", { cause: error });
    throw error;
  }
}

interface FromType {
  type?: ParameterType;
  elementType?: ElementType;
  choices?: (string | number)[];
}

function primitive(ts: typeof TS, node: TS.TypeNode): ElementType | undefined {
  if (node.kind === ts.SyntaxKind.NumberKeyword) return "number";
  if (node.kind === ts.SyntaxKind.StringKeyword) return "string";
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return "boolean";
  return undefined;
}

/** What a type annotation says about the parameter. */
function fromAnnotation(ts: typeof TS, node: TS.TypeNode): FromType {
  if (ts.isParenthesizedTypeNode(node)) return fromAnnotation(ts, node.type);
  const p = primitive(ts, node);
  if (p) return { type: p };
  if (ts.isLiteralTypeNode(node) || ts.isUnionTypeNode(node)) {
    const members = ts.isUnionTypeNode(node) ? node.types : [node];
    const values = members.map((m) => {
      if (!ts.isLiteralTypeNode(m)) return undefined;
      if (ts.isStringLiteral(m.literal)) return m.literal.text;
      if (ts.isNumericLiteral(m.literal)) return Number(m.literal.text);
      if (ts.isPrefixUnaryExpression(m.literal) && ts.isNumericLiteral(m.literal.operand)) return -Number(m.literal.operand.text);
      return undefined;
    });
    if (values.every((v) => typeof v === "string")) return { type: "string", choices: values as string[] };
    if (values.every((v) => typeof v === "number")) return { type: "number", choices: values as number[] };
    if (members.every((m) => m.kind === ts.SyntaxKind.LiteralType && ((m as TS.LiteralTypeNode).literal.kind === ts.SyntaxKind.TrueKeyword || (m as TS.LiteralTypeNode).literal.kind === ts.SyntaxKind.FalseKeyword) || primitive(ts, m) === "boolean")) {
      return { type: "boolean" };
    }
    return {};
  }
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return fromAnnotation(ts, node.type);
  if (ts.isArrayTypeNode(node)) {
    const element = primitive(ts, node.elementType);
    return element ? { type: "array", elementType: element } : { type: "array" };
  }
  if (ts.isTupleTypeNode(node)) return { type: "array" };
  if (ts.isTypeLiteralNode(node) || node.kind === ts.SyntaxKind.ObjectKeyword) return { type: "object" };
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const args = node.typeArguments ?? [];
    const name = node.typeName.text;
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) {
      const element = primitive(ts, args[0] as TS.TypeNode);
      return element ? { type: "array", elementType: element } : { type: "array" };
    }
    if ((name === "Record" || name === "Readonly") && args.length >= 1) {
      const value = args.length === 2 ? primitive(ts, args[1] as TS.TypeNode) : undefined;
      return value ? { type: "object", elementType: value } : { type: "object" };
    }
  }
  return {};
}

function typeOfValue(value: unknown): ParameterType | undefined {
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object" && value !== null) return "object";
  return undefined;
}

function uniformType(items: unknown[]): ElementType | undefined {
  const types = new Set(items.map((v) => typeof v));
  const [only] = [...types];
  return types.size === 1 && (only === "number" || only === "string" || only === "boolean") ? only : undefined;
}

/** The `//` comment on the same line after `position`, without the slashes. */
function trailingComment(ts: typeof TS, text: string, position: number): string {
  const ranges = ts.getTrailingCommentRanges(text, position) ?? [];
  const line = ranges.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  return line ? text.slice(line.pos + 2, line.end).trim() : "";
}

/**
 * Reads the declarations of a parameters cell's source. Declarations whose
 * value is not a literal and whose annotation does not give a type are not
 * parameters (they are skipped), nor are other statements.
 * @throws DeclarationSyntaxError when the cell does not parse as TypeScript
 * @example readDeclarations("const replicas: number = 3; // integer in [1, 9]: replicas")[0].rule
 * // => { integer: true, min: 1, max: 9, description: "replicas" }
 */
export function readDeclarations(source: string): NotebookParameter[] {
  const ts = typescript();
  const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: TS.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) {
    const d = diagnostics[0] as TS.Diagnostic;
    const line = file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    throw new DeclarationSyntaxError(`line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`, line);
  }
  const params: NotebookParameter[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const flags = statement.declarationList.flags;
    const kind = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
    const declarations = statement.declarationList.declarations;
    declarations.forEach((decl, index) => {
      if (!ts.isIdentifier(decl.name)) return;
      let value: unknown;
      let isLiteral = decl.initializer !== undefined;
      if (decl.initializer) {
        try {
          value = literalValue(ts, decl.initializer);
        } catch (error) {
          if (!(error instanceof NotALiteral)) throw error;
          isLiteral = false;
        }
      }
      const typed = decl.type ? fromAnnotation(ts, decl.type) : {};
      const type = typed.type ?? (isLiteral ? typeOfValue(value) : undefined);
      if (type === undefined) return;
      const last = index === declarations.length - 1;
      const comment = last ? trailingComment(ts, source, statement.end) : trailingComment(ts, source, decl.end + 1);
      const rule = parseRule(comment);
      if (typed.choices && rule.choices === undefined) rule.choices = typed.choices;
      const param: NotebookParameter = {
        name: decl.name.text,
        type,
        default: isLiteral ? value : undefined,
        source: (declarations.length === 1 ? statement.getText(file) : `${kind} ${decl.getText(file)};`).trim(),
        kind,
        line: file.getLineAndCharacterOfPosition(decl.getStart(file)).line + 1,
        rule,
      };
      if (decl.type) param.annotation = decl.type.getText(file);
      const elementType =
        typed.elementType ??
        (isLiteral && Array.isArray(value) ? uniformType(value) : isLiteral && type === "object" && value !== null ? uniformType(Object.values(value as object)) : undefined);
      if ((type === "array" || type === "object") && elementType !== undefined) param.elementType = elementType;
      params.push(param);
    });
  }
  return params;
}

/** A name the parameters cell binds that is not a parameter, and why. */
export interface OtherBinding {
  name: string;
  /** 1-based line of the binding in the cell. */
  line: number;
  /** Why it is not a parameter. */
  reason: "destructuring" | "computed";
  /** The statement's first line, as written. */
  statement: string;
}

/** The identifiers a binding pattern binds, nested patterns included. */
function boundIdentifiers(ts: typeof TS, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundIdentifiers(ts, e.name)));
}

/**
 * The names a parameters cell binds at its top level that are not
 * parameters: names bound by destructuring (`const { a, b } = …`), and
 * values that are computed without a type annotation. `-p` cannot set
 * them; the runner's refusal names their line.
 * @throws DeclarationSyntaxError when the cell does not parse as TypeScript
 * @example otherBindings("const n = 1;\nconst { a } = { a: 2 };") // => [{ name: "a", line: 2, reason: "destructuring", statement: "const { a } = { a: 2 };" }]
 */
export function otherBindings(source: string): OtherBinding[] {
  const declared = new Set(readDeclarations(source).map((p) => p.name));
  const ts = typescript();
  const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: OtherBinding[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const text = statement.getText(file).split("\n")[0] ?? "";
    for (const decl of statement.declarationList.declarations) {
      const reason = ts.isIdentifier(decl.name) ? "computed" : "destructuring";
      for (const id of boundIdentifiers(ts, decl.name)) {
        if (reason === "computed" && declared.has(id.text)) continue;
        out.push({ name: id.text, line: file.getLineAndCharacterOfPosition(id.getStart(file)).line + 1, reason, statement: text });
      }
    }
  }
  return out;
}
