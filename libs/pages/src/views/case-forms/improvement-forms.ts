import type { LessonRecord, ReceivedComplaint } from '@complaints/domain';
import { isCalendarDate, optionalText, textOf, type FormError, type FormValues } from './form-fields';
import type { StepForm } from './step-forms';
import { dateField, readDate, required, valueOf } from './step-form-fields';

/** The step pages for lessons' improvement actions (docs/domain.md, "Improvement actions"): planned (owner, due date) and made. */
export const IMPROVEMENT_STEPS = ['improvement-planned', 'improvement-made'] as const;
export type ImprovementStep = (typeof IMPROVEMENT_STEPS)[number];
export type ImprovementStepWrite = 'planImprovementAction' | 'completeImprovementAction';

export const IMPROVEMENT_STEP_TITLES: Readonly<Record<ImprovementStep, string>> = {
  'improvement-planned': "Plan a lesson's improvement action (owner and due date)",
  'improvement-made': "Record a lesson's improvement action as made",
};

/** The lessons whose improvement action (or due date, for lessons recorded before the due-date rule) is not yet made: as the decider's openImprovementAction allows. */
const openActions = (complaint: ReceivedComplaint): LessonRecord[] =>
  complaint.lessons.filter((l) => (l.improvementAction !== null || l.dueBy !== null) && l.completion === null);

export const improvementStepAllowed = (_step: ImprovementStep, complaint: ReceivedComplaint) =>
  openActions(complaint).length > 0;

const lessonChoice = (complaint: ReceivedComplaint, values: FormValues) => ({
  kind: 'radios' as const,
  name: 'lessonId',
  label: 'Which lesson’s improvement action',
  items: openActions(complaint).map((l) => ({
    value: l.lessonId,
    text: `${l.improvementAction ?? l.lesson}${l.dueBy ? ` (due ${l.dueBy})` : ''}`,
  })),
  value: valueOf(values, 'lessonId'),
});

function readLesson(values: FormValues, complaint: ReceivedComplaint, errors: FormError[]): string {
  const lessonId = textOf(values, 'lessonId');
  if (!openActions(complaint).some((l) => l.lessonId === lessonId))
    errors.push({ field: 'lessonId', message: 'Choose the lesson whose action this is' });
  return lessonId;
}

export const IMPROVEMENT_FORMS: Readonly<Record<ImprovementStep, StepForm>> = {
  'improvement-planned': {
    write: 'planImprovementAction',
    submit: 'Save the plan',
    dateField: 'plannedOn',
    ruleFields: { 'improvement-action-due-before-planned': 'dueBy' },
    fields: (complaint, values) => [
      lessonChoice(complaint, values),
      {
        kind: 'text',
        name: 'owner',
        label: 'Who owns the change',
        hint: 'A team or role, for example Head of Repairs.',
        value: valueOf(values, 'owner'),
      },
      {
        kind: 'date',
        name: 'dueBy',
        label: 'Change due by',
        value: valueOf(values, 'dueBy'),
        width: 'govuk-input--width-10',
      },
      dateField('plannedOn', 'Date planned', values),
    ],
    read: (values, complaint, context) => {
      const errors: FormError[] = [];
      const lessonId = readLesson(values, complaint, errors);
      const owner = required(values, 'owner', 'Enter who owns the change', errors);
      const dueBy = textOf(values, 'dueBy');
      if (!isCalendarDate(dueBy))
        errors.push({ field: 'dueBy', message: 'Enter the date the change is due by, for example 2026-09-30' });
      const body: Record<string, unknown> = { owner, dueBy };
      readDate(values, 'plannedOn', 'plannedAt', context, body, errors);
      return { body, pathFields: { lessonId }, errors };
    },
  },
  'improvement-made': {
    write: 'completeImprovementAction',
    ruleFields: {
      'improvement-action-evidence-document-unknown': 'documentId',
      'improvement-action-already-completed': 'lessonId',
    },
    submit: 'Record as made',
    dateField: 'completedOn',
    fields: (complaint, values) => [
      lessonChoice(complaint, values),
      {
        kind: 'textarea',
        name: 'whatChanged',
        label: 'What changed',
        hint: 'Panels read this, screened: write it without names.',
        value: valueOf(values, 'whatChanged'),
      },
      {
        kind: 'textarea',
        name: 'evidence',
        label: 'Evidence that it changed',
        hint: 'For example the procedure, the system change or the training record.',
        value: valueOf(values, 'evidence'),
      },
      {
        kind: 'text',
        name: 'documentId',
        label: 'Evidence document id',
        hint: 'Optional: a document attached to this complaint.',
        value: valueOf(values, 'documentId'),
      },
      dateField('completedOn', 'Date made', values),
    ],
    read: (values, complaint, context) => {
      const errors: FormError[] = [];
      const lessonId = readLesson(values, complaint, errors);
      const whatChanged = required(values, 'whatChanged', 'Enter what changed', errors);
      const evidence = required(values, 'evidence', 'Enter the evidence that it changed', errors);
      const documentId = optionalText(values, 'documentId');
      const body: Record<string, unknown> = { whatChanged, evidence, ...(documentId ? { documentId } : {}) };
      readDate(values, 'completedOn', 'completedAt', context, body, errors);
      return { body, pathFields: { lessonId }, errors };
    },
  },
};
