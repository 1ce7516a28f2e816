import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, isCalendarDate, toDayNumber, weekdayIndex } from './calendar-date';
import { createWorkingDayCalendar } from './working-day-calendar';
import { toLondonDate } from './london-date';

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic alone (H. Hinnant's
 * days_from_civil): an oracle that shares nothing with the Date object the calendar uses.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Any real date with a four-digit year, 0000-01-01 to 9999-12-31. */
const anyDate = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysIn(year, month)) }));

describe('calendar dates of every four-digit year', () => {
  it('numbers each day as the arithmetic oracle does, and reads it back unchanged (years 0-99 included)', () => {
    fc.assert(
      fc.property(anyDate, ({ year, month, day }) => {
        const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        expect(toDayNumber(date)).toBe(daysFromCivil(year, month, day));
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
        expect(isCalendarDate(date)).toBe(true);
      }),
      { seed: 20_261_201, numRuns: 2000 },
    );
  });

  it('takes the years Date.UTC would move into the 1900s as they are', () => {
    expect(toDayNumber('0050-01-01')).toBe(daysFromCivil(50, 1, 1));
    expect(toDayNumber('0050-01-01')).not.toBe(toDayNumber('1950-01-01'));
    expect(isCalendarDate('0000-02-29')).toBe(true); // year 0 is a leap year (divisible by 400)
    expect(isCalendarDate('0100-02-29')).toBe(false);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    // 1 January 0050 was a Saturday in the proleptic Gregorian calendar (0 = Monday).
    expect(weekdayIndex(toDayNumber('0050-01-01'))).toBe(5);
  });

  it('counts working days from and to such a date', () => {
    const calendar = createWorkingDayCalendar({ division: 'england-and-wales' });
    // Saturday 1 January 0050: the first working day after it is Monday the 3rd.
    expect(calendar.addWorkingDays('0050-01-01', 1)).toBe('0050-01-03');
    expect(calendar.workingDaysBetween('0050-01-01', '0050-01-08')).toBe(5);
    expect(calendar.workingDaysBetween('0050-01-01', '2026-03-02')).toBeGreaterThan(500_000);
  });

  it('gives the London date of an instant in a year below 1000 with four digits', () => {
    expect(toLondonDate('0050-06-01T12:00:00Z')).toBe('0050-06-01');
    expect(toLondonDate('0999-12-31T12:00:00Z')).toBe('0999-12-31');
    expect(toLondonDate('0000-06-01T12:00:00Z')).toBe('0000-06-01');
  });
});
