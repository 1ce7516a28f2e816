import { AuthorityBasis } from '@complaints/contracts';
import type { ReceivedComplaint } from '@complaints/domain';
import {
  choicesOf,
  linesOf,
  optionalText,
  textOf,
  type FormError,
  type FormField,
  type FormValues,
} from './form-fields';
import { dateField, readDate, required, valueOf } from './step-form-fields';
import type { StepForm } from './step-forms';

/**
 * The forms of issue 15's casework (docs/domain.md: "Stage 2 panel participation", "Related
 * issues", "Representative authority"): each posts through the API write of the same name.
 */
export const CASEWORK_STEPS = [
  'panel-request',
  'panel-meeting',
  'panel-decline',
  'add-heads',
  'representative-authority',
  'withdraw-representative-authority',
] as const;
export type CaseworkStep = (typeof CASEWORK_STEPS)[number];

export type CaseworkStepWrite =
  | 'requestPanelParticipation'
  | 'recordPanelMeeting'
  | 'declinePanelParticipation'
  | 'addHeadsOfComplaint'
  | 'recordRepresentativeAuthority'
  | 'withdrawRepresentativeAuthority';

export const CASEWORK_STEP_TITLES: Readonly<Record<CaseworkStep, string>> = {
  'panel-request': 'Record a request for a panel member at stage 2',
  'panel-meeting': 'Record the meeting with the panel member',
  'panel-decline': 'Record that the panel member request was declined',
  'add-heads': 'Add related heads of complaint',
  'representative-authority': "Record the representative's authority",
  'withdraw-representative-authority': "Record that the representative's authority was withdrawn",
};

/** What the decider would accept now, read from the state (the finer rules stay with the decider). */
export function caseworkStepAllowed(step: CaseworkStep, complaint: ReceivedComplaint): boolean {
  const open = complaint.status === 'open';
  const stage2UnderReview =
    open && complaint.stage === 2 && complaint.stage2 !== null && complaint.stage2.respondedAt === null;
  const panel = complaint.casework.panel;
  const stage = complaint.stage === 2 && complaint.stage2 ? complaint.stage2 : complaint.stage1;
  switch (step) {
    case 'panel-request':
      return stage2UnderReview && panel === null;
    case 'panel-meeting':
    case 'panel-decline':
      return stage2UnderReview && panel !== null && panel.meeting === null && panel.declined === null;
    case 'add-heads':
      return open && stage.acknowledgedAt !== null && stage.respondedAt === null;
    case 'representative-authority':
      // Offered where the case has a representative: named at receipt, or acting on an authority recorded since.
      return complaint.casework.representative.namedAtReceipt || complaint.casework.representative.grants.length > 0;
    case 'withdraw-representative-authority':
      return complaint.casework.representative.grants.some((g) => g.withdrawnAt === null);
  }
}

const AUTHORITY_WORDS: Record<string, string> = {
  written_consent: 'Written consent from the resident',
  verbal_consent_recorded: 'Verbal consent from the resident, recorded',
  power_of_attorney: 'Lasting or enduring power of attorney',
  deputyship: 'Court of Protection deputyship',
  mp_or_councillor: 'The MP or councillor the resident asked to act',
  other: 'Another form of authority',
};

/** The contact form's "who with": the resident unless the officer says otherwise. */
export const contactWithField = (values: FormValues): FormField => ({
  kind: 'radios',
  name: 'with',
  label: 'Who the contact was with',
  hint: 'Contacting the representative needs their authority to act for the resident recorded first.',
  items: [
    { value: 'resident', text: 'The resident' },
    { value: 'representative', text: "The resident's representative" },
  ],
  value: valueOf(values, 'with', 'resident'),
});
export const contactWithOf = (values: FormValues): Record<string, string> =>
  textOf(values, 'with') === 'representative' ? { with: 'representative' } : {};

