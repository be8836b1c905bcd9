/**
 * Tables from a danfo DataFrame or an array of records, in three forms:
 * HTML for the notebook (escaped, numbers formatted per column unit,
 * numbers right-aligned), Markdown, and aligned plain text for logs and
 * tests. Long tables stop after `maxRows` with a "… N more rows" line.
 */
import { Unit, checkUnit, formatValue } from "./format";
import { escapeHtml, escapeMarkdown } from "./html";
import { withTextForm } from "./plotly";
import { array, integer, object, oneOf, ownValue, recordOf, typeError } from "../internal/errors";

/**
 * The part of a danfo DataFrame a table needs: column names and row values.
 * `values` is typed loosely because danfo declares it as
 * `ArrayType1D | ArrayType2D`, which tslab's TypeScript 5.0 will not assign
 * to an array of rows; `table` checks at run time that every row is an
 * array of `columns.length` cells.
 */
export interface DataFrameLike {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
}

/** Options for {@link table}. */
export interface TableOptions {
  /** Unit per column name, for formatting numbers; unlisted columns use "number". */
  readonly units?: Readonly<Record<string, Unit>>;
  /** Which columns to show, in order; default all, in the data's order. */
  readonly columns?: readonly string[];
  /** Header text per column name; default the column name. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Most rows to show, integer in [1, 100000]; default 20. */
  readonly maxRows?: number;
  /** A caption above the table. */
  readonly caption?: string;
}

/** A rendered table. */
export interface Table {
  readonly kind: "table";
  /** Column names shown, in order. */
  readonly columns: readonly string[];
  /** Rows in the data. */
  readonly rowCount: number;
  /** Rows shown (at most `maxRows`). */
  readonly shownRows: number;
  /** The formatted cells shown, row by row (what every form displays). */
  readonly cells: readonly (readonly string[])[];
  /** `text/html` form. */
  readonly html: string;
  /** Markdown form. */
  readonly markdown: string;
  /** Aligned plain-text form. */
  readonly text: string;
}

function isDataFrameLike(value: unknown): value is DataFrameLike {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const frame = value as { columns?: unknown; values?: unknown };
  return Array.isArray(frame.columns) && Array.isArray(frame.values);
}

function moreRows(hidden: number): string {
  return `… ${hidden} more row${hidden === 1 ? "" : "s"}`;
}

