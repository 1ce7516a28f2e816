import { ContactChannels, EnquirySource, RestrictionKind, type Role } from '@complaints/contracts';
import type { ReceivedComplaint } from '@complaints/domain';
import {
  choicesOf,
  isCalendarDate,
  optionalText,
  textOf,
  type FormError,
  type FormField,
  type FormValues,
  CHANNEL_WORDS,
} from './form-fields';
import { dateField, readDate, required, valueOf } from './step-form-fields';
import type { StepForm } from './step-forms';
import { DATA_PROTECTION_ROLES, DATA_PROTECTION_STEPS } from './data-protection-forms';

/*
 * The case page's forms for restrictions on contact and enquiries (docs/domain.md, "Restrictions"
 * and "Enquiries"). Each posts through the same API write as POST /complaints/{id}/restrictions…
 * and /enquiries…; restrictions are offered to complaints managers only (RESTRICTION_APPROVERS at
 * the API), and the domain refuses anyone else again.
 */

/** The steps only a complaints manager records: the API's RESTRICTION_APPROVERS (apps/api/src/auth/role-policy.ts). */
export const MANAGER_ONLY_STEPS: readonly string[] = ['restrict', 'review-restriction', 'lift-restriction'];
const MANAGERS: readonly Role[] = ['complaints_manager'];

/** The people who record every other step: the API's WRITERS (case-steps.ts's STEP_RECORDERS). */
const RECORDERS: readonly Role[] = ['complaints_officer', 'complaints_manager'];

/** The roles that record a step: managers for restrictions, administrators for data protection, officers and managers for the rest. */
export function stepRoles(step: string): readonly Role[] {
  if (MANAGER_ONLY_STEPS.includes(step)) return MANAGERS;
  if ((DATA_PROTECTION_STEPS as readonly string[]).includes(step)) return DATA_PROTECTION_ROLES;
  return RECORDERS;
}

/** May a viewer with these roles record this step? */
export function stepRolesAllow(step: string, roles: readonly Role[]): boolean {
  return roles.some((role) => stepRoles(step).includes(role));
}

const KIND_WORDS: Record<string, string> = {
  single_point_of_contact: 'A single point of contact',
  contact_limits: 'Limits on how often or how the resident makes contact',
  written_contact_only: 'Contact in writing only',
  no_visits_without_appointment: 'No visits to the office without an appointment',
  other: 'Another restriction',
};
const FROM_WORDS: Record<string, string> = {
  mp: 'A Member of Parliament',
  councillor: 'A councillor',
  other_representative_body: 'Another representative body',
};

const reviewField = (name: string, values: FormValues): FormField => ({
  kind: 'date',
  name,
  label: 'Review by',
  hint: 'After today and within 6 months. Unless a manager reviews it by then, it no longer applies.',
  value: valueOf(values, name),
  width: 'govuk-input--width-10',
});

/** A calendar date the form asks for (a review date), or an error with `message`. */
function calendarDateOf(values: FormValues, name: string, message: string, errors: FormError[]): string {
  const date = textOf(values, name);
  if (!isCalendarDate(date)) errors.push({ field: name, message });
  return date;
}

const inPlace = (complaint: ReceivedComplaint) => complaint.restrictions.filter((r) => r.liftedAt === null);
const restrictionChoices = (complaint: ReceivedComplaint) =>
  inPlace(complaint).map((r) => ({
    value: r.restrictionId,
    text: `${r.restrictionId}: ${KIND_WORDS[r.kind] ?? r.kind} (review by ${r.reviewDue})`,
  }));

function chosenRestriction(values: FormValues, complaint: ReceivedComplaint, errors: FormError[]): string {
  const id = textOf(values, 'restrictionId');
  if (!inPlace(complaint).some((r) => r.restrictionId === id))
    errors.push({ field: 'restrictionId', message: 'Choose the restriction' });
  return id;
}

