import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The stored form of a wrapped subject key, self-describing so that anyone (an auditor's scan of
 * raw database files included) can recognise every copy and tell which KEK it needs:
 *
 *   "CSKW1" (5 bytes) | KEK id (16 bytes) | IV (12 bytes) | AES-256-GCM ciphertext (32 bytes) | tag (16 bytes)
 *
 * 81 bytes in all. The additional authenticated data is the magic, the KEK id and the data
 * subject id, so a wrapped key moved to another subject's row, or relabelled with another KEK
 * id, fails to unwrap.
 */
export const WRAPPED_KEY_MAGIC = Buffer.from('CSKW1', 'ascii');
export const KEK_ID_BYTES = 16;
export const KEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SUBJECT_KEY_BYTES = 32;
export const WRAPPED_KEY_BYTES = WRAPPED_KEY_MAGIC.length + KEK_ID_BYTES + IV_BYTES + SUBJECT_KEY_BYTES + TAG_BYTES;

/** A new KEK id: 16 random bytes, written as 32 lowercase hex digits (also its file name). */
export function newKekId(): string {
  return randomBytes(KEK_ID_BYTES).toString('hex');
}

export function isKekId(text: string): boolean {
  return /^[0-9a-f]{32}$/.test(text);
}

/** The KEK id a wrapped key names, or undefined when the bytes are not a wrapped key. */
export function kekIdOfWrapped(wrapped: Buffer): string | undefined {
  if (wrapped.length !== WRAPPED_KEY_BYTES || !wrapped.subarray(0, WRAPPED_KEY_MAGIC.length).equals(WRAPPED_KEY_MAGIC))
    return undefined;
  return wrapped.subarray(WRAPPED_KEY_MAGIC.length, WRAPPED_KEY_MAGIC.length + KEK_ID_BYTES).toString('hex');
}

function aad(kekId: string, binding: string): Buffer {
  return Buffer.concat([WRAPPED_KEY_MAGIC, Buffer.from(kekId, 'hex'), Buffer.from(`subject-key:${binding}`, 'utf8')]);
}

export function wrapWithKek(kek: Buffer, kekId: string, plainKey: Buffer, binding: string): Buffer {
  if (plainKey.length !== SUBJECT_KEY_BYTES)
    throw new RangeError(`a subject key has ${SUBJECT_KEY_BYTES} bytes, got ${plainKey.length}`);
  if (!isKekId(kekId)) throw new RangeError(`not a KEK id: ${kekId}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(kekId, binding));
  const ct = Buffer.concat([cipher.update(plainKey), cipher.final()]);
  return Buffer.concat([WRAPPED_KEY_MAGIC, Buffer.from(kekId, 'hex'), iv, ct, cipher.getAuthTag()]);
}

/** Throws when the KEK, the binding or any byte differs from the wrapping. */
export function unwrapWithKek(kek: Buffer, wrapped: Buffer, binding: string): Buffer {
  const kekId = kekIdOfWrapped(wrapped);
  if (kekId === undefined) throw new Error('not a wrapped subject key (bad length or magic)');
  let at = WRAPPED_KEY_MAGIC.length + KEK_ID_BYTES;
  const iv = wrapped.subarray(at, (at += IV_BYTES));
  const ct = wrapped.subarray(at, (at += SUBJECT_KEY_BYTES));
  const tag = wrapped.subarray(at, at + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(kekId, binding));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}
