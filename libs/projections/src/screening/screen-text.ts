import { redactGenericPatterns } from './generic-patterns';
import { REDACTED } from './markers';
import type { PersonalTerms } from './personal-terms';

/**
 * Staff free text as a scrutiny panel may read it (README, "What scrutiny panels see"): the
 * complaint's own names, emails, phones and addresses, and any email address, UK phone number or
 * UK postcode, each replaced by REDACTED. Case-insensitive, on word edges, so "Repairs team",
 * dates and amounts pass unchanged. It cannot know a name nobody recorded on the complaint (a
 * neighbour, a contractor): that stays the writer's care.
 */
export function screenText(text: string, terms: PersonalTerms): string {
  // Generic patterns first: an email address must still look like one when they run.
  const generic = redactGenericPatterns(text);
  const own = ownTermsPattern(terms);
  return own ? generic.replace(own, REDACTED) : generic;
}

/** The same for an optional field. */
export function screenOptional(text: string | null, terms: PersonalTerms): string | null {
  return text === null ? null : screenText(text, terms);
}

const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';
/** A courtesy title before a name goes with it: "Mr Bob Tenant" becomes one REDACTED. */
const TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lady', 'lord', 'rev', 'revd'];
const TITLE = `(?:${TITLES.join('|')})\\.?\\s+`;
/**
 * A part of a name shorter than this is redacted only after a title or within the full name:
 * alone, "Al" or "Jo" would take too many ordinary words with it. Three letters and up stand
 * alone ("Bob", "Tenant"), at the cost of sometimes redacting a word that is also a name.
 */
const MIN_PART = 3;
const MIN_ADDRESS_PART = 3;

/** One regular expression for all of the complaint's own terms, longest first; undefined when there are none. */
function ownTermsPattern(terms: PersonalTerms): RegExp | undefined {
  const names = terms.names.flatMap(nameVariants);
  const long = unique([
    ...names.filter((n) => n.length >= MIN_PART),
    ...terms.emails,
    ...terms.addresses.flatMap(addressVariants),
  ]);
  const short = unique(names.filter((n) => n.length < MIN_PART));
  const phones = unique(terms.phones.map(phonePattern).filter((p): p is string => p !== undefined));
  const alternatives = [
    ...(long.length + short.length > 0 ? [`${TITLE}(?:${alternation([...long, ...short])})`] : []),
    ...(long.length > 0 ? [alternation(long)] : []),
  ];
  const parts = [
    ...(alternatives.length > 0 ? [`${EDGE_BEFORE}(?:${alternatives.join('|')})${EDGE_AFTER}`] : []),
    ...phones.map((p) => `(?<!\\p{N})${p}(?!\\p{N})`),
  ];
  return parts.length === 0 ? undefined : new RegExp(parts.join('|'), 'giu');
}

/** The full name, without its title, and each part (hyphenated parts also whole). */
function nameVariants(name: string): string[] {
  const words = name.split(/\s+/).filter((w) => w !== '');
  while (words.length > 1 && TITLES.includes((words[0] ?? '').replace(/\.$/, '').toLowerCase())) words.shift();
  const parts = words.flatMap((w) => [w, ...(w.includes('-') ? w.split('-') : [])]);
  return [name, words.join(' '), ...parts]
    .map((v) => v.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((v) => /\p{L}/u.test(v));
}

/**
 * The address whole and the parts that identify it: the first part with letters (the house and
 * street, "4 Acacia Road"), any part with a number in it, and the street without its number
 * ("Acacia Road"). A town alone ("Leeds") is not screened: it names no one.
 */
function addressVariants(address: string): string[] {
  const parts = address
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter((p) => /\p{L}/u.test(p));
  const identifying = parts.filter((p, i) => i === 0 || /\d/.test(p));
  const streets = identifying.flatMap((p) => {
    const street = /^(?:(?:flat|apartment|apt|unit)\s+)?\d+[a-z]?\s+(.*\p{L}.*)$/iu.exec(p)?.[1];
    return street === undefined ? [] : [street];
  });
  return [address, ...identifying, ...streets].filter((p) => p.length >= MIN_ADDRESS_PART);
}

/**
 * The phone's digits with any of the separators people type between them, and a leading 0 also
 * as +44 (or the other way round): "07700 900123" matches "07700-900-123" and "+44 7700 900123".
 */
function phonePattern(phone: string): string | undefined {
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('44') && phone.trim().startsWith('+')) digits = `0${digits.slice(2)}`;
  if (digits.length < 6) return undefined;
  const gap = '[\\s().-]*';
  if (!digits.startsWith('0')) return digits.split('').join(gap);
  return `(?:\\+${gap}44${gap}(?:\\(0\\)${gap})?|\\(?0${gap})${digits.slice(1).split('').join(gap)}`;
}

/** Terms as alternatives, longest first (so a full name wins over its parts), matched literally. */
function alternation(terms: readonly string[]): string {
  return [...terms]
    .sort((a, b) => b.length - a.length)
    .map(literal)
    .join('|');
}

/** A term as a pattern: its characters literally, any run of spaces or commas as any such run, either apostrophe. */
function literal(term: string): string {
  return term
    .split(/[\s,]+/)
    .filter((word) => word !== '')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/['’]/g, "['’]"))
    .join('[\\s,]+');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}
