import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, ShortText } from '../primitives';

/**
 * Why a complaint's records are held beyond their retention period (docs/domain.md, "Retention
 * and legal hold"). A category, never free text: the hold is visible to every reader of the case
 * and to subscribers, and a description of a claim would name people. An Ombudsman case needs no
 * explicit hold: an open one holds the records by itself.
 */
export const LegalHoldCategory = z.enum([
  'litigation',
  'pre_action_claim',
  'insurance_claim',
  'regulatory_investigation',
]);
export type LegalHoldCategory = z.infer<typeof LegalHoldCategory>;

/** The most years a retention schedule may keep a complaint after it ended: beyond it, a typo. */
export const MAX_RETENTION_YEARS = 100;
export const RetentionYears = z.number().int().min(1).max(MAX_RETENTION_YEARS);

export const LegalHoldPlacedV1 = defineEvent({
  type: 'LegalHoldPlaced',
  schemaVersion: 1,
  description:
    'A legal hold was placed on the complaint (a claim, litigation or an investigation): its personal data is kept until the hold is lifted.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    /** 'LH1', 'LH2'… numbered within the complaint. */
    holdId: ShortText,
    category: LegalHoldCategory,
    /** The staff id of whoever placed it. */
    placedBy: ShortText,
  }),
});
export type LegalHoldPlaced = z.infer<typeof LegalHoldPlacedV1.schema>;

export const LegalHoldLiftedV1 = defineEvent({
  type: 'LegalHoldLifted',
  schemaVersion: 1,
  description: 'A legal hold on the complaint was lifted.',
  personal: [],
  schema: z.strictObject({ occurredAt: Instant, holdId: ShortText, liftedBy: ShortText }),
});
export type LegalHoldLifted = z.infer<typeof LegalHoldLiftedV1.schema>;

export const RetentionErasureApprovedV1 = defineEvent({
  type: 'RetentionErasureApproved',
  schemaVersion: 1,
  description:
    "An administrator approved erasing the complaint's personal data because its retention period had run out; the PersonalDataErased that carries it out follows in the same write.",
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    /** The staff id of the administrator who approved it. */
    approvedBy: ShortText,
    /** The retention schedule in force: years after the end. */
    retentionYears: RetentionYears,
    /** The London date the retention period ran from: the end of the complaint, or of its Ombudsman case if later. */
    retentionFrom: CalendarDate,
    /** The first date the erasure was due. */
    dueOn: CalendarDate,
  }),
});
export type RetentionErasureApproved = z.infer<typeof RetentionErasureApprovedV1.schema>;
