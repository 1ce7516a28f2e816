import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Instant, ShortText, Stage, Text } from '../primitives';

/**
 * Issues the resident raises while a stage is open (Code 6.8; docs/domain.md, "Related
 * issues"): a related one joins the stage's definition before its response; an unrelated one
 * becomes a new complaint, and each complaint records the link to the other.
 */
export const MAX_HEADS_ADDED = 20;

export const HeadsOfComplaintAddedV1 = defineEvent({
  type: 'HeadsOfComplaintAdded',
  schemaVersion: 1,
  description:
    "Heads of complaint raised during a stage, related to it, were added to that stage's definition before its response.",
  personal: ['heads[]'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    heads: z.array(Text(1000)).min(1).max(MAX_HEADS_ADDED),
    /** The staff id of whoever added them. */
    recordedBy: ShortText,
  }),
});
export type HeadsOfComplaintAdded = z.infer<typeof HeadsOfComplaintAddedV1.schema>;

/**
 * Which way a link points. `new_complaint_logged`: on the complaint during which the issue was
 * raised, naming the new complaint. `logged_from`: on the new complaint, naming the complaint
 * (and its stage) during which the issue was raised.
 */
export const ComplaintLinkRelation = z.enum(['new_complaint_logged', 'logged_from']);
export type ComplaintLinkRelation = z.infer<typeof ComplaintLinkRelation>;

export const ComplaintLinkedV1 = defineEvent({
  type: 'ComplaintLinked',
  schemaVersion: 1,
  description:
    'An unrelated issue raised during a stage was logged as a new complaint; each of the two complaints records the link to the other.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    relation: ComplaintLinkRelation,
    linkedComplaintId: ShortText,
    linkedReference: ShortText,
    /** The stage of the earlier complaint during which the issue was raised. */
    stage: Stage,
  }),
});
export type ComplaintLinked = z.infer<typeof ComplaintLinkedV1.schema>;
