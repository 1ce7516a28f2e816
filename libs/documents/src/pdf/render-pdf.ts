import { createRequire } from 'node:module';
import type PDFDocumentClass from 'pdfkit';
import { PDF_FONT, pdfFonts } from './fonts';

// pdfkit (with fontkit) is loaded on the first PDF, not at start: most starts render none
// for a while, and it is one of the heaviest modules of the service (docs/operations.md, "Start-up").
const load = createRequire(__filename);
const pdfDocument = (): typeof PDFDocumentClass => load('pdfkit') as typeof PDFDocumentClass;

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  title: string;
  subject?: string;
  /** Written as the document's creation date; passing it (not the wall clock) keeps output reproducible. */
  createdAt: Date;
  /** Deflate the page content (the default). Tests may turn it off to look at the raw operators. */
  compress?: boolean;
}

export const A4_MARGIN = 56; // 2 cm

/**
 * Lays out a PDF with pdfkit and collects it into one buffer. Pages are buffered so that the
 * caller can go back and write running footers ("page 2 of 5") once the page count is known.
 * Text is set in the embedded DejaVu fonts (fonts.ts), registered under PDF_FONT's names, so any
 * text prints as recorded; nothing is read from the network. Layout is synchronous CPU work: a
 * long document's `draw` should be async and yield now and then (`setImmediate` of node:timers/promises), or one
 * large PDF holds every other request of the process until it is done.
 */
export function renderPdf(options: PdfOptions, draw: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
  const fonts = pdfFonts();
  const PDFDocument = pdfDocument();
  const doc = new PDFDocument({
    // The default font too, so no standard (WinAnsi-only) font is ever referenced. pdfkit
    // opens a buffer here as it does a path; its types only say string.
    font: fonts.get(PDF_FONT.regular) as unknown as string,
    size: 'A4',
    margin: A4_MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    pdfVersion: '1.4',
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: options.title,
      ...(options.subject ? { Subject: options.subject } : {}),
      Creator: 'complaints api',
      Producer: 'pdfkit',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  for (const [name, file] of fonts) doc.registerFont(name, file);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    Promise.resolve()
      .then(() => draw(doc))
      .then(
        () => doc.end(),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
  });
}

/**
 * Writes on every buffered page, once the page count is known ("page 2 of 5"): `write` gets the
 * page's index from 1, the count, and where the bottom margin was. The margin is lifted while it
 * writes, since writing below it would make pdfkit start a new page.
 */
export function writeOnEveryPage(doc: Pdf, write: (page: number, count: number, bottomMargin: number) => void): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    write(index - range.start + 1, range.count, bottom);
    doc.page.margins.bottom = bottom;
  }
}
