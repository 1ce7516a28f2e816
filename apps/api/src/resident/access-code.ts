import { createHmac, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read out on the phone cannot be misheard as another. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARACTERS = 10;

/**
 * The resident's access code for a complaint: the first 50 bits of HMAC-SHA256(secret,
 * complaint id) as 10 Crockford base32 characters in two groups of five ("7KQ2M-XD4PA"). Derived,
 * never stored: whoever holds the secret can recompute it, nobody else can guess it (2^50 tries).
 */
export function accessCode(secret: string, complaintId: string): string {
  const digest = createHmac('sha256', secret).update(complaintId, 'utf8').digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n; // 56 bits read, 50 kept
  let code = '';
  for (let i = CODE_CHARACTERS - 1; i >= 0; i--) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The code as typed by a resident, in canonical form: case, spaces and hyphens ignored, and the
 * letters Crockford base32 reads as digits (I and L as 1, O as 0) mapped to them. Null when it
 * cannot be a code at all.
 */
export function normaliseAccessCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== CODE_CHARACTERS || [...cleaned].some((c) => !CROCKFORD.includes(c))) return null;
  return `${cleaned.slice(0, 5)}-${cleaned.slice(5)}`;
}

/** Compare in constant time, so response timing tells an attacker nothing about how close a guess was. */
export function accessCodesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  if (a.length !== b.length) {
    // Not a code at all: still spend one comparison, so it answers no faster than a wrong code.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
