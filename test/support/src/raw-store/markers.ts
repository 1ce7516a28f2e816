import { randomBytes } from 'node:crypto';

/**
 * Markers for "nothing personal in clear" tests: short, unique tokens of letters and digits
 * (nothing JSON, SQL or base64 would escape or split), put into the personal fields a test writes
 * and then looked for byte for byte in the raw files of the store.
 */
export const MARKER_PATTERN = /zq[0-9a-f]{12}/g;

/** A fresh marker (zq + 12 hex digits): no other test, run or word contains it. */
export function newMarker(): string {
  return `zq${randomBytes(6).toString('hex')}`;
}

/** Digits only, for fields such as phone numbers that read as one: 07 + 9 random digits. */
export function newDigitMarker(): string {
  const digits = [...randomBytes(9)].map((b) => String(b % 10)).join('');
  return `07${digits}`;
}

/** Where one marker was found in clear. */
export interface Finding {
  marker: string;
  /** The file, relation (and page) or WAL segment, and what kind of read found it. */
  where: string;
  offset: number;
}

/** Every occurrence of each marker (as UTF-8 bytes) in `bytes`, reported at `where`. */
export function findMarkers(bytes: Uint8Array, markers: readonly string[], where: string): Finding[] {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const findings: Finding[] = [];
  for (const marker of markers) {
    const needle = Buffer.from(marker, 'utf8');
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1))
      findings.push({ marker, where, offset: at });
  }
  return findings;
}

/** The markers among the findings (what a test asserts on: found, or not found). */
export function markersFound(findings: readonly Finding[]): Set<string> {
  return new Set(findings.map((f) => f.marker));
}
