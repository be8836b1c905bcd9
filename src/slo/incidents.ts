/**
 * An incident log: when each incident started, how long it lasted, how many
 * minutes users were affected and what fraction of their requests failed.
 *
 * `data/incidents.csv` is a small SYNTHETIC log (see data/incidents.md): it
 * is plausible, not real, and exists so that the error-budget policy has
 * something to be evaluated on.
 */
import { parse } from "csv-parse/sync";
import { finite, nonEmptyString, oneOf, probability, rangeError, typeError } from "../internal/errors";
import { dataPath, readText } from "../internal/dataFiles";

/** Severity levels, most severe first. */
export const SEVERITIES = ["SEV1", "SEV2", "SEV3"] as const;

/** One incident. */
export interface Incident {
  readonly id: string;
  /** Start time, ISO 8601 in UTC, e.g. "2025-03-04T14:10:00Z". */
  readonly startUtc: string;
  /** From start to resolution, in minutes. */
  readonly durationMinutes: number;
  /** Minutes within the incident during which users saw errors (<= durationMinutes). */
  readonly impactMinutes: number;
  /** Fraction of requests that failed during the impact minutes, in [0, 1]. */
  readonly errorRatio: number;
  readonly severity: (typeof SEVERITIES)[number];
  readonly service: string;
  readonly summary: string;
}

/** The CSV's columns, in order. */
export const INCIDENT_COLUMNS = [
  "id", "start_utc", "duration_minutes", "impact_minutes", "error_ratio", "severity", "service", "summary",
] as const;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/;

/**
 * Equivalent minutes of full outage: impactMinutes × errorRatio. This is what
 * an incident spends from a time-based error budget.
 * @param incident an incident (see {@link Incident})
 * @throws TypeError/RangeError for a malformed incident
 * @example badMinutes({ ...loadIncidents()[0], impactMinutes: 40, errorRatio: 0.25 }) // => 10
 */
export function badMinutes(incident: Incident): number {
  const checked = checkIncident("slo.badMinutes", incident, "incident");
  return checked.impactMinutes * checked.errorRatio;
}

/**
 * Parses an incident log in the format of data/incidents.csv (header row
 * with {@link INCIDENT_COLUMNS}; one incident per row) and checks every field.
 * @param csvText the CSV text
 * @returns incidents sorted by start time
 * @throws TypeError/RangeError naming the row and column of the first bad field
 * @example parseIncidents(`${INCIDENT_COLUMNS.join(",")}\nINC-1,2025-01-01T00:00:00Z,45,30,0.05,SEV3,api,"a summary"`)[0].id // => "INC-1"
 */
export function parseIncidents(csvText: string): Incident[] {
  const where = "slo.parseIncidents";
  nonEmptyString(where, "csvText", csvText);
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const header = Object.keys(rows[0] ?? {});
  for (const column of INCIDENT_COLUMNS) {
    if (!header.includes(column)) throw rangeError(where, "csvText", `a CSV with a "${column}" column`, header.join(","));
  }
  const incidents = rows.map((row, i) => {
    const num = (column: string): number => {
      const text = row[column];
      return text === "" ? NaN : Number(text);
    };
    return checkIncident(where, {
      id: row.id,
      startUtc: row.start_utc,
      durationMinutes: num("duration_minutes"),
      impactMinutes: num("impact_minutes"),
      errorRatio: num("error_ratio"),
      severity: row.severity as Incident["severity"],
      service: row.service,
      summary: row.summary,
    }, `row ${i + 1}`);
  });
  return incidents.sort((a, b) => Date.parse(a.startUtc) - Date.parse(b.startUtc));
}

/**
 * Reads and parses the project's incident log, data/incidents.csv, or
 * another file in the same format.
 * @param path file path; default the packaged data/incidents.csv
 * @throws Error when the file cannot be read; TypeError/RangeError for a bad row
 * @example loadIncidents().length // => 14
 */
export function loadIncidents(path: string = dataPath("incidents.csv")): Incident[] {
  nonEmptyString("slo.loadIncidents", "path", path);
  return parseIncidents(readText(path));
}

/** Checks one incident's fields; `name` prefixes the field names in messages. */
export function checkIncident(where: string, value: unknown, name: string): Incident {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw typeError(where, name, "an incident object", value);
  const inc = value as Incident;
  nonEmptyString(where, `${name}.id`, inc.id);
  const start = nonEmptyString(where, `${name}.startUtc`, inc.startUtc);
  if (!ISO_UTC.test(start) || Number.isNaN(Date.parse(start))) {
    throw rangeError(where, `${name}.startUtc`, "an ISO 8601 UTC time like 2025-03-04T14:10:00Z", start);
  }
  const duration = finite(where, `${name}.durationMinutes`, inc.durationMinutes, { min: 0 });
  finite(where, `${name}.impactMinutes`, inc.impactMinutes, { min: 0, max: duration, maxLabel: `durationMinutes=${duration}` });
  probability(where, `${name}.errorRatio`, inc.errorRatio);
  oneOf(where, `${name}.severity`, inc.severity, SEVERITIES);
  nonEmptyString(where, `${name}.service`, inc.service);
  if (typeof inc.summary !== "string") throw typeError(where, `${name}.summary`, "a string", inc.summary);
  return { ...inc };
}
