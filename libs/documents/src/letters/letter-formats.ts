import { PDF_FONT, PDF_INK, PDF_MUTED } from '../pdf/fonts';
import { renderPdf, writeOnEveryPage } from '../pdf/render-pdf';
import type { LetterPresentation } from './letter-case';
import { letterTitle, type LetterBlock } from './letter-blocks';

/** Plain text for a screen reader or an email body: headings on their own lines, list items as "- ". */
export function letterText(blocks: readonly LetterBlock[]): string {
  return (
    blocks
      .map((block) => {
        switch (block.kind) {
          case 'title':
            return `${block.text}\n${'='.repeat(Math.min(block.text.length, 72))}`;
          case 'heading':
            return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 72))}`;
          case 'paragraph':
            return block.lines.join('\n');
          case 'list':
            return block.items.map((item) => `- ${item}`).join('\n');
        }
      })
      .join('\n\n') + '\n'
  );
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A printable page: the letter's own HTML, every value escaped, A4 print styles, large print when asked. */
export function letterHtml(blocks: readonly LetterBlock[], presentation: LetterPresentation): string {
  const size = presentation.largePrint ? 18 : 12;
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `<h1>${escapeHtml(block.text)}</h1>`;
        case 'heading':
          return `<h2>${escapeHtml(block.text)}</h2>`;
        case 'paragraph':
          return `<p>${block.lines.map(escapeHtml).join('<br>')}</p>`;
        case 'list':
          return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
      }
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(letterTitle(blocks))}</title>
<style>
  @page { size: A4; margin: 2cm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: ${size}pt; line-height: 1.45; color: #1a1a1a; max-width: 40em; margin: 2em auto; }
  h1 { font-size: 1.5em; margin: 1.2em 0 0.6em; }
  h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
  @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The PDF: A4, the embedded DejaVu fonts, 11pt (or 16pt and above in large print), page numbers. */
export function letterPdf(
  blocks: readonly LetterBlock[],
  presentation: LetterPresentation,
  options: { createdAt: Date; subject: string },
): Promise<Buffer> {
  const size = presentation.largePrint ? 16 : 11;
  return renderPdf({ title: letterTitle(blocks), subject: options.subject, createdAt: options.createdAt }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const write = (text: string, font: string, fontSize: number, gap: number, indent = 0) => {
      doc
        .font(font)
        .fontSize(fontSize)
        .fillColor(PDF_INK)
        .text(text, left + indent, doc.y, { width: width - indent, lineGap: fontSize * 0.25 });
      doc.y += gap;
    };
    for (const block of blocks) {
      switch (block.kind) {
        case 'title':
          doc.y += size * 0.6;
          write(block.text, PDF_FONT.bold, Math.round(size * 1.45), size * 0.6);
          break;
        case 'heading':
          doc.y += size * 0.3;
          write(block.text, PDF_FONT.bold, Math.round(size * 1.15), size * 0.25);
          break;
        case 'paragraph':
          write(block.lines.join('\n'), PDF_FONT.regular, size, size * 0.7);
          break;
        case 'list':
          for (const item of block.items) write(`•  ${item}`, PDF_FONT.regular, size, size * 0.2, size);
          doc.y += size * 0.5;
          break;
      }
    }
    writeOnEveryPage(doc, (page, count, bottom) => {
      // In large print even the page numbers are large.
      doc
        .font(PDF_FONT.regular)
        .fontSize(presentation.largePrint ? size : 9)
        .fillColor(PDF_MUTED)
        .text(`Page ${page} of ${count}`, left, doc.page.height - bottom + 16, {
          width,
          align: 'right',
          lineBreak: false,
        });
    });
  });
}
