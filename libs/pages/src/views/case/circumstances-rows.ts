import { longUkDate, type ComplaintView } from '@complaints/reporting';
import { summaryRow, type SummaryRow } from './summary-row';

const words = (code: string) => code.replace(/_/g, ' ');

/**
 * The resident's circumstances and when they are next to be updated, on the case page (docs/
 * domain.md, "Circumstances"): for the roles that read the case, never panels. Equality
 * monitoring answers are never shown, only that they were given.
 */
export function circumstancesRows(view: ComplaintView): SummaryRow[] {
  const { circumstances, keepingInformed } = view;
  const rows: SummaryRow[] = [];
  for (const v of circumstances.vulnerabilities) {
    rows.push(
      summaryRow(
        `Vulnerability ${v.vulnerabilityId}`,
        `${v.categories.map(words).join(', ')}${v.details ? `: ${v.details}` : ''}`,
      ),
    );
  }
  for (const a of circumstances.reasonableAdjustments) {
    const review = a.reviewDue
      ? `; review ${a.reviewOverdue ? 'overdue since' : 'due'} ${longUkDate(a.reviewDue)}`
      : '';
    rows.push(summaryRow(`Adjustment ${a.adjustmentId} (${words(a.kind)})`, `${a.adjustment}${review}`));
  }
  const { presentation } = circumstances;
  const letters = [
    presentation.largePrint && 'large print',
    presentation.plainText && 'plain text for a screen reader',
    presentation.easyRead && 'easy read',
  ].filter(Boolean);
  if (letters.length > 0) rows.push(summaryRow('Letters', `In ${letters.join(', ')}`));
  if (presentation.preferredContact) rows.push(summaryRow('Contact', `By ${presentation.preferredContact} only`));
  if (keepingInformed.updateIntervalWorkingDays !== null) {
    const next = keepingInformed.nextUpdateDue
      ? `; next update ${keepingInformed.nextUpdateOverdue ? 'overdue since' : 'due'} ${longUkDate(keepingInformed.nextUpdateDue)}`
      : '';
    rows.push(
      summaryRow(
        'Updates',
        `Every ${keepingInformed.updateIntervalWorkingDays} working day${keepingInformed.updateIntervalWorkingDays === 1 ? '' : 's'}${next}`,
      ),
    );
  }
  if (circumstances.equalityMonitoringGiven)
    rows.push(summaryRow('Equality monitoring', 'Given (counted only in the equality report)'));
  return rows;
}
