/**
 * The grammar of a parameter's trailing comment: what values are allowed,
 * in which unit, and what the parameter means.
 *
 *     const replicationFactor: number = 3; // integer in [1, 9]: N, replicas of each key
 *     const readQuorum: number = 1;        // integer in [1, replicationFactor]: R
 *     const horizonMs: number = 2000;      // ms, > 0.1: the chart spans 0.1 ms .. horizonMs
 *     const sloTarget: number = 0.999;     // ratio in (0, 1): the availability SLO
 *     const profileName: string = "WAN";   // "LNKD-SSD" | "LNKD-DISK" | "YMMR" | "WAN": PBS profile
 *     const lengths: number[] = [0, 0.5];  // each in [0, 1], length [1, 20]: shares swept
 *     const region: string = "us-east-1";  // a region of data/region-rtt.json
 *
 * A comment is `constraints: description`, or constraints alone, or a
 * description alone. The constraints are, in any order, separated by
 * commas or spaces:
 *
 * - `integer` — a whole number;
 * - `ratio` — a fraction such as 0.999 (in [0, 1] unless an interval says
 *   otherwise); a value that looks like a percent gets a hint;
 * - `percent` — a number in [0, 100] unless an interval says otherwise;
 * - an interval `[a, b]`, `(a, b)`, `[a, b)`, `(a, b]`, optionally after
 *   `in`, or a comparison `>= a`, `> a`, `<= b`, `< b`; a bound is a number
 *   or the name of another parameter (`[1, replicationFactor]`);
 * - allowed values `"a" | "b" | "c"`;
 * - `length` followed by an interval or a comparison (arrays);
 * - `each` (readability only: for arrays and objects every element obeys
 *   the constraints);
 * - a unit: any other words before the colon (`ms`, `USD per month`).
 *
 * Text is read as constraints only if it holds at least one constraint, so
 * `// Gold tier: the primary region` is all description. The comment
 * never changes what the cell computes: it stays a plain, papermill-
 * compatible parameters cell.
 */

/** A bound: a number, or the name of another parameter whose value is the bound. */
export type Bound = number | string;

/** The allowed values of a parameter, read from its comment and type. */
export interface ParameterRule {
  /** Whole numbers only. */
  integer?: true;
  /** `"ratio"` (a fraction, not a percent) or `"percent"`. */
  scale?: "ratio" | "percent";
  min?: Bound;
  max?: Bound;
  minExclusive?: true;
  maxExclusive?: true;
  /** Allowed values (from the comment or from a union-of-literals type). */
  choices?: readonly (string | number)[];
  /** Allowed array lengths. */
  lengthMin?: number;
  lengthMax?: number;
  /** The unit, as written (`ms`, `USD per month`). */
  unit?: string;
  /** What the parameter means. */
  description?: string;
}

type Token =
  | { kind: "string"; text: string; value: string }
  | { kind: "number"; text: string; value: number }
  | { kind: "word"; text: string }
  | { kind: "punct"; text: string };

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?(?:\d[\d_]*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)(?![\w$])|([A-Za-z_$%][\w$%/.-]*)|(>=|<=|[[\]()<>,|]))/y;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (text.slice(pos).trim() === "") break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: "string", text: m[1], value: JSON.parse(m[1].startsWith("'") ? `"${m[1].slice(1, -1).replace(/"/g, '\\"')}"` : m[1]) as string });
    else if (m[2] !== undefined) tokens.push({ kind: "number", text: m[2], value: Number(m[2].replace(/_/g, "")) });
    else if (m[3] !== undefined) tokens.push({ kind: "word", text: m[3] });
    else tokens.push({ kind: "punct", text: m[4] as string });
  }
  return tokens;
}

