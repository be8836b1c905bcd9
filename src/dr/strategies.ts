/**
 * AWS's four disaster-recovery strategies (Well-Architected Reliability
 * pillar, REL13-BP02), with concrete default RTO/RPO figures and a relative
 * cost, read from `data/dr-strategies.json`.
 */
import { fileNameOf, readJsonFile, withinFile } from "../internal/dataFormats";
import { array, finite, nonEmptyString, object, oneOf } from "../internal/errors";
import { dataPath } from "../internal/dataFiles";

/** The four strategies, cheapest first. */
export type StrategyId = "backup-restore" | "pilot-light" | "warm-standby" | "multi-site-active-active";

/** The strategy ids in REL13-BP02's order: increasing cost, decreasing RTO/RPO. */
export const STRATEGY_IDS: readonly StrategyId[] = ["backup-restore", "pilot-light", "warm-standby", "multi-site-active-active"];

/** A disaster-recovery strategy with the figures `selectStrategy` uses. */
export interface Strategy {
  /** One of {@link STRATEGY_IDS}, or any name for a caller's own strategy. */
  readonly id: string;
  readonly name: string;
  /** AWS's words for the RPO ("hours", "minutes", …). */
  readonly rpoWording: string;
  /** AWS's words for the RTO ("24 hours or less", …). */
  readonly rtoWording: string;
  /** Assumed RTO, minutes >= 0. */
  readonly rtoMinutes: number;
  /** Assumed RPO, minutes >= 0. */
  readonly rpoMinutes: number;
  /**
   * Monthly cost of production plus this strategy, as a multiple of the
   * single-region production bill (>= 1; backup and restore ≈ 1.1).
   */
  readonly costMultiplier: number;
  /** Why the figures are what they are. */
  readonly assumptions: string;
}

/** The version of the AWS text the strategies follow. */
export const STRATEGY_SOURCE =
  "AWS Well-Architected Framework, Reliability Pillar, REL13-BP02 (wording read 2026; data/dr-strategies.json transcribed 2026-11-24). Older AWS texts give pilot light an RTO in hours.";

/** The bundled `data/dr-strategies.json`. */
export const DEFAULT_STRATEGIES_PATH = dataPath("dr-strategies.json");

/**
 * Validates one strategy (a caller's own, or a file entry).
 * @throws TypeError/RangeError naming `where` and the field
 */
export function checkStrategy(where: string, name: string, raw: unknown): Strategy {
  const s = object<Record<string, unknown>>(where, name, raw);
  return Object.freeze({
    id: nonEmptyString(where, `${name}.id`, s.id),
    name: nonEmptyString(where, `${name}.name`, s.name),
    rpoWording: s.rpoWording === undefined ? "" : nonEmptyString(where, `${name}.rpoWording`, s.rpoWording),
    rtoWording: s.rtoWording === undefined ? "" : nonEmptyString(where, `${name}.rtoWording`, s.rtoWording),
    rtoMinutes: finite(where, `${name}.rtoMinutes`, s.rtoMinutes, { min: 0 }),
    rpoMinutes: finite(where, `${name}.rpoMinutes`, s.rpoMinutes, { min: 0 }),
    costMultiplier: finite(where, `${name}.costMultiplier`, s.costMultiplier, { min: 1 }),
    assumptions: s.assumptions === undefined ? "" : String(s.assumptions),
  });
}

/**
 * Reads the strategies file (format of `data/dr-strategies.json`).
 * @param path defaults to the bundled file
 * @throws RangeError naming the file when it cannot be read or is not JSON; TypeError/RangeError naming the file and the malformed field
 * @example loadStrategies().map((s) => s.id) // => ["backup-restore", "pilot-light", "warm-standby", "multi-site-active-active"]
 */
export function loadStrategies(path: string = DEFAULT_STRATEGIES_PATH): Strategy[] {
  const where = "dr.loadStrategies";
  nonEmptyString(where, "path", path);
  const json = readJsonFile(where, path);
  return withinFile(where, fileNameOf(path), () => {
    const root = object<Record<string, unknown>>(where, "file", json);
    const list = array<Record<string, unknown>>(where, "strategies", root.strategies);
    return list.map((entry, i) => {
      const e = object<Record<string, unknown>>(where, `strategies[${i}]`, entry);
      oneOf(where, `strategies[${i}].id`, e.id, STRATEGY_IDS);
      return checkStrategy(where, `strategies[${i}]`, { ...e, rtoMinutes: e.defaultRtoMinutes, rpoMinutes: e.defaultRpoMinutes });
    });
  });
}

let cached: Strategy[] | undefined;

/**
 * AWS's four strategies with this project's default figures, cheapest
 * first: backup & restore (RTO 24 h, RPO 4 h, ×1.1), pilot light (30 min,
 * 5 min, ×1.25), warm standby (10 min, 30 s, ×1.6), multi-site
 * active/active (1 min, 1 s, ×2.1). The figures are assumptions that turn
 * AWS's words into numbers; override them by passing your own list to
 * `dr.selectStrategy`.
 * @example strategies()[1].rtoWording // => "tens of minutes"
 */
export function strategies(): readonly Strategy[] {
  cached ??= loadStrategies();
  return cached;
}

/**
 * One strategy by id, with optional overrides of its figures.
 * @throws RangeError when the id is unknown; TypeError/RangeError for a bad override
 * @example strategyById("backup-restore", { rpoMinutes: 5 }).rpoMinutes // => 5 (with point-in-time recovery)
 */
export function strategyById(id: StrategyId, overrides: Partial<Pick<Strategy, "rtoMinutes" | "rpoMinutes" | "costMultiplier">> = {}): Strategy {
  const where = "dr.strategyById";
  oneOf(where, "id", id, STRATEGY_IDS);
  object(where, "overrides", overrides);
  const base = strategies().find((s) => s.id === id) as Strategy;
  return checkStrategy(where, "overrides", { ...base, ...overrides });
}
