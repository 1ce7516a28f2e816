import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      ['date', 'text'],
      [
        ['2026-03-04', 'Said "no", then left'],
        ['2026-03-05', '=HYPERLINK("http://x")'],
        ['2026-03-06', null],
      ],
    );
    expect(csv).toBe(
      'date,text\r\n2026-03-04,"Said ""no"", then left"\r\n2026-03-05,"\'=HYPERLINK(""http://x"")"\r\n2026-03-06,\r\n',
    );
  });
});
