import {
  AdjustmentReviewOutcome,
  EQUALITY_QUESTIONS,
  EqualityAnswers,
  ReasonableAdjustmentKinds,
  VulnerabilityCategories,
  type EqualityQuestion,
} from '@complaints/contracts';
import { activeAdjustments, activeVulnerabilities, type ReceivedComplaint } from '@complaints/domain';
import {
  choicesOf,
  isChecked,
  optionalText,
  textOf,
  type FormError,
  type FormField,
  type FormValues,
} from './form-fields';
import { dateField, readDate, required, valueOf } from './step-form-fields';
import type { StepForm } from './step-forms';

/**
 * The forms of the resident's circumstances and keeping them informed (docs/domain.md,
 * "Circumstances"), spread into STEP_FORMS. Their API writes are in apps/api's `writes`.
 */
export const CIRCUMSTANCES_STEPS = [
  'vulnerability',
  'vulnerability-ended',
  'adjustment',
  'adjustment-review',
  'equality-monitoring',
  'update-interval',
] as const;
export type CircumstancesStep = (typeof CIRCUMSTANCES_STEPS)[number];

export const CIRCUMSTANCES_STEP_TITLES: Readonly<Record<CircumstancesStep, string>> = {
  vulnerability: 'Record a vulnerability',
  'vulnerability-ended': 'End a vulnerability',
  adjustment: 'Agree a reasonable adjustment',
  'adjustment-review': 'Review a reasonable adjustment',
  'equality-monitoring': 'Record equality monitoring answers',
  'update-interval': 'Agree how often to update the resident',
};

/** The domain's preconditions, read from the state (the decider keeps the finer rules). */
export function circumstancesStepAllowed(step: CircumstancesStep, complaint: ReceivedComplaint): boolean {
  const open = complaint.status === 'open';
  switch (step) {
    case 'vulnerability':
    case 'adjustment':
    case 'update-interval':
      return open;
    case 'vulnerability-ended':
      return open && activeVulnerabilities(complaint.circumstances).length > 0;
    case 'adjustment-review':
      return open && activeAdjustments(complaint.circumstances).length > 0;
    case 'equality-monitoring':
      return complaint.personalDataErased === null;
  }
}

const CATEGORY_WORDS: Record<string, string> = {
  financial_hardship: 'Financial hardship',
  domestic_abuse: 'Domestic abuse',
};
const KIND_WORDS: Record<string, string> = {
  plain_text_for_screen_reader: 'Plain text for a screen reader',
  british_sign_language: 'British Sign Language',
  phone_only: 'Phone only',
  email_only: 'Email only',
};
const QUESTION_WORDS: Record<EqualityQuestion, string> = {
  ageBand: 'Age',
  disability: 'Disability',
  ethnicity: 'Ethnic group',
  religion: 'Religion or belief',
  sex: 'Sex',
  sexualOrientation: 'Sexual orientation',
  genderReassignment: 'Gender reassignment',
  pregnancyOrMaternity: 'Pregnancy or maternity',
  maritalStatus: 'Marriage or civil partnership',
};

const dueDate = (name: string, label: string, hint: string, values: FormValues): FormField => ({
  kind: 'date',
  name,
  label,
  hint,
  value: valueOf(values, name),
  width: 'govuk-input--width-10',
});

