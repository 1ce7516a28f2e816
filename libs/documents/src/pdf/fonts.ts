import { readFileSync } from 'node:fs';

/**
 * The fonts every PDF embeds: DejaVu Sans (and its mono face for hashes), from the
 * dejavu-fonts-ttf package. An embedded Unicode font prints names exactly as recorded — Siân,
 * Ŵyn, Łódź — where the PDF standard fonts could show only WinAnsi (docs/letters.md, "Fonts").
 * pdfkit embeds only the glyphs a document uses, so a letter stays small.
 */
export const PDF_FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', mono: 'DejaVuSansMono' } as const;
export type PdfFontName = (typeof PDF_FONT)[keyof typeof PDF_FONT];

const FILES: Readonly<Record<PdfFontName, string>> = {
  DejaVuSans: 'DejaVuSans.ttf',
  'DejaVuSans-Bold': 'DejaVuSans-Bold.ttf',
  DejaVuSansMono: 'DejaVuSansMono.ttf',
};

let loaded: ReadonlyMap<PdfFontName, Buffer> | undefined;

/** The font files, read once per process (a few hundred kilobytes each). */
export function pdfFonts(): ReadonlyMap<PdfFontName, Buffer> {
  loaded ??= new Map(
    (Object.entries(FILES) as [PdfFontName, string][]).map(([name, file]) => [
      name,
      readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
    ]),
  );
  return loaded;
}

/** Near-black text, as on the pages. */
export const PDF_INK = '#1a1a1a';
/** Secondary text: page numbers, running footers, captions. */
export const PDF_MUTED = '#555555';
