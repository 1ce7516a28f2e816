import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';

const HOUR = 3_600_000;

/**
 * Only the events that had happened by the end of `asOf` (London): the complaint as it stood that
 * day. The London date of an instant is what decides (toLondonDate), but asking Intl for every
 * event of every case of a report costs more than the fold, so only instants near London's
 * midnight ask it: London has never been more than two hours ahead of UTC (double summer time)
 * nor more than minutes behind it (local mean time), so anything before 21:00 UTC on `asOf` is on
 * or before it, and anything from 03:00 UTC the next day is after it.
 */
export function eventsUpTo(events: readonly ComplaintEvent[], asOf: CalendarDate): ComplaintEvent[] {
  const surelyOnOrBefore = Date.parse(`${asOf}T21:00:00Z`);
  const surelyAfter = surelyOnOrBefore + 6 * HOUR;
  return events.filter((event) => {
    const at = Date.parse(event.data.occurredAt);
    if (at < surelyOnOrBefore) return true;
    if (at >= surelyAfter) return false;
    // Near midnight, or not a valid instant (toLondonDate says so, as it always did).
    return toLondonDate(event.data.occurredAt) <= asOf;
  });
}
