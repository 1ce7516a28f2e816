import {
  ERASED,
  type CalendarDate,
  type ComplaintEvent,
  type ContactChannel,
  type EnquirySource,
  type Instant,
  type Person,
  type RestrictionKind,
  type RestrictionReviewOutcome,
} from '@complaints/contracts';
import { erased } from '../erased';

/** One review of a restriction by a complaints manager. */
export interface RestrictionReviewRecord {
  readonly reviewedAt: Instant;
  readonly reviewedBy: Person;
  readonly outcome: RestrictionReviewOutcome;
  /** Personal. */
  readonly notes: string | null;
  readonly nextReviewDue: CalendarDate;
}

/**
 * A restriction on contact (docs/domain.md, "Restrictions"), as imposed and every review and the
 * lifting since. Lifted restrictions stay on the record (the Ombudsman asks what was in place
 * when); whether one applies on a date is restrictionStatusOf's to say, never a stored flag.
 */
export interface RestrictionRecord {
  readonly restrictionId: string;
  readonly kind: RestrictionKind;
  /** Personal: why it was imposed. */
  readonly reason: string;
  /** Personal: its terms now (as imposed, or as last varied). */
  readonly terms: string | null;
  readonly approvedBy: Person;
  readonly imposedAt: Instant;
  /** The date its current period ends: the first review's, or the last review's next one. */
  readonly reviewDue: CalendarDate;
  readonly reviews: readonly RestrictionReviewRecord[];
  readonly liftedAt: Instant | null;
  readonly liftedBy: Person | null;
  /** Personal. */
  readonly liftReason: string | null;
}

/** An enquiry from an MP, a councillor or another representative body (docs/domain.md, "Enquiries"). */
export interface EnquiryRecord {
  readonly enquiryId: string;
  readonly from: EnquirySource;
  /** Personal. */
  readonly who: string;
  /** Personal. */
  readonly summary: string;
  readonly receivedAt: Instant;
  readonly answeredAt: Instant | null;
  readonly answeredBy: ContactChannel | null;
}

/** Apply one event to the restrictions. Total and pure, like `evolve`: other events pass by. */
export function evolveRestrictions(
  restrictions: readonly RestrictionRecord[],
  event: ComplaintEvent,
): readonly RestrictionRecord[] {
  switch (event.type) {
    case 'RestrictionImposed': {
      const d = event.data;
      return [
        ...restrictions,
        {
          restrictionId: d.restrictionId,
          kind: d.kind,
          reason: d.reason,
          terms: d.terms ?? null,
          approvedBy: d.approvedBy,
          imposedAt: d.occurredAt,
          reviewDue: d.reviewDue,
          reviews: [],
          liftedAt: null,
          liftedBy: null,
          liftReason: null,
        },
      ];
    }
    case 'RestrictionReviewed': {
      const d = event.data;
      return restrictions.map((r) =>
        r.restrictionId !== d.restrictionId
          ? r
          : {
              ...r,
              terms: d.outcome === 'varied' ? (d.terms ?? r.terms) : r.terms,
              reviewDue: d.nextReviewDue,
              reviews: [
                ...r.reviews,
                {
                  reviewedAt: d.occurredAt,
                  reviewedBy: d.reviewedBy,
                  outcome: d.outcome,
                  notes: d.notes ?? null,
                  nextReviewDue: d.nextReviewDue,
                },
              ],
            },
      );
    }
    case 'RestrictionLifted': {
      const d = event.data;
      return restrictions.map((r) =>
        r.restrictionId === d.restrictionId
          ? { ...r, liftedAt: d.occurredAt, liftedBy: d.liftedBy, liftReason: d.reason ?? null }
          : r,
      );
    }
    default:
      return restrictions;
  }
}

/** Apply one event to the enquiries. Total and pure. */
export function evolveEnquiries(enquiries: readonly EnquiryRecord[], event: ComplaintEvent): readonly EnquiryRecord[] {
  switch (event.type) {
    case 'EnquiryReceived': {
      const d = event.data;
      return [
        ...enquiries,
        {
          enquiryId: d.enquiryId,
          from: d.from,
          who: d.who,
          summary: d.summary,
          receivedAt: d.occurredAt,
          answeredAt: null,
          answeredBy: null,
        },
      ];
    }
    case 'EnquiryAnswered': {
      const d = event.data;
      return enquiries.map((e) =>
        e.enquiryId === d.enquiryId ? { ...e, answeredAt: d.occurredAt, answeredBy: d.channel } : e,
      );
    }
    default:
      return enquiries;
  }
}

/** The personal fields replaced by the erased marker, as the store reads them once the key is destroyed. */
export function eraseRestrictions(restrictions: readonly RestrictionRecord[]): readonly RestrictionRecord[] {
  return restrictions.map((r) => ({
    ...r,
    reason: ERASED,
    terms: erased(r.terms),
    liftReason: erased(r.liftReason),
    reviews: r.reviews.map((review) => ({ ...review, notes: erased(review.notes) })),
  }));
}

export function eraseEnquiries(enquiries: readonly EnquiryRecord[]): readonly EnquiryRecord[] {
  return enquiries.map((e) => ({ ...e, who: ERASED, summary: ERASED }));
}
