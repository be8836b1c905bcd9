/**
 * What-if controls: their declarations, the values they accept, and the
 * URL fragment that keeps a scenario.
 *
 * A declaration has the shape of a notebook parameter's: a type, a unit,
 * a range (min/max/step) or allowed values, and a description. The same
 * code validates values in the kernel and in the page (it is part of the
 * browser bundle), so a value the page accepts is one the kernel would.
 * Nothing here evaluates text as code: the fragment is parsed as data.
 */
import { escapeHtml } from "../html";
import { array, boolean, finite, nonEmptyString, object, oneOf, rangeError, typeError } from "../../internal/errors";

/** A number control: a slider (default) or a number box. */
export interface NumberControl {
  readonly type: "number" | "integer";
  readonly min: number;
  readonly max: number;
  /** Step between allowed values; default 1 for integers, (max − min) / 100 for numbers. */
  readonly step?: number;
  /** "slider" (default) or "number" (a box to type in). */
  readonly control?: "slider" | "number";
  readonly unit?: string;
  readonly description?: string;
  /** Initial value; default `min`. */
  readonly default?: number;
}

/** A choice among allowed values: a select. */
export interface SelectControl {
  readonly type: "string" | "select";
  readonly allowed: readonly (string | number)[];
  readonly unit?: string;
  readonly description?: string;
  /** Initial value; default the first allowed value. */
  readonly default?: string | number;
}

/** An on/off control: a checkbox. */
export interface ToggleControl {
  readonly type: "boolean";
  readonly description?: string;
  readonly default?: boolean;
}

/** One control's declaration. */
export type ControlDeclaration = NumberControl | SelectControl | ToggleControl;

/** A control's value. */
export type ControlValue = number | string | boolean;

/** Declarations by control name. */
export type ControlDeclarations = Readonly<Record<string, ControlDeclaration>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Most controls in one explorer. */
export const MAX_CONTROLS = 12;

/** Whether a declaration is a number control. */
export function isNumberControl(decl: ControlDeclaration): decl is NumberControl {
  return decl.type === "number" || decl.type === "integer";
}

/** Whether a declaration is a select. */
export function isSelectControl(decl: ControlDeclaration): decl is SelectControl {
  return decl.type === "string" || decl.type === "select";
}

/** The step of a number control. */
export function stepOf(decl: NumberControl): number {
  if (decl.step !== undefined) return decl.step;
  return decl.type === "integer" ? 1 : (decl.max - decl.min) / 100;
}

/**
 * Checks declarations and returns them normalised (step and default
 * filled in). Messages name `where`'s parameter as `controls.<name>`.
 * @throws TypeError or RangeError naming the control and what is allowed
 */
