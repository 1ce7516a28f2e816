import type { CalendarDate } from '@complaints/contracts';
import { monthBounds } from '@complaints/reporting';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-03" → "March 2026". */
export function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${year}`;
}

/** "2026-03" → "Mar 2026": short enough to sit under a bar of a chart. */
export function shortMonthName(month: string): string {
  return `${monthName(month).slice(0, 3)} ${month.slice(2, 4)}`;
}

/** The month before the one `today` falls in, as YYYY-MM: the latest month that has ended. */
export function lastCompleteMonth(today: CalendarDate): string {
  return addMonths(today.slice(0, 7), -1);
}

export function addMonths(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last `count` months that have ended before `today`, oldest first, each with its last day. */
export function endedMonths(today: CalendarDate, count: number): { month: string; end: CalendarDate }[] {
  const last = lastCompleteMonth(today);
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1)).map((month) => ({
    month,
    end: monthBounds(month).to,
  }));
}
