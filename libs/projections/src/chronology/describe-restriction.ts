import type { EventOfType } from '@complaints/contracts';
import { channel } from './chronology-words';

type RestrictionOrEnquiryEvent = EventOfType<
  'RestrictionImposed' | 'RestrictionReviewed' | 'RestrictionLifted' | 'EnquiryReceived' | 'EnquiryAnswered'
>;

const KINDS: Record<string, string> = {
  single_point_of_contact: 'a single point of contact',
  contact_limits: 'limits on contact',
  written_contact_only: 'contact in writing only',
  no_visits_without_appointment: 'no visits without an appointment',
  other: 'a restriction on contact',
};
const FROM: Record<string, string> = {
  mp: 'an MP',
  councillor: 'a councillor',
  other_representative_body: 'a representative body',
};

const said = (text: string | undefined) =>
  text ? ` ${/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`}` : '';

/**
 * The chronology's words for restrictions and enquiries (docs/domain.md, "Restrictions" and
 * "Enquiries"). The reason, terms, notes, who and summary are personal and quoted as the event
 * holds them (so a redacted event reads as erased); the kind, dates and approver are not. Every
 * imposition and review says the date by which it must be reviewed, after which it no longer
 * applies, so the chronology shows a lapse without a step of its own.
 */
export function describeRestrictionOrEnquiry(event: RestrictionOrEnquiryEvent): string {
  switch (event.type) {
    case 'RestrictionImposed': {
      const d = event.data;
      const terms = d.terms ? ` Terms:${said(d.terms)}` : '';
      return `Restriction ${d.restrictionId} (${KINDS[d.kind] ?? d.kind}) approved by ${d.approvedBy.name}; review due ${d.reviewDue}, after which it no longer applies unless reviewed. Reason:${said(d.reason)}${terms} It does not limit the resident's use of the complaints procedure.`;
    }
    case 'RestrictionReviewed': {
      const d = event.data;
      const what =
        d.outcome === 'varied' ? `varied${d.terms ? `; new terms:${said(d.terms)}` : '.'}` : 'continued as it is.';
      return `Restriction ${d.restrictionId} reviewed by ${d.reviewedBy.name}: ${what} Next review due ${d.nextReviewDue}.${d.notes ? ` Notes:${said(d.notes)}` : ''}`;
    }
    case 'RestrictionLifted':
      return `Restriction ${event.data.restrictionId} lifted by ${event.data.liftedBy.name}.${event.data.reason ? ` Reason:${said(event.data.reason)}` : ''}`;
    case 'EnquiryReceived':
      return `Enquiry ${event.data.enquiryId} received from ${FROM[event.data.from] ?? event.data.from}, ${event.data.who}:${said(event.data.summary)}`;
    case 'EnquiryAnswered':
      return `Enquiry ${event.data.enquiryId} answered by ${channel(event.data.channel)}.`;
  }
}
