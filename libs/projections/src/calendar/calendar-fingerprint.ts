import { createHash } from 'node:crypto';
import type { WorkingDayCalendar } from '@complaints/domain';

/**
 * A short digest of the working days a calendar knows: division, bank holidays and closure days
 * over the years its feed covers (and one either side). Read models that store due dates put it
 * in their version, so a refreshed feed or a new closure day makes the engine rebuild them with
 * the right dates instead of leaving old ones in place.
 */
export function calendarFingerprint(calendar: WorkingDayCalendar): string {
  const hash = createHash('sha256').update(calendar.division);
  const covered = calendar.coveredYears;
  if (covered) {
    for (let year = covered.first - 1; year <= covered.last + 1; year++) {
      for (const day of calendar.holidaysIn(year)) hash.update(`|${day.date}:${day.kind}`);
    }
  }
  return hash.digest('hex').slice(0, 12);
}
