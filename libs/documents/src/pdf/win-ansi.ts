/**
 * The PDF standard 14 fonts (Helvetica, Courier, …) are not embedded and can show only the
 * WinAnsi character set: Latin-1 plus typographic quotes, dashes, the euro and a few more.
 * pdfkit writes any other character as a malformed code (a Welsh ŵ becomes three hex digits,
 * an emoji two broken UTF-16 halves), so every string is brought into WinAnsi first, on purpose:
 * letters whose accent WinAnsi lacks lose it (ŵ → w, ŷ → y; â, é, ü are in WinAnsi and stay), a few symbols get their usual
 * ASCII spelling, and anything else (emoji, other scripts) becomes one '?' per character as the
 * reader sees it. The count of altered characters lets the document say so.
 */

/** Characters 0x80–0x9F of WinAnsi; the rest of WinAnsi is printable ASCII and Latin-1 0xA0–0xFF. */
const WIN_ANSI_HIGH_PUNCTUATION = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Common characters outside WinAnsi that have a conventional spelling inside it. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '–', // figure dash
  '\u2015': '—', // horizontal bar
  '\u2212': '-', // minus sign
  '\u2032': "'", // prime
  '\u2033': '"', // double prime
  '\u2009': ' ', // thin space
  '\u202f': ' ', // narrow no-break space (Intl puts it in some time formats)
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2713': 'v', // check mark
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

/** Invisible characters that carry no text of their own: dropped, not counted. */
const INVISIBLE = /^[\u200b-\u200d\u2060\ufeff]$/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export const REPLACEMENT = '?';

export function isWinAnsi(char: string): boolean {
  if (char.length !== 1) return false;
  const code = char.charCodeAt(0);
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_HIGH_PUNCTUATION.has(char);
}

export interface WinAnsiText {
  text: string;
  /** How many characters (as a reader counts them) were transliterated or replaced. */
  altered: number;
}

/** `text` in WinAnsi; line breaks are kept (as \n), tabs become spaces. */
export function toWinAnsi(text: string): WinAnsiText {
  let out = '';
  let altered = 0;
  for (const { segment } of graphemes.segment(text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' '))) {
    if (segment === '\n' || isWinAnsi(segment)) {
      out += segment;
      continue;
    }
    if (INVISIBLE.test(segment)) continue;
    altered += 1;
    const spelled = SPELLED_OUT[segment];
    if (spelled !== undefined) {
      out += spelled;
      continue;
    }
    // A letter with a diacritic WinAnsi lacks (ŵ, ŷ, ő, ț): the bare letter reads better than '?'.
    const bare = segment.normalize('NFD').replace(/\p{M}+/gu, '');
    out += bare !== '' && [...bare].every(isWinAnsi) ? bare : REPLACEMENT;
  }
  return { text: out, altered };
}
