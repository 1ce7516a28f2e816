import { describe, expect, it } from 'vitest';
import { instantOf, isCalendarDate, linesOf, penceOf } from './form-fields';

describe('reading form fields into a command', () => {
  it('reads pounds as people type them into whole pence, and refuses what is not an amount', () => {
    expect(penceOf('150')).toBe(15_000);
    expect(penceOf('£75.5')).toBe(7550);
    expect(penceOf('1,250.05')).toBe(125_005);
    expect(penceOf('12.345')).toBeUndefined();
    expect(penceOf('ten')).toBeUndefined();
    expect(penceOf('-5')).toBeUndefined();
  });

  it('dates a step now when left as today, at noon on an earlier day, and refuses a date that does not exist', () => {
    const now = '2026-12-01T15:04:05.000Z';
    expect(instantOf('', '2026-12-01', now)).toBe(now);
    expect(instantOf('2026-12-01', '2026-12-01', now)).toBe(now);
    expect(instantOf('2026-11-20', '2026-12-01', now)).toBe('2026-11-20T12:00:00.000Z');
    expect(instantOf('2026-02-30', '2026-12-01', now)).toBeUndefined();
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });

  it('takes heads of complaint one per line, dropping blank lines and spaces', () => {
    expect(linesOf({ heads: 'Mould\r\n\r\n  Late repair  \n' }, 'heads')).toEqual(['Mould', 'Late repair']);
    expect(linesOf({}, 'heads')).toEqual([]);
  });
});
