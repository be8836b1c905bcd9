/** Worst-case RPO from a backup schedule or from replication lag. */
import { array, finite, object, oneOf } from "../internal/errors";

/** Options of {@link rpoFromBackups}. */
export interface BackupRpoOptions {
  /** Time between backup starts, minutes > 0. */
  readonly backupIntervalMinutes: number;
  /** Time a backup takes to complete, minutes >= 0; default 0. */
  readonly backupDurationMinutes?: number;
  /** Time to copy it off-site (another region), minutes >= 0; default 0. */
  readonly transferMinutes?: number;
}

/**
 * RPO of periodic backups. A backup captures data as of its start and is
 * usable only once complete and copied off-site, so a disaster just before
 * backup k becomes usable falls back to backup k − 1: worst case = interval
 * + duration + transfer. For a disaster at a uniformly random time the
 * average loss is interval / 2 + duration + transfer.
 * @param options see {@link BackupRpoOptions}
 * @throws TypeError/RangeError when an input is outside its range
 * @example rpoFromBackups({ backupIntervalMinutes: 60, backupDurationMinutes: 10, transferMinutes: 5 })
 *   // => { worstCaseMinutes: 75, averageMinutes: 45 }
 */
export function rpoFromBackups(options: BackupRpoOptions): { worstCaseMinutes: number; averageMinutes: number } {
  const where = "dr.rpoFromBackups";
  object(where, "options", options);
  const interval = finite(where, "backupIntervalMinutes", options.backupIntervalMinutes, { min: 0, minExclusive: true });
  const duration = options.backupDurationMinutes === undefined ? 0 : finite(where, "backupDurationMinutes", options.backupDurationMinutes, { min: 0 });
  const transfer = options.transferMinutes === undefined ? 0 : finite(where, "transferMinutes", options.transferMinutes, { min: 0 });
  return { worstCaseMinutes: interval + duration + transfer, averageMinutes: interval / 2 + duration + transfer };
}

/** Options of {@link rpoFromReplication}. */
export interface ReplicationRpoOptions {
  /** "sync": a write is acknowledged only once replicated; "async": replicas trail. */
  readonly mode: "sync" | "async";
  /** Replication lag, seconds >= 0: one figure (e.g. p99.9 or max) or observed samples (the max is used). Async only. */
  readonly lagSeconds?: number | readonly number[];
  /** For log shipping in batches: time between shipments, seconds >= 0; default 0 (streaming). */
  readonly shipIntervalSeconds?: number;
}

/**
 * Worst-case RPO from replication. Synchronous replication loses no
 * acknowledged write (RPO 0) as long as failover only promotes a replica
 * that acknowledged it. Asynchronous replication loses what was in flight:
 * worst case = ship interval + the largest lag.
 * @param options see {@link ReplicationRpoOptions}
 * @throws TypeError/RangeError when an input is outside its range or async lag is missing
 * @example rpoFromReplication({ mode: "async", lagSeconds: [0.2, 1.5, 0.7] }).worstCaseSeconds // => 1.5
 */
export function rpoFromReplication(options: ReplicationRpoOptions): { worstCaseSeconds: number } {
  const where = "dr.rpoFromReplication";
  object(where, "options", options);
  const mode = oneOf(where, "mode", options.mode, ["sync", "async"] as const);
  if (mode === "sync") return { worstCaseSeconds: 0 };
  const lag = options.lagSeconds;
  let maxLag: number;
  if (Array.isArray(lag)) {
    const samples = array<unknown>(where, "lagSeconds", lag);
    maxLag = 0;
    samples.forEach((x, i) => {
      maxLag = Math.max(maxLag, finite(where, `lagSeconds[${i}]`, x, { min: 0 }));
    });
  } else {
    maxLag = finite(where, "lagSeconds", lag, { min: 0 });
  }
  const ship = options.shipIntervalSeconds === undefined ? 0 : finite(where, "shipIntervalSeconds", options.shipIntervalSeconds, { min: 0 });
  return { worstCaseSeconds: ship + maxLag };
}
