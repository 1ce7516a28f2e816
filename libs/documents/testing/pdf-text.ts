/**
 * The text of each page as a PDF reader sees it (Mozilla's pdf.js, pdfjs-dist's legacy build for
 * Node): proves the file parses and what it says, whatever pdfkit does with kerning, subset
 * fonts and hex strings inside. The one way every test reads a PDF back.
 */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  // pdfjs-dist ships ESM only; a dynamic import keeps this CommonJS-compiled helper loading it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(lines(content.items));
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

interface TextRun {
  str: string;
  hasEOL: boolean;
  transform: number[];
}

/** The runs of a page as lines: a run that starts lower (or higher) than the one before begins a new line. */
function lines(items: readonly object[]): string {
  let text = '';
  let y: number | undefined;
  for (const item of items) {
    if (!('str' in item)) continue;
    const run = item as TextRun;
    const top = run.transform[5];
    if (y !== undefined && top !== undefined && Math.abs(top - y) > 1 && !text.endsWith('\n')) text += '\n';
    text += run.str + (run.hasEOL ? '\n' : '');
    y = top;
  }
  return text;
}

/** All pages' text, with runs of whitespace (line breaks included) collapsed to one space. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
}