const panelRequest: StepForm = {
  write: 'requestPanelParticipation',
  submit: 'Record the request',
  dateField: 'requestedOn',
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'requestedBy',
      label: 'Who asked for a panel member',
      items: [
        { value: 'resident', text: 'The resident' },
        { value: 'representative', text: "The resident's representative" },
      ],
      value: valueOf(values, 'requestedBy'),
    },
    dateField('requestedOn', 'Date of the request', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const requestedBy = textOf(values, 'requestedBy');
    if (requestedBy !== 'resident' && requestedBy !== 'representative')
      errors.push({ field: 'requestedBy', message: 'Choose who asked' });
    const body: Record<string, unknown> = { requestedBy };
    readDate(values, 'requestedOn', 'requestedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const panelMeeting: StepForm = {
  write: 'recordPanelMeeting',
  ruleFields: { 'panel-meeting-before-request': 'heldOn' },
  submit: 'Record the meeting',
  dateField: 'heldOn',
  fields: (_complaint, values, context) => [
    {
      kind: 'date',
      name: 'heldOn',
      label: 'Date of the meeting',
      value: valueOf(values, 'heldOn', context.today),
      width: 'govuk-input--width-10',
    },
    {
      kind: 'textarea',
      name: 'panelMembers',
      label: 'Panel members',
      hint: 'One name a line.',
      value: valueOf(values, 'panelMembers'),
    },
    {
      kind: 'textarea',
      name: 'outcomeNotes',
      label: 'Outcome notes',
      hint: 'Optional.',
      value: valueOf(values, 'outcomeNotes'),
    },
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const panelMembers = linesOf(values, 'panelMembers');
    if (panelMembers.length === 0)
      errors.push({ field: 'panelMembers', message: 'Enter the name of at least one panel member' });
    const heldOn = required(values, 'heldOn', 'Enter the date of the meeting', errors);
    const outcomeNotes = optionalText(values, 'outcomeNotes');
    return {
      body: { heldOn, panelMembers, recordedAt: context.now, ...(outcomeNotes ? { outcomeNotes } : {}) },
      pathFields: {},
      errors,
    };
  },
};

const panelDecline: StepForm = {
  write: 'declinePanelParticipation',
  submit: 'Record the decision',
  dateField: 'declinedOn',
  fields: (_complaint, values) => [
    { kind: 'textarea', name: 'reason', label: 'Why the request was declined', value: valueOf(values, 'reason') },
    dateField('declinedOn', 'Date of the decision', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = {
      reason: required(values, 'reason', 'Enter why the request was declined', errors),
    };
    readDate(values, 'declinedOn', 'declinedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const addHeads: StepForm = {
  write: 'addHeadsOfComplaint',
  submit: 'Add to the complaint',
  dateField: 'addedOn',
  fields: (_complaint, values) => [
    {
      kind: 'textarea',
      name: 'heads',
      label: 'Heads of complaint to add',
      hint: 'One a line: issues raised during this stage that are related to it (Code 6.8). The stage response must decide each.',
      value: valueOf(values, 'heads'),
    },
    dateField('addedOn', 'Date added', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const heads = linesOf(values, 'heads');
    if (heads.length === 0) errors.push({ field: 'heads', message: 'Enter at least one head of complaint' });
    const body: Record<string, unknown> = { heads };
    readDate(values, 'addedOn', 'addedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const representativeAuthority: StepForm = {
  write: 'recordRepresentativeAuthority',
  ruleFields: { 'authority-expires-before-confirmed': 'expiresOn' },
  submit: 'Record the authority',
  dateField: 'confirmedOn',
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'basis',
      label: 'How the authority was given',
      items: choicesOf(AuthorityBasis.options, AUTHORITY_WORDS),
      value: valueOf(values, 'basis'),
    },
    dateField('confirmedOn', 'Date the authority was confirmed', values),
    {
      kind: 'date',
      name: 'expiresOn',
      label: 'Last day it holds',
      hint: 'Optional: leave blank if it holds until withdrawn.',
      value: valueOf(values, 'expiresOn'),
      width: 'govuk-input--width-10',
    },
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const basis = textOf(values, 'basis');
    if (!(AuthorityBasis.options as readonly string[]).includes(basis))
      errors.push({ field: 'basis', message: 'Choose how the authority was given' });
    const expiresOn = optionalText(values, 'expiresOn');
    const body: Record<string, unknown> = { basis, ...(expiresOn ? { expiresOn } : {}) };
    readDate(values, 'confirmedOn', 'confirmedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const withdrawAuthority: StepForm = {
  write: 'withdrawRepresentativeAuthority',
  submit: 'Record the withdrawal',
  dateField: 'withdrawnOn',
  fields: (_complaint, values) => [
    {
      kind: 'textarea',
      name: 'reason',
      label: 'Why it was withdrawn',
      hint: 'Optional.',
      value: valueOf(values, 'reason'),
    },
    dateField('withdrawnOn', 'Date withdrawn', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const reason = optionalText(values, 'reason');
    const body: Record<string, unknown> = { ...(reason ? { reason } : {}) };
    readDate(values, 'withdrawnOn', 'withdrawnAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

export const CASEWORK_STEP_FORMS: Readonly<Record<CaseworkStep, StepForm>> = {
  'panel-request': panelRequest,
  'panel-meeting': panelMeeting,
  'panel-decline': panelDecline,
  'add-heads': addHeads,
  'representative-authority': representativeAuthority,
  'withdraw-representative-authority': withdrawAuthority,
};
