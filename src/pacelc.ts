/**
 * PACELC catalog: how real systems trade consistency against availability
 * during a partition (P: A or C) and against latency otherwise (E: L or C).
 *
 * The classification follows Abadi, "Consistency Tradeoffs in Modern
 * Distributed Database System Design", IEEE Computer 2012, extended with
 * Wikipedia's "PACELC design principle" and the vendors' own documentation.
 * The catalog lives in `data/systems.csv` so that analysts can edit it or
 * point the loader at their own copy; every row names its source, and rows
 * where the course text labels a system differently keep both labels.
 */
import { csvRows, fileNameOf } from "./internal/dataFormats";
import { array, nonEmptyString, object, oneOf, rangeError, typeError } from "./internal/errors";
import { dataPath, readText } from "./internal/dataFiles";

/**
 * CAP class in the theorem's strict sense (Gilbert & Lynch 2002): `CP` when
 * operations are linearizable and the side that cannot stay consistent
 * refuses; `AP` when every non-failing node answers every request with a
 * non-error response; `neither` when a configuration is neither (stale reads
 * or lost acknowledged writes, and refusals on the minority side), which is
 * where most real systems sit (Kleppmann, "Please stop calling databases CP
 * or AP", 2015); `CA` is kept for analysts' catalogs of unreplicated systems.
 */
export type CapClass = "CP" | "AP" | "CA" | "neither";
/** PACELC class: partition half (PA or PC) and else half (EL or EC). */
export type PacelcClass = "PA/EL" | "PC/EC" | "PA/EC" | "PC/EL";
/** The course text's CAP label, or "tunable" for Cosmos DB. */
export type CourseCapLabel = CapClass | "tunable";
/** The course text's PACELC label, or "tunable" for Cosmos DB. */
export type CoursePacelcLabel = PacelcClass | "tunable";

/** Allowed CAP classes, in the order they are listed in error messages. */
export const CAP_CLASSES: readonly CapClass[] = ["CP", "AP", "CA", "neither"];
/** Allowed PACELC classes, in the order they are listed in error messages. */
export const PACELC_CLASSES: readonly PacelcClass[] = ["PA/EL", "PC/EC", "PA/EC", "PC/EL"];

/** One row of the catalog: a system under one configuration. */
export interface SystemClassification {
  /** Product name as written in the catalog, e.g. `"Bigtable/HBase"`. */
  readonly system: string;
  /** The configuration the classification applies to, e.g. `"QUORUM reads and QUORUM writes"`. */
  readonly configuration: string;
  /** true for the system's default configuration (exactly one row per system). */
  readonly isDefault: boolean;
  readonly cap: CapClass;
  readonly pacelc: PacelcClass;
  /** The course text's CAP label for this system, when it gives one. */
  readonly courseCap?: CourseCapLabel;
  /** The course text's PACELC label for this system, when it gives one. */
  readonly coursePacelc?: CoursePacelcLabel;
  /** Citation: author or vendor and the document's title. */
  readonly source: string;
  /** URL of the first source, when one was verified; may be empty. */
  readonly sourceUrl: string;
  /** Why this classification, in a sentence or three. */
  readonly note: string;
  /** Where the row came from: file name and 1-based line number in the CSV. */
  readonly origin: { readonly file: string; readonly line: number };
}

/** A loaded catalog: an array of rows, in file order. */
export type Catalog = readonly SystemClassification[];

/** The shipped catalog, `data/systems.csv` beside `src/` and `dist/`. */
export const DEFAULT_CATALOG_PATH: string = dataPath("systems.csv");

const COLUMNS = [
  "system",
  "configuration",
  "is_default",
  "cap",
  "pacelc",
  "course_cap",
  "course_pacelc",
  "source",
  "source_url",
  "note",
] as const;
const REQUIRED_TEXT = ["system", "configuration", "source", "note"] as const;

/**
 * Parses catalog CSV text and validates every row.
 *
 * Columns (header required, order free): `system, configuration, is_default,
 * cap, pacelc, course_cap, course_pacelc, source, source_url, note`.
 * `is_default` is `yes` or `no`; `cap` is CP, AP, CA or neither; `pacelc`
 * is PA/EL, PC/EC, PA/EC or PC/EL; `course_cap`/`course_pacelc` may be empty
 * or `tunable`. The two columns are independent except where CAP forces the
 * partition half: a CAP-available (AP) system answers on both sides, so it is
 * PA, and a CAP-consistent (CP or CA) one refuses rather than diverge, so it is
 * PC; `neither` goes with any PACELC class (Abadi's PC is not CAP's C). Each
 * system must have exactly one default row.
 * @param csvText the file's contents
 * @param fileName how error messages name the file, default `"catalog"`
 * @returns the rows, in file order
 * @throws RangeError naming the file, line and column of the first bad cell,
 *   e.g. `pacelc.parseCatalog: column "pacelc" at systems.csv line 3 must be one of "PA/EL", "PC/EC", "PA/EC", "PC/EL", got "PA/XL"`
 * @example
 * parseCatalog("system,configuration,is_default,cap,pacelc,course_cap,course_pacelc,source,source_url,note\n" +
 *   "Riak,default,yes,AP,PA/EL,AP,,Abadi 2012,,Dynamo-style\n")[0].pacelc // => "PA/EL"
 */
