import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from './working-day-calendar';

const englandAndWales = createWorkingDayCalendar({ division: 'england-and-wales' });
const scotland = createWorkingDayCalendar({ division: 'scotland' });
const northernIreland = createWorkingDayCalendar({ division: 'northern-ireland' });

describe('Scotland', () => {
  it('St Andrew’s Day 2025 (Sun 30 Nov) is substituted to Mon 1 Dec: 1 WD after Fri 28 Nov 2025 is Tue 2 Dec in Scotland, Mon 1 Dec in England', () => {
    expect(scotland.isWorkingDay('2025-12-01')).toBe(false);
    expect(scotland.addWorkingDays('2025-11-28', 1)).toBe('2025-12-02');
    expect(englandAndWales.addWorkingDays('2025-11-28', 1)).toBe('2025-12-01');
  });

  it('St Andrew’s Day 2026 falls on Mon 30 Nov itself and is a holiday on the day', () => {
    expect(scotland.isWorkingDay('2026-11-30')).toBe(false);
    expect(englandAndWales.isWorkingDay('2026-11-30')).toBe(true);
  });

  it('2 January is a Scottish holiday: the next working day after Wed 31 Dec 2025 is Mon 5 Jan 2026 in Scotland (1 Jan, Fri 2 Jan, weekend), Fri 2 Jan in England', () => {
    expect(scotland.nextWorkingDay('2025-12-31')).toBe('2026-01-05');
    expect(englandAndWales.nextWorkingDay('2025-12-31')).toBe('2026-01-02');
  });

  it('New Year 2022 (Sat 1, Sun 2 Jan) gives Scotland two substitutes, Mon 3 and Tue 4 Jan: after Fri 31 Dec 2021 comes Wed 5 Jan', () => {
    expect(scotland.nextWorkingDay('2021-12-31')).toBe('2022-01-05');
  });

  it('Easter Monday is not a Scottish bank holiday: Mon 6 Apr 2026 is a working day in Scotland', () => {
    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(englandAndWales.isWorkingDay('2026-04-06')).toBe(false);
  });

  it('the shipped feed predates the 15 June 2026 proclamation, and nothing unverified is merged behind the caller’s back', () => {
    expect(scotland.isWorkingDay('2026-06-15')).toBe(true);
  });
});

describe('Northern Ireland', () => {
  it('St Patrick’s Day (Tue 17 Mar 2026): the next working day after Mon 16 Mar is Wed 18 Mar in NI, Tue 17 Mar in England', () => {
    expect(northernIreland.nextWorkingDay('2026-03-16')).toBe('2026-03-18');
    expect(englandAndWales.nextWorkingDay('2026-03-16')).toBe('2026-03-17');
  });

  it('Battle of the Boyne 2026 (Sun 12 Jul) is substituted to Mon 13 Jul: after Fri 10 Jul comes Tue 14 Jul in NI, Mon 13 Jul in England', () => {
    expect(northernIreland.nextWorkingDay('2026-07-10')).toBe('2026-07-14');
    expect(englandAndWales.nextWorkingDay('2026-07-10')).toBe('2026-07-13');
  });

  it('Battle of the Boyne 2027 falls on Mon 12 Jul itself', () => {
    expect(northernIreland.isWorkingDay('2027-07-12')).toBe(false);
  });
});
