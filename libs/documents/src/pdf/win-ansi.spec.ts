import { describe, expect, it } from 'vitest';
import { isWinAnsi, toWinAnsi } from './win-ansi';

describe('toWinAnsi', () => {
  it('keeps ASCII, Latin-1 and the WinAnsi punctuation as they are', () => {
    const text = 'Gwenllïan paid £150.00 – “in full” … café, naïve, Müller, €5 ‘ok’';
    expect(toWinAnsi(text)).toEqual({ text, altered: 0 });
  });

  it('drops an accent WinAnsi lacks but keeps the letter (Welsh ŵ and ŷ, Polish ł)', () => {
    expect(toWinAnsi('Dŵr a thŷ yn Łódź')).toEqual({ text: 'Dwr a thy yn Lódz', altered: 4 });
    // Decomposed input (w + combining circumflex) is the same character to a reader.
    expect(toWinAnsi('Dw\u0302r')).toEqual({ text: 'Dwr', altered: 1 });
  });

  it('replaces each emoji as the reader sees it, skin tones and joined families included, by one ?', () => {
    expect(toWinAnsi('Thanks 👍🏽 from 👨‍👩‍👧 🏴󠁧󠁢󠁷󠁬󠁳󠁿')).toEqual({ text: 'Thanks ? from ? ?', altered: 3 });
  });

  it('replaces other scripts character by character', () => {
    expect(toWinAnsi('名前 Ω')).toEqual({ text: '?? ?', altered: 3 });
  });

  it('spells common symbols in WinAnsi and drops invisible characters', () => {
    expect(toWinAnsi('10\u202f000 − 5 → done\u200b')).toEqual({ text: '10 000 - 5 -> done', altered: 3 });
  });

  it('keeps line breaks, normalises CRLF and turns tabs into spaces', () => {
    expect(toWinAnsi('a\r\nb\tc\rd').text).toBe('a\nb c\nd');
  });

  it('never lets a character outside WinAnsi through', () => {
    const sample = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i + 0x20)).join('') + '😀🙂👍🏽';
    const { text } = toWinAnsi(sample);
    expect([...text].filter((c) => c !== '\n' && !isWinAnsi(c))).toEqual([]);
  });
});
