import { createWorkingDayCalendar } from '@complaints/domain';
import { describe, expect, it } from 'vitest';
import { calendarFingerprint } from './calendar-fingerprint';

describe('calendarFingerprint', () => {
  it('is the same for the same working days, and differs for another division or a closure day', () => {
    const base = calendarFingerprint(createWorkingDayCalendar());
    expect(calendarFingerprint(createWorkingDayCalendar())).toBe(base);
    expect(calendarFingerprint(createWorkingDayCalendar({ division: 'scotland' }))).not.toBe(base);
    expect(calendarFingerprint(createWorkingDayCalendar({ closureDays: ['2026-12-29'] }))).not.toBe(base);
  });
});
