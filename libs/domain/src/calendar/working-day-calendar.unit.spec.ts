import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from './working-day-calendar';

const calendar = createWorkingDayCalendar(); // england-and-wales, shipped GOV.UK snapshot

describe('working days (england-and-wales)', () => {
  it('a weekday that is no bank holiday is a working day; weekends and bank holidays are not', () => {
    expect(calendar.isWorkingDay('2026-03-04')).toBe(true); // Wed
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Sat
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sun
    expect(calendar.isWorkingDay('2026-04-03')).toBe(false); // Good Friday
  });

  it('N working days after D never counts D: 5 WD after Mon 2 Mar 2026 is Mon 9 Mar (3,4,5,6,9 Mar)', () => {
    expect(calendar.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('counting from a weekend starts with the next working day: 1 WD after Sat 7 Mar 2026 is Mon 9 Mar', () => {
    expect(calendar.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
  });

  it('Christmas and New Year: 5 WD after Fri 19 Dec 2025 is Tue 30 Dec (22,23,24 Dec; 25,26 Dec holidays; 29,30 Dec)', () => {
    expect(calendar.addWorkingDays('2025-12-19', 5)).toBe('2025-12-30');
  });

  it('Christmas and New Year: 10 WD after Fri 19 Dec 2025 is Wed 7 Jan 2026 (…30 Dec=5, 31 Dec=6, 1 Jan holiday, 2 Jan=7, 5,6,7 Jan=8,9,10)', () => {
    expect(calendar.addWorkingDays('2025-12-19', 10)).toBe('2026-01-07');
  });

  it('Easter 2026: 5 WD after Thu 2 Apr is Mon 13 Apr (Good Friday 3 Apr and Easter Monday 6 Apr skipped; 7,8,9,10,13 Apr)', () => {
    expect(calendar.addWorkingDays('2026-04-02', 5)).toBe('2026-04-13');
    expect(calendar.isWorkingDay('2026-04-06')).toBe(false);
  });

  it('substitute days 2027: Christmas (Sat) and Boxing Day (Sun) move to Mon 27 and Tue 28 Dec, so 1 WD after Fri 24 Dec 2027 is Wed 29 Dec', () => {
    expect(calendar.isWorkingDay('2027-12-27')).toBe(false);
    expect(calendar.isWorkingDay('2027-12-28')).toBe(false);
    expect(calendar.addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
  });

  it('substitute day 2022: New Year’s Day (Sat) moves to Mon 3 Jan, so the next working day after Fri 31 Dec 2021 is Tue 4 Jan 2022', () => {
    expect(calendar.nextWorkingDay('2021-12-31')).toBe('2022-01-04');
  });

  it('beyond the shipped feed only weekends are known: 5 WD after Fri 24 Dec 2027 is Tue 4 Jan 2028 (29,30,31 Dec, Mon 3 Jan counted as 4, 4 Jan) because 2028 is not verified', () => {
    expect(calendar.coveredYears).toEqual({ first: 2018, last: 2027 });
    expect(calendar.addWorkingDays('2027-12-24', 5)).toBe('2028-01-04');
  });

  it('nextWorkingDay is strictly after the date, even when the date is itself a working day: after Wed 4 Mar 2026 comes Thu 5 Mar', () => {
    expect(calendar.nextWorkingDay('2026-03-04')).toBe('2026-03-05');
    expect(calendar.nextWorkingDay('2026-03-06')).toBe('2026-03-09'); // Fri → Mon
  });

  it('workingDaysBetween counts from < d <= to: 30 Dec 2025 → 7 Jan 2026 is 5 (31 Dec, 2, 5, 6, 7 Jan; 1 Jan holiday)', () => {
    expect(calendar.workingDaysBetween('2025-12-30', '2026-01-07')).toBe(5);
  });

  it('workingDaysBetween is 0 when to <= from, and 0 over a weekend only (Fri 2 Jan → Sun 4 Jan 2026)', () => {
    expect(calendar.workingDaysBetween('2026-01-07', '2025-12-30')).toBe(0);
    expect(calendar.workingDaysBetween('2026-03-04', '2026-03-04')).toBe(0);
    expect(calendar.workingDaysBetween('2026-01-02', '2026-01-04')).toBe(0);
  });

  it('workingDaysBetween over Easter 2026: Thu 2 Apr → Tue 7 Apr is 1 (3 and 6 Apr holidays)', () => {
    expect(calendar.workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
  });

  it('refuses malformed or impossible dates and negative or fractional counts, rather than guessing', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('4 March 2026')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });

  it('lists the year’s bank holidays for display: 2026 has 8 in england-and-wales, Boxing Day substituted to 28 Dec', () => {
    expect(calendar.holidaysIn(2026).map((day) => day.date)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(calendar.holidaysIn(2026).at(-1)).toEqual({ date: '2026-12-28', title: 'Boxing Day', kind: 'bank_holiday' });
  });
});

describe('closure days', () => {
  const shutdown = createWorkingDayCalendar({ closureDays: ['2025-12-29', '2025-12-30', '2025-12-31'] });

  it('5 WD after Fri 19 Dec 2025 with a 29–31 Dec shutdown is Mon 5 Jan 2026 (22,23,24 Dec; 25,26 Dec holidays; 29,30,31 Dec closed; 1 Jan holiday; 2 Jan, 5 Jan)', () => {
    expect(shutdown.addWorkingDays('2025-12-19', 5)).toBe('2026-01-05');
  });

  it('closure days are not working days and count against lateness, but only for the organisation that closes', () => {
    expect(shutdown.isWorkingDay('2025-12-30')).toBe(false);
    expect(calendar.isWorkingDay('2025-12-30')).toBe(true);
    expect(shutdown.workingDaysBetween('2025-12-24', '2026-01-02')).toBe(1); // only 2 Jan
  });

  it('are listed with the bank holidays of their year', () => {
    expect(shutdown.holidaysIn(2025).filter((day) => day.date >= '2025-12-25')).toEqual([
      { date: '2025-12-25', title: 'Christmas Day', kind: 'bank_holiday' },
      { date: '2025-12-26', title: 'Boxing Day', kind: 'bank_holiday' },
      { date: '2025-12-29', title: 'Closure day', kind: 'closure' },
      { date: '2025-12-30', title: 'Closure day', kind: 'closure' },
      { date: '2025-12-31', title: 'Closure day', kind: 'closure' },
    ]);
  });

  it('a closure day on a weekend changes nothing: Fri 12 → Mon 15 Jun 2026 is still 1 WD with Sat 13 Jun closed', () => {
    const saturdayClosed = createWorkingDayCalendar({ closureDays: ['2026-06-13'] });
    expect(saturdayClosed.workingDaysBetween('2026-06-12', '2026-06-15')).toBe(1);
    expect(saturdayClosed.workingDaysBetween('2026-06-01', '2026-06-30')).toBe(
      calendar.workingDaysBetween('2026-06-01', '2026-06-30'),
    );
  });

  it('a malformed closure day is refused when the calendar is made', () => {
    expect(() => createWorkingDayCalendar({ closureDays: ['2025-13-01'] })).toThrow(RangeError);
  });
});

describe('the fast counting agrees with a walk over every day (2018–2028)', () => {
  // Day-by-day reference implementation, independent of the precomputed counting.
  const walkBetween = (from: string, to: string) => {
    let count = 0;
    for (let day = nextDate(from); day <= to; day = nextDate(day)) if (shutdownCalendar.isWorkingDay(day)) count += 1;
    return count;
  };
  // A closure day on a Saturday (13 Jun 2026) must not be taken off twice.
  const shutdownCalendar = createWorkingDayCalendar({
    closureDays: ['2024-12-27', '2026-06-10', '2026-06-13', '2027-12-29'],
  });
  const someDate = fc.integer({ min: 0, max: 4017 }).map((offset) => addDays('2018-01-01', offset));

  it('workingDaysBetween(from, to) equals the number of working days walked', () => {
    fc.assert(
      fc.property(someDate, fc.integer({ min: 0, max: 400 }), (from, span) => {
        const to = addDays(from, span);
        expect(shutdownCalendar.workingDaysBetween(from, to)).toBe(walkBetween(from, to));
      }),
    );
  });

  it('addWorkingDays(d, n) lands on a working day exactly n working days after d', () => {
    fc.assert(
      fc.property(someDate, fc.integer({ min: 1, max: 80 }), (from, n) => {
        const due = shutdownCalendar.addWorkingDays(from, n);
        expect(shutdownCalendar.isWorkingDay(due)).toBe(true);
        expect(shutdownCalendar.workingDaysBetween(from, due)).toBe(n);
      }),
    );
  });
});

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return addDays(date, 1);
}
