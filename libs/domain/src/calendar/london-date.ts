import { Instant } from '@complaints/contracts';
import type { CalendarDate } from './calendar-date';

/**
 * The domain's dates are calendar dates in Europe/London (domain.md "Time: working days"): a
 * letter logged at 23:30 UTC on a summer evening arrived the next day as far as the resident
 * and the Code are concerned. The time-zone rules come from the runtime's tz database through
 * Intl, which is deterministic (no clock, no I/O) and knows every past and future GMT/BST switch.
 */
const londonDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  era: 'short',
});

export function toLondonDate(instant: string | Date): CalendarDate {
  const moment = typeof instant === 'string' ? parseInstant(instant) : instant;
  if (Number.isNaN(moment.getTime())) throw new RangeError('Not a valid moment in time (Invalid Date)');
  let year = 0;
  let beforeCommonEra = false;
  let month = '';
  let day = '';
  for (const part of londonDateFormat.formatToParts(moment)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'era') beforeCommonEra = part.value === 'BC';
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  // Intl writes the year 50 as "50" and the ISO year 0 as "1 BC": calendar dates have four digits.
  const isoYear = beforeCommonEra ? 1 - year : year;
  if (isoYear < 0 || isoYear > 9999) throw new RangeError(`Outside the years 0000-9999: ${moment.toISOString()}`);
  return `${String(isoYear).padStart(4, '0')}-${month}-${day}`;
}

/**
 * Only instants with an explicit offset are accepted: `new Date('2026-03-29T23:30:00')` would be
 * read in the server's own zone, and the same event would fall on different dates on different
 * machines.
 */
function parseInstant(text: string): Date {
  if (!Instant.safeParse(text).success) {
    throw new RangeError(`Not an ISO-8601 instant with an offset (Z or ±hh:mm): ${JSON.stringify(text)}`);
  }
  return new Date(text);
}
