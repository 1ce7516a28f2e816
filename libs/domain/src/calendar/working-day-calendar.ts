import type { BankHolidayFeed, Division } from './bank-holiday-feed';
import {
  fromDayNumber,
  isWeekend,
  toDayNumber,
  weekdaysBetween,
  yearOf,
  type CalendarDate,
  type DayNumber,
} from './calendar-date';
import { GOV_UK_SNAPSHOT } from './shipped-feeds';

export interface WorkingDayCalendarOptions {
  /** The organisation's UK division; england-and-wales unless configured otherwise. */
  division?: Division;
  /** Defaults to the shipped GOV.UK snapshot; pass a merged, refreshed feed to add new days. */
  feed?: BankHolidayFeed;
  /** The organisation's own closure days (e.g. a Christmas shutdown), on top of bank holidays. */
  closureDays?: readonly CalendarDate[];
}

export interface NonWorkingDay {
  readonly date: CalendarDate;
  readonly title: string;
  readonly kind: 'bank_holiday' | 'closure';
}

/**
 * Working days per domain.md: Monday to Friday, not a bank holiday of the division, not a closure
 * day. "N working days after D" counts forward from D, D itself never counting: day 1 is the
 * first working day after D, and D may itself be a weekend or holiday.
 */
export interface WorkingDayCalendar {
  readonly division: Division;
  /** First and last year the feed lists holidays for: beyond them only weekends are known. */
  readonly coveredYears: { readonly first: number; readonly last: number } | null;
  isWorkingDay(date: CalendarDate): boolean;
  /** The Nth working day after `date` (`date` itself when n = 0). */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate;
  /** Working days d with from < d <= to; 0 when to <= from. Lateness = workingDaysBetween(due, actual). */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number;
  /** The first working day strictly after `date` (day 1 of any count from it). */
  nextWorkingDay(date: CalendarDate): CalendarDate;
  /** The division's bank holidays and the closure days in a calendar year, by date, for display. */
  holidaysIn(year: number): readonly NonWorkingDay[];
}

export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const division = options.division ?? 'england-and-wales';
  const feed = options.feed ?? GOV_UK_SNAPSHOT;
  const divisionHolidays = feed[division];
  if (!divisionHolidays) throw new RangeError(`Unknown division: ${JSON.stringify(division)}`);

  const listed = new Map<CalendarDate, NonWorkingDay>();
  for (const holiday of divisionHolidays.events) {
    listed.set(holiday.date, { date: holiday.date, title: holiday.title, kind: 'bank_holiday' });
  }
  for (const date of options.closureDays ?? []) {
    toDayNumber(date); // refuse a malformed closure day now rather than ignore it later
    if (!listed.has(date)) listed.set(date, { date, title: 'Closure day', kind: 'closure' });
  }

  // Precomputed once: a set for membership, and the sorted weekday closures so that counting
  // working days over any span is two binary searches rather than a walk over every day.
  const nonWorking = new Set<DayNumber>([...listed.keys()].map(toDayNumber));
  const weekdayNonWorking = [...nonWorking].filter((day) => !isWeekend(day)).sort((a, b) => a - b);

  const isWorkingDayNumber = (day: DayNumber) => !isWeekend(day) && !nonWorking.has(day);

  const addWorkingDayNumbers = (start: DayNumber, n: number): DayNumber => {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Working days to add must be a whole number >= 0, got ${n}`);
    let day = start;
    let remaining = n;
    while (remaining > 0) {
      day += 1;
      if (isWorkingDayNumber(day)) remaining -= 1;
    }
    return day;
  };

  const years = divisionHolidays.events.map((holiday) => yearOf(holiday.date));
  const coveredYears = years.length > 0 ? Object.freeze({ first: Math.min(...years), last: Math.max(...years) }) : null;

  return Object.freeze({
    division,
    coveredYears,
    isWorkingDay: (date: CalendarDate) => isWorkingDayNumber(toDayNumber(date)),
    addWorkingDays: (date: CalendarDate, n: number) => fromDayNumber(addWorkingDayNumbers(toDayNumber(date), n)),
    nextWorkingDay: (date: CalendarDate) => fromDayNumber(addWorkingDayNumbers(toDayNumber(date), 1)),
    workingDaysBetween: (from: CalendarDate, to: CalendarDate) => {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      if (b <= a) return 0;
      return weekdaysBetween(a, b) - (countUpTo(weekdayNonWorking, b) - countUpTo(weekdayNonWorking, a));
    },
    holidaysIn: (year: number) =>
      [...listed.values()]
        .filter((day) => yearOf(day.date) === year)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  });
}

/** How many values of the ascending array are <= limit (binary search). */
function countUpTo(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? Number.POSITIVE_INFINITY) <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}
