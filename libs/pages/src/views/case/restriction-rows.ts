import { longUkDate, type ComplaintView } from '@complaints/reporting';
import { londonDateTime } from '../../render/page-renderer';
import { summaryRow, type SummaryRow } from './summary-row';

const KIND_TEXT: Readonly<Record<string, string>> = {
  single_point_of_contact: 'Single point of contact',
  contact_limits: 'Limits on contact',
  written_contact_only: 'Contact in writing only',
  no_visits_without_appointment: 'No visits without an appointment',
  other: 'Restriction on contact',
};
const FROM_TEXT: Readonly<Record<string, string>> = {
  mp: 'MP',
  councillor: 'Councillor',
  other_representative_body: 'Representative body',
};

/**
 * The case summary's rows for restrictions on contact and enquiries (docs/domain.md,
 * "Restrictions" and "Enquiries"): what applies today, what has lapsed for want of a review (it
 * no longer applies, and says so), and each enquiry with whether it has been answered.
 */
export function restrictionAndEnquiryRows(view: ComplaintView): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const r of view.restrictions) {
    if (r.status === 'lifted') continue;
    const kind = KIND_TEXT[r.kind] ?? r.kind;
    const terms = r.terms ? ` ${r.terms}` : '';
    const standing =
      r.status === 'review_overdue'
        ? `Review overdue since ${longUkDate(r.reviewDue)}: no longer applies until a manager reviews it.`
        : `Approved by ${r.approvedBy.name}; review due ${longUkDate(r.reviewDue)}.`;
    rows.push(
      summaryRow(
        `Restriction ${r.restrictionId}: ${kind}`,
        `${standing}${terms} It does not limit the resident's use of the complaints procedure.`,
      ),
    );
  }
  for (const e of view.enquiries) {
    const answered = e.answeredAt ? `answered ${londonDateTime(e.answeredAt)}` : 'not yet answered';
    rows.push(
      summaryRow(
        `Enquiry ${e.enquiryId}: ${FROM_TEXT[e.from] ?? e.from}`,
        `${e.who}, received ${londonDateTime(e.receivedAt)}, ${answered}.`,
      ),
    );
  }
  return rows;
}
