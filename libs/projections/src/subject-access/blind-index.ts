import { createHmac } from 'node:crypto';
import { ERASED, type ComplaintReceived } from '@complaints/contracts';

/**
 * The key of the subject-access blind index (docs/data-protection.md, "Subject access"): 32
 * bytes from KEYS_DIR, never in the database. With it, a normalised email or phone becomes a
 * term the index can match; without it, a term is 32 pseudorandom bytes that confirm nothing.
 */
export interface BlindIndexKey {
  readonly secret: Buffer;
  /** Names the key without revealing it: the index's version, so a new key rebuilds the index. */
  readonly fingerprint: string;
}

export const BLIND_INDEX_KEY_BYTES = 32;

export function blindIndexKey(secret: Buffer): BlindIndexKey {
  if (secret.length !== BLIND_INDEX_KEY_BYTES)
    throw new RangeError(`A blind index key is ${BLIND_INDEX_KEY_BYTES} bytes, not ${secret.length}`);
  return {
    secret,
    fingerprint: createHmac('sha256', secret).update('complaints/subject-index/fingerprint').digest('hex').slice(0, 16),
  };
}

export type SubjectTermKind = 'email' | 'phone';

/** Email addresses match ignoring case and surrounding space; nothing else is folded (two people may share a provider's dotted forms). */
export function normaliseEmail(email: string): string | null {
  const normal = email.normalize('NFC').trim().toLowerCase();
  return normal.includes('@') ? normal : null;
}

/**
 * UK phone numbers match whatever the spacing and punctuation, and in the national or
 * international form: "+44 (0)161 496 0000", "0044 161 496 0000" and "0161-496-0000" are one
 * number. Fewer than 7 digits is no number to match on.
 */
export function normalisePhone(phone: string): string | null {
  let digits = phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  digits = digits.startsWith('+') ? `+${digits.slice(1).replace(/\+/g, '')}` : digits.replace(/\+/g, '');
  return digits.replace(/\D/g, '').length >= 7 ? digits : null;
}

/** HMAC-SHA256 of the kind and the normalised value, hex; null when the value normalises to nothing. */
export function blindTerm(key: BlindIndexKey, kind: SubjectTermKind, value: string): string | null {
  const normal = kind === 'email' ? normaliseEmail(value) : normalisePhone(value);
  if (normal === null) return null;
  return createHmac('sha256', key.secret).update(`${kind}:${normal}`).digest('hex');
}

/**
 * The terms a complaint is found by: its complainant's email and phone (the data subject). A
 * representative's details are not indexed: their request would disclose the resident's data
 * (art. 15(4)). Nothing once erased (the complainant then reads as ERASED).
 */
export function subjectTermsOf(key: BlindIndexKey, received: ComplaintReceived): string[] {
  const complainant: unknown = received.complainant;
  if (complainant === ERASED || typeof complainant !== 'object' || complainant === null) return [];
  const { email, phone } = complainant as { email?: unknown; phone?: unknown };
  const terms = [
    typeof email === 'string' && email !== ERASED ? blindTerm(key, 'email', email) : null,
    typeof phone === 'string' && phone !== ERASED ? blindTerm(key, 'phone', phone) : null,
  ];
  return [...new Set(terms.filter((t): t is string => t !== null))];
}
