import { z } from 'zod';
import { defineEvent } from '../define-event';
import {
  CalendarDate,
  CompensationKind,
  DecisionOutcome,
  Instant,
  Pence,
  Person,
  RefusalGround,
  ShortText,
  Stage,
  Text,
} from '../primitives';

export const ComplaintRefusedV1 = defineEvent({
  type: 'ComplaintRefused',
  schemaVersion: 1,
  description: 'The complaint was not accepted under an exclusion ground; the resident was told of their Ombudsman referral right.',
  personal: ['explanation'],
  schema: z.strictObject({
    occurredAt: Instant,
    ground: RefusalGround,
    explanation: Text(4000),
    ombudsmanReferralRightGiven: z.boolean(),
  }),
});
export type ComplaintRefused = z.infer<typeof ComplaintRefusedV1.schema>;

export const ComplaintAcknowledgedV1 = defineEvent({
  type: 'ComplaintAcknowledged',
  schemaVersion: 1,
  description: 'A stage was acknowledged to the resident, naming the handler and defining the complaint (Code 5.6).',
  personal: ['headsOfComplaint[]', 'outcomesSought[]'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    handler: Person,
    method: ShortText.optional(),
    headsOfComplaint: z.array(Text(1000)).max(50),
    outcomesSought: z.array(Text(1000)).max(50),
  }),
});
export type ComplaintAcknowledged = z.infer<typeof ComplaintAcknowledgedV1.schema>;

export const ComplaintAssignedV1 = defineEvent({
  type: 'ComplaintAssigned',
  schemaVersion: 1,
  description: 'The complaint was reassigned to a new handler for the current stage.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    handler: Person,
    reason: Text(2000),
  }),
});
export type ComplaintAssigned = z.infer<typeof ComplaintAssignedV1.schema>;

export const ExtensionAgreedV1 = defineEvent({
  type: 'ExtensionAgreed',
  schemaVersion: 1,
  description: 'The response deadline of a stage was extended, with a reason (Code 6.4-6.5).',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    additionalWorkingDays: z.number().int().min(1).max(60),
    reason: Text(2000),
    residentInformed: z.boolean(),
    ombudsmanDetailsGiven: z.boolean(),
  }),
});
export type ExtensionAgreedV1Data = z.infer<typeof ExtensionAgreedV1.schema>;

/**
 * v2 adds `goodReason`: why an extension beyond the Code's limit was needed (Code 6.5). It is
 * recorded and reported; it never moves the Code target (docs/domain.md, "Timescales").
 */
export const ExtensionAgreedV2 = defineEvent({
  type: 'ExtensionAgreed',
  schemaVersion: 2,
  description:
    'The response deadline of a stage was extended, with a reason, the resident told and given the Ombudsman\'s details (Code 6.4-6.5); beyond the Code\'s limit, with the good reason recorded.',
  personal: [],
  schema: ExtensionAgreedV1.schema.extend({ goodReason: Text(2000).optional() }),
});
export type ExtensionAgreed = z.infer<typeof ExtensionAgreedV2.schema>;

export const Decision = z.strictObject({ head: Text(1000), outcome: DecisionOutcome, reasons: Text(4000) });
export type Decision = z.infer<typeof Decision>;

export const RemedyAction = z.strictObject({ actionId: ShortText, description: Text(2000), dueBy: CalendarDate });
export type RemedyAction = z.infer<typeof RemedyAction>;

export const Compensation = z.strictObject({ amountPence: Pence, kind: CompensationKind });
export type Compensation = z.infer<typeof Compensation>;

export const StageResponseIssuedV1 = defineEvent({
  type: 'StageResponseIssued',
  schemaVersion: 1,
  description: 'The stage response was issued: a decision with reasons on every head of complaint, and any remedies.',
  personal: ['decisions[].head', 'decisions[].reasons', 'remedies.actions[].description'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    decisions: z.array(Decision).min(1).max(50),
    remedies: z.strictObject({
      apology: z.boolean(),
      actions: z.array(RemedyAction).max(50),
      compensation: z.array(Compensation).max(20),
    }),
  }),
});
export type StageResponseIssued = z.infer<typeof StageResponseIssuedV1.schema>;

export const ComplaintEscalatedV1 = defineEvent({
  type: 'ComplaintEscalated',
  schemaVersion: 1,
  description: 'The resident asked for stage 2 (a reason is optional: Code 6.12). occurredAt is the request date.',
  personal: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    reason: Text(4000).optional(),
  }),
});
export type ComplaintEscalated = z.infer<typeof ComplaintEscalatedV1.schema>;

export const ComplaintClosedV1 = defineEvent({
  type: 'ComplaintClosed',
  schemaVersion: 1,
  description: 'The complaint was closed after its final response, with lessons recorded or a reason why there are none.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    outcome: Text(500),
    closedBy: Person,
    lessonsRecorded: z.number().int().nonnegative(),
    lessonsNotApplicableReason: Text(2000).optional(),
  }),
});
export type ComplaintClosed = z.infer<typeof ComplaintClosedV1.schema>;

export const ComplaintWithdrawnV1 = defineEvent({
  type: 'ComplaintWithdrawn',
  schemaVersion: 1,
  description: 'The resident withdrew the complaint.',
  personal: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    reason: Text(4000).optional(),
  }),
});
export type ComplaintWithdrawn = z.infer<typeof ComplaintWithdrawnV1.schema>;

