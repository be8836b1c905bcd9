/**
 * Driving what-if explorers in Chromium, for the browser tests and the
 * bench: find the explorers of a page (their declarations and views, read
 * from the HTML the kernel wrote), set a control as a user would, wait for
 * the redraw, and read back what the page shows; and compute the same in
 * Node with the library, for the comparison.
 *
 * The page-side code is passed as strings: the project's tsconfig has no
 * DOM lib.
 */
import { strict as assert } from "node:assert";
import type { Page } from "playwright-core";
import * as viewLibrary from "../../src/display/whatIf/library";
import { isNumberControl, isSelectControl, type ControlDeclaration, type ControlValue } from "../../src/display/whatIf/controls";

/** One explorer as the kernel wrote it into a page. */
export interface PageExplorer {
  readonly id: string;
  readonly key: string;
  readonly controls: Readonly<Record<string, ControlDeclaration & { default: ControlValue }>>;
  /** The view's JavaScript expression, as in the page. */
  readonly viewExpression: string;
}

/** What an explorer's output shows: per item, its kind and content. */
export type Shown = ({ kind: "figure"; title: string | undefined; traces: Record<string, unknown>[] } | { kind: "table" | "explanation"; html: string })[];

/** Reads every explorer from a page's HTML (the mount scripts the kernel wrote). */
export function explorersInHtml(html: string): PageExplorer[] {
  const found: PageExplorer[] = [];
  const pattern = /<script type="text\/javascript" data-tradeoff-lab="what-if">\n\(function \(\) \{\nvar spec = (.*);\nvar view = ([\s\S]*?);\nvar waited = 0;/g;
  for (const m of html.matchAll(pattern)) {
    const spec = JSON.parse(m[1] ?? "") as Omit<PageExplorer, "viewExpression">;
    found.push({ ...spec, viewExpression: m[2] ?? "" });
  }
  return found;
}

/**
 * The explorer's view computed in Node with the library, for `values`.
 * The view's source comes from the notebook's own executed cell.
 */
export function nodeItems(explorer: PageExplorer, values: Readonly<Record<string, ControlValue>>): { kind: string; html?: string; data?: Record<string, unknown>[]; layout?: { title?: { text?: string } } }[] {
  const view = new Function(`return ${explorer.viewExpression};`)() as (lib: unknown, v: unknown) => unknown;
  const result = view(viewLibrary, Object.freeze({ ...values }));
  return (Array.isArray(result) ? result : [result]) as ReturnType<typeof nodeItems>;
}

/** A value of the control other than `current`: the far end of a range, the next allowed value, the other state. */
export function otherValue(decl: ControlDeclaration, current: ControlValue): ControlValue {
  if (!isNumberControl(decl)) {
    if (!isSelectControl(decl)) return !current;
    const i = decl.allowed.indexOf(current as string | number);
    return decl.allowed[(i + 1) % decl.allowed.length] as string | number;
  }
  return current === decl.max ? decl.min : decl.max;
}

const root = (id: string): string => `document.getElementById(${JSON.stringify(id)})`;

/** How many times the explorer has redrawn. */
export async function renders(page: Page, id: string): Promise<number> {
  return Number(await page.evaluate(`${root(id)}.dataset.renders || 0`));
}

/** Waits until the explorer is mounted. */
export async function waitMounted(page: Page, id: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(`${root(id)} && ${root(id)}.dataset.ready === "true"`, undefined, { timeout: timeoutMs });
}

/**
 * Sets one control as a user would (slider and box: type and commit;
 * select: choose; checkbox: click) and waits for the redraw.
 * @param timeoutMs how long to wait for the redraw before failing with the explorer's status line
 * @returns ms from the input event to the redrawn output, as the page measured it
 */
export async function setControl(page: Page, explorer: PageExplorer, name: string, value: ControlValue, timeoutMs = 30_000): Promise<number> {
  const decl = explorer.controls[name];
  assert.ok(decl, `control ${name}`);
  const selector = `#${explorer.id} [data-control="${name}"]`;
  const before = await renders(page, explorer.id);
  const measured = page.evaluate(
    `new Promise(function (resolve) { ${root(explorer.id)}.addEventListener("tradeoff-lab:rendered", function (e) { resolve(e.detail.ms); }, { once: true }); })`,
  ) as Promise<number>;
  if (isSelectControl(decl)) {
    // By index: a string would also match an option's label ("4" is both a label and another option's value).
    await page.selectOption(selector, { index: decl.allowed.indexOf(value as string | number) });
  } else if (!isNumberControl(decl)) {
    if ((await page.isChecked(selector)) !== value) await page.click(selector);
  } else {
    await page.fill(selector, String(value));
    await page.dispatchEvent(selector, "change");
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const ms = await Promise.race([measured, timedOut]).finally(() => clearTimeout(timer));
  if (ms === "timeout") {
    // The page redraws only when the view returned items and Plotly drew them; otherwise its status line says why.
    const status = await page.evaluate(`(${root(explorer.id)}.querySelector(".tl-whatif-status") || {}).textContent`);
    assert.fail(`${explorer.key}: setting ${name}=${String(value)} did not redraw within ${timeoutMs} ms; the explorer says: ${JSON.stringify(status)}`);
  }
  await page.waitForFunction(`Number(${root(explorer.id)}.dataset.renders) > ${before}`);
  return ms;
}

/** What the explorer's output shows now, read from the page (chart data from Plotly's div). */
export async function shown(page: Page, id: string): Promise<Shown> {
  return (await page.evaluate(`Array.from(${root(id)}.querySelectorAll(".tl-whatif-output > .tl-whatif-item")).map(function (slot) {
    if (slot.dataset.kind === "figure") {
      var chart = slot.querySelector(".tradeoff-lab-chart");
      var layout = chart.layout || {};
      return { kind: "figure", title: layout.title && layout.title.text, traces: JSON.parse(JSON.stringify(chart.data || [])) };
    }
    return { kind: slot.dataset.kind, html: slot.innerHTML };
  })`)) as Shown;
}

/**
 * Node 20's V8 (11.3) and Chromium's differ in the last bit of Math.exp,
 * Math.log and Math.pow for about 1 argument in 10 (measured: 1908, 691 and
 * 1802 of 20 000 random arguments), so numbers that went through them are
 * compared to 1e-12 relative; everything else, and every integer and
 * string, exactly.
 */
export const RELATIVE_TOLERANCE = 1e-12;

function assertSame(actual: unknown, expected: unknown, context: string, path = ""): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const ok = Object.is(actual, expected) || Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected));
    assert.ok(ok, `${context}${path}: ${actual} in the page, ${expected} in Node`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${context}${path}: array of ${expected.length}`);
    expected.forEach((e, i) => assertSame((actual as unknown[])[i], e, context, `${path}[${i}]`));
  } else if (typeof expected === "object" && expected !== null) {
    assert.ok(typeof actual === "object" && actual !== null, `${context}${path}: an object`);
    for (const [k, e] of Object.entries(expected)) assertSame((actual as Record<string, unknown>)[k], e, context, `${path}.${k}`);
  } else {
    assert.deepEqual(actual, expected, `${context}${path}`);
  }
}

/**
 * Asserts that the page shows exactly what the library computes in Node
 * for `values`: every trace field the Node figure sets (numbers to
 * {@link RELATIVE_TOLERANCE}), the chart title, and the table and
 * explanation HTML (normalised by the page's own parser).
 */
export async function assertShowsNode(page: Page, explorer: PageExplorer, values: Readonly<Record<string, ControlValue>>, context: string): Promise<void> {
  const expected = nodeItems(explorer, values);
  const actual = await shown(page, explorer.id);
  assert.equal(actual.length, expected.length, `${context}: number of items`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    assert.ok(e && a);
    assert.equal(a.kind, e.kind, `${context}: item ${i} kind`);
    if (a.kind === "figure") {
      assert.equal(a.title, e.layout?.title?.text, `${context}: item ${i} title`);
      const traces = JSON.parse(JSON.stringify(e.data ?? [])) as Record<string, unknown>[];
      assert.equal(a.traces.length, traces.length, `${context}: item ${i} traces`);
      traces.forEach((trace, t) => {
        for (const [field, value] of Object.entries(trace)) assertSame(a.traces[t]?.[field], value, `${context}: item ${i} trace ${t} ${field}`);
      });
    } else {
      const normalised = await page.evaluate(`(function (html) { var t = document.createElement("template"); t.innerHTML = html; return t.innerHTML; })(${JSON.stringify(e.html ?? "")})`);
      assert.equal(a.html, normalised, `${context}: item ${i} html`);
    }
  }
}
