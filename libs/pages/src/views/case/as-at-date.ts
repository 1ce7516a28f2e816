import type { CalendarDate } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import { longUkDate } from '@complaints/reporting';

export type AsAtDate = { date: CalendarDate; endsAt: Date } | { error: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The date of an "as at" view, from the query: a real calendar date, no later than today in
 * London (a case cannot be shown as it will stand), with the last instant of that London day,
 * the moment the view reads the stream up to. The messages name what to do, for the error summary.
 */
export function parseAsAtDate(input: unknown, today: CalendarDate): AsAtDate {
  if (typeof input !== 'string' || input.trim() === '')
    return { error: 'Enter the date to see the case as it stood, for example 2026-03-31' };
  const text = input.trim();
  const match = ISO_DATE.exec(text);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3])))
    return { error: 'Enter a real date in the form YYYY-MM-DD, for example 2026-03-31' };
  if (Number(match[1]) < 1900) return { error: 'Enter a date in 1900 or later' };
  if (text > today)
    return {
      error: `Enter a date no later than today (${longUkDate(today)}): a case cannot be shown as it will stand`,
    };
  return { date: text, endsAt: endOfLondonDay(text) };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const moment = new Date(Date.UTC(year, month - 1, day));
  return moment.getUTCFullYear() === year && moment.getUTCMonth() === month - 1 && moment.getUTCDate() === day;
}

/**
 * The last millisecond of a London calendar date: the next London day starts at midnight UTC in
 * winter (GMT) or at 23:00 UTC the evening before in summer (BST), whichever London calls that day.
 */
export function endOfLondonDay(date: CalendarDate): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const nextUtcMidnight = Date.UTC(year, month - 1, day + 1);
  const nextDay = toLondonDate(new Date(nextUtcMidnight));
  const oneHourEarlier = new Date(nextUtcMidnight - 3_600_000);
  const nextDayStarts = toLondonDate(oneHourEarlier) === nextDay ? oneHourEarlier.getTime() : nextUtcMidnight;
  return new Date(nextDayStarts - 1);
}
