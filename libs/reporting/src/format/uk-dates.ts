import type { CalendarDate } from '@complaints/contracts';

// The calendar dates are already London's; formatting at noon UTC cannot shift them.
const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
const noon = (date: CalendarDate) => new Date(`${date}T12:00:00Z`);

/** 2026-03-04 → 4 March 2026: the form people read (letters, the printed chronology, the resident page). */
export const longUkDate = (date: CalendarDate) => dayMonthYear.format(noon(date));
/** 2026-03-02 → Monday 2 March 2026 (Intl would put a comma after the weekday; UK letters do not). */
export const longUkDateWithDay = (date: CalendarDate) => `${weekday.format(noon(date))} ${longUkDate(date)}`;

/**
 * ISO dates in a text (notes and descriptions carry them, so spreadsheets sort) in the long
 * form; anything that only looks like a date is left alone.
 */
export function withLongDates(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => {
    const date = noon(iso);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? longUkDate(iso) : iso;
  });
}
