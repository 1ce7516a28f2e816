import { expect } from 'vitest';

/**
 * A refusal as a person must see it: the GOV.UK error summary with the rule's words linking to
 * the field (href="#field"), the field's own group marked in error with the message beside it,
 * and what they typed still in the form.
 */
export function expectRefusedOn(html: string, field: string, message: string, kept: readonly string[] = []): void {
  expect(html).toContain('govuk-error-summary');
  expect(html).toContain(`<a href="#${field}">${message}</a>`);
  const group = new RegExp(
    `<div class="govuk-form-group govuk-form-group--error">(?:(?!<div class="govuk-form-group)[\\s\\S])*?id="${field}"`,
  );
  expect(html, `the ${field} field is marked in error`).toMatch(group);
  expect(html).toContain(`<p id="${field}-error" class="govuk-error-message">`);
  for (const value of kept) expect(html, `keeps "${value}"`).toContain(value);
}
