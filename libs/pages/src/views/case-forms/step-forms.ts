import { CompensationKind, ContactChannels, DecisionOutcome, RefusalGround, Satisfaction } from '@complaints/contracts';
import { currentStage, type ReceivedComplaint } from '@complaints/domain';
import type { CaseStep } from './case-steps';
import {
  answerEnquiryForm,
  enquiryForm,
  liftRestrictionForm,
  restrictForm,
  reviewRestrictionForm,
} from './restriction-forms';
import { CIRCUMSTANCES_FORMS } from './circumstances-forms';
import { letterSent } from './letter-sent-form';
import {
  choicesOf,
  isChecked,
  linesOf,
  optionalText,
  penceOf,
  textOf,
  type FormError,
  type FormField,
  type FormValues,
  CHANNEL_WORDS,
} from './form-fields';
import { CASEWORK_STEP_FORMS, contactWithField, contactWithOf, type CaseworkStepWrite } from './casework-forms';
import { IMPROVEMENT_FORMS, type ImprovementStepWrite } from './improvement-forms';
import { OMBUDSMAN_FORMS, type OmbudsmanStepWrite } from './ombudsman-forms';
import { DATA_PROTECTION_FORMS, type DataProtectionStepWrite } from './data-protection-forms';
import { dateField, readDate, required, valueOf } from './step-form-fields';

/** Who is filling the form in and when: the defaults (handler: themselves; date: today) and "now" for a blank date. */
export interface FormContext {
  viewer: { id: string; name: string };
  today: string;
  now: string;
}

/** The request body of the step's API write, or what is wrong with the form. */
export interface StepRequest {
  body: Record<string, unknown>;
  /** Fields the API takes from the URL (the remedy action of a completion). */
  pathFields: Record<string, string>;
  errors: FormError[];
}

/** The API write each step page posts through (keys of apps/api's `writes`). */
export type StepWrite =
  | 'acknowledge'
  | 'extend'
  | 'reassign'
  | 'respond'
  | 'escalate'
  | 'close'
  | 'recordLesson'
  | 'logContact'
  | 'completeRemedyAction'
  | 'payCompensation'
  | 'recordSatisfaction'
  | 'withdraw'
  | 'refuse'
  | 'refuseEscalation'
  | 'imposeRestriction'
  | 'reviewRestriction'
  | 'liftRestriction'
  | 'receiveEnquiry'
  | 'answerEnquiry'
  | 'recordVulnerability'
  | 'endVulnerability'
  | 'agreeReasonableAdjustment'
  | 'reviewReasonableAdjustment'
  | 'recordEqualityMonitoring'
  | 'agreeUpdateInterval'
  | 'recordLetterSent'
  | CaseworkStepWrite
  | ImprovementStepWrite
  | OmbudsmanStepWrite
  | DataProtectionStepWrite;

export interface StepForm {
  write: StepWrite;
  submit: string;
  /** The date field of the step (its `...At`): where a refusal about dates points. */
  dateField: string;
  fields(complaint: ReceivedComplaint, values: FormValues, context: FormContext): FormField[];
  read(values: FormValues, complaint: ReceivedComplaint, context: FormContext): StepRequest;
  /** Which field a domain rule is about, by rule id, when it is not the first field. */
  ruleFields?: Readonly<Record<string, string>>;
}

const OUTCOME_WORDS = { upheld: 'Upheld', partially_upheld: 'Partially upheld', not_upheld: 'Not upheld' };
const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