export function parseCatalog(csvText: string, fileName = "catalog"): Catalog {
  const where = "pacelc.parseCatalog";
  if (typeof csvText !== "string") throw typeError(where, "csvText", "a string of CSV text", csvText);
  nonEmptyString(where, "fileName", fileName);
  return parseRows(where, csvText, fileName);
}

function parseRows(where: string, csvText: string, fileName: string): Catalog {
  const parsed = csvRows(where, csvText, COLUMNS, fileName);
  if (parsed.length === 0) throw rangeError(where, `the CSV text of ${fileName}`, "a header row and at least one data row", "a header only");

  const rows: SystemClassification[] = [];
  for (const { line, cell, at: cellName } of parsed) {
    const at = (column: (typeof COLUMNS)[number]): string => cell(column);
    for (const column of REQUIRED_TEXT) {
      if (at(column) === "") throw rangeError(where, cellName(column), "a non-empty string", "");
    }
    const isDefault = oneOf(where, cellName("is_default"), at("is_default"), ["yes", "no"] as const) === "yes";
    const cap = oneOf(where, cellName("cap"), at("cap"), CAP_CLASSES);
    const pacelc = oneOf(where, cellName("pacelc"), at("pacelc"), PACELC_CLASSES);
    const partitionHalf = pacelc.slice(0, 2);
    if (cap !== "neither" && (cap === "AP") !== (partitionHalf === "PA")) {
      const expected = partitionHalf === "PA" ? `"AP" or "neither" to match pacelc ${pacelc}` : `"CP", "CA" or "neither" to match pacelc ${pacelc}`;
      throw rangeError(where, cellName("cap"), expected, cap);
    }
    const courseCapText = at("course_cap");
    const coursePacelcText = at("course_pacelc");
    const row: SystemClassification = {
      system: at("system"),
      configuration: at("configuration"),
      isDefault,
      cap,
      pacelc,
      ...(courseCapText === ""
        ? {}
        : { courseCap: oneOf(where, cellName("course_cap"), courseCapText, [...CAP_CLASSES, "tunable"] as CourseCapLabel[]) }),
      ...(coursePacelcText === ""
        ? {}
        : {
            coursePacelc: oneOf(where, cellName("course_pacelc"), coursePacelcText, [
              ...PACELC_CLASSES,
              "tunable",
            ] as CoursePacelcLabel[]),
          }),
      source: at("source"),
      sourceUrl: at("source_url"),
      note: at("note"),
      origin: { file: fileName, line },
    };
    rows.push(row);
  }
  checkDefaults(where, rows, fileName);
  const catalog = Object.freeze(rows);
  parsedCatalogs.add(catalog);
  return catalog;
}

/** Catalogs made by {@link parseCatalog} or {@link loadCatalog}: already checked, row by row. */
const parsedCatalogs = new WeakSet<Catalog>();

/**
 * A catalog the caller built by hand, checked row by row and copied with
 * only a row's fields, so nothing else of the caller's reaches a result.
 */
function checkRows(where: string, rows: readonly unknown[]): Catalog {
  const out: SystemClassification[] = [];
  for (let i = 0; i < rows.length; i++) {
    const at = `catalog[${i}]`;
    const row = object<Record<string, unknown>>(where, at, rows[i]);
    const origin = object<Record<string, unknown>>(where, `${at}.origin`, row.origin);
    const text = (name: string) => {
      const value = row[name];
      if (typeof value !== "string") throw typeError(where, `${at}.${name}`, "a string", value);
      return value;
    };
    const optional = <T extends string>(key: string, options: readonly T[]) => (row[key] === undefined ? {} : { [key]: oneOf(where, `${at}.${key}`, row[key], options) });
    if (typeof row.isDefault !== "boolean") throw typeError(where, `${at}.isDefault`, "a boolean", row.isDefault);
    const line = origin.line;
    if (typeof line !== "number" || !Number.isInteger(line) || line < 1) throw typeError(where, `${at}.origin.line`, "an integer >= 1", line);
    out.push({
      system: nonEmptyString(where, `${at}.system`, row.system),
      configuration: text("configuration"),
      isDefault: row.isDefault,
      cap: oneOf(where, `${at}.cap`, row.cap, CAP_CLASSES),
      pacelc: oneOf(where, `${at}.pacelc`, row.pacelc, PACELC_CLASSES),
      ...optional("courseCap", [...CAP_CLASSES, "tunable"]),
      ...optional("coursePacelc", [...PACELC_CLASSES, "tunable"]),
      source: text("source"),
      sourceUrl: text("sourceUrl"),
      note: text("note"),
      origin: { file: nonEmptyString(where, `${at}.origin.file`, origin.file), line },
    });
  }
  return out;
}