const KEYWORDS = new Set(["integer", "ratio", "percent", "in", "length", "each"]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

class SpecSyntaxError extends Error {}

/** Reads a constraints text; undefined when it is not one (no constraint in it, or malformed). */
function parseSpec(text: string): ParameterRule | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  const rule: ParameterRule = {};
  let constraints = 0;
  let i = 0;
  const unit: string[] = [];
  const fail = (): never => {
    throw new SpecSyntaxError();
  };
  const bound = (): Bound => {
    const t = tokens[i++];
    if (t?.kind === "number") return t.value;
    if (t?.kind === "word" && IDENTIFIER.test(t.text) && !KEYWORDS.has(t.text)) return t.text;
    return fail();
  };
  /** An interval or a comparison; returns false when the next token starts neither. */
  const range = (target: "value" | "length"): boolean => {
    const t = tokens[i];
    if (t?.kind !== "punct") return false;
    const set = (lo: Bound | undefined, hi: Bound | undefined, loEx: boolean, hiEx: boolean) => {
      if (target === "length") {
        if ((lo !== undefined && typeof lo !== "number") || (hi !== undefined && typeof hi !== "number")) fail();
        if (lo !== undefined) rule.lengthMin = (lo as number) + (loEx ? 1 : 0);
        if (hi !== undefined) rule.lengthMax = (hi as number) - (hiEx ? 1 : 0);
        return;
      }
      if (lo !== undefined) {
        rule.min = lo;
        if (loEx) rule.minExclusive = true;
      }
      if (hi !== undefined) {
        rule.max = hi;
        if (hiEx) rule.maxExclusive = true;
      }
    };
    if (t.text === "[" || t.text === "(") {
      i++;
      const lo = bound();
      if (tokens[i++]?.text !== ",") fail();
      const hi = bound();
      const close = tokens[i++]?.text;
      if (close !== "]" && close !== ")") fail();
      set(lo, hi, t.text === "(", close === ")");
      return true;
    }
    if (t.text === ">=" || t.text === ">" || t.text === "<=" || t.text === "<") {
      i++;
      const b = bound();
      if (t.text.startsWith(">")) set(b, undefined, t.text === ">", false);
      else set(undefined, b, false, t.text === "<");
      return true;
    }
    return false;
  };
  try {
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (t.kind === "punct" && t.text === ",") {
        if (unit.length > 0) rule.unit = rule.unit === undefined ? unit.join(" ") : fail();
        unit.length = 0;
        i++;
        continue;
      }
      if (t.kind === "word" && KEYWORDS.has(t.text)) {
        i++;
        if (t.text === "integer") rule.integer = true;
        else if (t.text === "ratio" || t.text === "percent") rule.scale = t.text;
        else if (t.text === "length") {
          if (!range("length")) fail();
        } else if (t.text === "in") {
          if (tokens[i]?.text !== "[" && tokens[i]?.text !== "(") fail();
          range("value");
        }
        if (t.text !== "each" && t.text !== "in") constraints++;
        if (t.text === "in") constraints++;
        continue;
      }
      if (range("value")) {
        constraints++;
        continue;
      }
      if (t.kind === "string") {
        const choices: string[] = [t.value];
        i++;
        while (tokens[i]?.text === "|") {
          const next = tokens[i + 1];
          if (next?.kind !== "string") fail();
          choices.push((next as { value: string }).value);
          i += 2;
        }
        rule.choices = choices;
        constraints++;
        continue;
      }
      if (t.kind === "word") {
        unit.push(t.text);
        i++;
        continue;
      }
      fail();
    }
  } catch (error) {
    if (error instanceof SpecSyntaxError) return undefined;
    throw error;
  }
  if (unit.length > 0) {
    if (rule.unit !== undefined) return undefined;
    rule.unit = unit.join(" ");
  }
  return constraints > 0 ? rule : undefined;
}

/** The index of the first `:` outside quotes and brackets that ends the constraints, or -1. */
function specEnd(comment: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < comment.length; i++) {
    const c = comment[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (c === ":" && depth === 0 && (i + 1 === comment.length || /\s/.test(comment[i + 1] as string))) return i;
  }
  return -1;
}

/**
 * Reads a parameter's trailing comment (without the `//`).
 * @example parseRule("integer in [1, 9]: N, replicas of each key")
 * // => { integer: true, min: 1, max: 9, description: "N, replicas of each key" }
 */
export function parseRule(comment: string): ParameterRule {
  const text = comment.trim();
  if (text === "") return {};
  const colon = specEnd(text);
  if (colon >= 0) {
    const spec = parseSpec(text.slice(0, colon));
    if (spec) {
      const description = text.slice(colon + 1).trim();
      return description === "" ? spec : { ...spec, description };
    }
  }
  return parseSpec(text) ?? { description: text };
}

function formatBound(b: Bound): string {
  return typeof b === "number" ? String(b) : b;
}

/**
 * The constraints of a rule in the words of the grammar, e.g.
 * `integer in [1, 9]` or `ratio in (0, 1)`; empty when there are none.
 * @example describeConstraints({ integer: true, min: 1, max: 9 }) // => "integer in [1, 9]"
 */
export function describeConstraints(rule: ParameterRule): string {
  const parts: string[] = [];
  const words = [rule.integer ? "integer" : "", rule.scale ?? ""].filter((w) => w !== "").join(" ");
  const { min, max } = rule;
  let range = "";
  if (min !== undefined && max !== undefined) {
    range = `in ${rule.minExclusive ? "(" : "["}${formatBound(min)}, ${formatBound(max)}${rule.maxExclusive ? ")" : "]"}`;
  } else if (min !== undefined) range = `${rule.minExclusive ? ">" : ">="} ${formatBound(min)}`;
  else if (max !== undefined) range = `${rule.maxExclusive ? "<" : "<="} ${formatBound(max)}`;
  const head = [words, range].filter((w) => w !== "").join(" ");
  if (head !== "") parts.push(head);
  if (rule.choices) parts.push(rule.choices.map((c) => JSON.stringify(c)).join(" | "));
  if (rule.lengthMin !== undefined || rule.lengthMax !== undefined) {
    const lo = rule.lengthMin;
    const hi = rule.lengthMax;
    parts.push(`length ${lo !== undefined && hi !== undefined ? `[${lo}, ${hi}]` : lo !== undefined ? `>= ${lo}` : `<= ${hi}`}`);
  }
  return parts.join(", ");
}