/** A table cell's Markdown: escaped, on one line (a lone CR also ends a Markdown line). */
function markdownCell(text: string): string {
  return escapeMarkdown(text).replace(/\r\n|\r|\n/g, " ");
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

/**
 * Renders a danfo DataFrame or an array of records as a table, with numbers
 * formatted by column unit and at most `maxRows` rows.
 * @param data a danfo DataFrame (anything with `columns` and `values`) or an array of plain objects
 * @param options units, columns, labels, maxRows (default 20), caption
 * @throws TypeError when `data` is neither, or an option has the wrong type
 * @throws RangeError when an option names an unknown column or unit, or maxRows is out of range
 * @example table([{ tier: "S3 Standard", pricePerGbMonth: 0.023 }], { units: { pricePerGbMonth: "money" } }).cells[0] // => ["S3 Standard", "$0.023"]
 */
export function table(data: DataFrameLike | readonly Readonly<Record<string, unknown>>[], options: TableOptions = {}): Table {
  const where = "display.table";
  object(where, "options", options);
  let allColumns: string[];
  let rows: (readonly unknown[])[];
  if (isDataFrameLike(data)) {
    allColumns = data.columns.map(String);
    rows = data.values.map((row, i) => array<unknown>(where, `data.values[${i}]`, row, { min: allColumns.length, max: allColumns.length }));
  } else if (Array.isArray(data)) {
    const records = data as readonly unknown[];
    const seen = new Set<string>();
    records.forEach((record, i) => {
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        throw typeError(where, `data[${i}]`, "a record (a plain object)", record);
      }
      for (const key of Object.keys(record)) seen.add(key);
    });
    allColumns = [...seen];
    rows = (records as readonly Record<string, unknown>[]).map((record) => allColumns.map((c) => ownValue(record, c)));
  } else {
    throw typeError(where, "data", "a danfo DataFrame or an array of records", data);
  }

  const columns = options.columns === undefined ? allColumns : array<string>(where, "columns", options.columns).map((c, i) => oneOf(where, `columns[${i}]`, c, allColumns));
  const units: Record<string, Unit> = options.units === undefined ? {} : recordOf(
    Object.entries(object<Record<string, unknown>>(where, "units", options.units)).map(([key, unit]) => {
      oneOf(where, "units key", key, allColumns);
      return [key, checkUnit(where, `units.${key}`, unit)] as const;
    }),
  );
  const labels: Record<string, string> = options.labels === undefined ? {} : recordOf(
    Object.entries(object<Record<string, unknown>>(where, "labels", options.labels)).map(([key, label]) => {
      oneOf(where, "labels key", key, allColumns);
      if (typeof label !== "string") throw typeError(where, `labels.${key}`, "a string", label);
      return [key, label] as const;
    }),
  );
  const maxRows = options.maxRows === undefined ? 20 : integer(where, "maxRows", options.maxRows, { min: 1, max: 100_000 });
  const caption = options.caption;
  if (caption !== undefined && typeof caption !== "string") throw typeError(where, "caption", "a string", caption);

  const indexes = columns.map((c) => allColumns.indexOf(c));
  const shown = rows.slice(0, maxRows);
  const hidden = rows.length - shown.length;
  const cells = shown.map((row) => indexes.map((ci, k) => formatValue(row[ci], ownValue(units, columns[k] as string) ?? "number")));
  // A column is numeric (right-aligned) when every present value is a number.
  const numeric = indexes.map((ci) => {
    const present = rows.map((r) => r[ci]).filter((v) => v !== null && v !== undefined);
    return present.length > 0 && present.every((v) => typeof v === "number" || typeof v === "bigint");
  });
  const headers = columns.map((c) => ownValue(labels, c) ?? c);

  const align = (k: number): string => (numeric[k] ? ' style="text-align:right"' : ' style="text-align:left"');
  const html = [
    '<table class="tradeoff-lab-table">',
    ...(caption === undefined ? [] : [`<caption style="caption-side:top;text-align:left;font-weight:bold">${escapeHtml(caption)}</caption>`]),
    `<thead><tr>${headers.map((h, k) => `<th${align(k)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...cells.map((row) => `<tr>${row.map((cell, k) => `<td${align(k)}>${escapeHtml(cell)}</td>`).join("")}</tr>`),
    ...(hidden > 0 ? [`<tr class="tradeoff-lab-more"><td colspan="${columns.length}" style="text-align:left;font-style:italic">${escapeHtml(moreRows(hidden))}</td></tr>`] : []),
    "</tbody>",
    "</table>",
  ].join("\n");

  const mdRow = (values: readonly string[]): string => `| ${values.map(markdownCell).join(" | ")} |`;
  const markdown = [
    ...(caption === undefined ? [] : [`**${markdownCell(caption)}**`, ""]),
    mdRow(headers),
    `|${numeric.map((n) => (n ? " ---: " : " --- ")).join("|")}|`,
    ...cells.map(mdRow),
    ...(hidden > 0 ? ["", moreRows(hidden)] : []),
  ].join("\n");

  const widths = headers.map((h, k) => Math.max(width(h), ...cells.map((row) => width(row[k] as string))));
  const textRow = (values: readonly string[]): string =>
    values.map((v, k) => pad(v, widths[k] as number, numeric[k] as boolean)).join("  ").trimEnd();
  const text = [
    ...(caption === undefined ? [] : [caption]),
    textRow(headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map(textRow),
    ...(hidden > 0 ? [moreRows(hidden)] : []),
  ].join("\n");

  return withTextForm(
    { kind: "table" as const, columns, rowCount: rows.length, shownRows: shown.length, cells, html, markdown, text },
    text,
  );
}
