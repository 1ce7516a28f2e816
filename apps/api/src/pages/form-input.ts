import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { schemaError, type CaseStep, type FormError, type FormValues } from '@complaints/pages';
import { fieldErrors } from '../http/validation';

/** A receipt form's key: a UUID, the same on every press of its button (a second press finds the first complaint). */
const FORM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The parsed form body, minus nothing: the form readers take only the fields they know. */
export function formValuesOf(req: Request): FormValues {
  const body: unknown = req.body;
  return body && typeof body === 'object' ? (body as FormValues) : {};
}

/** The key the form was rendered with, or a new one when it holds none (or not a UUID). */
export function formKeyOf(values: FormValues): string {
  const key = String(values['_key'] ?? '');
  return FORM_KEY.test(key) ? key : randomUUID();
}

/** What the write's own schema refuses in the body the form built, as the form's errors with its field labels. */
export function schemaErrorsOf(
  step: CaseStep | 'receive',
  schema: { safeParse(input: unknown): { success: boolean; error?: unknown } },
  body: unknown,
  labels: ReadonlyMap<string, string>,
): FormError[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]).map((e) =>
    schemaError(step, e.field, e.message, labels),
  );
}
