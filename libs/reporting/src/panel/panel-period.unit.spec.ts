import { describe, expect, it } from 'vitest';
import { monthBounds } from './monthly-report';
import { panelPeriod } from './panel-period';

describe('panel periods', () => {
  it('a month runs from its first to its last day, leap years included', () => {
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(panelPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('a bare year is the reporting year starting in April; quarters are of that reporting year (Q4 is January to March of the next year)', () => {
    expect(panelPeriod('2025')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(panelPeriod('2025-Q1')).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(panelPeriod('2025-Q3')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(panelPeriod('2025-Q4')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses anything else', () => {
    for (const bad of ['2025-13', '2025-Q5', '25', '2025-1']) expect(() => panelPeriod(bad), bad).toThrow(RangeError);
  });
});
