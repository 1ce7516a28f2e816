import { z } from 'zod';
import { defineEvent } from '../define-event';
import {
  CalendarDate,
  CompensationKind,
  ContactChannel,
  ContactDirection,
  ErasureBasis,
  Instant,
  OmbudsmanFinding,
  Pence,
  Satisfaction,
  ShortText,
  Stage,
  Text,
} from '../primitives';

export const LessonRecordedV1 = defineEvent({
  type: 'LessonRecorded',
  schemaVersion: 1,
  description: 'A lesson learned from the complaint, with its root cause, improvement action and owner.',
  personal: [],
  personalInClear: ['lesson', 'rootCause', 'improvementAction', 'owner'],
  schema: z.strictObject({
    occurredAt: Instant,
    lessonId: ShortText,
    lesson: Text(4000),
    serviceArea: ShortText.optional(),
    rootCause: Text(2000).optional(),
    improvementAction: Text(2000).optional(),
    owner: ShortText.optional(),
    dueBy: CalendarDate.optional(),
  }),
});
export type LessonRecordedV1Data = z.infer<typeof LessonRecordedV1.schema>;

/**
 * v2: the lesson, root cause, improvement action and owner are personal. Staff write them about
 * one case and they may name its people; the owner is free text ("Mrs Khan, Repairs"), not a
 * staff id. Same shape.
 */
export const LessonRecordedV2 = defineEvent({
  type: 'LessonRecorded',
  schemaVersion: 2,
  description: LessonRecordedV1.description,
  personal: ['lesson', 'rootCause', 'improvementAction', 'owner'],
  schema: LessonRecordedV1.schema,
});
export type LessonRecorded = z.infer<typeof LessonRecordedV2.schema>;

export const ContactLoggedV1 = defineEvent({
  type: 'ContactLogged',
  schemaVersion: 1,
  description: 'A contact with the resident, or a failed attempt at one.',
  personal: ['summary'],
  schema: z.strictObject({
    occurredAt: Instant,
    direction: ContactDirection,
    channel: ShortText,
    reached: z.boolean(),
    summary: Text(4000).optional(),
  }),
});
export type ContactLoggedV1Data = z.infer<typeof ContactLoggedV1.schema>;

/** v2: the channel is one of the fixed vocabulary (free text before, read through the upcaster as one). */
export const ContactLoggedV2 = defineEvent({
  type: 'ContactLogged',
  schemaVersion: 2,
  description: 'A contact with the resident by one of the known channels, or a failed attempt at one.',
  personal: ['summary'],
  schema: ContactLoggedV1.schema.extend({ channel: ContactChannel }),
});
export type ContactLoggedV2Data = z.infer<typeof ContactLoggedV2.schema>;

export const RemedyActionCompletedV1 = defineEvent({
  type: 'RemedyActionCompleted',
  schemaVersion: 1,
  description: 'A remedy action promised in a stage response was completed.',
  personal: ['evidence'],
  schema: z.strictObject({
    occurredAt: Instant,
    actionId: ShortText,
    evidence: Text(4000).optional(),
  }),
});
export type RemedyActionCompleted = z.infer<typeof RemedyActionCompletedV1.schema>;

export const CompensationPaidV1 = defineEvent({
  type: 'CompensationPaid',
  schemaVersion: 1,
  description: 'Compensation was paid to the resident.',
  personal: [],
  personalInClear: ['method'],
  schema: z.strictObject({
    occurredAt: Instant,
    amountPence: Pence.min(1),
    kind: CompensationKind.optional(),
    method: ShortText,
  }),
});
export type CompensationPaidV1Data = z.infer<typeof CompensationPaidV1.schema>;

/** v2: the payment method is personal (staff write "BACS to Mrs X's account", "credited to rent account 123"). Same shape. */
export const CompensationPaidV2 = defineEvent({
  type: 'CompensationPaid',
  schemaVersion: 2,
  description: CompensationPaidV1.description,
  personal: ['method'],
  schema: CompensationPaidV1.schema,
});
export type CompensationPaid = z.infer<typeof CompensationPaidV2.schema>;

export const SatisfactionRecordedV1 = defineEvent({
  type: 'SatisfactionRecorded',
  schemaVersion: 1,
  description: "The resident's satisfaction with the handling and with the outcome, recorded separately.",
  personal: ['comment'],
  schema: z.strictObject({
    occurredAt: Instant,
    withHandling: Satisfaction,
    withOutcome: Satisfaction,
    comment: Text(4000).optional(),
  }),
});

/**
 * v2 adds the stage the survey is about: one record per stage, both reported. Absent on events
 * stored as v1, which count for the latest stage answered when they were recorded.
 */
