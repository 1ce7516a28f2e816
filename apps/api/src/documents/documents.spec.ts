import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { pdfString, renderTextPdf, wrap } from './text-pdf';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = toCsv(['date', 'text'], [
      ['2026-03-04', 'Said "no", then left'],
      ['2026-03-05', '=HYPERLINK("http://x")'],
      ['2026-03-06', null],
    ]);
    expect(csv).toBe('date,text\r\n2026-03-04,"Said ""no"", then left"\r\n2026-03-05,"\'=HYPERLINK(""http://x"")"\r\n2026-03-06,\r\n');
  });
});

describe('renderTextPdf', () => {
  it('writes a PDF whose cross-reference offsets point at its objects', () => {
    const pdf = renderTextPdf({ title: 'Chronology', lines: [{ text: 'Hello (world)', style: 'title' }, { text: 'Body' }] }).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, index) => expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true));
    expect(pdf).toContain('(Hello \\(world\\)) Tj');
  });

  it('breaks long documents into numbered pages', () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({ text: `Line ${i}` }));
    const pdf = renderTextPdf({ title: 'Long', lines }).toString('latin1');
    const count = Number(/\/Count (\d+)/.exec(pdf)![1]);
    expect(count).toBeGreaterThan(2);
    expect(pdf).toContain(`(page ${count} of ${count}) Tj`);
  });

  it('encodes pounds and typographic quotes in WinAnsi, and replaces what it cannot encode', () => {
    expect(pdfString('£5 ’ok’ ✓')).toBe('(\\2435 \\222ok\\222 ?)');
  });

  it('wraps on words and cuts words longer than a line', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
