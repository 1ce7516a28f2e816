import { LegalHoldCategory, type Role } from '@complaints/contracts';
import { legalHoldOf, type ReceivedComplaint } from '@complaints/domain';
import { choicesOf, isChecked, optionalText, textOf, type FormError } from './form-fields';
import { dateField, readDate, valueOf } from './step-form-fields';
import type { StepForm } from './step-forms';

/*
 * The data-protection function's forms on the case page (docs/data-protection.md): legal holds
 * placed and lifted, and erasure of the complaint's personal data on request. Administrators
 * only (the API's ERASERS, apps/api/src/auth/role-policy.ts); each posts through the same write
 * as POST /complaints/{id}/legal-holds… and /personal-data/erasure. Erasure on retention grounds
 * is the retention schedule's approval, not this form.
 */
export const DATA_PROTECTION_STEPS = ['legal-hold', 'lift-legal-hold', 'erase-personal-data'] as const;
export type DataProtectionStep = (typeof DATA_PROTECTION_STEPS)[number];
export type DataProtectionStepWrite = 'placeLegalHold' | 'liftLegalHold' | 'erasePersonalData';

/** The API's ERASERS: the only role that records these steps. */
export const DATA_PROTECTION_ROLES: readonly Role[] = ['admin'];

export const DATA_PROTECTION_STEP_TITLES: Readonly<Record<DataProtectionStep, string>> = {
  'legal-hold': 'Place a legal hold on the personal data',
  'lift-legal-hold': 'Lift a legal hold',
  'erase-personal-data': "Erase the complaint's personal data",
};

const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  litigation: 'Litigation',
  pre_action_claim: 'A claim before court action (pre-action)',
  insurance_claim: 'An insurance claim',
  regulatory_investigation: 'A regulator’s investigation',
};

/** Whether the case, as it stands, allows each step: the decider's own preconditions (handlers/place-legal-hold.ts, lift-legal-hold.ts, erase-personal-data.ts). */
export function dataProtectionStepAllowed(step: DataProtectionStep, complaint: ReceivedComplaint): boolean {
  const erased = complaint.personalDataErased !== null;
  switch (step) {
    case 'legal-hold':
      return !erased;
    case 'lift-legal-hold':
      return complaint.retention.holds.length > 0;
    case 'erase-personal-data':
      return !erased && complaint.endedAt !== null && legalHoldOf(complaint) === null;
  }
}

const placeHold: StepForm = {
  write: 'placeLegalHold',
  submit: 'Place the hold',
  dateField: 'placedOn',
  ruleFields: { 'legal-hold-on-erased-complaint': 'category' },
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'category',
      label: 'Why the personal data must be kept',
      hint: 'A category only: write no details of the claim here.',
      items: choicesOf(LegalHoldCategory.options, CATEGORY_WORDS),
      value: valueOf(values, 'category'),
    },
    dateField('placedOn', 'Date placed', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const category = textOf(values, 'category');
    if (!(LegalHoldCategory.options as readonly string[]).includes(category))
      errors.push({ field: 'category', message: 'Choose why the personal data must be kept' });
    const body: Record<string, unknown> = { category };
    readDate(values, 'placedOn', 'placedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const liftHold: StepForm = {
  write: 'liftLegalHold',
  submit: 'Lift the hold',
  dateField: 'liftedOn',
  ruleFields: { 'legal-hold-not-in-place': 'holdId' },
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'holdId',
      label: 'Which hold',
      items: complaint.retention.holds.map((h) => ({
        value: h.holdId,
        text: `${h.holdId}: ${CATEGORY_WORDS[h.category] ?? h.category}`,
      })),
      value: valueOf(values, 'holdId'),
    },
    dateField('liftedOn', 'Date lifted', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const holdId = textOf(values, 'holdId');
    if (!complaint.retention.holds.some((h) => h.holdId === holdId))
      errors.push({ field: 'holdId', message: 'Choose the hold to lift' });
    const body: Record<string, unknown> = {};
    readDate(values, 'liftedOn', 'liftedAt', context, body, errors);
    return { body, pathFields: { holdId }, errors };
  },
};

const erase: StepForm = {
  write: 'erasePersonalData',
  submit: 'Erase the personal data',
  dateField: 'erasedOn',
  ruleFields: {
    'erasure-needs-ended-complaint': 'basis',
    'erasure-under-legal-hold': 'basis',
    'personal-data-already-erased': 'basis',
    'retention-erasure-needs-approval': 'basis',
  },
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'basis',
      label: 'Why the personal data is erased',
      items: [
        { value: 'data_subject_request', text: 'The resident asked for it to be erased' },
        { value: 'other', text: 'Another reason' },
      ],
      value: valueOf(values, 'basis'),
    },
    {
      kind: 'textarea',
      name: 'reason',
      label: 'Anything more about it',
      hint: 'Optional. Erased with the rest: it will read as “[erased]”.',
      value: valueOf(values, 'reason'),
    },
    {
      kind: 'checkbox',
      name: 'understood',
      label:
        'I understand this cannot be undone: every name, contact detail and free text of this complaint will read as “[erased]”; the dates and decisions stay',
      checked: isChecked(values, 'understood'),
    },
    dateField('erasedOn', 'Date erased', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const basis = textOf(values, 'basis');
    if (basis !== 'data_subject_request' && basis !== 'other')
      errors.push({ field: 'basis', message: 'Choose why the personal data is erased' });
    if (!isChecked(values, 'understood'))
      errors.push({ field: 'understood', message: 'Confirm that you understand the erasure cannot be undone' });
    const reason = optionalText(values, 'reason');
    const body: Record<string, unknown> = { basis, ...(reason ? { reason } : {}) };
    readDate(values, 'erasedOn', 'erasedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

export const DATA_PROTECTION_FORMS: Readonly<Record<DataProtectionStep, StepForm>> = {
  'legal-hold': placeHold,
  'lift-legal-hold': liftHold,
  'erase-personal-data': erase,
};
