/**
 * The what-if contract, checked in the kernel: a view is a function of
 * (library, control values) only. Its compiled JavaScript (what
 * `Function.prototype.toString` returns, which is what the page will run)
 * is parsed with the TypeScript compiler that tslab ships, and every
 * identifier it reads must be declared inside the function or be one of a
 * few safe globals. A view that reads a notebook variable would work in the
 * kernel and break in the page; this makes it fail in the kernel instead.
 *
 * It also closes the usual ways from a value to `Function` (code from a
 * string): no `eval`, `Function` or `import()`; no property named
 * `constructor`, `prototype`, `__proto__`, `caller`, … or a prototype
 * reflection (`Object.getPrototypeOf`, …), whether read with a dot, a
 * string key or destructuring; and a computed key that is not a literal
 * (`row[key]`) is checked when it is used, by a guard that the kernel and
 * the page both run ({@link viewExpression}). This is a check of the
 * notebook's own code, not a sandbox: a view still runs with the page's
 * privileges (it is the notebook author's code, like any trusted output).
 */
import { rangeError, typeError } from "../../internal/errors";
import { typescript } from "../../internal/typescript";

/** Globals a view may read: pure, deterministic built-ins. */
export const SAFE_GLOBALS: readonly string[] = [
  "Math", "Number", "Array", "JSON", "Object", "String", "Boolean", "Map", "Set",
  "Infinity", "NaN", "undefined", "isFinite", "isNaN", "parseFloat", "parseInt",
  "Error", "RangeError", "TypeError", "arguments",
];

/**
 * Property names a view may not use, by any syntax: the ways from a value to
 * its constructor (`[].constructor.constructor` is `Function`), prototype or
 * caller, and the reflection that reaches them without naming them.
 */
export const FORBIDDEN_PROPERTIES: readonly string[] = [
  "constructor", "prototype", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
  "caller", "callee", "getPrototypeOf", "setPrototypeOf", "getOwnPropertyDescriptor", "getOwnPropertyDescriptors",
  "defineProperty", "defineProperties", "getOwnPropertyNames", "getOwnPropertySymbols",
];

/** What a view's property names must be, in the house style of messages. */
const PROPERTY_RULE = "a function that uses no property named constructor, prototype, __proto__, caller, callee or a prototype reflection (Object.getPrototypeOf, …)";
/** What a view must not do at all. */
const CODE_RULE = "a function that evaluates no code (no eval, Function or import())";
/** The name of the computed-key guard inside the page's view expression; a view may not declare it. */
const GUARD = "__tlKey";

/** The namespaces of the library a view receives (library.ts). */
function libraryNamespaces(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Object.keys(require("./library") as object);
}

// The compiler API is typed loosely here: the walk below uses only a few
// calls, the same in every TypeScript since 4.0.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Ts = any;
type Node = any;

/** TypeScript's compiler API: tslab's own copy (already loaded in a kernel). */
function ts(): Ts {
  return typescript();
}

/** A free identifier, with the property it is read through when there is one (`tradeoff_lab_1.quorum`). */
export interface FreeIdentifier {
  readonly name: string;
  readonly property?: string;
}

/**
 * The source of a function as JavaScript that parses on its own: arrow
 * functions and `function` expressions as they are, methods (`view(a) {}`)
 * wrapped in an object literal.
 * @throws TypeError for a native or bound function (no source to send)
 */
export function functionSource(where: string, name: string, fn: unknown): string {
  if (typeof fn !== "function") throw typeError(where, name, "a function (lib, values) => chart, table or explanation", fn);
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) throw typeError(where, name, "a function written in the notebook (not a built-in or bound function)", fn);
  return source;
}

function parse(source: string): { file: Node; fn: Node; method: boolean } | undefined {
  const t = ts();
  for (const [prefix, suffix] of [
    ["(", ")"],
    ["({", "})"],
  ]) {
    const file = t.createSourceFile("view.js", `${prefix}${source}\n${suffix}`, t.ScriptTarget.ES2022, true, t.ScriptKind.JS);
    if (file.parseDiagnostics.length > 0 || file.statements.length !== 1) continue;
    let fn: Node | undefined;
    const visit = (node: Node): void => {
      if (fn) return;
      if (t.isFunctionLike(node)) fn = node;
      else t.forEachChild(node, visit);
    };
    visit(file);
    if (fn) return { file, fn, method: prefix === "({" };
  }
  return undefined;
}

