/**
 * The what-if runtime in the page. `mount` takes over one explorer output
 * written by the kernel (src/display/whatIf/index.ts): it enables the controls,
 * reads the scenario in the URL fragment (as data, validated against the
 * declarations), and on every change runs the notebook's view on the
 * bundled library and redraws the output in place: charts with
 * `Plotly.react`, tables and explained results from the library's own
 * (escaped) HTML. Nothing typed into a control or read from the URL is
 * evaluated as code; the view is the function the kernel checked.
 */
import {
  type ControlDeclaration,
  type ControlValue,
  controlLabel,
  fragmentValues,
  parseValue,
  valueProblem,
  withFragmentValues,
} from "../src/display/whatIf/controls";

/** What the kernel writes into the page for one explorer. */
export interface PageSpec {
  readonly id: string;
  readonly key: string;
  readonly controls: Readonly<Record<string, ControlDeclaration & { default: ControlValue }>>;
}

interface Item {
  readonly kind: "figure" | "table" | "explanation";
  readonly html?: string;
  readonly data?: unknown[];
  readonly layout?: Record<string, unknown>;
  readonly config?: Record<string, unknown>;
  readonly heightPx?: number;
}

interface PlotlyApi {
  react(el: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
}

type View = (lib: unknown, values: Readonly<Record<string, ControlValue>>) => unknown;

/** The event an explorer fires after each redraw; `detail.ms` is input → redrawn. */
export const RENDERED_EVENT = "tradeoff-lab:rendered";

function plotly(): PlotlyApi | undefined {
  const p = (window as unknown as { Plotly?: PlotlyApi }).Plotly;
  return p && typeof p.react === "function" ? p : undefined;
}

function isItem(value: unknown): value is Item {
  const kind = typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === "figure" || kind === "table" || kind === "explanation";
}

function readControl(input: HTMLInputElement | HTMLSelectElement, decl: ControlDeclaration): { value?: ControlValue; raw: string } {
  if (decl.type === "boolean") return { value: (input as HTMLInputElement).checked, raw: String((input as HTMLInputElement).checked) };
  if (decl.type === "string" || decl.type === "select") {
    const value = decl.allowed[Number(input.value)];
    return value === undefined ? { raw: input.value } : { value, raw: String(value) };
  }
  const value = parseValue(decl, input.value);
  return value === undefined ? { raw: input.value } : { value, raw: input.value };
}

function writeControl(input: HTMLInputElement | HTMLSelectElement, decl: ControlDeclaration, value: ControlValue): void {
  if (decl.type === "boolean") (input as HTMLInputElement).checked = value === true;
  else if (decl.type === "string" || decl.type === "select") input.value = String(decl.allowed.indexOf(value as string | number));
  else input.value = String(value);
}

/**
 * Mounts one explorer: `spec.id` names its root element, which holds the
 * controls (`[data-control]`), the output (`.tl-whatif-output`) and a
 * status line (`.tl-whatif-status`).
 * @param spec the explorer's id, fragment key and control declarations
 * @param view the notebook's view, (library, values) => item or items
 * @param lib the bundled library
 */
export function mount(spec: PageSpec, view: View, lib: unknown): void {
  const root = document.getElementById(spec.id);
  if (!root || root.dataset.mounted === "true") return;
  root.dataset.mounted = "true";
  const output = root.querySelector<HTMLElement>(".tl-whatif-output");
  const status = root.querySelector<HTMLElement>(".tl-whatif-status");
  if (!output || !status) return;
  const names = Object.keys(spec.controls);
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  for (const name of names) {
    const input = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-control="${CSS.escape(name)}"]`);
    if (input) inputs.set(name, input);
  }
  const current: Record<string, ControlValue> = {};
  for (const name of names) current[name] = spec.controls[name].default;
  let renders = 0;
  /** The status line shows a refused input (not a view's error). */
  let refused = false;

  const say = (text: string, bad: boolean, refusal = false): void => {
    refused = refusal;
    status.textContent = text;
    status.style.color = bad ? "#b00020" : "#555";
  };

  const showValue = (name: string): void => {
    const out = root.querySelector<HTMLElement>(`output[data-value-of="${CSS.escape(name)}"]`);
    if (out) out.textContent = String(current[name]);
  };

  const render = (started: number): void => {
    let result: unknown;
    try {
      result = view(lib, Object.freeze({ ...current }));
    } catch (error) {
      say(error instanceof Error ? `${error.name}: ${error.message}` : String(error), true);
      return;
    }
    const items = Array.isArray(result) ? result : [result];
    if (items.length === 0 || !items.every(isItem)) {
      say("The view did not return a chart, table or explanation from lib.display.", true);
      return;
    }
    const drawing = draw(output, items as Item[]);
    say("", false);
    void drawing.then(
      () => {
        renders += 1;
        root.dataset.renders = String(renders);
        root.dispatchEvent(new CustomEvent(RENDERED_EVENT, { detail: { ms: performance.now() - started, renders } }));
      },
      (error: unknown) => say(`Plotly could not draw this chart: ${String(error)}`, true),
    );
  };

  const onChange = (name: string, commit: boolean): void => {
    const started = performance.now();
    const input = inputs.get(name);
    const decl = spec.controls[name];
    if (!input || !decl) return;
    const { value, raw } = readControl(input, decl);
    if (value === undefined) {
      input.setAttribute("aria-invalid", "true");
      say(`${controlLabel(name, decl)} must be ${valueProblem(decl, raw) ?? "an allowed value"}, got ${JSON.stringify(raw)}; still showing ${String(current[name])}`, true, true);
      if (commit) {
        writeControl(input, decl, current[name]);
        input.removeAttribute("aria-invalid");
      }
      return;
    }
    input.removeAttribute("aria-invalid");
    // The change event that ends an edit (after its input events) redraws only when the value is new:
    // a drag, a select or a checkbox click renders once, not twice. A refusal it answers is cleared.
    if (value === current[name]) {
      if (refused) say("", false);
      return;
    }
    current[name] = value;
    showValue(name);
    try {
      history.replaceState(history.state, "", withFragmentValues(location.hash, spec.key, current));
    } catch {
      // Some hosts (sandboxed frames) refuse URL changes; the scenario still renders.
    }
    render(started);
  };

  for (const [name, input] of inputs) {
    const decl = spec.controls[name];
    input.addEventListener("input", () => onChange(name, false));
    input.addEventListener("change", () => onChange(name, true));
    if (decl && decl.type !== "boolean") input.title = decl.description ?? name;
    input.disabled = false;
  }

  // Enter in a number box must not submit the form (which would reload the page).
  root.querySelector("form")?.addEventListener("submit", (event) => event.preventDefault());

  const fromUrl = fragmentValues(location.hash, spec.key, spec.controls);
  const changed = Object.entries(fromUrl.values).filter(([name, value]) => value !== current[name]);
  for (const [name, value] of changed) {
    current[name] = value;
    const input = inputs.get(name);
    const decl = spec.controls[name];
    if (input && decl) writeControl(input, decl, value);
    showValue(name);
  }
  if (changed.length > 0) render(performance.now());
  if (fromUrl.rejected.length > 0) say(`Ignored values in the link that are not allowed for: ${fromUrl.rejected.join(", ")}`, true);
  root.dataset.ready = "true";
}

/** Redraws the output's items in place, reusing chart slots for charts. */
function draw(output: HTMLElement, items: readonly Item[]): Promise<unknown> {
  const slots = Array.from(output.children).filter((c): c is HTMLElement => c instanceof HTMLElement && c.classList.contains("tl-whatif-item"));
  const pending: Promise<unknown>[] = [];
  items.forEach((item, i) => {
    let slot = slots[i];
    if (!slot || slot.dataset.kind !== item.kind) {
      const fresh = document.createElement("div");
      fresh.className = "tl-whatif-item";
      fresh.dataset.kind = item.kind;
      if (slot) output.replaceChild(fresh, slot);
      else output.appendChild(fresh);
      slot = fresh;
    }
    if (item.kind === "figure") {
      let chart = slot.querySelector<HTMLElement>(".tradeoff-lab-chart");
      if (!chart) {
        chart = document.createElement("div");
        chart.className = "tradeoff-lab-chart";
        slot.replaceChildren(chart);
      }
      chart.style.width = "100%";
      chart.style.height = `${item.heightPx ?? 420}px`;
      const p = plotly();
      if (!p) {
        chart.textContent = "This chart needs plotly.js, which is not loaded on this page.";
        return;
      }
      if (!chart.classList.contains("js-plotly-plot")) chart.replaceChildren();
      pending.push(p.react(chart, item.data ?? [], item.layout ?? {}, item.config ?? {}));
    } else {
      // The library's table and explanation builders escape every text they hold.
      slot.innerHTML = item.html ?? "";
    }
  });
  for (const extra of slots.slice(items.length)) extra.remove();
  return Promise.all(pending);
}
