import { describe, expect, it } from 'vitest';
import { isInReportingYear, reportingYear } from './reporting-year';

describe('reportingYear', () => {
  it('2025 runs from 1 April 2025 to 31 March 2026, both days included', () => {
    const year = reportingYear(2025);
    expect(year).toEqual({ year: 2025, from: '2025-04-01', to: '2026-03-31' });
    expect(isInReportingYear('2025-03-31', year)).toBe(false);
    expect(isInReportingYear('2025-04-01', year)).toBe(true);
    expect(isInReportingYear('2026-03-31', year)).toBe(true);
    expect(isInReportingYear('2026-04-01', year)).toBe(false);
  });

  it('refuses a year that is not a whole number', () => {
    expect(() => reportingYear(2025.5)).toThrow(RangeError);
  });
});
