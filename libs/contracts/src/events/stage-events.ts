import { z } from 'zod';
import { defineEvent } from '../define-event';
import {
  CalendarDate,
  CompensationKind,
  ContactChannel,
  DecisionOutcome,
  Instant,
  Pence,
  Person,
  RefusalGround,
  ShortText,
  Stage,
  Text,
} from '../primitives';

/**
 * Who recorded a step, by staff id only: the name stays in the metadata, which the outbound
 * feed does not publish (docs: publishing). Enough for Code 6.13, which compares people by id.
 */
export const RecordedBy = z.strictObject({ id: ShortText });
export type RecordedBy = z.infer<typeof RecordedBy>;

export const ComplaintRefusedV1 = defineEvent({
  type: 'ComplaintRefused',
  schemaVersion: 1,
  description:
    'The complaint was not accepted under an exclusion ground; the resident was told of their Ombudsman referral right.',
  personal: ['explanation'],
  schema: z.strictObject({
    occurredAt: Instant,
    ground: RefusalGround,
    explanation: Text(4000),
    ombudsmanReferralRightGiven: z.boolean(),
  }),
});

/**
 * v2 adds the date a refusal as more than 12 months old relies on, when the complaint was
 * received without one (the refusal must then state it: docs/domain.md, refusals).
 */
export const ComplaintRefusedV2 = defineEvent({
  type: 'ComplaintRefused',
  schemaVersion: 2,
  description:
    'The complaint was not accepted under an exclusion ground true to the facts; the resident was told of their Ombudsman referral right (Code 2.4).',
  personal: ['explanation'],
  schema: z.strictObject({
    occurredAt: Instant,
    ground: RefusalGround,
    explanation: Text(4000),
    ombudsmanReferralRightGiven: z.boolean(),
    /** older_than_12_months only, when the receipt recorded no date: the date the landlord established. */
    issueKnownSince: CalendarDate.optional(),
  }),
});
export type ComplaintRefusedV1Data = z.infer<typeof ComplaintRefusedV1.schema>;
export type ComplaintRefused = z.infer<typeof ComplaintRefusedV2.schema>;

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

/**
 * v2 adds who recorded the acknowledgement (stage 2 must be independent of everyone who acted
 * on stage 1, Code 6.13; absent on events stored as v1, when it was kept in metadata only) and
 * the discretion exercised when a complaint older than 12 months is accepted.
 */
export const ComplaintAcknowledgedV2 = defineEvent({
  type: 'ComplaintAcknowledged',
  schemaVersion: 2,
  description:
    'A stage was acknowledged to the resident, naming the handler and defining the complaint (Code 5.6); recordedBy is who recorded it.',
  personal: ['headsOfComplaint[]', 'outcomesSought[]', 'discretionExercised'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    handler: Person,
    method: ShortText.optional(),
    headsOfComplaint: z.array(Text(1000)).max(50),
    outcomesSought: z.array(Text(1000)).max(50),
    /** Absent only on events stored as v1. */
    recordedBy: RecordedBy.optional(),
    /** Stage 1 of a complaint made more than 12 months after the issue became known: why it is accepted. */
    discretionExercised: Text(2000).optional(),
  }),
});
/** v3: the method of acknowledgement is a channel of the fixed vocabulary (free text before, read through the upcaster as one). */
export const ComplaintAcknowledgedV3 = defineEvent({
  type: 'ComplaintAcknowledged',
  schemaVersion: 3,
  description: ComplaintAcknowledgedV2.description,
  personal: ComplaintAcknowledgedV2.personal,
  schema: ComplaintAcknowledgedV2.schema.extend({ method: ContactChannel.optional() }),
});
export type ComplaintAcknowledgedV1Data = z.infer<typeof ComplaintAcknowledgedV1.schema>;
export type ComplaintAcknowledgedV2Data = z.infer<typeof ComplaintAcknowledgedV2.schema>;
export type ComplaintAcknowledged = z.infer<typeof ComplaintAcknowledgedV3.schema>;

export const ComplaintAssignedV1 = defineEvent({
  type: 'ComplaintAssigned',
  schemaVersion: 1,
  description: 'The complaint was reassigned to a new handler for the current stage.',
  personal: [],
  personalInClear: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    handler: Person,
    reason: Text(2000),
  }),
});

/** v2 adds who recorded the reassignment (absent on events stored as v1). */
export const ComplaintAssignedV2 = defineEvent({
  type: 'ComplaintAssigned',
  schemaVersion: 2,
  description: 'The complaint was reassigned to a new handler for the current stage; recordedBy is who recorded it.',
  personal: [],
  personalInClear: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    handler: Person,
    reason: Text(2000),
    /** Absent only on events stored as v1. */
    recordedBy: RecordedBy.optional(),
  }),
});
/** v3: the reason is personal (staff write why, and it may name the resident or a colleague). Same shape. */
export const ComplaintAssignedV3 = defineEvent({
  type: 'ComplaintAssigned',
  schemaVersion: 3,
  description: ComplaintAssignedV2.description,
  personal: ['reason'],
  schema: ComplaintAssignedV2.schema,
});
export type ComplaintAssignedV1Data = z.infer<typeof ComplaintAssignedV1.schema>;
export type ComplaintAssignedV2Data = z.infer<typeof ComplaintAssignedV2.schema>;
export type ComplaintAssigned = z.infer<typeof ComplaintAssignedV3.schema>;

