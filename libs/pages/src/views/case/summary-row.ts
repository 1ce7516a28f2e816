import { longUkDate } from '@complaints/reporting';
import { escapeHtml } from '../../render/escape-html';
import { londonDateTime } from '../../render/page-renderer';

/** One row of a GOV.UK summary list on the case page: its label and its value, plain text (escaped by the macro) or markup built here. */
export type SummaryRow = { key: { text: string }; value: { text: string } | { html: string } };

export const summaryRow = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });

/**
 * A date or an instant for people, marked up as `<time datetime>` so it is also machine-readable:
 * a calendar date (2026-12-03) as "3 December 2026", an instant as London's "3 December 2026, 2:05pm".
 */
export function timeHtml(dateOrInstant: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant) ? longUkDate(dateOrInstant) : londonDateTime(dateOrInstant);
  return `<time datetime="${escapeHtml(dateOrInstant)}">${escapeHtml(text)}</time>`;
}

/** A summary row whose value is a date (or instant), with plain text either side of it. */
export const summaryDateRow = (key: string, dateOrInstant: string, after = '', before = ''): SummaryRow => ({
  key: { text: key },
  value: { html: `${escapeHtml(before)}${timeHtml(dateOrInstant)}${escapeHtml(after)}` },
});
