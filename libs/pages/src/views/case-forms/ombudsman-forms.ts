import { OmbudsmanFinding } from '@complaints/contracts';
import { FINDING_WORDS } from '@complaints/documents';
import type { OmbudsmanOrderRecord, ReceivedComplaint } from '@complaints/domain';
import { choicesOf, isCalendarDate, textOf, type FormError, type FormField, type FormValues } from './form-fields';
import { dateField, readDate, required, valueOf } from './step-form-fields';
import type { StepForm } from './step-forms';

/*
 * The case page's forms for the Housing Ombudsman's part (docs/domain.md): that the Ombudsman
 * is investigating (its reference), its determination (a finding per element complained of, and
 * its orders with their due dates), and compliance with each order. Each posts through the same
 * API write as POST /complaints/{id}/ombudsman/…; the domain allows them once the complaint has
 * ended too, since the Ombudsman comes after the landlord's final response.
 */
export const OMBUDSMAN_STEPS = ['ombudsman-referral', 'ombudsman-determination', 'ombudsman-order-complied'] as const;
export type OmbudsmanStep = (typeof OMBUDSMAN_STEPS)[number];
export type OmbudsmanStepWrite =
  'recordOmbudsmanReferral' | 'recordOmbudsmanDetermination' | 'recordOmbudsmanOrderCompliance';

export const OMBUDSMAN_STEP_TITLES: Readonly<Record<OmbudsmanStep, string>> = {
  'ombudsman-referral': 'Record that the Housing Ombudsman is investigating',
  'ombudsman-determination': "Record the Ombudsman's determination",
  'ombudsman-order-complied': 'Record compliance with an Ombudsman order',
};

/** Rows offered on the determination form: a determination rarely has more; blank rows are left out. */
export const FINDING_ROWS = 4;
export const ORDER_ROWS = 4;

const openOrders = (complaint: ReceivedComplaint): OmbudsmanOrderRecord[] =>
  complaint.ombudsman?.determination?.orders.filter((o) => o.compliedAt === null) ?? [];

/** Whether the case, as it stands, allows each step: the decider's own preconditions (handlers/record-ombudsman-*.ts). */
export function ombudsmanStepAllowed(step: OmbudsmanStep, complaint: ReceivedComplaint): boolean {
  switch (step) {
    case 'ombudsman-referral':
      return complaint.ombudsman === null;
    case 'ombudsman-determination':
      return complaint.ombudsman !== null && complaint.ombudsman.determination === null;
    case 'ombudsman-order-complied':
      return openOrders(complaint).length > 0;
  }
}

const referenceField = (values: FormValues, fallback = ''): FormField => ({
  kind: 'text',
  name: 'ombudsmanReference',
  label: 'The Ombudsman’s case reference',
  hint: 'As it appears on the Ombudsman’s letters, for example 202412345.',
  value: valueOf(values, 'ombudsmanReference', fallback),
  width: 'govuk-input--width-20',
});

