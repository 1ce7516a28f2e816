import { REDACTED } from './markers';

/**
 * Contact details anyone might type, whoever they belong to: email addresses, UK phone numbers
 * and UK postcodes. Each pattern starts and ends at a word edge, so it never cuts into a word
 * or a longer number.
 */
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';

export const EMAIL = new RegExp(
  `${EDGE_BEFORE}[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}${EDGE_AFTER}`,
  'gu',
);

/**
 * A UK number: national (0 and 9 or 10 more digits) or international (+44, optionally "(0)",
 * and 9 or 10 digits), with single spaces, dashes or dots between digits and the area code
 * optionally in brackets: "0113 496 0000", "(0113) 496-0000", "07700 900123", "+44 7700 900123",
 * "+44 (0)20 7946 0000". Dates, amounts and references have too few digits after a 0 to match,
 * and a run that starts or ends inside a dashed, dotted or slashed number ("2026-03-18 2026-03-18")
 * is not one.
 */
export const UK_PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}]|\\p{N}[./-])(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|\\(?0)\\d(?:(?:[ .-]|\\) ?)?\\d){8,9}(?!\\p{N}|[./-]\\p{N})`,
  'gu',
);

/**
 * A UK postcode, outward and inward code with or without the space, in any case ("M5 2JH",
 * "sw1a 1aa", "LS62AB"). The letter classes are the Royal Mail's (no Q, V, X first; no C, I, K,
 * M, O, V in the inward code), which keeps most words out.
 */
export const UK_POSTCODE = new RegExp(
  `${EDGE_BEFORE}(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})${EDGE_AFTER}`,
  'giu',
);

/** "A1 1st", "CH01 2nd": a lower-case ordinal after a code is ordinary text, not an inward code. */
const ORDINAL = /\d(?:st|nd|rd|th)$/;

/** The text with every email address, UK phone number and UK postcode replaced by REDACTED. */
export function redactGenericPatterns(text: string): string {
  return text
    .replace(EMAIL, REDACTED)
    .replace(UK_PHONE, REDACTED)
    .replace(UK_POSTCODE, (match) => (ORDINAL.test(match) ? match : REDACTED));
}
