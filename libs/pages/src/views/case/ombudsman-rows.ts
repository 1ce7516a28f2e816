import { longUkDate, type ComplaintView } from '@complaints/reporting';
import { londonDateTime } from '../../render/page-renderer';
import { FINDING_WORDS } from '@complaints/documents';
import { summaryRow, type SummaryRow } from './summary-row';

/** The Housing Ombudsman's part of the case, for the summary: the referral, the determination's findings, and each order with whether it was complied with. */
export function ombudsmanRows(view: ComplaintView): SummaryRow[] {
  const ombudsman = view.ombudsman;
  if (!ombudsman) return [];
  const rows = [
    summaryRow(
      'Housing Ombudsman',
      `Investigating as ${ombudsman.reference} since ${londonDateTime(ombudsman.referredAt)}`,
    ),
  ];
  const determination = ombudsman.determination;
  if (!determination) return rows;
  rows.push(
    summaryRow(
      'Ombudsman’s determination',
      `${londonDateTime(determination.determinedAt)}: ${determination.findings.map((f) => `${f.element}: ${FINDING_WORDS[f.finding] ?? f.finding}`).join('; ')}`,
    ),
  );
  for (const order of determination.orders) {
    const state = order.compliedAt
      ? `complied with ${londonDateTime(order.compliedAt)}`
      : `due by ${longUkDate(order.dueBy)}, not yet complied with`;
    rows.push(summaryRow(`Ombudsman order ${order.orderId}`, `${order.description} (${state})`));
  }
  return rows;
}
