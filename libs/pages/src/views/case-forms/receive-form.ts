import { ContactChannels } from '@complaints/contracts';
import {
  choicesOf,
  instantOf,
  isCalendarDate,
  optionalText,
  textOf,
  type FormError,
  type FormField,
  type FormValues,
  CHANNEL_WORDS,
} from './form-fields';
import { withDateToday, withErrors, type FormPageContext } from './step-page';

const v = (values: FormValues, name: string, fallback = '') =>
  values[name] === undefined ? fallback : textOf(values, name);

/** The complaint as received: who, how, about what. A representative is recorded through the API. */
export function receiveFields(values: FormValues, serviceAreas: readonly string[] = []): FormField[] {
  return [
    { kind: 'heading', text: 'The resident' },
    { kind: 'text', name: 'name', label: 'Full name', value: v(values, 'name') },
    { kind: 'text', name: 'email', label: 'Email address', hint: 'Optional.', value: v(values, 'email') },
    {
      kind: 'text',
      name: 'phone',
      label: 'Phone number',
      hint: 'Optional.',
      value: v(values, 'phone'),
      width: 'govuk-input--width-20',
    },
    { kind: 'textarea', name: 'address', label: 'Address', hint: 'Optional.', value: v(values, 'address') },
    {
      kind: 'text',
      name: 'preferredContact',
      label: 'How they prefer to be contacted',
      hint: 'Optional.',
      value: v(values, 'preferredContact'),
    },
    {
      kind: 'textarea',
      name: 'reasonableAdjustments',
      label: 'Reasonable adjustments they need',
      hint: 'Optional: for example large print, or calls only in the afternoon.',
      value: v(values, 'reasonableAdjustments'),
    },
    { kind: 'heading', text: 'The complaint' },
    {
      kind: 'select',
      name: 'channel',
      label: 'How the complaint was made',
      items: choicesOf(ContactChannels, CHANNEL_WORDS),
      value: v(values, 'channel', 'phone'),
    },
    {
      kind: 'text',
      name: 'serviceArea',
      label: 'Service area',
      hint: serviceAreas.length
        ? `For example ${serviceAreas.slice(0, 3).join(', ')}.`
        : 'For example repairs, anti-social behaviour or rents.',
      value: v(values, 'serviceArea'),
    },
    { kind: 'text', name: 'category', label: 'Category', hint: 'Optional.', value: v(values, 'category') },
    {
      kind: 'textarea',
      name: 'description',
      label: 'What the complaint is about',
      hint: 'In the resident’s words, as far as you can.',
      value: v(values, 'description'),
    },
    {
      kind: 'textarea',
      name: 'outcomeSought',
      label: 'What the resident wants to happen',
      hint: 'Optional.',
      value: v(values, 'outcomeSought'),
    },
    {
      kind: 'date',
      name: 'issueKnownSince',
      label: 'When the resident first knew about the issue',
      hint: 'Optional. A complaint made more than 12 months after can be refused.',
      value: v(values, 'issueKnownSince'),
      width: 'govuk-input--width-10',
    },
    {
      kind: 'radios',
      name: 'tenure',
      label: 'Tenure',
      items: [
        { value: 'LCRA', text: 'Low cost rental' },
        { value: 'LCHO', text: 'Low cost home ownership' },
        { value: '', text: 'Not known' },
      ],
      value: v(values, 'tenure'),
    },
    {
      kind: 'date',
      name: 'receivedOn',
      label: 'Date received',
      hint: 'Leave as today unless it arrived on an earlier day.',
      value: values['receivedOn'] === undefined ? undefined : textOf(values, 'receivedOn'),
      width: 'govuk-input--width-10',
    },
  ];
}

/** The body of POST /api/v1/complaints from the form, or what is wrong with it. */
export function receiveRequestOf(
  values: FormValues,
  today: string,
  now: string,
): { body: Record<string, unknown>; errors: FormError[] } {
  const errors: FormError[] = [];
  const name = textOf(values, 'name');
  if (name === '') errors.push({ field: 'name', message: 'Enter the resident’s full name' });
  const complainant: Record<string, string> = { name };
  for (const field of ['email', 'phone', 'address', 'preferredContact', 'reasonableAdjustments']) {
    const text = optionalText(values, field);
    if (text) complainant[field] = text;
  }
  const serviceArea = textOf(values, 'serviceArea');
  if (serviceArea === '') errors.push({ field: 'serviceArea', message: 'Enter the service area' });
  const description = textOf(values, 'description');
  if (description === '') errors.push({ field: 'description', message: 'Enter what the complaint is about' });
  const body: Record<string, unknown> = {
    channel: textOf(values, 'channel') || 'other',
    complainant,
    serviceArea,
    description,
  };
  for (const field of ['category', 'outcomeSought', 'tenure']) {
    const text = optionalText(values, field);
    if (text) body[field] = text;
  }
  const since = optionalText(values, 'issueKnownSince');
  if (since !== undefined) {
    if (isCalendarDate(since)) body['issueKnownSince'] = since;
    else errors.push({ field: 'issueKnownSince', message: 'Enter a real date, for example 2026-03-31' });
  }
  const receivedAt = instantOf(textOf(values, 'receivedOn'), today, now);
  if (receivedAt === undefined)
    errors.push({ field: 'receivedOn', message: 'Enter a real date, for example 2026-03-31' });
  else body['receivedAt'] = receivedAt;
  return { body, errors };
}

export function receivePageContext(
  values: FormValues,
  today: string,
  errors: readonly FormError[] = [],
  serviceAreas: readonly string[] = [],
): FormPageContext {
  return {
    heading: 'Receive a complaint',
    caption: 'A new complaint, at stage 1',
    action: '/complaints/new',
    backHref: '/attention',
    submit: 'Receive the complaint',
    ...withErrors(withDateToday(receiveFields(values, serviceAreas), 'receivedOn', today), errors),
  };
}
