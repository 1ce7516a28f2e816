import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, Person, ShortText, Text } from '../primitives';

/**
 * What a restriction on contact limits (docs/domain.md, "Restrictions"): a fixed vocabulary, so
 * the case list, the attention queue and reports can say which kind without reading the terms
 * (which are personal: they name when, how and with whom the resident may be in touch).
 */
export const RestrictionKinds = [
  'single_point_of_contact',
  'contact_limits',
  'written_contact_only',
  'no_visits_without_appointment',
  'other',
] as const;
export const RestrictionKind = z.enum(RestrictionKinds);
export type RestrictionKind = z.infer<typeof RestrictionKind>;

/** What a manager decided at a review: keep the restriction as it is, or change its terms. Either way it has a next review. */
export const RestrictionReviewOutcome = z.enum(['continued', 'varied']);
export type RestrictionReviewOutcome = z.infer<typeof RestrictionReviewOutcome>;

export const RestrictionImposedV1 = defineEvent({
  type: 'RestrictionImposed',
  schemaVersion: 1,
  description:
    'A complaints manager approved a restriction on how the resident contacts the landlord (unreasonable behaviour): its kind, the reason, its terms and when it must be reviewed. It never restricts access to the complaints procedure.',
  personal: ['reason', 'terms'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** 'R1', 'R2'… numbered within the complaint. */
    restrictionId: ShortText,
    kind: RestrictionKind,
    /** Why: the behaviour it answers, as the manager recorded it. Personal. */
    reason: Text(4000),
    /** What exactly is restricted (e.g. "one phone call a week, to the case handler"). Personal. */
    terms: Text(4000).optional(),
    /** The complaints manager who approved it. */
    approvedBy: Person,
    /** The London date by which it must be reviewed: after it, unreviewed, it no longer applies. */
    reviewDue: CalendarDate,
  }),
});
export type RestrictionImposed = z.infer<typeof RestrictionImposedV1.schema>;

export const RestrictionReviewedV1 = defineEvent({
  type: 'RestrictionReviewed',
  schemaVersion: 1,
  description:
    'A complaints manager reviewed a restriction: it continues as it is, or with varied terms, until its next review.',
  personal: ['terms', 'notes'],
  schema: z.strictObject({
    occurredAt: Instant,
    restrictionId: ShortText,
    outcome: RestrictionReviewOutcome,
    /** The restriction's terms from now on, when varied. Personal. */
    terms: Text(4000).optional(),
    /** What the review considered. Personal. */
    notes: Text(4000).optional(),
    reviewedBy: Person,
    nextReviewDue: CalendarDate,
  }),
});
export type RestrictionReviewed = z.infer<typeof RestrictionReviewedV1.schema>;

export const RestrictionLiftedV1 = defineEvent({
  type: 'RestrictionLifted',
  schemaVersion: 1,
  description: 'A complaints manager lifted a restriction: contact is no longer limited by it.',
  personal: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    restrictionId: ShortText,
    /** Why it was lifted. Personal. */
    reason: Text(4000).optional(),
    liftedBy: Person,
  }),
});
export type RestrictionLifted = z.infer<typeof RestrictionLiftedV1.schema>;
