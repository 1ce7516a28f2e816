import { describe, expect, it } from 'vitest';
import { toLondonDate } from '@complaints/domain';
import { endOfLondonDay, parseAsAtDate } from './as-at-date';

describe('the date of an "as at" view', () => {
  it('ends at the last millisecond of the London day, in winter (GMT) and in summer (BST)', () => {
    expect(endOfLondonDay('2026-01-10').toISOString()).toBe('2026-01-10T23:59:59.999Z');
    expect(endOfLondonDay('2026-06-10').toISOString()).toBe('2026-06-10T22:59:59.999Z');
  });

  it('is right on the days the clocks change', () => {
    // 29 March 2026: clocks go forward at 01:00 UTC; 25 October 2026: back at 01:00 UTC.
    for (const date of ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25']) {
      const end = endOfLondonDay(date);
      expect(toLondonDate(end), date).toBe(date);
      expect(toLondonDate(new Date(end.getTime() + 1)), date).not.toBe(date);
    }
    expect(endOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T22:59:59.999Z');
    expect(endOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-25T23:59:59.999Z');
  });

  it('accepts a real date up to today, and says what is wrong with anything else', () => {
    expect(parseAsAtDate(' 2026-03-10 ', '2026-12-01')).toEqual({
      date: '2026-03-10',
      endsAt: new Date('2026-03-10T23:59:59.999Z'),
    });
    expect(parseAsAtDate('2026-12-01', '2026-12-01')).toMatchObject({ date: '2026-12-01' });
    expect(parseAsAtDate('2026-12-02', '2026-12-01')).toEqual({
      error: expect.stringContaining('no later than today (1 December 2026)'),
    });
    expect(parseAsAtDate('2026-02-29', '2026-12-01')).toEqual({ error: expect.stringContaining('Enter a real date') });
    expect(parseAsAtDate('10/03/2026', '2026-12-01')).toEqual({ error: expect.stringContaining('Enter a real date') });
    expect(parseAsAtDate('1899-12-31', '2026-12-01')).toEqual({ error: 'Enter a date in 1900 or later' });
    expect(parseAsAtDate(undefined, '2026-12-01')).toEqual({ error: expect.stringContaining('Enter the date') });
    expect(parseAsAtDate(['2026-03-10'], '2026-12-01')).toEqual({ error: expect.stringContaining('Enter the date') });
  });
});
