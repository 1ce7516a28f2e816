import type { CalendarDate } from '@complaints/contracts';
import type { WorkingDayCalendar } from '@complaints/domain';

/**
 * The dates the SQL over case_fact_versions compares with, computed here from the calendar so the
 * database needs no working-day arithmetic. Each is derived from the domain's own
 * `workingDaysBetween` / `addWorkingDays`, so "due soon" and "inactive" mean exactly what
 * stageStatusAsOf and the attention queue's fold say.
 */
export interface AsOfThresholds {
  asOf: CalendarDate;
  /**
   * A milestone not done and not overdue (due >= asOf) is due soon exactly when due < this date:
   * workingDaysBetween(asOf, due) <= N ⇔ due is before the (N+1)th working day after asOf.
   */
  dueSoonBefore: CalendarDate;
}

export function asOfThresholds(
  calendar: WorkingDayCalendar,
  asOf: CalendarDate,
  dueSoonWorkingDays = 2,
): AsOfThresholds {
  // A negative window holds no date: nothing is due soon (workingDaysRemaining is never below 0).
  const dueSoonBefore = dueSoonWorkingDays < 0 ? asOf : calendar.addWorkingDays(asOf, dueSoonWorkingDays + 1);
  return { asOf, dueSoonBefore };
}

/** A decade of days: more than any working-day count a report asks about could span. */
const SEARCH_LIMIT_DAYS = 3660;

/**
 * The latest date whose last activity makes a complaint quiet on asOf: workingDaysBetween(last,
 * asOf) >= N ⇔ last <= this date (the count only grows as `last` moves back). Found by walking
 * back from asOf with the domain's count itself.
 */
export function quietIfLastActiveOnOrBefore(
  calendar: WorkingDayCalendar,
  asOf: CalendarDate,
  workingDays: number,
): CalendarDate {
  let day = asOf;
  for (let step = 0; step <= SEARCH_LIMIT_DAYS; step++) {
    if (calendar.workingDaysBetween(day, asOf) >= workingDays) return day;
    day = dayBefore(day);
  }
  throw new RangeError(`no date within ${SEARCH_LIMIT_DAYS} days of ${asOf} is ${workingDays} working days before it`);
}

function dayBefore(date: CalendarDate): CalendarDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