const vulnerability: StepForm = {
  write: 'recordVulnerability',
  submit: 'Record the vulnerability',
  dateField: 'recordedOn',
  ruleFields: { 'too-many-active-vulnerabilities': 'category_other' },
  fields: (_complaint, values) => [
    {
      kind: 'heading',
      text: 'What applies',
      hint: 'Tick every one that applies. Officers see this on the case; it is never in the chronology or shown to panels.',
      level: 2,
    },
    ...VulnerabilityCategories.map((category): FormField => ({
      kind: 'checkbox',
      name: `category_${category}`,
      label: choicesOf([category], CATEGORY_WORDS)[0]?.text ?? category,
      checked: isChecked(values, `category_${category}`),
    })),
    {
      kind: 'textarea',
      name: 'details',
      label: 'Details',
      hint: 'Optional: what staff need to know to help.',
      value: valueOf(values, 'details'),
    },
    dateField('recordedOn', 'Date recorded', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const categories = VulnerabilityCategories.filter((category) => isChecked(values, `category_${category}`));
    if (categories.length === 0)
      errors.push({ field: 'category_physical_health', message: 'Tick at least one thing that applies' });
    const details = optionalText(values, 'details');
    const body: Record<string, unknown> = { categories, ...(details ? { details } : {}) };
    readDate(values, 'recordedOn', 'recordedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const vulnerabilityEnded: StepForm = {
  write: 'endVulnerability',
  submit: 'Record that it no longer applies',
  dateField: 'endedOn',
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'vulnerabilityId',
      label: 'Which vulnerability no longer applies',
      items: activeVulnerabilities(complaint.circumstances).map((v) => ({
        value: v.vulnerabilityId,
        text: `${v.vulnerabilityId}: ${v.categories.map((c) => c.replace(/_/g, ' ')).join(', ')}`,
      })),
      value: valueOf(values, 'vulnerabilityId'),
    },
    { kind: 'textarea', name: 'reason', label: 'Why', hint: 'Optional.', value: valueOf(values, 'reason') },
    dateField('endedOn', 'Date', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const vulnerabilityId = textOf(values, 'vulnerabilityId');
    if (!activeVulnerabilities(complaint.circumstances).some((v) => v.vulnerabilityId === vulnerabilityId))
      errors.push({ field: 'vulnerabilityId', message: 'Choose the vulnerability that no longer applies' });
    const reason = optionalText(values, 'reason');
    const body: Record<string, unknown> = reason ? { reason } : {};
    readDate(values, 'endedOn', 'endedAt', context, body, errors);
    return { body, pathFields: { vulnerabilityId }, errors };
  },
};

const adjustment: StepForm = {
  write: 'agreeReasonableAdjustment',
  submit: 'Record the adjustment',
  dateField: 'agreedOn',
  ruleFields: {
    'adjustment-review-before-agreed': 'reviewDue',
    'adjustment-review-too-far': 'reviewDue',
    'reasonable-adjustment-already-agreed': 'kind',
    'contact-adjustments-conflict': 'kind',
    'too-many-active-adjustments': 'kind',
  },
  fields: (_complaint, values) => [
    {
      kind: 'select',
      name: 'kind',
      label: 'What kind of adjustment',
      items: choicesOf(ReasonableAdjustmentKinds, KIND_WORDS),
      value: valueOf(values, 'kind', 'large_print'),
    },
    {
      kind: 'textarea',
      name: 'adjustment',
      label: 'What was agreed',
      hint: 'In the words agreed with the resident. The chronology names only the kind.',
      value: valueOf(values, 'adjustment'),
    },
    dueDate('reviewDue', 'Review by', 'Within a year. The attention queue lists it when the review is due.', values),
    dateField('agreedOn', 'Date agreed', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const kind = textOf(values, 'kind');
    if (!(ReasonableAdjustmentKinds as readonly string[]).includes(kind))
      errors.push({ field: 'kind', message: 'Choose the kind of adjustment' });
    const words = required(values, 'adjustment', 'Enter what was agreed', errors);
    const reviewDue = required(values, 'reviewDue', 'Enter the date to review it by, for example 2026-09-30', errors);
    const body: Record<string, unknown> = { kind, adjustment: words, reviewDue };
    readDate(values, 'agreedOn', 'agreedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const adjustmentReview: StepForm = {
  write: 'reviewReasonableAdjustment',
  submit: 'Record the review',
  dateField: 'reviewedOn',
  ruleFields: {
    'adjustment-review-next-date': 'nextReviewDue',
    'adjustment-review-before-agreed': 'nextReviewDue',
    'adjustment-review-too-far': 'nextReviewDue',
    'adjustment-change-needs-words': 'adjustment',
    'adjustment-reviewed-before-agreed': 'reviewedOn',
  },
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'adjustmentId',
      label: 'Which adjustment',
      items: activeAdjustments(complaint.circumstances).map((a) => ({
        value: a.adjustmentId,
        text: `${a.adjustmentId}: ${choicesOf([a.kind], KIND_WORDS)[0]?.text ?? a.kind} (review due ${a.reviewDue ?? 'not set'})`,
      })),
      value: valueOf(values, 'adjustmentId'),
    },
    {
      kind: 'radios',
      name: 'outcome',
      label: 'Outcome',
      items: choicesOf(AdjustmentReviewOutcome.options, {
        continued: 'Continue as agreed',
        changed: 'Change it',
        ended: 'End it',
      }),
      value: valueOf(values, 'outcome'),
    },
    {
      kind: 'textarea',
      name: 'adjustment',
      label: 'What is now agreed',
      hint: 'Only if you are changing it.',
      value: valueOf(values, 'adjustment'),
    },
    dueDate('nextReviewDue', 'Next review by', 'Unless you are ending it.', values),
    { kind: 'textarea', name: 'notes', label: 'Notes', hint: 'Optional.', value: valueOf(values, 'notes') },
    dateField('reviewedOn', 'Date reviewed', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const adjustmentId = textOf(values, 'adjustmentId');
    if (!activeAdjustments(complaint.circumstances).some((a) => a.adjustmentId === adjustmentId))
      errors.push({ field: 'adjustmentId', message: 'Choose the adjustment you reviewed' });
    const outcome = textOf(values, 'outcome');
    if (!(AdjustmentReviewOutcome.options as readonly string[]).includes(outcome))
      errors.push({ field: 'outcome', message: 'Choose the outcome of the review' });
    const body: Record<string, unknown> = { outcome };
    for (const name of ['adjustment', 'nextReviewDue', 'notes']) {
      const text = optionalText(values, name);
      if (text) body[name] = text;
    }
    readDate(values, 'reviewedOn', 'reviewedAt', context, body, errors);
    return { body, pathFields: { adjustmentId }, errors };
  },
};

const equalityMonitoring: StepForm = {
  write: 'recordEqualityMonitoring',
  submit: 'Record the answers',
  dateField: 'recordedOn',
  ruleFields: { 'equality-monitoring-empty': 'ageBand' },
  fields: (_complaint, values) => [
    {
      kind: 'heading',
      text: 'Answers the resident chose to give',
      hint: 'Every question is optional. The answers are never shown on the case: they are counted only in the equality report, with small numbers hidden.',
      level: 2,
    },
    ...EQUALITY_QUESTIONS.map((question): FormField => ({
      kind: 'select',
      name: question,
      label: QUESTION_WORDS[question],
      items: [
        { value: '', text: 'Not answered' },
        ...choicesOf(EqualityAnswers.shape[question].unwrap().options, { prefer_not_to_say: 'Prefer not to say' }),
      ],
      value: valueOf(values, question),
    })),
    dateField('recordedOn', 'Date given', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const answers: Record<string, string> = {};
    for (const question of EQUALITY_QUESTIONS) {
      const answer = optionalText(values, question);
      if (answer) answers[question] = answer;
    }
    if (Object.keys(answers).length === 0)
      errors.push({ field: 'ageBand', message: 'Choose at least one answer the resident gave' });
    const body: Record<string, unknown> = { answers };
    readDate(values, 'recordedOn', 'recordedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const updateInterval: StepForm = {
  write: 'agreeUpdateInterval',
  submit: 'Record the agreement',
  dateField: 'agreedOn',
  fields: (complaint, values) => [
    {
      kind: 'number',
      name: 'workingDays',
      label: 'Update the resident every how many working days',
      hint: `From 1 to 30. ${complaint.keepingInformed.updateInterval ? `Now every ${complaint.keepingInformed.updateInterval.workingDays}.` : 'None agreed yet.'}`,
      value: valueOf(values, 'workingDays', '10'),
      width: 'govuk-input--width-3',
    },
    dateField('agreedOn', 'Date agreed', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const text = textOf(values, 'workingDays');
    const workingDays = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
    if (!(workingDays >= 1 && workingDays <= 30))
      errors.push({ field: 'workingDays', message: 'Enter a whole number of working days from 1 to 30' });
    const body: Record<string, unknown> = { workingDays: Number.isNaN(workingDays) ? 0 : workingDays };
    readDate(values, 'agreedOn', 'agreedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

export const CIRCUMSTANCES_FORMS: Readonly<Record<CircumstancesStep, StepForm>> = {
  vulnerability,
  'vulnerability-ended': vulnerabilityEnded,
  adjustment,
  'adjustment-review': adjustmentReview,
  'equality-monitoring': equalityMonitoring,
  'update-interval': updateInterval,
};
