/**
 * An incident log: when each incident started, how long it lasted, how many
 * minutes users were affected and what fraction of their requests failed.
 *
 * `data/incidents.csv` is a small SYNTHETIC log (see data/incidents.md): it
 * is plausible, not real, and exists so that the error-budget policy has
 * something to be evaluated on.
 */
import { dataPath } from "../internal/dataFiles";
import { csvRows, decimalCell, fileNameOf, readDataFile } from "../internal/dataFormats";
import { finite, nonEmptyString, oneOf, probability, rangeError, typeError } from "../internal/errors";
import { utcTime } from "./internal";

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

const ISO_EXPECTED = "a real ISO 8601 UTC time like 2025-03-04T14:10:00Z";

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
 * with {@link INCIDENT_COLUMNS}; one incident per row) and checks every
 * field: ids unique, start times real UTC instants (2025-02-30 is
 * refused), numbers written in decimal (0x40 is refused).
 * @param csvText the CSV text
 * @param fileName how error messages name the file, default `"incident log"`
 * @returns incidents sorted by start time
 * @throws TypeError/RangeError naming the file, line and column of the first bad field, e.g.
 *   `slo.parseIncidents: column "error_ratio" at incidents.csv line 2 must be a probability in [0, 1], got 1.5`
 * @example parseIncidents(`${INCIDENT_COLUMNS.join(",")}\nINC-1,2025-01-01T00:00:00Z,45,30,0.05,SEV3,api,"a summary"`)[0].id // => "INC-1"
 */
export function parseIncidents(csvText: string, fileName = "incident log"): Incident[] {
  const where = "slo.parseIncidents";
  nonEmptyString(where, "csvText", csvText);
  nonEmptyString(where, "fileName", fileName);
  return parseRows(where, csvText, fileName);
}

function parseRows(where: string, csvText: string, fileName: string): Incident[] {
  const firstLineOf = new Map<string, number>();
  const incidents = csvRows(where, csvText, INCIDENT_COLUMNS, fileName).map(({ line, cell, at }) => {
    const num = (column: string): number | string => decimalCell(cell(column));
    const id = nonEmptyString(where, at("id"), cell("id"));
    const first = firstLineOf.get(id);
    if (first !== undefined) throw rangeError(where, at("id"), `unique (it is already used at line ${first})`, id);
    firstLineOf.set(id, line);
    const startUtc = cell("start_utc");
    if (Number.isNaN(utcTime(startUtc))) throw rangeError(where, at("start_utc"), ISO_EXPECTED, startUtc);
    const durationMinutes = finite(where, at("duration_minutes"), num("duration_minutes"), { min: 0 });
    const impactMinutes = finite(where, at("impact_minutes"), num("impact_minutes"), {
      min: 0,
      max: durationMinutes,
      maxLabel: `duration_minutes=${durationMinutes}`,
    });
    return {
      id,
      startUtc,
      durationMinutes,
      impactMinutes,
      errorRatio: probability(where, at("error_ratio"), num("error_ratio")),
      severity: oneOf(where, at("severity"), cell("severity"), SEVERITIES),
      service: nonEmptyString(where, at("service"), cell("service")),
      summary: cell("summary"),
    };
  });
  return incidents.sort((a, b) => utcTime(a.startUtc) - utcTime(b.startUtc));
}

/**
 * Reads and parses the project's incident log, data/incidents.csv, or
 * another file in the same format.
 * @param path file path; default the packaged data/incidents.csv
 * @throws RangeError naming the file when it cannot be read; TypeError/RangeError naming the file, line and column of a bad field
 * @example loadIncidents().length // => 14
 */
export function loadIncidents(path: string = dataPath("incidents.csv")): Incident[] {
  const where = "slo.loadIncidents";
  nonEmptyString(where, "path", path);
  return parseRows(where, readDataFile(where, path), fileNameOf(path));
}

/** Checks one incident's fields; `name` prefixes the field names in messages. */
export function checkIncident(where: string, value: unknown, name: string): Incident {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw typeError(where, name, "an incident object", value);
  const inc = value as Incident;
  nonEmptyString(where, `${name}.id`, inc.id);
  const start = nonEmptyString(where, `${name}.startUtc`, inc.startUtc);
  if (Number.isNaN(utcTime(start))) throw rangeError(where, `${name}.startUtc`, ISO_EXPECTED, start);
  const duration = finite(where, `${name}.durationMinutes`, inc.durationMinutes, { min: 0 });
  finite(where, `${name}.impactMinutes`, inc.impactMinutes, { min: 0, max: duration, maxLabel: `durationMinutes=${duration}` });
  probability(where, `${name}.errorRatio`, inc.errorRatio);
  oneOf(where, `${name}.severity`, inc.severity, SEVERITIES);
  nonEmptyString(where, `${name}.service`, inc.service);
  if (typeof inc.summary !== "string") throw typeError(where, `${name}.summary`, "a string", inc.summary);
  return { ...inc };
}