function checkDefaults(where: string, rows: readonly SystemClassification[], fileName: string): void {
  const defaults = new Map<string, number>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.system.toLowerCase()}\u0000${row.configuration.toLowerCase()}`;
    if (seen.has(key)) {
      throw rangeError(
        where,
        `column "configuration" at ${fileName} line ${row.origin.line}`,
        `unique for system "${row.system}"`,
        row.configuration,
      );
    }
    seen.add(key);
    const name = row.system.toLowerCase();
    defaults.set(name, (defaults.get(name) ?? 0) + (row.isDefault ? 1 : 0));
  }
  for (const row of rows) {
    const count = defaults.get(row.system.toLowerCase()) ?? 0;
    if (count !== 1) {
      throw rangeError(
        where,
        `the rows for system "${row.system}" in ${fileName}`,
        'exactly one row with is_default "yes"',
        `${count} default rows`,
      );
    }
  }
}

/**
 * Loads and validates a catalog CSV file (see {@link parseCatalog} for the
 * columns). Without a path it loads the shipped `data/systems.csv`.
 * @param path a CSV file; default {@link DEFAULT_CATALOG_PATH}
 * @returns the rows, in file order
 * @throws TypeError when `path` is not a non-empty string
 * @throws RangeError when the file cannot be read, or a row is invalid (the
 *   message names the file, the line and the column)
 * @example loadCatalog().length // => 34 (the shipped catalog: 21 systems)
 * @example loadCatalog("my-systems.csv") // an analyst's own catalog
 */
export function loadCatalog(path: string = DEFAULT_CATALOG_PATH): Catalog {
  const where = "pacelc.loadCatalog";
  nonEmptyString(where, "path", path);
  let text: string;
  try {
    text = readText(path);
  } catch {
    throw rangeError(where, "path", "a readable CSV file", path);
  }
  return parseRows(where, text, fileNameOf(path));
}

let shippedCatalog: Catalog | undefined;

function catalogOrDefault(where: string, catalog: unknown): Catalog {
  if (catalog === undefined) {
    shippedCatalog ??= loadCatalog();
    return shippedCatalog;
  }
  const rows = array<SystemClassification>(where, "catalog", catalog, { min: 0 });
  return parsedCatalogs.has(rows) ? rows : checkRows(where, rows);
}

/** What to select in {@link filter}; every given field must match. */
export interface CatalogQuery {
  /** CAP class to keep. */
  readonly cap?: CapClass;
  /** PACELC class to keep. */
  readonly pacelc?: PacelcClass;
  /** System name, case-insensitive; `"HBase"` also matches `"Bigtable/HBase"`. */
  readonly system?: string;
  /** Keep only each system's default configuration. */
  readonly defaultOnly?: boolean;
}

/**
 * Selects catalog rows by CAP class, PACELC class and/or system.
 * @param query the fields to match; `{}` keeps every row
 * @param catalog rows to search; default the shipped catalog
 * @returns matching rows in catalog order (possibly none)
 * @throws TypeError/RangeError for a query field of the wrong type or an unknown class
 * @example filter({ pacelc: "PC/EL" }).map((r) => r.system) // => ["DynamoDB", "Cosmos DB", "PNUTS", "etcd", "ZooKeeper"]
 * @example filter({ cap: "neither", defaultOnly: true }).length // => 7 of the 21 defaults
 * @example filter({ system: "hbase" })[0].system // => "Bigtable/HBase"
 */
export function filter(query: CatalogQuery, catalog?: Catalog): SystemClassification[] {
  const where = "pacelc.filter";
  object(where, "query", query);
  const rows = catalogOrDefault(where, catalog);
  const cap = query.cap === undefined ? undefined : oneOf(where, "cap", query.cap, CAP_CLASSES);
  const pacelc = query.pacelc === undefined ? undefined : oneOf(where, "pacelc", query.pacelc, PACELC_CLASSES);
  const system = query.system === undefined ? undefined : nonEmptyString(where, "system", query.system);
  if (query.defaultOnly !== undefined && typeof query.defaultOnly !== "boolean") {
    throw typeError(where, "defaultOnly", "a boolean", query.defaultOnly);
  }
  return rows.filter(
    (row) =>
      (cap === undefined || row.cap === cap) &&
      (pacelc === undefined || row.pacelc === pacelc) &&
      (system === undefined || systemMatches(row.system, system)) &&
      (!query.defaultOnly || row.isDefault),
  );
}

function systemMatches(catalogName: string, asked: string): boolean {
  const a = asked.trim().toLowerCase();
  const name = catalogName.toLowerCase();
  return name === a || name.split("/").some((part) => part.trim() === a);
}

/**
 * Names of the systems in a catalog, each once, in catalog order.
 * @param catalog rows to list; default the shipped catalog
 * @throws TypeError when `catalog` is not an array
 * @example systems().slice(0, 3) // => ["Dynamo", "Cassandra", "Riak"]
 */
export function systems(catalog?: Catalog): string[] {
  const rows = catalogOrDefault("pacelc.systems", catalog);
  return [...new Set(rows.map((r) => r.system))];
}

/** A classification explained in words, for a notebook or a design doc. */
export interface SystemExplanation {
  readonly system: string;
  readonly configuration: string;
  readonly cap: CapClass;
  readonly pacelc: PacelcClass;
  /** What the CAP class means for this row, in words. */
  readonly capMeaning: string;
  /** What the system does when a partition happens. */
  readonly onPartition: string;
  /** What it trades when there is no partition. */
  readonly elseTradeoff: string;
  /** The row's note: the mechanism behind the class. */
  readonly why: string;
  readonly source: string;
  readonly sourceUrl: string;
  /** How the course text labels the system, when it does. */
  readonly courseLabel?: string;
  /** Where the course label differs from this classification, and why. */
  readonly disagreement?: string;
  /** Other configurations of the same system and their classes. */
  readonly alternatives: readonly string[];
  /** Everything above as one paragraph. */
  readonly text: string;
}

const CAP_TEXT: Record<CapClass, string> = {
  CP: "CP in CAP's sense: its operations are linearizable, and the side of a partition that cannot stay consistent refuses requests",
  AP: "AP in CAP's sense: every node that is up answers every request, on both sides of a partition, at the cost of stale reads or conflicting writes",
  CA: "CA: it assumes the network never partitions, which a replicated system cannot",
  neither:
    "neither CP nor AP in CAP's sense: its reads are not linearizable or it can lose acknowledged writes, and some nodes refuse requests during a partition (Kleppmann, 'Please stop calling databases CP or AP', 2015)",
};

const PARTITION_TEXT: Record<"PA" | "PC", string> = {
  PA: "If a partition happens it stays available (PA): nodes on each side keep accepting requests and reconcile later, so reads can be stale and writes can conflict or be lost.",
  PC: "If a partition happens it keeps consistency (PC): the side without the primary or a quorum refuses writes rather than diverge, and refuses reads too unless the configuration serves possibly stale local reads (EL).",
};
const ELSE_TEXT: Record<"EL" | "EC", string> = {
  EL: "Else, with no partition, it favours latency (EL): it answers without waiting for other replicas, so a read can miss a recent write.",
  EC: "Else, with no partition, it favours consistency (EC): each request waits for the primary, a quorum or synchronous replication, paying extra latency.",
};

/**
 * Explains one classification: what happens on a partition, what is traded
 * for latency otherwise, the source, and any disagreement with the course.
 * @param system system name, case-insensitive (`"hbase"` finds `"Bigtable/HBase"`)
 * @param configuration optional: the configuration (case-insensitive, exact
 *   or a unique substring); default the system's default configuration
 * @param catalog rows to search; default the shipped catalog
 * @throws RangeError for an unknown system or configuration (the message lists the choices)
 * @example explainSystem("Cassandra").pacelc // => "PA/EL"
 * @example explainSystem("Cassandra", "quorum").disagreement
 * // => "The course labels Cassandra AP, PA/EL; this configuration is neither CP nor AP, PC/EC. …"
 */
export function explainSystem(system: string, configuration?: string, catalog?: Catalog): SystemExplanation {
  const where = "pacelc.explainSystem";
  nonEmptyString(where, "system", system);
  const rows = catalogOrDefault(where, catalog);
  const matches = rows.filter((r) => systemMatches(r.system, system));
  if (matches.length === 0) {
    const names = [...new Set(rows.map((r) => r.system))];
    throw rangeError(where, "system", `one of ${names.map((n) => JSON.stringify(n)).join(", ")}`, system);
  }
  const row = configuration === undefined ? defaultRow(matches) : findConfiguration(where, matches, configuration);
  const partitionHalf = row.pacelc.slice(0, 2) as "PA" | "PC";
  const elseHalf = row.pacelc.slice(3) as "EL" | "EC";
  const courseLabel = describeCourseLabel(row);
  const disagreement = describeDisagreement(row);
  const alternatives = matches.filter((r) => r !== row).map((r) => `${r.configuration}: ${r.cap}, ${r.pacelc}`);
  const sentences = [
    `${row.system} (${row.configuration}) is ${row.pacelc} in PACELC terms, and ${CAP_TEXT[row.cap]}.`,
    PARTITION_TEXT[partitionHalf],
    ELSE_TEXT[elseHalf],
    row.note,
    `Source: ${row.source}${row.sourceUrl ? ` (${row.sourceUrl})` : ""}.`,
  ];
  if (disagreement !== undefined) sentences.push(disagreement);
  else if (courseLabel !== undefined) sentences.push(`The course agrees: ${courseLabel}.`);
  if (alternatives.length > 0) sentences.push(`Other configurations: ${alternatives.join("; ")}.`);
  return {
    system: row.system,
    configuration: row.configuration,
    cap: row.cap,
    pacelc: row.pacelc,
    capMeaning: CAP_TEXT[row.cap],
    onPartition: PARTITION_TEXT[partitionHalf],
    elseTradeoff: ELSE_TEXT[elseHalf],
    why: row.note,
    source: row.source,
    sourceUrl: row.sourceUrl,
    ...(courseLabel === undefined ? {} : { courseLabel }),
    ...(disagreement === undefined ? {} : { disagreement }),
    alternatives,
    text: sentences.join(" "),
  };
}

function defaultRow(matches: readonly SystemClassification[]): SystemClassification {
  return matches.find((r) => r.isDefault) ?? matches[0];
}

function findConfiguration(where: string, matches: readonly SystemClassification[], configuration: unknown): SystemClassification {
  const asked = nonEmptyString(where, "configuration", configuration).trim().toLowerCase();
  const exact = matches.find((r) => r.configuration.toLowerCase() === asked);
  if (exact) return exact;
  const partial = matches.filter((r) => r.configuration.toLowerCase().includes(asked));
  if (partial.length === 1) return partial[0];
  const choices = matches.map((r) => JSON.stringify(r.configuration)).join(", ");
  const expected = partial.length === 0 ? `one of ${choices}` : `a unique part of one of ${choices}`;
  throw rangeError(where, "configuration", expected, configuration);
}

function describeCourseLabel(row: SystemClassification): string | undefined {
  const parts: string[] = [];
  if (row.courseCap !== undefined) parts.push(row.courseCap);
  if (row.coursePacelc !== undefined) parts.push(row.coursePacelc);
  return parts.length === 0 ? undefined : parts.join(", ");
}

/**
 * Where the course's label for the row's system differs from the row.
 * "tunable" is not a disagreement: the catalog lists the tunable levels.
 */
function describeDisagreement(row: SystemClassification): string | undefined {
  const capDiffers = row.courseCap !== undefined && row.courseCap !== "tunable" && row.courseCap !== row.cap;
  const pacelcDiffers = row.coursePacelc !== undefined && row.coursePacelc !== "tunable" && row.coursePacelc !== row.pacelc;
  if (!capDiffers && !pacelcDiffers) return undefined;
  const cap = row.cap === "neither" ? "neither CP nor AP" : row.cap;
  return `The course labels ${row.system} ${describeCourseLabel(row) ?? ""}; this configuration is ${cap}, ${row.pacelc}. See the note: the class depends on the configuration and the source.`;
}

/**
 * Rows whose classification differs from the course text's label for the
 * system ("tunable" counts as agreement).
 * @param catalog rows to search; default the shipped catalog
 * @throws TypeError when `catalog` is not an array
 * @example disagreements().map((r) => `${r.system}: ${r.configuration}`)
 * // => ["Cassandra: QUORUM reads and QUORUM writes", "DynamoDB: eventually consistent reads (default)", …]
 */
export function disagreements(catalog?: Catalog): SystemClassification[] {
  return catalogOrDefault("pacelc.disagreements", catalog).filter((row) => describeDisagreement(row) !== undefined);
}

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
/** @deprecated use explainSystem */
export const explain = explainSystem;
/** @deprecated use SystemExplanation */
export type Explanation = SystemExplanation;