export const SatisfactionRecordedV2 = defineEvent({
  type: 'SatisfactionRecorded',
  schemaVersion: 2,
  description: "The resident's satisfaction with the handling and with the outcome of one stage, recorded separately.",
  personal: ['comment'],
  schema: z.strictObject({
    occurredAt: Instant,
    stage: Stage.optional(),
    withHandling: Satisfaction,
    withOutcome: Satisfaction,
    comment: Text(4000).optional(),
  }),
});
export type SatisfactionRecordedV1Data = z.infer<typeof SatisfactionRecordedV1.schema>;
export type SatisfactionRecorded = z.infer<typeof SatisfactionRecordedV2.schema>;

export const OmbudsmanReferralRecordedV1 = defineEvent({
  type: 'OmbudsmanReferralRecorded',
  schemaVersion: 1,
  description: 'The Housing Ombudsman told the landlord it is investigating the complaint.',
  personal: [],
  schema: z.strictObject({ occurredAt: Instant, ombudsmanReference: ShortText }),
});
export type OmbudsmanReferralRecorded = z.infer<typeof OmbudsmanReferralRecordedV1.schema>;

export const OmbudsmanOrder = z.strictObject({ orderId: ShortText, description: Text(2000), dueBy: CalendarDate });
export type OmbudsmanOrder = z.infer<typeof OmbudsmanOrder>;

export const OmbudsmanDeterminationRecordedV1 = defineEvent({
  type: 'OmbudsmanDeterminationRecorded',
  schemaVersion: 1,
  description: "The Ombudsman's determination: a finding per element, and any orders with deadlines.",
  personal: [],
  personalInClear: ['findings[].element', 'orders[].description'],
  schema: z.strictObject({
    occurredAt: Instant,
    ombudsmanReference: ShortText,
    findings: z
      .array(z.strictObject({ element: Text(1000), finding: OmbudsmanFinding }))
      .min(1)
      .max(50),
    orders: z.array(OmbudsmanOrder).max(50),
  }),
});
export type OmbudsmanDeterminationRecordedV1Data = z.infer<typeof OmbudsmanDeterminationRecordedV1.schema>;

/** v2: each finding's element and each order's description are personal (the Ombudsman's words about this case). Same shape. */
export const OmbudsmanDeterminationRecordedV2 = defineEvent({
  type: 'OmbudsmanDeterminationRecorded',
  schemaVersion: 2,
  description: OmbudsmanDeterminationRecordedV1.description,
  personal: ['findings[].element', 'orders[].description'],
  schema: OmbudsmanDeterminationRecordedV1.schema,
});
export type OmbudsmanDeterminationRecorded = z.infer<typeof OmbudsmanDeterminationRecordedV2.schema>;

export const OmbudsmanOrderCompliedV1 = defineEvent({
  type: 'OmbudsmanOrderComplied',
  schemaVersion: 1,
  description: 'An Ombudsman order was complied with, with evidence.',
  personal: [],
  personalInClear: ['evidence'],
  schema: z.strictObject({ occurredAt: Instant, orderId: ShortText, evidence: Text(4000) }),
});
export type OmbudsmanOrderCompliedV1Data = z.infer<typeof OmbudsmanOrderCompliedV1.schema>;

/** v2: the evidence of compliance is personal, as a remedy action's evidence already was. Same shape. */
export const OmbudsmanOrderCompliedV2 = defineEvent({
  type: 'OmbudsmanOrderComplied',
  schemaVersion: 2,
  description: OmbudsmanOrderCompliedV1.description,
  personal: ['evidence'],
  schema: OmbudsmanOrderCompliedV1.schema,
});
export type OmbudsmanOrderComplied = z.infer<typeof OmbudsmanOrderCompliedV2.schema>;

export const PersonalDataErasedV1 = defineEvent({
  type: 'PersonalDataErased',
  schemaVersion: 1,
  description: "The data subject's key was destroyed: every personal field of the complaint now reads as erased.",
  personal: [],
  personalInClear: ['reason'],
  schema: z.strictObject({ occurredAt: Instant, dataSubjectId: ShortText, reason: Text(1000) }),
});
export type PersonalDataErasedV1Data = z.infer<typeof PersonalDataErasedV1.schema>;

/**
 * v2: the erasure states its basis as a code (what reports count) and its reason, now optional
 * free text, is personal: it is encrypted under the very key the erasure destroys, so it is
 * erased with everything else (docs/domain.md, "Personal data"). `basis` is absent only on
 * events stored as v1. Further facts about how an erasure was decided are added as optional
 * fields beside `basis`.
 */
export const PersonalDataErasedV2 = defineEvent({
  type: 'PersonalDataErased',
  schemaVersion: 2,
  description:
    "The data subject's key was destroyed, on the basis stated: every personal field of the complaint, the erasure's own reason included, now reads as erased.",
  personal: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    dataSubjectId: ShortText,
    basis: ErasureBasis.optional(),
    reason: Text(1000).optional(),
  }),
});
export type PersonalDataErased = z.infer<typeof PersonalDataErasedV2.schema>;
