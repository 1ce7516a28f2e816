import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type * as FileType from 'file-type';

// file-type (and its tokenizer) is loaded on the first upload, not at start (docs/operations.md, "Start-up").
const load = createRequire(__filename);
const fileType = (): typeof FileType => load('file-type') as typeof FileType;

/** Legacy Office files are all one container (Compound File Binary): the content says CFB, not Word or Excel. */
const CFB = 'application/x-cfb';
const CFB_OFFICE_TYPES = new Set(['application/msword', 'application/vnd.ms-excel']);

/** Names browsers and phones use for types the allowed list names once. */
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  // HEIF stills with the generic brand (mif1) are what phones call HEIC.
  'image/heif': 'image/heic',
};

/** A Content-Type as a bare, lower-case media type; undefined when it claims nothing (absent, or octet-stream). */
export function declaredMediaType(header: string | undefined): string | undefined {
  const bare = header?.split(';')[0]?.trim().toLowerCase();
  if (!bare || bare === 'application/octet-stream') return undefined;
  return ALIASES[bare] ?? bare;
}

/**
 * What the bytes are, from their content (magic numbers, the inside of ZIP and CFB containers),
 * never from a name: file-type for binary formats; text with no NUL byte that is valid UTF-8 is
 * plain text. A legacy Office file is reported as the Word or Excel type declared for it, the one
 * thing its container cannot tell; undeclared, it stays CFB (not an allowed type).
 */
export async function detectMediaType(bytes: Buffer, declared: string | undefined): Promise<string | null> {
  const found = await fileType().fromBuffer(bytes);
  if (found) {
    const mime = ALIASES[found.mime] ?? found.mime;
    if (mime === CFB && declared !== undefined && CFB_OFFICE_TYPES.has(declared)) return declared;
    return mime;
  }
  if (bytes.length > 0 && !bytes.includes(0) && isUtf8(bytes)) return 'text/plain';
  return null;
}