export function checkDeclarations(where: string, controls: unknown): Readonly<Record<string, Required<Pick<ControlDeclaration, "default">> & ControlDeclaration>> {
  const decls = object<Record<string, unknown>>(where, "controls", controls);
  const names = Object.keys(decls);
  if (names.length === 0 || names.length > MAX_CONTROLS) throw rangeError(where, "controls", `1 to ${MAX_CONTROLS} declarations`, names.length);
  const out: Record<string, ControlDeclaration & { default: ControlValue }> = {};
  for (const name of names) {
    if (!NAME.test(name)) throw rangeError(where, "controls", "names that are identifiers (letters, digits, _)", name);
    const path = `controls.${name}`;
    const d = object<Record<string, unknown>>(where, path, decls[name]);
    const type = oneOf(where, `${path}.type`, d.type, ["number", "integer", "string", "select", "boolean"] as const);
    if (d.description !== undefined) nonEmptyString(where, `${path}.description`, d.description);
    if (d.unit !== undefined) nonEmptyString(where, `${path}.unit`, d.unit);
    if (type === "number" || type === "integer") {
      const min = finite(where, `${path}.min`, d.min);
      const max = finite(where, `${path}.max`, d.max, { min, minLabel: `min=${min}`, minExclusive: true });
      const step = d.step === undefined ? undefined : finite(where, `${path}.step`, d.step, { min: 0, minExclusive: true });
      if (type === "integer" && (!Number.isInteger(min) || !Number.isInteger(max) || (step !== undefined && !Number.isInteger(step)))) {
        throw rangeError(where, path, "integer min, max and step for an integer control", `min=${min}, max=${max}, step=${step}`);
      }
      const control = d.control === undefined ? undefined : oneOf(where, `${path}.control`, d.control, ["slider", "number"] as const);
      const decl: NumberControl = { type, min, max, ...(step === undefined ? {} : { step }), ...(control === undefined ? {} : { control }), ...copyText(d) };
      const value = d.default === undefined ? min : d.default;
      const problem = valueProblem(decl, value);
      if (problem !== undefined) throw rangeError(where, `${path}.default`, problem, value);
      out[name] = { ...decl, default: value as number };
    } else if (type === "string" || type === "select") {
      const allowed = array<unknown>(where, `${path}.allowed`, d.allowed);
      allowed.forEach((a, i) => {
        if (typeof a !== "number" && typeof a !== "string") throw typeError(where, `${path}.allowed[${i}]`, "a string or a number", a);
        if (typeof a === "number") finite(where, `${path}.allowed[${i}]`, a);
      });
      const decl: SelectControl = { type, allowed: allowed as (string | number)[], ...copyText(d) };
      const value = d.default === undefined ? allowed[0] : d.default;
      const problem = valueProblem(decl, value);
      if (problem !== undefined) throw rangeError(where, `${path}.default`, problem, value);
      out[name] = { ...decl, default: value as string | number };
    } else {
      const value = d.default === undefined ? false : boolean(where, `${path}.default`, d.default);
      out[name] = { type, ...(d.description === undefined ? {} : { description: d.description as string }), default: value };
    }
  }
  return out;
}

function copyText(d: Record<string, unknown>): { unit?: string; description?: string } {
  return { ...(d.unit === undefined ? {} : { unit: d.unit as string }), ...(d.description === undefined ? {} : { description: d.description as string }) };
}

/**
 * What is allowed for a control, in words, when `value` is not allowed;
 * undefined when it is. The page and the kernel both use it.
 * @example valueProblem({ type: "integer", min: 1, max: 9 }, 12) // => "an integer in [1, 9]"
 */
export function valueProblem(decl: ControlDeclaration, value: unknown): string | undefined {
  if (!isNumberControl(decl)) {
    if (!isSelectControl(decl)) return typeof value === "boolean" ? undefined : "true or false";
    return decl.allowed.some((a) => a === value) ? undefined : `one of ${decl.allowed.map((a) => JSON.stringify(a)).join(", ")}`;
  }
  const step = stepOf(decl);
  const what = decl.type === "integer" ? "an integer" : "a number";
  const expected = step === 1 && decl.type === "integer" ? `${what} in [${decl.min}, ${decl.max}]` : `${what} in [${decl.min}, ${decl.max}] in steps of ${step}`;
  if (typeof value !== "number" || !Number.isFinite(value) || value < decl.min || value > decl.max) return expected;
  if (decl.type === "integer" && !Number.isInteger(value)) return expected;
  const steps = (value - decl.min) / step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, Math.abs(steps))) return expected;
  return undefined;
}

/**
 * Reads a control's value from text (a URL fragment or an input box) as
 * data: a decimal number, `true`/`false`, or an allowed string. Returns
 * undefined when the text is not an allowed value.
 * @example parseValue({ type: "integer", min: 1, max: 9 }, "5") // => 5
 */
export function parseValue(decl: ControlDeclaration, text: string): ControlValue | undefined {
  let value: ControlValue | undefined;
  if (isNumberControl(decl)) value = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : undefined;
  else if (isSelectControl(decl)) value = decl.allowed.find((a) => String(a) === text);
  else value = text === "true" ? true : text === "false" ? false : undefined;
  return value !== undefined && valueProblem(decl, value) === undefined ? value : undefined;
}

