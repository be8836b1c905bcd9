/**
 * How many hours a month something is billed: always on, a daily window,
 * or a given number of hours.
 */
import { finite, rangeError } from "../internal/errors";
import type { PriceBook } from "./pricing";

/** Longest calendar month, the ceiling for any monthly hour count. */
const MAX_DAYS_PER_MONTH = 31;
const HOURS_PER_DAY = 24;
/** The most hours a month can bill: 24 × 31. */
export const MAX_HOURS_PER_MONTH = HOURS_PER_DAY * MAX_DAYS_PER_MONTH;

/**
 * When a resource runs. Give `hoursPerMonth`, or `hoursPerDay` (with
 * optional `daysPerMonth`), or nothing for always-on.
 */
export interface Schedule {
  /** Hours billed in the month, in [0, 744]. */
  readonly hoursPerMonth?: number;
  /** A daily window (e.g. an 8-hour batch window), hours in [0, 24]. */
  readonly hoursPerDay?: number;
  /** Days the window runs, in [0, 31]; defaults to the book's month (730 / 24 = 30.42 days). */
  readonly daysPerMonth?: number;
}

/** Billed hours in a month for `schedule` (always on = `book.hoursPerMonth`). */
export function billedHours(where: string, schedule: Schedule, book: PriceBook): number {
  const { hoursPerMonth, hoursPerDay, daysPerMonth } = schedule;
  if (hoursPerMonth !== undefined) {
    if (hoursPerDay !== undefined) throw rangeError(where, "hoursPerDay", "undefined when hoursPerMonth is given", hoursPerDay);
    if (daysPerMonth !== undefined) throw rangeError(where, "daysPerMonth", "undefined when hoursPerMonth is given", daysPerMonth);
    return finite(where, "hoursPerMonth", hoursPerMonth, { min: 0, max: MAX_HOURS_PER_MONTH });
  }
  if (hoursPerDay === undefined) {
    if (daysPerMonth !== undefined) throw rangeError(where, "daysPerMonth", "undefined unless hoursPerDay is given", daysPerMonth);
    return book.hoursPerMonth;
  }
  const perDay = finite(where, "hoursPerDay", hoursPerDay, { min: 0, max: HOURS_PER_DAY });
  const days =
    daysPerMonth === undefined
      ? book.hoursPerMonth / HOURS_PER_DAY
      : finite(where, "daysPerMonth", daysPerMonth, { min: 0, max: MAX_DAYS_PER_MONTH });
  return perDay * days;
}

/** True when the caller gave any schedule field. */
export function hasSchedule(schedule: Schedule): boolean {
  return schedule.hoursPerMonth !== undefined || schedule.hoursPerDay !== undefined || schedule.daysPerMonth !== undefined;
}
