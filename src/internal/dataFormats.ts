/**
 * Reading the formats of the data files analysts edit (`data/*.csv`,
 * `data/*.json`), through the file seam of `dataFiles.ts`.
 *
 * Every problem names the file, and for a file's contents the line and
 * the column (or the JSON field), in the house style of `errors.ts`:
 *
 *     slo.loadIncidents: column "start_utc" at incidents.csv line 4 must be a real calendar date, got "2025-02-30T10:00:00Z"
 *     multiRegion.regionRttMatrix: region-rtt.json line 3 column 12 must be valid JSON, got "Unexpected token ..."
 *
 * `data/systems.csv` (pacelc.ts) set the model; this module holds it for
 * every loader. Internal module: notebooks never import it.
 */
import { parse } from "csv-parse/sync";
// Spelled "../internal/dataFiles" so that the browser build, which swaps that seam by path, swaps it here too.
import { readText } from "../internal/dataFiles";
import { rangeError } from "./errors";

/** The last part of a path, `/` or `\\` separated (no node:path: the browser build shares this module). */
export function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/**
 * The text of a data file, or a RangeError naming the file when it cannot be read.
 * @example readDataFile("cost.loadPrices", "/no/such.json") // throws 'cost.loadPrices: path must be a readable file, got "/no/such.json"'
 */
export function readDataFile(where: string, path: string): string {
  try {
    return readText(path);
  } catch {
    throw rangeError(where, "path", "a readable file", path);
  }
}

/** 1-based line and column of a character offset in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * Parses JSON text from a file; a syntax error becomes a RangeError naming
 * the file, line and column (V8 reports the character position).
 * @param fileName how the message names the file, e.g. `region-rtt.json`
 * @example parseJsonText("dr.loadStrategies", "{", "dr-strategies.json") // throws "dr.loadStrategies: dr-strategies.json line 1 column 2 must be valid JSON, got ..."
 */
export function parseJsonText(where: string, text: string, fileName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = (error as Error).message;
    const position = /at position (\d+)/.exec(detail);
    const offset = position ? Number(position[1]) : /end of JSON input/.test(detail) ? text.length : undefined;
    const at = offset === undefined ? undefined : lineAndColumn(text, offset);
    const place = at ? `${fileName} line ${at.line} column ${at.column}` : fileName;
    throw rangeError(where, place, "valid JSON", detail.replace(/\s*\(line \d+ column \d+\)$/, ""));
  }
}

/** Reads and parses a JSON data file, naming the file in every error. */
export function readJsonFile(where: string, path: string): unknown {
  return parseJsonText(where, readDataFile(where, path), fileNameOf(path));
}

/** One data row of a CSV file: its line number and its cells by column name. */
export interface CsvRow {
  /** 1-based line of the file where the row ends. */
  readonly line: number;
  /** The cell under `column`, trimmed; "" when the row is short. */
  cell(column: string): string;
  /** How a message names a cell: `column "x" at file.csv line 4`. */
  at(column: string): string;
}

/**
 * Parses CSV text with a header row into rows that know their line, so
 * every message can name the file, line and column. Malformed CSV (an
 * unclosed quote) and a missing column are RangeErrors naming the file.
 * @param columns the columns the header must name (others are allowed)
 * @param fileName how messages name the file
 * @example csvRows("slo.parseIncidents", "id\nA\n", ["id"], "incidents.csv")[0].cell("id") // => "A"
 */
export function csvRows(where: string, text: string, columns: readonly string[], fileName: string): CsvRow[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    throw rangeError(where, `the CSV text of ${fileName}`, "well-formed CSV", (error as Error).message);
  }
  if (parsed.length === 0) throw rangeError(where, `the CSV text of ${fileName}`, "a header row and at least one data row", "an empty file");
  const index = new Map<string, number>();
  parsed[0].record.forEach((name, i) => index.set(name, i));
  for (const column of columns) {
    if (!index.has(column)) {
      throw rangeError(where, `the header of ${fileName}`, `a row naming the columns ${columns.join(", ")}`, `missing column ${column}`);
    }
  }
  return parsed.slice(1).map(({ record, info }) => ({
    line: info.lines,
    cell: (column: string) => record[index.get(column) ?? -1] ?? "",
    at: (column: string) => `column "${column}" at ${fileName} line ${info.lines}`,
  }));
}

/**
 * A decimal number written in a CSV cell: digits with an optional sign,
 * fraction and exponent. `Number()` would also take "0x40", " ", "" (as 0)
 * and "Infinity"; for those the text itself is returned, so that the
 * caller's `finite(...)` check refuses it and its message shows what was written.
 * @returns the number, or the cell's text when it is not a plain decimal
 * @example decimalCell("0.25") // => 0.25
 * @example decimalCell("0x40") // => "0x40"
 */
export function decimalCell(text: string): number | string {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * Runs the checks of a file's parsed contents so that their messages name
 * the file: `where: name must be …` becomes `where: file.json name must be …`.
 * Only the house-style TypeErrors and RangeErrors of `where` are renamed.
 * @example withinFile("cost.loadPrices", "prices.json", () => parsePrices(json))
 */
export function withinFile<T>(where: string, fileName: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    const prefix = `${where}: `;
    if ((error instanceof TypeError || error instanceof RangeError) && error.message.startsWith(prefix)) {
      const renamed = new (error instanceof TypeError ? TypeError : RangeError)(`${prefix}${fileName} ${error.message.slice(prefix.length)}`);
      throw renamed;
    }
    throw error;
  }
}