/** Names a binding pattern or identifier declares. */
function bindingNames(t: Ts, name: Node, into: Set<string>): void {
  if (!name) return;
  if (t.isIdentifier(name)) into.add(name.text);
  else if (t.isObjectBindingPattern(name) || t.isArrayBindingPattern(name)) {
    for (const element of name.elements) if (!t.isOmittedExpression(element)) bindingNames(t, element.name, into);
  }
}

function isScope(t: Ts, node: Node): boolean {
  return (
    t.isFunctionLike(node) ||
    t.isSourceFile(node) ||
    t.isBlock(node) ||
    t.isForStatement(node) ||
    t.isForInStatement(node) ||
    t.isForOfStatement(node) ||
    t.isCatchClause(node) ||
    t.isCaseBlock(node) ||
    t.isClassLike(node)
  );
}

/** The scope a declaration belongs to: `var` to the function, the rest to the block. */
function declaringScope(t: Ts, node: Node, functionScoped: boolean): Node | undefined {
  let p = node.parent;
  while (p && !(functionScoped ? t.isFunctionLike(p) || t.isSourceFile(p) : isScope(t, p))) p = p.parent;
  return p;
}

function collectDeclarations(t: Ts, root: Node): Map<Node, Set<string>> {
  const scopes = new Map<Node, Set<string>>();
  const add = (scope: Node | undefined, names: Set<string>): void => {
    if (!scope) return;
    const set = scopes.get(scope) ?? new Set<string>();
    names.forEach((n) => set.add(n));
    scopes.set(scope, set);
  };
  const visit = (node: Node): void => {
    const names = new Set<string>();
    if (t.isVariableDeclaration(node)) {
      bindingNames(t, node.name, names);
      if (t.isCatchClause(node.parent)) add(node.parent, names);
      else {
        const list = node.parent;
        const isVar = (list.flags & (t.NodeFlags.Let | t.NodeFlags.Const)) === 0;
        add(declaringScope(t, isVar ? list : list.parent, isVar), names);
        if (!isVar && (t.isForStatement(list.parent) || t.isForInStatement(list.parent) || t.isForOfStatement(list.parent))) add(list.parent, names);
      }
    } else if (t.isParameter(node)) {
      bindingNames(t, node.name, names);
      add(node.parent, names);
    } else if (t.isFunctionDeclaration(node) && node.name) {
      add(declaringScope(t, node, false), new Set([node.name.text]));
    } else if (t.isFunctionExpression(node) && node.name) {
      add(node, new Set([node.name.text]));
    } else if (t.isClassDeclaration(node) && node.name) {
      add(declaringScope(t, node, false), new Set([node.name.text]));
    } else if (t.isClassExpression(node) && node.name) {
      add(node, new Set([node.name.text]));
    }
    t.forEachChild(node, visit);
  };
  visit(root);
  return scopes;
}

