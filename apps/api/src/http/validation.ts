import type { z } from 'zod';
import { ProblemException, problems, type FieldError } from './problem';

/**
 * Every invalid field of a zod failure, one entry each: a client fixing a form wants all of
 * them at once. Unknown keys (strict schemas) are listed one per key, under their own path.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const result: FieldError[] = [];
  for (const issue of error.issues) {
    const path = [...issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) result.push({ field: [...path, key].join('.'), message: 'unknown field' });
      continue;
    }
    result.push({ field: path.length === 0 ? '(body)' : path.join('.'), message: describeIssue(issue) });
  }
  return result;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod's default for a missing required field reads "expected string, received undefined".
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'required';
  // Text is trimmed before its length is checked, so "at least 1 character" means only spaces were sent.
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1)
    return 'must not be blank';
  return issue.message;
}

/** Parse, or answer 400 listing every invalid field (body fields and query parameters alike). */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ProblemException(problems.validation(fieldErrors(result.error)));
}