/**
 * Reads an explorer's values from a URL fragment such as
 * `#q.n=5&q.profile=YMMR` (`<key>.<control>=<value>`, URI-encoded). Values
 * that are not allowed are reported and left at their defaults; other
 * explorers' entries are ignored.
 * @example fragmentValues("#q.n=5", "q", { n: { type: "integer", min: 1, max: 9 } }).values // => { n: 5 }
 */
export function fragmentValues(fragment: string, key: string, decls: ControlDeclarations): { values: Record<string, ControlValue>; rejected: string[] } {
  const values: Record<string, ControlValue> = {};
  const rejected: string[] = [];
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  for (const part of text.split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    let name: string;
    let raw: string;
    try {
      name = decodeURIComponent(part.slice(0, eq));
      raw = decodeURIComponent(part.slice(eq + 1));
    } catch {
      continue;
    }
    if (!name.startsWith(`${key}.`)) continue;
    const control = name.slice(key.length + 1);
    const decl = Object.prototype.hasOwnProperty.call(decls, control) ? decls[control] : undefined;
    const value = decl === undefined ? undefined : parseValue(decl, raw);
    if (value === undefined) rejected.push(control);
    else values[control] = value;
  }
  return { values, rejected };
}

/**
 * Writes an explorer's values into a URL fragment, keeping other entries.
 * @example withFragmentValues("#a=1", "q", { n: 5 }) // => "#a=1&q.n=5"
 */
export function withFragmentValues(fragment: string, key: string, values: Readonly<Record<string, ControlValue>>): string {
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  const others = text.split("&").filter((part) => part !== "" && !safeDecode(part.split("=")[0] ?? "").startsWith(`${key}.`));
  const ours = Object.entries(values).map(([name, value]) => `${encodeURIComponent(`${key}.${name}`)}=${encodeURIComponent(String(value))}`);
  return `#${[...others, ...ours].join("&")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A control's label: its description (or name) and unit. */
export function controlLabel(name: string, decl: ControlDeclaration): string {
  const unit = "unit" in decl && decl.unit !== undefined ? ` (${decl.unit})` : "";
  return `${decl.description ?? name}${unit}`;
}

/**
 * The HTML of one control, disabled until the page's script enables it
 * (where JavaScript does not run, the controls show the defaults inert).
 * Every text is escaped.
 */
export function controlHtml(id: string, name: string, decl: ControlDeclaration & { default: ControlValue }): string {
  const label = escapeHtml(controlLabel(name, decl));
  const inputId = escapeHtml(`${id}-${name}`);
  const common = `id="${inputId}" name="${escapeHtml(name)}" data-control="${escapeHtml(name)}" disabled`;
  let input: string;
  if (!isNumberControl(decl) && !isSelectControl(decl)) {
    input = `<input type="checkbox" ${common}${decl.default === true ? " checked" : ""}>`;
  } else if (isSelectControl(decl)) {
    const options = decl.allowed
      .map((a, i) => `<option value="${i}"${a === decl.default ? " selected" : ""}>${escapeHtml(String(a))}</option>`)
      .join("");
    input = `<select ${common}>${options}</select>`;
  } else {
    const kind = decl.control === "number" ? "number" : "range";
    const value = escapeHtml(String(decl.default));
    input = `<input type="${kind}" ${common} min="${decl.min}" max="${decl.max}" step="${stepOf(decl)}" value="${value}">`;
    if (kind === "range") input += ` <output for="${inputId}" data-value-of="${escapeHtml(name)}">${value}</output>`;
  }
  return `<label class="tl-whatif-control" style="display:inline-block;margin:0 1.5em 0.4em 0;">${label}: ${input}</label>`;
}
