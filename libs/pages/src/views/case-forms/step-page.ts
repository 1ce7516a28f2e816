import { complaintRules, type ReceivedComplaint } from '@complaints/domain';
import { STEP_TITLES, type CaseStep, stepHref } from './case-steps';
import type { FormError, FormField, FormValues } from './form-fields';
import { STEP_FORMS, type FormContext, type StepForm } from './step-forms';

/** A field as the form template renders it: the field and its inline error, if any. */
export type RenderedField = FormField & { error?: string };

export interface FormPageContext {
  heading: string;
  caption: string;
  action: string;
  backHref: string;
  submit: string;
  revision?: number;
  fields: RenderedField[];
  /** The GOV.UK error summary's list: `{ text, href: '#field' }`. */
  errorSummary: { text: string; href: string }[];
}

/** Fields with their errors, and the summary linking to them (one entry per problem, in the form's order). */
export function withErrors(
  fields: FormField[],
  errors: readonly FormError[],
): Pick<FormPageContext, 'fields' | 'errorSummary'> {
  const names = new Set(fields.flatMap((f) => ('name' in f ? [f.name] : [])));
  const firstField = fields.find((f) => 'name' in f);
  const placed = errors.map((e) => ({
    ...e,
    field: names.has(e.field) ? e.field : firstField && 'name' in firstField ? firstField.name : e.field,
  }));
  const byField = new Map<string, string>();
  for (const e of placed) if (!byField.has(e.field)) byField.set(e.field, e.message);
  return {
    fields: fields.map((f) => ('name' in f && byField.has(f.name) ? { ...f, error: byField.get(f.name) } : f)),
    errorSummary: placed.map((e) => ({ text: e.message, href: `#${e.field}` })),
  };
}

/** The page of one step of a case: its form, filled with what was sent back when it was refused. */
export function stepPageContext(
  step: CaseStep,
  complaint: ReceivedComplaint,
  revision: number,
  values: FormValues,
  context: FormContext,
  errors: readonly FormError[] = [],
): FormPageContext {
  const form = STEP_FORMS[step];
  return {
    heading: STEP_TITLES[step],
    caption: `${complaint.reference}, stage ${complaint.stage}`,
    action: stepHref(complaint.complaintId, step),
    backHref: `/complaints/${encodeURIComponent(complaint.complaintId)}`,
    submit: form.submit,
    revision,
    ...withErrors(withDateToday(form.fields(complaint, values, context), form.dateField, context.today), errors),
  };
}

/** The step's own date starts as today (a person changes it only for an earlier day). */
export function withDateToday(fields: FormField[], dateField: string, today: string): FormField[] {
  return fields.map((f) =>
    f.kind === 'date' && f.name === dateField && f.value === undefined ? { ...f, value: today } : f,
  );
}

const DATE_RULES = new Set(['occurred-in-future', 'occurred-before-receipt', 'occurred-before-preceding-step']);

/**
 * A refusal by the complaint's rules as a form error: the rule's own plain-English message
 * (libs/domain rules.ts), on the field it is about (dates for date rules, else the step's map).
 */
export function ruleError(step: CaseStep, rule: string, detail: string): FormError {
  const form: StepForm = STEP_FORMS[step];
  const known = Object.values(complaintRules).find((r) => r.id === rule);
  const field = DATE_RULES.has(rule) ? form.dateField : (form.ruleFields?.[rule] ?? '');
  return { field, message: known?.message ?? detail };
}

/**
 * A request-schema problem (the API's own validation, field path as `a.b.0.c`) as a form error
 * on the field that produced it; the form's own checks catch the usual mistakes first, in
 * plainer words, so this is the backstop (lengths, plain-text rules).
 */
export function schemaError(
  step: CaseStep | 'receive',
  path: string,
  message: string,
  labels: ReadonlyMap<string, string>,
): FormError {
  const field = fieldOfPath(step, path);
  const label = labels.get(field);
  const plain = plainSchemaMessage(message);
  return { field, message: label ? `${label}: ${plain}` : plain };
}

/**
 * zod's own words ("Too big: expected string to have <=200 characters") in plain English; a
 * message the schemas wrote themselves is already plain and passes through.
 */
export function plainSchemaMessage(message: string): string {
  const limit = /^Too (big|small): expected (string|array) to have ([<>]=?)(\d+) (characters|items)$/.exec(message);
  if (!limit) return message;
  const [, , kind, sign, n] = limit;
  const unit = kind === 'string' ? (n === '1' ? 'character' : 'characters') : n === '1' ? 'entry' : 'entries';
  return sign?.startsWith('<') ? `must be ${n} ${unit} or fewer` : `must be at least ${n} ${unit}`;
}

/**
 * A refusal by the complaint's rules of a new complaint, on the receipt form: the rule's own
 * message, on the date field it is about (a future receipt, an issue known after receipt).
 */
export function receiveRuleError(rule: string, detail: string): FormError {
  const known = Object.values(complaintRules).find((r) => r.id === rule);
  const field = rule === 'issue-known-after-receipt' ? 'issueKnownSince' : DATE_RULES.has(rule) ? 'receivedOn' : '';
  const message =
    rule === 'issue-known-after-receipt'
      ? 'The date the resident first knew about the issue cannot be after the complaint was received.'
      : (known?.message ?? detail);
  return { field, message };
}

function fieldOfPath(step: CaseStep | 'receive', path: string): string {
  const parts = path.split('.');
  const index = parts.find((p) => /^\d+$/.test(p)) ?? '0';
  if (parts[0] === 'decisions') return `${parts[2] === 'outcome' ? 'outcome' : 'reasons'}-${index}`;
  if (parts[0] === 'remedies') {
    if (parts[1] === 'actions') return `${parts[3] === 'dueBy' ? 'actionDue' : 'action'}-${index}`;
    if (parts[1] === 'compensation') return 'compensationPounds';
    return parts[1] ?? 'apology';
  }
  if (parts[0] === 'handler') return parts[1] === 'id' ? 'handlerId' : 'handlerName';
  if (parts[0] === 'headsOfComplaint' || parts[0] === 'outcomesSought') return parts[0];
  if (step === 'receive') return parts[0] === 'complainant' ? (parts[1] ?? 'name') : (parts[0] ?? '');
  if (step === 'compensation' && parts[0] === 'amountPence') return 'amountPounds';
  return parts[0] ?? '';
}

/** Labels by field name, to say which field a backstop error is about. */
export const labelsOf = (fields: readonly FormField[]) =>
  new Map(fields.flatMap((f) => ('name' in f ? [[f.name, f.label] as const] : [])));
