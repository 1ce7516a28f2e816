import { describe, expect, it } from 'vitest';
import { REPLACEMENT_CHARACTER, storableJson, storableText } from './storable-text';

describe('storableText', () => {
  it('replaces U+0000 and lone surrogates with U+FFFD, and keeps a surrogate pair (an emoji)', () => {
    expect(storableText('a\u0000b')).toBe(`a${REPLACEMENT_CHARACTER}b`);
    expect(storableText('lone \uD83D end')).toBe(`lone ${REPLACEMENT_CHARACTER} end`);
    expect(storableText('lone \uDE00 end')).toBe(`lone ${REPLACEMENT_CHARACTER} end`);
    expect(storableText('pair \uD83D\uDE00 ok')).toBe('pair \uD83D\uDE00 ok');
    expect(storableText('plain')).toBe('plain');
  });

  it('storableJson leaves no \\u0000 or lone-surrogate escape in the JSON, at any depth, and a literal backslash-u text stays', () => {
    const json = storableJson([{ a: 'x\u0000', nested: { list: ['\uD800', 'ok'] }, literal: '\\u0000' }]);
    expect(json).not.toMatch(/(?<!\\)\\u0000|\\ud800/i);
    expect(JSON.parse(json)).toEqual([
      { a: `x${REPLACEMENT_CHARACTER}`, nested: { list: [REPLACEMENT_CHARACTER, 'ok'] }, literal: '\\u0000' },
    ]);
  });
});
