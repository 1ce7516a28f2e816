import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * One personal value as stored: AES-256-GCM ciphertext of its JSON, with a fresh 12-byte IV.
 * The small tagged object keeps the stored event plain JSON (so JSONB, EventStoreDB and the
 * hash chain need no special case) while making an encrypted value unmistakable.
 */
export interface EncryptedField {
  $enc: 1;
  iv: string;
  tag: string;
  ct: string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function isEncryptedField(value: unknown): value is EncryptedField {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    record['$enc'] === 1 &&
    typeof record['iv'] === 'string' &&
    typeof record['tag'] === 'string' &&
    typeof record['ct'] === 'string' &&
    Object.keys(record).length === 4
  );
}

/**
 * The additional authenticated data: where this ciphertext belongs. GCM refuses to decrypt
 * under any other AAD, so a ciphertext copied into another event, another field, or another
 * element of the same array is detected instead of silently showing someone else's words.
 */
export function fieldBinding(eventId: string, path: string, occurrence: number): Buffer {
  return Buffer.from(JSON.stringify([eventId, path, occurrence]), 'utf8');
}

export function encryptField(key: Buffer, value: unknown, binding: Buffer): EncryptedField {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(binding);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value) ?? 'null', 'utf8'), cipher.final()]);
  return { $enc: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** Throws when the ciphertext, IV, tag or binding was changed, or the key is not the one used. */
export function decryptField(key: Buffer, field: EncryptedField, binding: Buffer): unknown {
  const iv = Buffer.from(field.iv, 'base64');
  const tag = Buffer.from(field.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed IV or authentication tag');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(binding);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}
