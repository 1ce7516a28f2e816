import { describe, expect, it } from 'vitest';
import { toLondonDate } from './london-date';

describe('toLondonDate', () => {
  it('in winter (GMT) London is on UTC: 23:30Z on Sat 28 Mar 2026 is still 28 Mar', () => {
    expect(toLondonDate('2026-03-28T23:30:00Z')).toBe('2026-03-28');
  });

  it('BST starts 01:00 UTC on Sun 29 Mar 2026: 00:30Z that morning is still 29 Mar, but 23:30Z that evening is 00:30 on Mon 30 Mar', () => {
    expect(toLondonDate('2026-03-29T00:30:00Z')).toBe('2026-03-29');
    expect(toLondonDate('2026-03-29T23:30:00Z')).toBe('2026-03-30');
  });

  it('during BST a late-evening UTC timestamp is the next day: 23:30Z on Wed 1 Jul 2026 is Thu 2 Jul', () => {
    expect(toLondonDate('2026-07-01T23:30:00Z')).toBe('2026-07-02');
    expect(toLondonDate('2026-07-01T22:59:59Z')).toBe('2026-07-01');
  });

  it('BST ends 01:00 UTC on Sun 25 Oct 2026: 23:30Z on Sat 24 Oct is 25 Oct, 23:30Z on Sun 25 Oct is 25 Oct again (GMT)', () => {
    expect(toLondonDate('2026-10-24T23:30:00Z')).toBe('2026-10-25');
    expect(toLondonDate('2026-10-25T23:30:00Z')).toBe('2026-10-25');
  });

  it('New Year’s Eve is in GMT: 23:30Z on 31 Dec 2026 is still 31 Dec', () => {
    expect(toLondonDate('2026-12-31T23:30:00Z')).toBe('2026-12-31');
  });

  it('honours an explicit offset: 00:30+01:00 on 1 Jul 2026 is 1 Jul, 00:30+02:00 (22:30Z on 30 Jun) is 30 Jun', () => {
    expect(toLondonDate('2026-07-01T00:30:00+01:00')).toBe('2026-07-01');
    expect(toLondonDate('2026-07-01T00:30:00+02:00')).toBe('2026-06-30');
  });

  it('accepts a Date', () => {
    expect(toLondonDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
  });

  it('refuses a timestamp without an offset, whose meaning would depend on the server’s zone, and nonsense', () => {
    expect(() => toLondonDate('2026-07-01T23:30:00')).toThrow(RangeError);
    expect(() => toLondonDate('yesterday')).toThrow(RangeError);
    expect(() => toLondonDate(new Date('nonsense'))).toThrow(RangeError);
  });
});
