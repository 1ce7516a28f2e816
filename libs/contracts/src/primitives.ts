import { z } from 'zod';

/*
 * Two kinds of primitive live here. The first (Instant, CalendarDate, Text, ShortText) describes
 * what the event log holds: events are validated with it when appended AND when read back, so it
 * must keep accepting whatever was ever recorded (any 4-digit year, text as it was typed).
 * The second (Input…, Query…, PathId, GlobalPosition) is the edge: what a request may bring in,
 * in a body, a query string or a path. It is narrower, so nothing outside the ranges below ever
 * reaches SQL, the calendar or the log. Commands and every controller parse with it.
 */

/** A moment in time, ISO-8601 with an explicit offset (`Z` or `+01:00`). */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** A calendar date in Europe/London, `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();
export type CalendarDate = z.infer<typeof CalendarDate>;

export const Text = (max = 4000) => z.string().trim().min(1).max(max);
export const ShortText = Text(200);

// ---------------------------------------------------------------------------------------------
// The edge: what a request may bring in.
// ---------------------------------------------------------------------------------------------

/** Dates and instants a request may name: a complaints service has no business outside these years. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;
export const YEAR_RANGE_MESSAGE = `must be in the years ${EARLIEST_YEAR} to ${LATEST_YEAR}`;

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/**
 * Why a string is not plain text, or undefined when it is. Plain text is well-formed Unicode
 * (no lone UTF-16 surrogate: PostgreSQL cannot store one, and no encoder can write it out) with
 * no control character (Unicode category Cc: C0, DEL and C1) other than TAB, LF and CR. NUL in
 * particular cannot be stored in PostgreSQL text or jsonb at all. Such characters are refused,
 * not silently removed: the caller learns which field and which character.
 */
export function notPlainTextBecause(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(value);
  if (control)
    return `must not contain control characters (found ${codePoint(control[0])} at position ${control.index})`;
  const lone = loneSurrogateAt(value);
  if (lone !== undefined)
    return `must be valid Unicode text (found a lone surrogate ${codePoint(value[lone] ?? '')} at position ${lone})`;
  return undefined;
}

/** Index (in UTF-16 code units, as the control-character position) of the first unpaired surrogate. */
function loneSurrogateAt(value: string): number | undefined {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = value.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return i;
  }
  return undefined;
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const plainText = (value: string, ctx: z.RefinementCtx) => {
  const reason = notPlainTextBecause(value);
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
};

/** Free text from a request: trimmed, 1 to `max` characters, plain text (see notPlainTextBecause). */
export const InputText = (max = 4000) => Text(max).superRefine(plainText);
export const InputShortText = InputText(200);

/** An instant from a request: ISO-8601 with an offset, in the years EARLIEST_YEAR to LATEST_YEAR. */
export const InputInstant = Instant.superRefine((value, ctx) => {
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return;
  // Both the year as written and the year in UTC: 2101-01-01T00:30+01:00 is out, whatever its offset.
  if (!isYearInRange(Number(value.slice(0, 4))) || !isYearInRange(moment.getUTCFullYear()))
    ctx.addIssue({ code: 'custom', message: YEAR_RANGE_MESSAGE });
});

/** A calendar date from a request: YYYY-MM-DD, a real date, in the years EARLIEST_YEAR to LATEST_YEAR. */
export const InputDate = CalendarDate.superRefine((value, ctx) => {
  if (/^\d{4}-/.test(value) && !isYearInRange(Number(value.slice(0, 4))))
    ctx.addIssue({ code: 'custom', message: YEAR_RANGE_MESSAGE });
});

/** An email address from a request (at most 320 characters, RFC 5321). */
export const InputEmail = z.email().max(320).superRefine(plainText);

/**
 * A whole number in a query string, `min` to `max` (never beyond Number.MAX_SAFE_INTEGER): digits
 * only, checked before conversion so "99999999999999999999" is refused rather than rounded.
 */
export function QueryInteger(min: number, max: number) {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max)
    throw new RangeError(`Not a safe integer range: ${min}..${max}`);
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { message, abort: true })
    .refine((digits) => digits.length <= String(max).length && Number(digits) >= min && Number(digits) <= max, message)
    .transform(Number);
}

/** A year in a query string or path: four digits, EARLIEST_YEAR to LATEST_YEAR. */
export const QueryYear = (hint = 'must be a year, YYYY') =>
  z
    .string()
    .regex(/^\d{4}$/, { message: hint, abort: true })
    .refine((digits) => isYearInRange(Number(digits)), YEAR_RANGE_MESSAGE)
    .transform(Number);

/** A month in a query string: YYYY-MM, in the years EARLIEST_YEAR to LATEST_YEAR. */
export const QueryMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month, YYYY-MM', abort: true })
  .refine((month) => isYearInRange(Number(month.slice(0, 4))), YEAR_RANGE_MESSAGE);

/** The largest global position: positions are PostgreSQL int8 (bigint) values. */
export const MAX_GLOBAL_POSITION = 9_223_372_036_854_775_807n;
export const GLOBAL_POSITION_MESSAGE = `must be a global position (a whole number from 0 to ${MAX_GLOBAL_POSITION}), as returned by a write`;

/** A position in the global log, from a query string or header: parsed as a bigint, never through a float. */
export const GlobalPosition = z
  .string()
  .regex(/^\d{1,19}$/, { message: GLOBAL_POSITION_MESSAGE, abort: true })
  .transform(BigInt)
  .refine((position) => position <= MAX_GLOBAL_POSITION, GLOBAL_POSITION_MESSAGE);

/**
 * An id the server issued, as it appears in a URL path (complaint ids, references): a letter or
 * digit, then up to 99 letters, digits, dots, underscores or hyphens. Anything else cannot name
 * anything this service made.
 */
export const PATH_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const PathId = z
  .string()
  .regex(PATH_ID, 'must be an id: letters, digits, ".", "_" or "-", at most 100 characters');

/**
 * A reference or id that another body or the caller issued and that the service keeps in clear as
 * an identifier (the Ombudsman's case reference, an order's id): it must look like one — a letter
 * or digit, then letters, digits, ".", "_", "/" or "-", no spaces — so it cannot carry a name or a
 * sentence past erasure (docs/domain.md, "Personal data").
 */
export const InputReference = z.preprocess(
  // Spaces around it are how people paste a reference, not part of it.
  (value) => (typeof value === 'string' ? value.trim() : value),
  z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/,
      'must be a reference: a letter or digit, then letters, digits, ".", "_", "/" or "-" (no spaces), at most 100 characters',
    ),
);

export const Stage = z.union([z.literal(1), z.literal(2)]);
export type Stage = z.infer<typeof Stage>;

export const Person = z.strictObject({ id: ShortText, name: ShortText });
export type Person = z.infer<typeof Person>;
/** A person named in a request (a handler): the edge form of Person. */
export const InputPerson = z.strictObject({ id: InputShortText, name: InputShortText });

/** Money is always whole pence: no floating point anywhere near compensation. */
export const Pence = z.number().int().nonnegative().max(100_000_000);

export const Roles = [
  'complaints_officer',
  'complaints_manager',
  'auditor',
  'scrutiny_panel',
  'integration',
  'admin',
] as const;
export const Role = z.enum(Roles);
export type Role = z.infer<typeof Role>;

export const Actor = z.strictObject({ id: ShortText, name: ShortText, role: z.union([Role, z.literal('system')]) });
export type Actor = z.infer<typeof Actor>;

export const Tenure = z.enum(['LCRA', 'LCHO']);
export type Tenure = z.infer<typeof Tenure>;

export const DecisionOutcome = z.enum(['upheld', 'partially_upheld', 'not_upheld']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const CompensationKind = z.enum(['loss', 'time_and_trouble', 'goodwill']);
export type CompensationKind = z.infer<typeof CompensationKind>;

export const RefusalGround = z.enum(['older_than_12_months', 'legal_proceedings', 'already_considered', 'other']);
export type RefusalGround = z.infer<typeof RefusalGround>;

export const ContactDirection = z.enum(['inbound', 'outbound']);

/**
 * How a complaint or a contact came or went: a fixed vocabulary (docs/domain.md, "Personal
 * data"), so the field reports on channels and can never carry a name or a sentence.
 */
export const ContactChannels = [
  'phone',
  'email',
  'letter',
  'in_person',
  'web_form',
  'text_message',
  'social_media',
  'other',
] as const;
export const ContactChannel = z.enum(ContactChannels);
export type ContactChannel = z.infer<typeof ContactChannel>;

/**
 * Why a complaint's personal data is erased: the code a report can count. Any words about it go
 * in the erasure's `reason`, which is personal (encrypted under the key it destroys).
 */
export const ErasureBasis = z.enum(['data_subject_request', 'retention_schedule', 'other']);
export type ErasureBasis = z.infer<typeof ErasureBasis>;

/** The TSM satisfaction scale (TP01-style five points). */
export const Satisfaction = z.enum([
  'very_satisfied',
  'fairly_satisfied',
  'neither',
  'fairly_dissatisfied',
  'very_dissatisfied',
]);
export type Satisfaction = z.infer<typeof Satisfaction>;

/** The Housing Ombudsman's determination findings, per element of a complaint. */
export const OmbudsmanFinding = z.enum([
  'no_maladministration',
  'service_failure',
  'maladministration',
  'severe_maladministration',
  'redress',
  'outside_jurisdiction',
]);
export type OmbudsmanFinding = z.infer<typeof OmbudsmanFinding>;