const REVIEW_RULES = { 'restriction-review-not-in-future': 'reviewDue', 'restriction-review-too-far': 'reviewDue' };

export const restrictForm: StepForm = {
  write: 'imposeRestriction',
  submit: 'Impose the restriction',
  dateField: 'imposedOn',
  ruleFields: { ...REVIEW_RULES, 'restriction-already-in-place': 'kind', 'restriction-needs-manager': 'kind' },
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'kind',
      label: 'What is restricted',
      items: choicesOf(RestrictionKind.options, KIND_WORDS),
      value: valueOf(values, 'kind'),
    },
    {
      kind: 'textarea',
      name: 'reason',
      label: 'Why',
      hint: 'The behaviour this answers. It does not stop the resident using the complaints procedure.',
      value: valueOf(values, 'reason'),
    },
    {
      kind: 'textarea',
      name: 'terms',
      label: 'The terms',
      hint: 'Optional: for example "one phone call a week, to the case handler".',
      value: valueOf(values, 'terms'),
    },
    reviewField('reviewDue', values),
    dateField('imposedOn', 'Date approved', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const kind = textOf(values, 'kind');
    if (!(RestrictionKind.options as readonly string[]).includes(kind))
      errors.push({ field: 'kind', message: 'Choose what is restricted' });
    const terms = optionalText(values, 'terms');
    const body: Record<string, unknown> = {
      kind,
      reason: required(values, 'reason', 'Enter why the restriction is needed', errors),
      ...(terms ? { terms } : {}),
      reviewDue: calendarDateOf(values, 'reviewDue', 'Enter the date to review it by, for example 2026-09-30', errors),
    };
    readDate(values, 'imposedOn', 'imposedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

export const reviewRestrictionForm: StepForm = {
  write: 'reviewRestriction',
  submit: 'Record the review',
  dateField: 'reviewedOn',
  ruleFields: {
    'restriction-review-not-in-future': 'nextReviewDue',
    'restriction-review-too-far': 'nextReviewDue',
    'restriction-varied-needs-terms': 'terms',
    'restriction-not-in-place': 'restrictionId',
  },
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'restrictionId',
      label: 'Which restriction',
      items: restrictionChoices(complaint),
      value: valueOf(values, 'restrictionId'),
    },
    {
      kind: 'radios',
      name: 'outcome',
      label: 'The decision',
      items: [
        { value: 'continued', text: 'It continues as it is' },
        { value: 'varied', text: 'It continues with new terms' },
      ],
      value: valueOf(values, 'outcome'),
    },
    {
      kind: 'textarea',
      name: 'terms',
      label: 'The new terms',
      hint: 'Only when it continues with new terms.',
      value: valueOf(values, 'terms'),
    },
    {
      kind: 'textarea',
      name: 'notes',
      label: 'What the review considered',
      hint: 'Optional.',
      value: valueOf(values, 'notes'),
    },
    { ...reviewField('nextReviewDue', values), label: 'Next review by' },
    dateField('reviewedOn', 'Date reviewed', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const restrictionId = chosenRestriction(values, complaint, errors);
    const outcome = textOf(values, 'outcome');
    if (outcome !== 'continued' && outcome !== 'varied')
      errors.push({ field: 'outcome', message: 'Choose the decision' });
    const terms = optionalText(values, 'terms');
    if (outcome === 'varied' && !terms) errors.push({ field: 'terms', message: 'Enter the new terms' });
    const notes = optionalText(values, 'notes');
    const body: Record<string, unknown> = {
      outcome,
      ...(outcome === 'varied' && terms ? { terms } : {}),
      ...(notes ? { notes } : {}),
      nextReviewDue: calendarDateOf(
        values,
        'nextReviewDue',
        'Enter the date of the next review, for example 2026-09-30',
        errors,
      ),
    };
    readDate(values, 'reviewedOn', 'reviewedAt', context, body, errors);
    return { body, pathFields: { restrictionId }, errors };
  },
};

export const liftRestrictionForm: StepForm = {
  write: 'liftRestriction',
  submit: 'Lift the restriction',
  dateField: 'liftedOn',
  ruleFields: { 'restriction-not-in-place': 'restrictionId' },
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'restrictionId',
      label: 'Which restriction',
      items: restrictionChoices(complaint),
      value: valueOf(values, 'restrictionId'),
    },
    {
      kind: 'textarea',
      name: 'reason',
      label: 'Why it is lifted',
      hint: 'Optional.',
      value: valueOf(values, 'reason'),
    },
    dateField('liftedOn', 'Date lifted', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const restrictionId = chosenRestriction(values, complaint, errors);
    const reason = optionalText(values, 'reason');
    const body: Record<string, unknown> = reason ? { reason } : {};
    readDate(values, 'liftedOn', 'liftedAt', context, body, errors);
    return { body, pathFields: { restrictionId }, errors };
  },
};