const acknowledge: StepForm = {
  write: 'acknowledge',
  submit: 'Acknowledge',
  dateField: 'acknowledgedOn',
  ruleFields: {
    'complaint-definition-required': 'headsOfComplaint',
    'duplicate-head-of-complaint': 'headsOfComplaint',
    'late-complaint-needs-discretion': 'discretionExercised',
    'stage-2-handler-must-differ': 'handlerName',
    'stage-2-recorder-must-be-independent': 'handlerName',
  },
  fields: (complaint, values, context) => [
    {
      kind: 'text',
      name: 'handlerName',
      label: 'Who will handle this stage',
      hint: 'Their name as the resident will see it.',
      value: valueOf(values, 'handlerName', context.viewer.name),
    },
    {
      kind: 'text',
      name: 'handlerId',
      label: 'Their staff id',
      value: valueOf(values, 'handlerId', context.viewer.id),
      width: 'govuk-input--width-20',
    },
    {
      kind: 'select',
      name: 'method',
      label: 'How the acknowledgement was sent',
      items: choicesOf(ContactChannels, CHANNEL_WORDS),
      value: valueOf(values, 'method', 'email'),
    },
    {
      kind: 'textarea',
      name: 'headsOfComplaint',
      label: 'Heads of complaint',
      hint:
        complaint.stage === 1
          ? 'What the complaint is about, one per line. Each one gets a decision in the response.'
          : 'What stage 2 will review, one per line (leave blank to keep the stage 1 heads).',
      value: valueOf(values, 'headsOfComplaint'),
    },
    {
      kind: 'textarea',
      name: 'outcomesSought',
      label: 'What the resident wants to happen',
      hint: 'One per line. Optional.',
      value: valueOf(values, 'outcomesSought'),
    },
    {
      kind: 'textarea',
      name: 'discretionExercised',
      label: 'Why you are accepting a late complaint',
      hint: 'Only if the issue became known more than 12 months before the complaint. Optional otherwise.',
      value: valueOf(values, 'discretionExercised'),
    },
    dateField('acknowledgedOn', 'Date acknowledged', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = {};
    const name = required(values, 'handlerName', 'Enter the name of who will handle this stage', errors);
    const id = required(values, 'handlerId', 'Enter their staff id', errors);
    body['handler'] = { id, name };
    body['method'] = textOf(values, 'method') || 'email';
    const heads = linesOf(values, 'headsOfComplaint');
    if (heads.length === 0 && complaint.stage === 1)
      errors.push({ field: 'headsOfComplaint', message: 'Enter at least one head of complaint, one per line' });
    if (heads.length) body['headsOfComplaint'] = heads;
    const outcomes = linesOf(values, 'outcomesSought');
    if (outcomes.length) body['outcomesSought'] = outcomes;
    const discretion = optionalText(values, 'discretionExercised');
    if (discretion) body['discretionExercised'] = discretion;
    readDate(values, 'acknowledgedOn', 'acknowledgedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const extend: StepForm = {
  write: 'extend',
  submit: 'Agree the extension',
  dateField: 'agreedOn',
  ruleFields: {
    'extension-needs-resident-informed': 'residentInformed',
    'extension-beyond-limit-needs-good-reason': 'goodReason',
    'extension-needs-reason': 'reason',
  },
  fields: (_complaint, values) => [
    {
      kind: 'number',
      name: 'additionalWorkingDays',
      label: 'How many more working days',
      hint: 'The Code allows up to 10 working days at each stage without a good reason.',
      value: valueOf(values, 'additionalWorkingDays'),
      width: 'govuk-input--width-3',
    },
    { kind: 'textarea', name: 'reason', label: 'Why the extension is needed', value: valueOf(values, 'reason') },
    {
      kind: 'checkbox',
      name: 'residentInformed',
      label: 'The resident has been told, with the reason and the new date',
      checked: isChecked(values, 'residentInformed'),
    },
    {
      kind: 'checkbox',
      name: 'ombudsmanDetailsGiven',
      label: "The resident has been given the Housing Ombudsman's contact details",
      checked: isChecked(values, 'ombudsmanDetailsGiven'),
    },
    {
      kind: 'textarea',
      name: 'goodReason',
      label: 'Good reason for going beyond the Code’s limit',
      hint: 'Only if this stage’s extensions would go beyond 10 working days.',
      value: valueOf(values, 'goodReason'),
    },
    dateField('agreedOn', 'Date agreed', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = {};
    const days = textOf(values, 'additionalWorkingDays');
    if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 60)
      errors.push({ field: 'additionalWorkingDays', message: 'Enter a whole number of working days from 1 to 60' });
    body['additionalWorkingDays'] = Number(days);
    body['reason'] = required(values, 'reason', 'Enter why the extension is needed', errors);
    body['residentInformed'] = isChecked(values, 'residentInformed');
    body['ombudsmanDetailsGiven'] = isChecked(values, 'ombudsmanDetailsGiven');
    const goodReason = optionalText(values, 'goodReason');
    if (goodReason) body['goodReason'] = goodReason;
    readDate(values, 'agreedOn', 'agreedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const reassign: StepForm = {
  write: 'reassign',
  submit: 'Reassign',
  dateField: 'assignedOn',
  ruleFields: { 'stage-2-handler-must-differ': 'handlerName', 'stage-2-recorder-must-be-independent': 'handlerName' },
  fields: (_complaint, values) => [
    { kind: 'text', name: 'handlerName', label: 'New handler’s name', value: valueOf(values, 'handlerName') },
    {
      kind: 'text',
      name: 'handlerId',
      label: 'Their staff id',
      value: valueOf(values, 'handlerId'),
      width: 'govuk-input--width-20',
    },
    { kind: 'textarea', name: 'reason', label: 'Why the case is being reassigned', value: valueOf(values, 'reason') },
    dateField('assignedOn', 'Date reassigned', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = {};
    const name = required(values, 'handlerName', 'Enter the new handler’s name', errors);
    const id = required(values, 'handlerId', 'Enter their staff id', errors);
    body['handler'] = { id, name };
    body['reason'] = required(values, 'reason', 'Enter why the case is being reassigned', errors);
    readDate(values, 'assignedOn', 'assignedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

/** Remedy rows offered on a response form: enough for a stage response, all optional. */
const REMEDY_ROWS = 3;

const respond: StepForm = {
  write: 'respond',
  submit: 'Issue the response',
  dateField: 'respondedOn',
  ruleFields: {
    'apology-or-reason-required': 'apology',
    'decision-required': 'outcome-0',
    'head-of-complaint-undecided': 'outcome-0',
    'decision-for-unknown-head': 'outcome-0',
    'duplicate-decision': 'outcome-0',
    'decision-needs-reasons': 'reasons-0',
  },
  fields: (complaint, values) => {
    const heads = currentStage(complaint).headsOfComplaint;
    const decisionFields = heads.flatMap((head, i): FormField[] => [
      { kind: 'heading', text: `Head ${i + 1}: ${head}` },
      {
        kind: 'radios',
        name: `outcome-${i}`,
        label: `Decision on head ${i + 1}`,
        items: choicesOf(DecisionOutcome.options, OUTCOME_WORDS),
        value: valueOf(values, `outcome-${i}`),
      },
      {
        kind: 'textarea',
        name: `reasons-${i}`,
        label: `Reasons for the decision on head ${i + 1}`,
        value: valueOf(values, `reasons-${i}`),
      },
    ]);
    const remedyFields = Array.from({ length: REMEDY_ROWS }, (_, i): FormField[] => [
      {
        kind: 'text',
        name: `action-${i}`,
        label: `Action ${i + 1}: what will be done`,
        value: valueOf(values, `action-${i}`),
      },
      {
        kind: 'date',
        name: `actionDue-${i}`,
        label: `Action ${i + 1}: to be done by`,
        value: valueOf(values, `actionDue-${i}`),
        width: 'govuk-input--width-10',
      },
    ]).flat();
    return [
      ...decisionFields,
      { kind: 'heading', text: 'Putting things right' },
      {
        kind: 'radios',
        name: 'apology',
        label: 'Was an apology given?',
        items: YES_NO,
        value: valueOf(values, 'apology'),
      },
      {
        kind: 'textarea',
        name: 'apologyNotGivenReason',
        label: 'Why no apology was given',
        hint: 'Needed if any head is upheld or partially upheld and there is no apology.',
        value: valueOf(values, 'apologyNotGivenReason'),
      },
      {
        kind: 'heading',
        level: 3,
        text: 'Actions',
        hint: 'What the landlord will do, and by when. Leave the rows you do not need blank.',
      },
      ...remedyFields,
      { kind: 'heading', level: 3, text: 'Compensation' },
      {
        kind: 'text',
        name: 'compensationPounds',
        label: 'Compensation offered, in pounds',
        hint: 'Leave blank if none. For example 150 or 75.50',
        value: valueOf(values, 'compensationPounds'),
        width: 'govuk-input--width-10',
      },
      {
        kind: 'select',
        name: 'compensationKind',
        label: 'What the compensation is for',
        items: choicesOf(CompensationKind.options),
        value: valueOf(values, 'compensationKind', 'time_and_trouble'),
      },
      dateField('respondedOn', 'Date of the response', values),
    ];
  },
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = {};
    const heads = currentStage(complaint).headsOfComplaint;
    body['decisions'] = heads.map((head, i) => {
      const outcome = textOf(values, `outcome-${i}`);
      if (!(DecisionOutcome.options as readonly string[]).includes(outcome))
        errors.push({ field: `outcome-${i}`, message: `Choose a decision on head ${i + 1}` });
      return {
        head,
        outcome,
        reasons: required(values, `reasons-${i}`, `Enter the reasons for the decision on head ${i + 1}`, errors),
      };
    });
    const apology = textOf(values, 'apology');
    if (apology !== 'yes' && apology !== 'no')
      errors.push({ field: 'apology', message: 'Say whether an apology was given' });
    const actions: { description: string; dueBy: string }[] = [];
    for (let i = 0; i < REMEDY_ROWS; i++) {
      const description = textOf(values, `action-${i}`);
      const dueBy = textOf(values, `actionDue-${i}`);
      if (description === '' && dueBy === '') continue;
      if (description === '')
        errors.push({ field: `action-${i}`, message: `Enter what action ${i + 1} is, or clear its date` });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dueBy))
        errors.push({ field: `actionDue-${i}`, message: `Enter the date action ${i + 1} is to be done by` });
      actions.push({ description, dueBy });
    }
    const compensation: { amountPence: number; kind: string }[] = [];
    const pounds = textOf(values, 'compensationPounds');
    if (pounds !== '') {
      const amountPence = penceOf(pounds);
      if (amountPence === undefined || amountPence === 0)
        errors.push({
          field: 'compensationPounds',
          message: 'Enter the compensation as an amount in pounds, for example 150 or 75.50',
        });
      else compensation.push({ amountPence, kind: textOf(values, 'compensationKind') });
    }
    const reason = optionalText(values, 'apologyNotGivenReason');
    body['remedies'] = {
      apology: apology === 'yes',
      ...(reason ? { apologyNotGivenReason: reason } : {}),
      actions,
      compensation,
    };
    readDate(values, 'respondedOn', 'respondedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const escalate: StepForm = {
  write: 'escalate',
  submit: 'Escalate to stage 2',
  dateField: 'requestedOn',
  fields: (_complaint, values) => [
    {
      kind: 'textarea',
      name: 'reason',
      label: 'Why the resident wants stage 2',
      hint: 'Optional: the resident does not have to give a reason.',
      value: valueOf(values, 'reason'),
    },
    dateField('requestedOn', 'Date the resident asked', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const reason = optionalText(values, 'reason');
    const body: Record<string, unknown> = reason ? { reason } : {};
    readDate(values, 'requestedOn', 'requestedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const close: StepForm = {
  write: 'close',
  submit: 'Close the complaint',
  dateField: 'closedOn',
  ruleFields: { 'closure-needs-lessons-or-reason': 'lessonsNotApplicableReason' },
  fields: (complaint, values) => [
    {
      kind: 'text',
      name: 'outcome',
      label: 'Outcome',
      hint: 'In a few words, for example "Repair completed and compensation paid".',
      value: valueOf(values, 'outcome'),
    },
    {
      kind: 'textarea',
      name: 'lessonsNotApplicableReason',
      label: 'Why there are no lessons to learn',
      hint: complaint.lessons.length
        ? `${complaint.lessons.length} lesson(s) recorded: you can leave this blank.`
        : 'No lessons are recorded for this complaint: record one first, or say why there are none.',
      value: valueOf(values, 'lessonsNotApplicableReason'),
    },
    dateField('closedOn', 'Date closed', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = { outcome: required(values, 'outcome', 'Enter the outcome', errors) };
    const reason = optionalText(values, 'lessonsNotApplicableReason');
    if (reason) body['lessonsNotApplicableReason'] = reason;
    readDate(values, 'closedOn', 'closedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const lesson: StepForm = {
  write: 'recordLesson',
  ruleFields: { 'lesson-due-without-improvement-action': 'improvementAction' },
  submit: 'Record the lesson',
  dateField: 'recordedOn',
  fields: (complaint, values) => [
    { kind: 'textarea', name: 'lesson', label: 'What was learned', value: valueOf(values, 'lesson') },
    {
      kind: 'text',
      name: 'serviceArea',
      label: 'Service area',
      hint: 'Optional.',
      value: valueOf(values, 'serviceArea', complaint.serviceArea),
    },
    {
      kind: 'textarea',
      name: 'rootCause',
      label: 'Root cause',
      hint: 'Optional.',
      value: valueOf(values, 'rootCause'),
    },
    {
      kind: 'textarea',
      name: 'improvementAction',
      label: 'What will change',
      hint: 'Optional.',
      value: valueOf(values, 'improvementAction'),
    },
    {
      kind: 'text',
      name: 'owner',
      label: 'Who owns the change',
      hint: 'Optional: a team or role.',
      value: valueOf(values, 'owner'),
    },
    {
      kind: 'date',
      name: 'dueBy',
      label: 'Change due by',
      hint: 'Optional.',
      value: valueOf(values, 'dueBy'),
      width: 'govuk-input--width-10',
    },
    dateField('recordedOn', 'Date recorded', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const body: Record<string, unknown> = { lesson: required(values, 'lesson', 'Enter what was learned', errors) };
    for (const name of ['serviceArea', 'rootCause', 'improvementAction', 'owner', 'dueBy']) {
      const text = optionalText(values, name);
      if (text) body[name] = text;
    }
    readDate(values, 'recordedOn', 'recordedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const contact: StepForm = {
  write: 'logContact',
  ruleFields: { 'contact-with-representative-needs-authority': 'with' },
  submit: 'Log the contact',
  dateField: 'contactOn',
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'direction',
      label: 'Who contacted whom',
      items: [
        { value: 'outbound', text: 'We contacted the resident' },
        { value: 'inbound', text: 'The resident contacted us' },
      ],
      value: valueOf(values, 'direction'),
    },
    {
      kind: 'select',
      name: 'channel',
      label: 'How',
      items: choicesOf(ContactChannels, CHANNEL_WORDS),
      value: valueOf(values, 'channel', 'phone'),
    },
    contactWithField(values),
    {
      kind: 'radios',
      name: 'reached',
      label: 'Did you reach each other?',
      items: YES_NO,
      value: valueOf(values, 'reached'),
    },
    { kind: 'textarea', name: 'summary', label: 'Summary', hint: 'Optional.', value: valueOf(values, 'summary') },
    dateField('contactOn', 'Date of the contact', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const direction = textOf(values, 'direction');
    if (direction !== 'inbound' && direction !== 'outbound')
      errors.push({ field: 'direction', message: 'Choose who contacted whom' });
    const reached = textOf(values, 'reached');
    if (reached !== 'yes' && reached !== 'no')
      errors.push({ field: 'reached', message: 'Say whether you reached each other' });
    const summary = optionalText(values, 'summary');
    const body: Record<string, unknown> = {
      direction,
      channel: textOf(values, 'channel') || 'other',
      reached: reached === 'yes',
      ...(summary ? { summary } : {}),
      ...contactWithOf(values),
    };
    readDate(values, 'contactOn', 'at', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const remedyCompleted: StepForm = {
  write: 'completeRemedyAction',
  ruleFields: { 'remedy-action-unknown': 'actionId', 'remedy-action-already-completed': 'actionId' },
  submit: 'Record as done',
  dateField: 'completedOn',
  fields: (complaint, values) => [
    {
      kind: 'radios',
      name: 'actionId',
      label: 'Which action was done',
      items: complaint.remedyActions
        .filter((a) => a.completedAt === null)
        .map((a) => ({ value: a.actionId, text: `${a.description} (due ${a.dueBy})` })),
      value: valueOf(values, 'actionId'),
    },
    {
      kind: 'textarea',
      name: 'evidence',
      label: 'Evidence it was done',
      hint: 'Optional: for example the job number.',
      value: valueOf(values, 'evidence'),
    },
    dateField('completedOn', 'Date done', values),
  ],
  read: (values, complaint, context) => {
    const errors: FormError[] = [];
    const actionId = textOf(values, 'actionId');
    if (!complaint.remedyActions.some((a) => a.actionId === actionId && a.completedAt === null))
      errors.push({ field: 'actionId', message: 'Choose the action that was done' });
    const evidence = optionalText(values, 'evidence');
    const body: Record<string, unknown> = evidence ? { evidence } : {};
    readDate(values, 'completedOn', 'completedAt', context, body, errors);
    return { body, pathFields: { actionId }, errors };
  },
};

const compensation: StepForm = {
  write: 'payCompensation',
  submit: 'Record the payment',
  dateField: 'paidOn',
  fields: (_complaint, values) => [
    {
      kind: 'text',
      name: 'amountPounds',
      label: 'Amount paid, in pounds',
      hint: 'For example 150 or 75.50',
      value: valueOf(values, 'amountPounds'),
      width: 'govuk-input--width-10',
    },
    {
      kind: 'select',
      name: 'kind',
      label: 'What it was for',
      items: choicesOf(CompensationKind.options),
      value: valueOf(values, 'kind', 'time_and_trouble'),
    },
    {
      kind: 'text',
      name: 'method',
      label: 'How it was paid',
      hint: 'For example bank transfer or rent account credit.',
      value: valueOf(values, 'method'),
    },
    dateField('paidOn', 'Date paid', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const amountPence = penceOf(textOf(values, 'amountPounds'));
    if (amountPence === undefined || amountPence === 0)
      errors.push({ field: 'amountPounds', message: 'Enter the amount paid in pounds, for example 150 or 75.50' });
    const body: Record<string, unknown> = {
      amountPence: amountPence ?? 0,
      kind: textOf(values, 'kind'),
      method: required(values, 'method', 'Enter how it was paid', errors),
    };
    readDate(values, 'paidOn', 'paidAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const satisfaction: StepForm = {
  write: 'recordSatisfaction',
  submit: 'Record satisfaction',
  dateField: 'recordedOn',
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'withHandling',
      label: 'How satisfied is the resident with how the complaint was handled?',
      items: choicesOf(Satisfaction.options, { neither: 'Neither satisfied nor dissatisfied' }),
      value: valueOf(values, 'withHandling'),
    },
    {
      kind: 'radios',
      name: 'withOutcome',
      label: 'How satisfied is the resident with the outcome?',
      items: choicesOf(Satisfaction.options, { neither: 'Neither satisfied nor dissatisfied' }),
      value: valueOf(values, 'withOutcome'),
    },
    {
      kind: 'textarea',
      name: 'comment',
      label: 'What the resident said',
      hint: 'Optional.',
      value: valueOf(values, 'comment'),
    },
    dateField('recordedOn', 'Date asked', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const options = Satisfaction.options as readonly string[];
    const withHandling = textOf(values, 'withHandling');
    const withOutcome = textOf(values, 'withOutcome');
    if (!options.includes(withHandling))
      errors.push({ field: 'withHandling', message: 'Choose how satisfied the resident is with the handling' });
    if (!options.includes(withOutcome))
      errors.push({ field: 'withOutcome', message: 'Choose how satisfied the resident is with the outcome' });
    const comment = optionalText(values, 'comment');
    const body: Record<string, unknown> = { withHandling, withOutcome, ...(comment ? { comment } : {}) };
    readDate(values, 'recordedOn', 'recordedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const withdraw: StepForm = {
  write: 'withdraw',
  submit: 'Record the withdrawal',
  dateField: 'withdrawnOn',
  fields: (_complaint, values) => [
    {
      kind: 'textarea',
      name: 'reason',
      label: 'What the resident said',
      hint: 'Optional.',
      value: valueOf(values, 'reason'),
    },
    dateField('withdrawnOn', 'Date withdrawn', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const reason = optionalText(values, 'reason');
    const body: Record<string, unknown> = reason ? { reason } : {};
    readDate(values, 'withdrawnOn', 'withdrawnAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

const REFUSAL_WORDS = {
  older_than_12_months: 'The issue became known more than 12 months before the complaint',
  legal_proceedings: 'Legal proceedings have started',
  already_considered: 'The issue has already been considered under the complaints process',
  other: 'Another ground in the complaints policy',
};

const refuse: StepForm = {
  write: 'refuse',
  submit: 'Refuse the complaint',
  dateField: 'refusedOn',
  ruleFields: {
    'ombudsman-referral-right-required': 'ombudsmanReferralRightGiven',
    'refusal-needs-issue-date': 'issueKnownSince',
    'refusal-ground-not-supported': 'ground',
  },
  fields: (_complaint, values) => [
    {
      kind: 'radios',
      name: 'ground',
      label: 'Why the complaint is refused',
      items: choicesOf(RefusalGround.options, REFUSAL_WORDS),
      value: valueOf(values, 'ground'),
    },
    {
      kind: 'textarea',
      name: 'explanation',
      label: 'Explanation given to the resident',
      value: valueOf(values, 'explanation'),
    },
    {
      kind: 'date',
      name: 'issueKnownSince',
      label: 'When the issue became known',
      hint: 'Only for a complaint more than 12 months old, if no date was recorded when it was received.',
      value: valueOf(values, 'issueKnownSince'),
      width: 'govuk-input--width-10',
    },
    {
      kind: 'checkbox',
      name: 'ombudsmanReferralRightGiven',
      label: 'The resident has been told they can refer the complaint to the Housing Ombudsman',
      checked: values['_revision'] === undefined || isChecked(values, 'ombudsmanReferralRightGiven'),
    },
    dateField('refusedOn', 'Date refused', values),
  ],
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const ground = textOf(values, 'ground');
    if (!(RefusalGround.options as readonly string[]).includes(ground))
      errors.push({ field: 'ground', message: 'Choose why the complaint is refused' });
    const body: Record<string, unknown> = {
      ground,
      explanation: required(values, 'explanation', 'Enter the explanation given to the resident', errors),
      ombudsmanReferralRightGiven: isChecked(values, 'ombudsmanReferralRightGiven'),
    };
    const since = optionalText(values, 'issueKnownSince');
    if (since) body['issueKnownSince'] = since;
    readDate(values, 'refusedOn', 'refusedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

/** Refusing a request for stage 2 (Code 5.11): the same grounds as refusing a complaint, and when the resident asked. */
const refuseEscalation: StepForm = {
  write: 'refuseEscalation',
  submit: 'Refuse the request',
  dateField: 'refusedOn',
  ruleFields: { ...refuse.ruleFields, 'escalation-already-refused': 'requestedOn' },
  fields: (complaint, values, context) => [
    {
      kind: 'date',
      name: 'requestedOn',
      label: 'When the resident asked for stage 2',
      value: valueOf(values, 'requestedOn', context.today),
      width: 'govuk-input--width-10',
    },
    ...refuse.fields(complaint, values, context),
  ],
  read: (values, complaint, context) => {
    const { body, errors } = refuse.read(values, complaint, context);
    readDate(values, 'requestedOn', 'requestedAt', context, body, errors);
    return { body, pathFields: {}, errors };
  },
};

export const STEP_FORMS: Readonly<Record<CaseStep, StepForm>> = {
  acknowledge,
  extend,
  reassign,
  respond,
  escalate,
  close,
  lesson,
  contact,
  'remedy-completed': remedyCompleted,
  compensation,
  satisfaction,
  withdraw,
  refuse,
  'refuse-escalation': refuseEscalation,
  restrict: restrictForm,
  'review-restriction': reviewRestrictionForm,
  'lift-restriction': liftRestrictionForm,
  enquiry: enquiryForm,
  'answer-enquiry': answerEnquiryForm,
  ...CIRCUMSTANCES_FORMS,
  ...CASEWORK_STEP_FORMS,
  ...IMPROVEMENT_FORMS,
  ...OMBUDSMAN_FORMS,
  'letter-sent': letterSent,
  ...DATA_PROTECTION_FORMS,
};