const referral: StepForm = {
  write: 'recordOmbudsmanReferral',
  submit: 'Record the referral',
  dateField: 'referredOn',
  ruleFields: { 'ombudsman-referral-already-recorded': 'ombudsmanReference' },
  fields: (_complaint, values) => [
    referenceField(values),
    dateField('referredOn', 'Date the Ombudsman told us', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = {
      ombudsmanReference: required(values, 'ombudsmanReference', 'Enter the Ombudsman’s case reference', errors),
    };
    readDate(values, 'referredOn', 'referredAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const determination: StepForm = {
  write: 'recordOmbudsmanDetermination',
  submit: 'Record the determination',
  dateField: 'determinedOn',
  ruleFields: {
    'ombudsman-reference-mismatch': 'ombudsmanReference',
    'ombudsman-referral-required': 'ombudsmanReference',
    'ombudsman-determination-already-recorded': 'ombudsmanReference',
    'ombudsman-order-ids-not-unique': 'order-0',
  },
  fields: (complaint, values) => [
    referenceField(values, complaint.ombudsman?.reference ?? ''),
    {
      kind: 'heading',
      text: 'Findings',
      hint: 'One for each element of the complaint the Ombudsman decided on. Leave the rows you do not need blank.',
    },
    ...Array.from({ length: FINDING_ROWS }, (_, i): FormField[] => [
      {
        kind: 'text',
        name: `element-${i}`,
        label: `Element ${i + 1}: what was complained of`,
        value: valueOf(values, `element-${i}`),
      },
      {
        kind: 'select',
        name: `finding-${i}`,
        label: `Element ${i + 1}: the finding`,
        items: [{ value: '', text: 'Choose a finding' }, ...choicesOf(OmbudsmanFinding.options, FINDING_WORDS)],
        value: valueOf(values, `finding-${i}`),
      },
    ]).flat(),
    {
      kind: 'heading',
      text: 'Orders',
      hint: 'What the Ombudsman ordered the landlord to do, and by when. Leave blank if it ordered nothing.',
    },
    ...Array.from({ length: ORDER_ROWS }, (_, i): FormField[] => [
      {
        kind: 'textarea',
        name: `order-${i}`,
        label: `Order ${i + 1}: what must be done`,
        value: valueOf(values, `order-${i}`),
      },
      {
        kind: 'date',
        name: `orderDue-${i}`,
        label: `Order ${i + 1}: to be done by`,
        value: valueOf(values, `orderDue-${i}`),
        width: 'govuk-input--width-10',
      },
    ]).flat(),
    dateField('determinedOn', 'Date of the determination', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const ombudsmanReference = required(values, 'ombudsmanReference', 'Enter the Ombudsman’s case reference', errors);
    const findings: { element: string; finding: string }[] = [];
    for (let i = 0; i < FINDING_ROWS; i++) {
      const element = textOf(values, `element-${i}`);
      const finding = textOf(values, `finding-${i}`);
      if (element === '' && finding === '') continue;
      if (element === '')
        errors.push({ field: `element-${i}`, message: `Enter what element ${i + 1} of the complaint was` });
      if (!(OmbudsmanFinding.options as readonly string[]).includes(finding))
        errors.push({ field: `finding-${i}`, message: `Choose the Ombudsman’s finding on element ${i + 1}` });
      findings.push({ element, finding });
    }
    if (findings.length === 0)
      errors.push({
        field: 'element-0',
        message: 'Enter at least one element of the complaint and the Ombudsman’s finding on it',
      });
    const orders: { description: string; dueBy: string }[] = [];
    for (let i = 0; i < ORDER_ROWS; i++) {
      const description = textOf(values, `order-${i}`);
      const dueBy = textOf(values, `orderDue-${i}`);
      if (description === '' && dueBy === '') continue;
      if (description === '') errors.push({ field: `order-${i}`, message: `Enter what order ${i + 1} requires` });
      if (!isCalendarDate(dueBy))
        errors.push({
          field: `orderDue-${i}`,
          message: `Enter the date order ${i + 1} is to be done by, for example 2026-09-30`,
        });
      orders.push({ description, dueBy });
    }
    const body: Record<string, unknown> = { ombudsmanReference, findings, orders };
    readDate(values, 'determinedOn', 'determinedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const orderComplied: StepForm = {
  write: 'recordOmbudsmanOrderCompliance',
  submit: 'Record compliance',
  dateField: 'compliedOn',
  ruleFields: { 'ombudsman-order-unknown': 'orderId', 'ombudsman-order-already-complied': 'orderId' },
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'orderId',
      label: 'Which order',
      items: openOrders(complaint).map((o) => ({
        value: o.orderId,
        text: `${o.orderId}: ${o.description} (due ${o.dueBy})`,
      })),
      value: valueOf(values, 'orderId'),
    },
    {
      kind: 'textarea',
      name: 'evidence',
      label: 'Evidence of compliance',
      hint: 'What was done and what shows it, as sent to the Ombudsman.',
      value: valueOf(values, 'evidence'),
    },
    dateField('compliedOn', 'Date complied with', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const orderId = textOf(values, 'orderId');
    if (!openOrders(complaint).some((o) => o.orderId === orderId))
      errors.push({ field: 'orderId', message: 'Choose the order complied with' });
    const body: Record<string, unknown> = {
      evidence: required(values, 'evidence', 'Enter the evidence of compliance', errors),
    };
    readDate(values, 'compliedOn', 'compliedAt', context, body, errors);
    return { body, pathFields: { orderId }, errors };
  },
};

export const OMBUDSMAN_FORMS: Readonly<Record<OmbudsmanStep, StepForm>> = {
  'ombudsman-referral': referral,
  'ombudsman-determination': determination,
  'ombudsman-order-complied': orderComplied,
};
