import type { CalendarDate } from '@complaints/contracts';

export type { CalendarDate };

const MS_PER_DAY = 86_400_000;
const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Calendar dates are handled as whole day numbers (days since 1970-01-01), computed in UTC:
 * a calendar date has no time zone, and UTC has no daylight-saving jumps, so adding one to a day
 * number is always "the next date". This is the UTC-noon convention without the noon.
 */
export type DayNumber = number;

export function toDayNumber(date: CalendarDate): DayNumber {
  const match = CALENDAR_DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [, y, m, d] = match;
  // Not Date.UTC: it reads years 0-99 as 1900-1999, so 0050-01-01 would become 1950-01-01 and
  // then fail the round trip. setUTCFullYear takes every year as given.
  const moment = new Date(0);
  moment.setUTCFullYear(Number(y), Number(m) - 1, Number(d));
  const dayNumber = moment.getTime() / MS_PER_DAY;
  // Date.UTC rolls 2026-02-30 over to 2 March: round-trip to refuse impossible dates.
  if (fromDayNumber(dayNumber) !== date) throw new RangeError(`Not a real calendar date: ${date}`);
  return dayNumber;
}

export function fromDayNumber(dayNumber: DayNumber): CalendarDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayIndex(dayNumber: DayNumber): number {
  return mod(dayNumber + 3, 7);
}

export function isWeekend(dayNumber: DayNumber): boolean {
  return weekdayIndex(dayNumber) >= 5;
}

/**
 * Number of Monday-to-Friday days d with from < d <= to, in constant time (the SLA dashboard
 * asks this for every open complaint, and lateness can span years).
 */
export function weekdaysBetween(from: DayNumber, to: DayNumber): number {
  if (to <= from) return 0;
  return weekdaysUpTo(to) - weekdaysUpTo(from);
}

/** Weekdays in an arbitrary but fixed origin up to and including `dayNumber`; only differences matter. */
function weekdaysUpTo(dayNumber: DayNumber): number {
  const sinceMonday = dayNumber + 3; // the origin becomes a Monday
  const weeks = Math.floor((sinceMonday + 1) / 7);
  const rest = mod(sinceMonday + 1, 7);
  return weeks * 5 + Math.min(rest, 5);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