export const enquiryForm: StepForm = {
  write: 'receiveEnquiry',
  submit: 'Record the enquiry',
  dateField: 'receivedOn',
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'from',
      label: 'Who the enquiry is from',
      items: choicesOf(EnquirySource.options, FROM_WORDS),
      value: valueOf(values, 'from'),
    },
    {
      kind: 'text',
      name: 'who',
      label: 'Their name',
      hint: 'For example "Jane Smith MP".',
      value: valueOf(values, 'who'),
    },
    { kind: 'textarea', name: 'summary', label: 'What they asked', value: valueOf(values, 'summary') },
    dateField('receivedOn', 'Date received', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const from = textOf(values, 'from');
    if (!(EnquirySource.options as readonly string[]).includes(from))
      errors.push({ field: 'from', message: 'Choose who the enquiry is from' });
    const body: Record<string, unknown> = {
      from,
      who: required(values, 'who', 'Enter who made the enquiry', errors),
      summary: required(values, 'summary', 'Enter what they asked', errors),
    };
    readDate(values, 'receivedOn', 'receivedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

export const answerEnquiryForm: StepForm = {
  write: 'answerEnquiry',
  submit: 'Record the answer',
  dateField: 'answeredOn',
  ruleFields: { 'enquiry-unknown': 'enquiryId', 'enquiry-already-answered': 'enquiryId' },
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'enquiryId',
      label: 'Which enquiry',
      items: complaint.enquiries
        .filter((e) => e.answeredAt === null)
        .map((e) => ({ value: e.enquiryId, text: `${e.enquiryId}: ${e.who}` })),
      value: valueOf(values, 'enquiryId'),
    },
    {
      kind: 'select',
      name: 'channel',
      label: 'How it was answered',
      items: choicesOf(ContactChannels, CHANNEL_WORDS),
      value: valueOf(values, 'channel', 'letter'),
    },
    dateField('answeredOn', 'Date answered', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const enquiryId = textOf(values, 'enquiryId');
    if (!complaint.enquiries.some((e) => e.enquiryId === enquiryId && e.answeredAt === null))
      errors.push({ field: 'enquiryId', message: 'Choose the enquiry answered' });
    const body: Record<string, unknown> = { channel: textOf(values, 'channel') || 'letter' };
    readDate(values, 'answeredOn', 'answeredAt', context, body, errors);
    return { body, pathFields: { enquiryId }, errors };
  },
};

/** Whether the case, as it stands, allows each of these steps (the decider's own preconditions). */
export function restrictionStepAllowed(
  step: 'restrict' | 'review-restriction' | 'lift-restriction' | 'enquiry' | 'answer-enquiry',
  complaint: ReceivedComplaint,
): boolean {
  switch (step) {
    case 'restrict':
      return complaint.status === 'open';
    case 'review-restriction':
    case 'lift-restriction':
      return inPlace(complaint).length > 0;
    case 'enquiry':
      return true;
    case 'answer-enquiry':
      return complaint.enquiries.some((e) => e.answeredAt === null);
  }
}