/** Whether an identifier node is read as a variable (not a property name, label or declaration). */
function isReference(t: Ts, id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if (t.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((t.isPropertyAssignment(p) || t.isMethodDeclaration(p) || t.isGetAccessor(p) || t.isSetAccessor(p) || t.isPropertyDeclaration(p)) && p.name === id) return false;
  if (t.isBindingElement(p) && p.propertyName === id) return false;
  if ((t.isVariableDeclaration(p) || t.isParameter(p) || t.isBindingElement(p) || t.isFunctionDeclaration(p) || t.isFunctionExpression(p) || t.isClassDeclaration(p) || t.isClassExpression(p)) && p.name === id) return false;
  if (t.isLabeledStatement(p) || t.isBreakOrContinueStatement(p)) return false;
  if (t.isMetaProperty(p)) return false;
  return true;
}

/**
 * The identifiers a function's source reads without declaring them, in
 * order of first appearance, with the property each is read through.
 * @param source a function's JavaScript source
 * @throws RangeError when the source does not parse as one function
 * @example freeIdentifiers("(lib, v) => lib.quorum.kStaleness({ n: N, r: v.r, w: 1, k: 1 })") // => [{ name: "N" }]
 */
export function freeIdentifiers(source: string): FreeIdentifier[] {
  const t = ts();
  const parsed = parse(source);
  if (!parsed) throw rangeError("display.whatIf", "view", "one function whose source parses as JavaScript", source.slice(0, 60));
  const scopes = collectDeclarations(t, parsed.fn);
  const found = new Map<string, FreeIdentifier>();
  const visit = (node: Node): void => {
    if (t.isIdentifier(node) && isReference(t, node)) {
      const name = node.text;
      let declared = false;
      for (let p = node.parent; p && !declared; p = p.parent) {
        if (scopes.get(p)?.has(name)) declared = true;
        if (p === parsed.fn) break;
      }
      if (!declared && !found.has(name)) {
        const parent = node.parent;
        const property = t.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
        found.set(name, property === undefined ? { name } : { name, property });
      }
    }
    t.forEachChild(node, visit);
  };
  visit(parsed.fn);
  return [...found.values()];
}

/** A property name as written, when it is static (an identifier, a string or a number); undefined when computed. */
function staticName(t: Ts, name: Node): string | undefined {
  if (t.isIdentifier(name) || t.isPrivateIdentifier(name) || t.isStringLiteral(name) || t.isNumericLiteral(name) || t.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** Whether an element access key is a literal (checked here) rather than an expression (checked when used). */
function isLiteralKey(t: Ts, key: Node): boolean {
  return t.isStringLiteral(key) || t.isNumericLiteral(key) || t.isNoSubstitutionTemplateLiteral(key);
}

/**
 * The syntax rules of the contract beyond free identifiers (see the module
 * comment), checked on the parsed view.
 * @returns the computed keys to guard when the view runs (their nodes)
 * @throws TypeError naming the first property, call or declaration that breaks them
 */
function checkSyntax(t: Ts, fn: Node, scopes: Map<Node, Set<string>>): Node[] {
  const where = "display.whatIf";
  const guarded: Node[] = [];
  const refuse = (name: string): never => {
    throw typeError(where, "view", PROPERTY_RULE, name);
  };
  for (const names of scopes.values()) if (names.has(GUARD)) throw rangeError(where, "view", `a function that declares no variable named ${GUARD} (the page's key guard)`, GUARD);
  const visit = (node: Node): void => {
    if (t.isCallExpression(node) && node.expression.kind === t.SyntaxKind.ImportKeyword) throw typeError(where, "view", CODE_RULE, node.getText().slice(0, 60));
    if (t.isMetaProperty(node) && node.keywordToken === t.SyntaxKind.ImportKeyword) throw typeError(where, "view", CODE_RULE, node.getText());
    if (t.isPropertyAccessExpression(node) && FORBIDDEN_PROPERTIES.includes(node.name.text)) refuse(node.getText().slice(0, 60));
    if (t.isElementAccessExpression(node)) {
      const key = node.argumentExpression;
      if (isLiteralKey(t, key)) {
        if (FORBIDDEN_PROPERTIES.includes(key.text)) refuse(node.getText().slice(0, 60));
      } else guarded.push(key);
    }
    if (t.isBindingElement(node) && t.isObjectBindingPattern(node.parent)) {
      const name = node.propertyName ?? node.name;
      const text = staticName(t, name);
      if (text !== undefined && FORBIDDEN_PROPERTIES.includes(text)) refuse(text);
    }
    if ((t.isPropertyAssignment(node) || t.isShorthandPropertyAssignment(node) || t.isMethodDeclaration(node) || t.isGetAccessor(node) || t.isSetAccessor(node)) && t.isObjectLiteralExpression(node.parent)) {
      const text = staticName(t, node.name);
      if (text !== undefined && FORBIDDEN_PROPERTIES.includes(text)) refuse(text);
    }
    if (t.isComputedPropertyName(node)) guarded.push(node.expression);
    t.forEachChild(node, visit);
  };
  visit(fn);
  return guarded;
}

/** The guard the page and the kernel run on every computed key that is not a literal: numbers pass, anything else becomes its string and is refused when forbidden. */
function guardSource(): string {
  const prefix = typeError("display.whatIf", "a computed key in the view", "none of constructor, prototype, __proto__, caller, callee or a prototype reflection (getPrototypeOf, …)", "").message.replace(/""$/, "");
  return [
    "function (k) {",
    '  if (typeof k === "number") return k;',
    "  var s = String(k);",
    `  if (${JSON.stringify(FORBIDDEN_PROPERTIES)}.indexOf(s) >= 0) throw new TypeError(${JSON.stringify(prefix)} + JSON.stringify(s));`,
    "  return s;",
    "}",
  ].join("\n");
}

/**
 * The JavaScript expression that the page and the kernel both run for a
 * checked view: its source as it is when every key is a literal, else with
 * each computed key wrapped in a guard that refuses the forbidden property
 * names when the view runs (`row[key]` becomes `row[__tlKey(key)]`).
 * @param source a view's source that {@link checkView} accepted
 * @throws RangeError when the source does not parse as one function
 * @example viewExpression("(lib, v) => v.n") // => "((lib, v) => v.n\n)"
 */
export function viewExpression(source: string): string {
  const t = ts();
  const parsed = parse(source);
  if (!parsed) throw rangeError("display.whatIf", "view", "one function whose source parses as JavaScript", source.slice(0, 60));
  const keys = checkSyntax(t, parsed.fn, collectDeclarations(t, parsed.fn));
  let text: string = parsed.file.text;
  // Each key gets "__tlKey(" before it and ")" after it; inserting from the last position back
  // keeps every earlier position valid, nested keys included (an inner key lies strictly inside).
  const inserts = keys.flatMap((k) => [[k.getStart(parsed.file), `${GUARD}(`] as const, [k.end, ")"] as const]).sort((a, b) => b[0] - a[0]);
  for (const [at, insert] of inserts) text = `${text.slice(0, at)}${insert}${text.slice(at)}`;
  const fn = parsed.method ? `Object.values(${text})[0]` : text;
  return keys.length === 0 ? fn : `(function (${GUARD}) { return ${fn}; })(${guardSource()})`;
}

/**
 * Checks the contract on a view: every identifier it reads is declared in
 * it or is a safe global. tslab compiles `import { quorum } from
 * "tradeoff-lab"` to a module variable (`tradeoff_lab_1.quorum`); the
 * message names the import as the notebook wrote it.
 * @returns the view's source, as the page will receive it
 * @throws TypeError naming the first identifier the view must not read
 * @example checkView((lib, v) => lib.quorum.quorumSize(v.n)) // => "(lib, v) => lib.quorum.quorumSize(v.n)"
 */
export function checkView(view: unknown): string {
  const where = "display.whatIf";
  const source = functionSource(where, "view", view);
  const free = freeIdentifiers(source).filter((f) => !SAFE_GLOBALS.includes(f.name));
  const first = free[0];
  if (first === undefined) {
    viewExpression(source);
    return source;
  }
  if (first.property === undefined && (first.name === "eval" || first.name === "Function")) throw typeError(where, "view", CODE_RULE, first.name);
  // tslab compiles a read of a notebook's top-level name (a variable or an
  // import) to `exports.<name>`; a TypeScript module import elsewhere to
  // `<module>_1.<name>`. Either way, name what the notebook wrote.
  const viaModule = first.property !== undefined && (first.name === "exports" || /^[A-Za-z0-9_$]+_\d+$/.test(first.name));
  const read = viaModule ? (first.property as string) : first.name;
  const hint = viaModule && libraryNamespaces().includes(read)
    ? `(${read} is the notebook's import: use lib.${read})`
    : viaModule
      ? `(${read} is a notebook variable: pass it in through a control or compute it inside the view)`
      : "(a notebook value goes in through a control; anything else is computed inside the view)";
  throw typeError(where, "view", `a function of its arguments (library, control values) and safe globals (${SAFE_GLOBALS.slice(0, 5).join(", ")}, …) only ${hint}`, read);
}
