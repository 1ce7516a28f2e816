import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text of each page as a PDF reader sees it (Mozilla's pdf.js, through unpdf): proves the
 * file parses and what it says, whatever pdfkit does with kerning and hex strings inside.
 */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { text } = await extractText(document, { mergePages: false });
    return text;
  } finally {
    await document.destroy();
  }
}

/** All pages' text, with runs of whitespace (line breaks included) collapsed to one space. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
}
