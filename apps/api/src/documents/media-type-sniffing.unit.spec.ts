import { describe, expect, it } from 'vitest';
import { declaredMediaType, detectMediaType } from './media-type-sniffing';

const CFB_HEADER = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);

describe('what a document is, from its content', () => {
  it('reads magic numbers, whatever is declared', async () => {
    expect(await detectMediaType(PNG, undefined)).toBe('image/png');
    expect(await detectMediaType(PNG, 'application/pdf')).toBe('image/png');
    expect(await detectMediaType(Buffer.from('%PDF-1.7\n'), undefined)).toBe('application/pdf');
  });

  it('takes UTF-8 text without NUL bytes as plain text, and nothing else', async () => {
    expect(
      await detectMediaType(Buffer.from('Tenant called: the leak is back — 3 times this week.\n'), undefined),
    ).toBe('text/plain');
    expect(await detectMediaType(Buffer.from([0x41, 0x00, 0x42]), undefined)).toBeNull();
    expect(await detectMediaType(Buffer.from([0xc3, 0x28]), undefined)).toBeNull();
  });

  it('names a legacy Office file by the Word or Excel type declared for it, and leaves it CFB otherwise', async () => {
    expect(await detectMediaType(CFB_HEADER, 'application/msword')).toBe('application/msword');
    expect(await detectMediaType(CFB_HEADER, 'application/vnd.ms-excel')).toBe('application/vnd.ms-excel');
    expect(await detectMediaType(CFB_HEADER, 'image/png')).toBe('application/x-cfb');
    expect(await detectMediaType(CFB_HEADER, undefined)).toBe('application/x-cfb');
  });

  it('reads a declared Content-Type bare and lower case; octet-stream claims nothing', () => {
    expect(declaredMediaType('Image/JPG; name="x.jpg"')).toBe('image/jpeg');
    expect(declaredMediaType('application/octet-stream')).toBeUndefined();
    expect(declaredMediaType(undefined)).toBeUndefined();
  });
});