export const ExtensionAgreedV1 = defineEvent({
  type: 'ExtensionAgreed',
  schemaVersion: 1,
  description: 'The response deadline of a stage was extended, with a reason (Code 6.4-6.5).',
  personal: [],
  personalInClear: ['reason'],
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
    "The response deadline of a stage was extended, with a reason, the resident told and given the Ombudsman's details (Code 6.4-6.5); beyond the Code's limit, with the good reason recorded.",
  personal: [],
  personalInClear: ['reason', 'goodReason'],
  schema: ExtensionAgreedV1.schema.extend({ goodReason: Text(2000).optional() }),
});
export type ExtensionAgreedV2Data = z.infer<typeof ExtensionAgreedV2.schema>;

/** v3: the reason and the good reason are personal (they often explain the resident's circumstances). Same shape. */
export const ExtensionAgreedV3 = defineEvent({
  type: 'ExtensionAgreed',
  schemaVersion: 3,
  description: ExtensionAgreedV2.description,
  personal: ['reason', 'goodReason'],
  schema: ExtensionAgreedV2.schema,
});
export type ExtensionAgreed = z.infer<typeof ExtensionAgreedV3.schema>;

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

/**
 * v2 adds who issued the response (absent on events stored as v1) and, when a head is upheld
 * or partially upheld without an apology, the reason why none was given.
 */
export const StageResponseIssuedV2 = defineEvent({
  type: 'StageResponseIssued',
  schemaVersion: 2,
  description:
    'The stage response was issued: a decision with reasons on every head of complaint, and any remedies; an apology, or the reason for none, wherever a head is upheld.',
  personal: [
    'decisions[].head',
    'decisions[].reasons',
    'remedies.actions[].description',
    'remedies.apologyNotGivenReason',
  ],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage,
    decisions: z.array(Decision).min(1).max(50),
    remedies: z.strictObject({
      apology: z.boolean(),
      /** Only when apology is false: why no apology was given. */
      apologyNotGivenReason: Text(2000).optional(),
      actions: z.array(RemedyAction).max(50),
      compensation: z.array(Compensation).max(20),
    }),
    /** Absent only on events stored as v1. */
    recordedBy: RecordedBy.optional(),
  }),
});
export type StageResponseIssuedV1Data = z.infer<typeof StageResponseIssuedV1.schema>;
export type StageResponseIssued = z.infer<typeof StageResponseIssuedV2.schema>;

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

/**
 * The organisation's review-request window as it stood when the request was recorded: how many
 * calendar days after the stage 1 response a resident may ask for stage 2, the last such day,
 * and whether this request came after it. A late request is flagged, never refused by the window.
 */
export const ReviewRequestWindow = z.strictObject({
  calendarDays: z.number().int().min(1).max(3660),
  lastDay: CalendarDate,
  late: z.boolean(),
});
export type ReviewRequestWindow = z.infer<typeof ReviewRequestWindow>;

/** v2 adds the review-request window in force (absent: the organisation had none). */
export const ComplaintEscalatedV2 = defineEvent({
  type: 'ComplaintEscalated',
  schemaVersion: 2,
  description:
    'The resident asked for stage 2 (a reason is optional: Code 6.12), also after a stage 1 closure, which it reopens. occurredAt is the request date.',
  personal: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    reason: Text(4000).optional(),
    reviewRequestWindow: ReviewRequestWindow.optional(),
  }),
});
export type ComplaintEscalatedV1Data = z.infer<typeof ComplaintEscalatedV1.schema>;
export type ComplaintEscalated = z.infer<typeof ComplaintEscalatedV2.schema>;

export const EscalationRefusedV1 = defineEvent({
  type: 'EscalationRefused',
  schemaVersion: 1,
  description:
    "The landlord refused the resident's request for stage 2 on an exclusion ground (Code 5.11), with its explanation and the Ombudsman referral right given.",
  personal: ['explanation'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** When the resident asked: that request, and any made before this decision, is answered by it. */
    requestedAt: Instant,
    ground: RefusalGround,
    explanation: Text(4000),
    ombudsmanReferralRightGiven: z.literal(true),
    /** older_than_12_months only, when the receipt recorded no date: the date the landlord established. */
    issueKnownSince: CalendarDate.optional(),
  }),
});
export type EscalationRefused = z.infer<typeof EscalationRefusedV1.schema>;

export const ComplaintClosedV1 = defineEvent({
  type: 'ComplaintClosed',
  schemaVersion: 1,
  description:
    'The complaint was closed after its final response, with lessons recorded or a reason why there are none.',
  personal: [],
  personalInClear: ['outcome', 'lessonsNotApplicableReason'],
  schema: z.strictObject({
    occurredAt: Instant,
    outcome: Text(500),
    closedBy: Person,
    lessonsRecorded: z.number().int().nonnegative(),
    lessonsNotApplicableReason: Text(2000).optional(),
  }),
});
export type ComplaintClosedV1Data = z.infer<typeof ComplaintClosedV1.schema>;

/** v2: the outcome and the reason for no lessons are personal (free text about the case). Same shape. */
export const ComplaintClosedV2 = defineEvent({
  type: 'ComplaintClosed',
  schemaVersion: 2,
  description: ComplaintClosedV1.description,
  personal: ['outcome', 'lessonsNotApplicableReason'],
  schema: ComplaintClosedV1.schema,
});
export type ComplaintClosed = z.infer<typeof ComplaintClosedV2.schema>;

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
