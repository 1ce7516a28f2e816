/**
 * A form as data: the fields a step's page shows, rendered by `templates/pages/steps/form.njk`
 * with the GOV.UK macros, and read back from the flat `application/x-www-form-urlencoded` body.
 * Every field's name is also its element id, so an error summary links straight to it.
 */
export type FormValues = Readonly<Record<string, string | string[] | undefined>>;

export interface Choice {
  value: string;
  text: string;
}

export type FormField =
  | {
      kind: 'text' | 'textarea' | 'date' | 'number';
      name: string;
      label: string;
      hint?: string;
      value?: string;
      width?: string;
    }
  | { kind: 'radios' | 'select'; name: string; label: string; hint?: string; items: readonly Choice[]; value?: string }
  | { kind: 'checkbox'; name: string; label: string; hint?: string; checked?: boolean }
  | { kind: 'heading'; text: string; hint?: string; level?: 2 | 3 };

/** One problem with the form: the field it is about and what to do, as the error summary lists it. */
export interface FormError {
  field: string;
  message: string;
}

export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** A text field, or absent when left blank (optional fields of a command are left out, not sent empty). */
export function optionalText(values: FormValues, name: string): string | undefined {
  const text = textOf(values, name);
  return text === '' ? undefined : text;
}

/** One entry per line of a textarea, blank lines dropped (heads of complaint, outcomes sought). */
export function linesOf(values: FormValues, name: string): string[] {
  return textOf(values, name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export const isChecked = (values: FormValues, name: string) => textOf(values, name) === 'yes';

/** Choices from an enum's values, in plain words ("partially_upheld" → "Partially upheld"). */
export function choicesOf(values: readonly string[], words: Readonly<Record<string, string>> = {}): Choice[] {
  return values.map((value) => ({ value, text: words[value] ?? humaniseCode(value) }));
}

function humaniseCode(code: string): string {
  const spaced = code.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Pounds as people type them ("£50", "12.5") to whole pence, or undefined when it is not an amount. */
export function penceOf(text: string): number | undefined {
  const match = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export const isCalendarDate = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) &&
  !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
  new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

/**
 * When a step happened, from its optional date field: blank or today is now (a step is never in
 * the future); an earlier day is that day at noon UTC (within London's day in any season).
 */
export function instantOf(date: string, today: string, now: string): string | undefined {
  if (date === '' || date === today) return now;
  return isCalendarDate(date) ? `${date}T12:00:00.000Z` : undefined;
}

/** The contact channels' words where the vocabulary's own (phone, email, letter…) do not read well in a form. */
export const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  in_person: 'In person',
  web_form: 'Web form',
  text_message: 'Text message',
  social_media: 'Social media',
};
