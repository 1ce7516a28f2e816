/**
 * A small, dependency-free PDF writer for text documents (the Ombudsman chronology): A4 pages,
 * Helvetica and Helvetica-Bold, word-wrapped lines, page numbers. Only the standard 14 fonts are
 * used, so nothing is embedded; text is encoded in WinAnsi (Latin-1 plus typographic quotes,
 * dashes and the euro), and any character outside it is replaced by '?' rather than dropped.
 */
export interface PdfLine {
  text: string;
  style?: 'title' | 'heading' | 'body' | 'note';
  /** Extra space before this line, in points. */
  spaceBefore?: number;
}

export interface PdfDocument {
  title: string;
  lines: readonly PdfLine[];
  /** Printed at the foot of every page, before the page number. */
  footer?: string;
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const STYLES = {
  title: { font: 'F2', size: 16, leading: 22 },
  heading: { font: 'F2', size: 11, leading: 15 },
  body: { font: 'F1', size: 10, leading: 13 },
  note: { font: 'F1', size: 9, leading: 12 },
} as const;

// Average Helvetica glyph width is about half the font size; wrap conservatively on that.
const charsPerLine = (size: number) => Math.floor((PAGE_WIDTH - 2 * MARGIN) / (size * 0.5));

const WIN_ANSI_EXTRAS: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/** A PDF string literal in WinAnsi, with the three special characters and non-ASCII bytes escaped. */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    const byte = WIN_ANSI_EXTRAS[char] ?? (code >= 0x20 && code <= 0xff && !(code >= 0x7f && code < 0xa0) ? code : 0x3f);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x80) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      // A word longer than a line is cut, so a long URL or id cannot run off the page.
      for (let piece = word; piece.length > 0; piece = piece.slice(width)) {
        const chunk = piece.slice(0, width);
        if (current === '') current = chunk;
        else if (current.length + 1 + chunk.length <= width) current += ` ${chunk}`;
        else {
          lines.push(current);
          current = chunk;
        }
      }
    }
    lines.push(current);
  }
  return lines;
}

interface PlacedLine {
  font: string;
  size: number;
  y: number;
  text: string;
}

function layout(document: PdfDocument): PlacedLine[][] {
  let page: PlacedLine[] = [];
  const pages: PlacedLine[][] = [page];
  let y = PAGE_HEIGHT - MARGIN;
  const bottom = MARGIN + 24; // room for the footer
  for (const line of document.lines) {
    const style = STYLES[line.style ?? 'body'];
    y -= line.spaceBefore ?? 0;
    for (const text of wrap(line.text, charsPerLine(style.size))) {
      if (y - style.leading < bottom) {
        page = [];
        pages.push(page);
        y = PAGE_HEIGHT - MARGIN;
      }
      y -= style.leading;
      page.push({ font: style.font, size: style.size, y, text });
    }
  }
  return pages;
}

export function renderTextPdf(document: PdfDocument): Buffer {
  const pages = layout(document);
  const objects: string[] = [];
  /** Appends an object and returns its number (numbers start at 1). */
  const add = (body: string): number => objects.push(body);

  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, filled in once the page objects are numbered
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  add(`<< /Title ${pdfString(document.title)} /Producer (complaints api) >>`);

  const pageRefs: string[] = [];
  pages.forEach((lines, index) => {
    const footer = `${document.footer ? `${document.footer} - ` : ''}page ${index + 1} of ${pages.length}`;
    const content = [
      ...lines.map((l) => `BT /${l.font} ${l.size} Tf ${MARGIN} ${l.y.toFixed(2)} Td ${pdfString(l.text)} Tj ET`),
      `BT /F1 8 Tf ${MARGIN} ${(MARGIN - 8).toFixed(2)} Td ${pdfString(footer)} Tj ET`,
    ].join('\n');
    const contentNumber = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    const pageNumber = add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentNumber} 0 R >>`,
    );
    pageRefs.push(`${pageNumber} 0 R`);
  });
  objects[1] = `<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${pageRefs.length} >>`;

  // Offsets in the cross-reference table are byte positions, hence latin1 (one byte per char).
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
