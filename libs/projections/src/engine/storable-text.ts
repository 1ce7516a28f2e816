/** U+0000, and a UTF-16 surrogate without its partner: neither has a UTF-8 form PostgreSQL text or jsonb can hold. */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** U+FFFD REPLACEMENT CHARACTER: Unicode's own stand-in for a character that cannot be represented. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The text as a read model can hold it: each U+0000 and each lone surrogate becomes U+FFFD,
 * everything else unchanged. The event in the store keeps the original (the source of truth);
 * the read models are copies, and a copy that shows "Mould � again" beats one that stops the
 * projection for every reader (libs/projections/README.md, "Text the database cannot hold").
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, REPLACEMENT_CHARACTER);
}

/** JSON.stringify with every string value made storable: what read-model rows travel to SQL as (keys are the code's own names). */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? storableText(item) : item));
}
