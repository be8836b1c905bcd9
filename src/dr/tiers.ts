/**
 * The course's RTO/RPO tiers (Gold, Silver, Bronze; "RTO/RPO Tiers" table)
 * and the coarse duration classes they are written in.
 */
import { finite, object } from "../internal/errors";
import type { StrategyId } from "./strategies";

/** The order of magnitude a duration is spoken of in. */
export type DurationClass = "seconds" | "minutes" | "hours" | "days";

/** Duration classes, shortest first. */
export const DURATION_CLASSES: readonly DurationClass[] = ["seconds", "minutes", "hours", "days"];

const MINUTE = 1;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The class of a duration: under a minute is "seconds", under an hour
 * "minutes", under a day "hours", otherwise "days".
 * @param minutes duration, minutes >= 0
 * @throws TypeError/RangeError when `minutes` is not a finite number >= 0
 * @example classifyDuration(5) // => "minutes"
 */
export function classifyDuration(minutes: number): DurationClass {
  finite("dr.classifyDuration", "minutes", minutes, { min: 0 });
  if (minutes < MINUTE) return "seconds";
  if (minutes < HOUR) return "minutes";
  if (minutes < DAY) return "hours";
  return "days";
}

/** A row of the course's tier table. */
export interface CourseTier {
  readonly name: "Gold" | "Silver" | "Bronze";
  readonly rto: DurationClass;
  readonly rpo: DurationClass;
  /** The course's strategy column. */
  readonly strategy: string;
  /** The course's cost column. */
  readonly cost: "Very High" | "Medium" | "Low";
  /** The closest AWS REL13-BP02 strategy. */
  readonly awsStrategy: StrategyId;
  /** Where the course and AWS's current wording differ. */
  readonly note: string;
}

/** The course's table, strictest tier first. */
export const courseTiers: readonly CourseTier[] = Object.freeze([
  {
    name: "Gold",
    rto: "minutes",
    rpo: "seconds",
    strategy: "Active-Active, multi-region, sync replica",
    cost: "Very High",
    awsStrategy: "multi-site-active-active",
    note: "AWS: multi-site active/active has RPO near zero and RTO potentially zero; synchronous replication makes RPO 0 at a latency cost (see dr.goldTierExample).",
  },
  {
    name: "Silver",
    rto: "hours",
    rpo: "minutes",
    strategy: "Active-Passive, async replica, warm standby",
    cost: "Medium",
    awsStrategy: "pilot-light",
    note: "The course names warm standby, but AWS's current wording gives warm standby RTO in minutes and RPO in seconds; an RTO of hours with RPO in minutes is what pilot light (RTO tens of minutes, RPO minutes) comfortably meets.",
  },
  {
    name: "Bronze",
    rto: "days",
    rpo: "hours",
    strategy: "Backups only, cold storage, manual restore",
    cost: "Low",
    awsStrategy: "backup-restore",
    note: "AWS: backup and restore has RTO 24 hours or less and RPO in hours (5 minutes with point-in-time recovery); the course allows days.",
  },
] as const);

/**
 * The least demanding course tier for an RTO and RPO target, read the way
 * the table is written: a tier fits when its RTO class is no longer than the
 * target's class and likewise for RPO (RTO 4 h, RPO 1 h → Silver). No tier
 * fits an RTO under a minute (Gold's RTO is in minutes); Gold, the strictest
 * tier, is returned then, and it does not meet that target. For a numeric
 * decision use `dr.selectStrategy`.
 * @param targets.rtoMinutes RTO target, minutes >= 0
 * @param targets.rpoMinutes RPO target, minutes >= 0
 * @throws TypeError/RangeError when a target is outside its range
 * @example tierFor({ rtoMinutes: 240, rpoMinutes: 60 }).name // => "Silver"
 */
export function tierFor(targets: { rtoMinutes: number; rpoMinutes: number }): CourseTier {
  const where = "dr.tierFor";
  object(where, "targets", targets);
  const rto = DURATION_CLASSES.indexOf(classifyDuration(finite(where, "rtoMinutes", targets.rtoMinutes, { min: 0 })));
  const rpo = DURATION_CLASSES.indexOf(classifyDuration(finite(where, "rpoMinutes", targets.rpoMinutes, { min: 0 })));
  for (let i = courseTiers.length - 1; i >= 0; i--) {
    const t = courseTiers[i];
    if (DURATION_CLASSES.indexOf(t.rto) <= rto && DURATION_CLASSES.indexOf(t.rpo) <= rpo) return t;
  }
  return courseTiers[0];
}
