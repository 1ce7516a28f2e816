import { instantOf, textOf, type FormError, type FormField, type FormValues } from './form-fields';

/** Building blocks of the step forms (step-forms.ts, casework-forms.ts): a date field and reading it, a required text. */
export interface DateContext {
  today: string;
  now: string;
}

export const dateField = (name: string, label: string, values: FormValues): FormField => ({
  kind: 'date',
  name,
  label,
  hint: 'Leave as today unless it happened on an earlier day.',
  value: values[name] === undefined ? undefined : textOf(values, name),
  width: 'govuk-input--width-10',
});

export const valueOf = (values: FormValues, name: string, fallback = '') =>
  values[name] === undefined ? fallback : textOf(values, name);

/** Reads the date field into the body's `at` field, or an error. */
export function readDate(
  values: FormValues,
  name: string,
  at: string,
  context: DateContext,
  body: Record<string, unknown>,
  errors: FormError[],
): void {
  const instant = instantOf(textOf(values, name), context.today, context.now);
  if (instant === undefined) errors.push({ field: name, message: 'Enter a real date, for example 2026-03-31' });
  else body[at] = instant;
}

export function required(values: FormValues, name: string, message: string, errors: FormError[]): string {
  const text = textOf(values, name);
  if (text === '') errors.push({ field: name, message });
  return text;
}
