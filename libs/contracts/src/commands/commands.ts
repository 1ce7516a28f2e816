import { z } from 'zod';
import { Complainant, Representative } from '../events/complaint-received';
import {
  Actor,
  CalendarDate,
  CompensationKind,
  ContactDirection,
  DecisionOutcome,
  Instant,
  OmbudsmanFinding,
  Pence,
  Person,
  RefusalGround,
  Satisfaction,
  ShortText,
  Tenure,
  Text,
} from '../primitives';

/**
 * Commands: what users ask the complaint to do. Each carries `now` (the decider never reads a
 * clock: "nothing in the future" is judged against it) and the actor. Field names follow the
 * HTTP contract (docs: api.md), so a validated request body becomes a command unchanged.
 */
export const CommandContext = z.strictObject({
  complaintId: ShortText,
  now: Instant,
  actor: Actor,
});
export type CommandContext = z.infer<typeof CommandContext>;

export const COMMAND_SCHEMA_VERSION = 1;

export const ReceiveComplaint = z.strictObject({
  receivedAt: Instant,
  reference: ShortText,
  dataSubjectId: ShortText,
  channel: ShortText,
  complainant: Complainant,
  representative: Representative.optional(),
  serviceArea: ShortText,
  category: ShortText.optional(),
  description: Text(10_000),
  outcomeSought: Text(4000).optional(),
  issueKnownSince: CalendarDate.optional(),
  tenure: Tenure.optional(),
});

export const RefuseComplaint = z.strictObject({
  refusedAt: Instant,
  ground: RefusalGround,
  explanation: Text(4000),
  ombudsmanReferralRightGiven: z.boolean().default(true),
});

export const AcknowledgeComplaint = z.strictObject({
  acknowledgedAt: Instant,
  handler: Person,
  method: ShortText.optional(),
  headsOfComplaint: z.array(Text(1000)).max(50).optional(),
  outcomesSought: z.array(Text(1000)).max(50).optional(),
});

export const AssignHandler = z.strictObject({
  assignedAt: Instant,
  handler: Person,
  reason: Text(2000),
});

export const AgreeExtension = z.strictObject({
  agreedAt: Instant,
  additionalWorkingDays: z.number().int().min(1).max(60),
  reason: Text(2000),
  residentInformed: z.boolean().default(false),
  ombudsmanDetailsGiven: z.boolean().default(false),
});

export const IssueStageResponse = z.strictObject({
  respondedAt: Instant,
  decisions: z
    .array(z.strictObject({ head: Text(1000), outcome: DecisionOutcome, reasons: Text(4000) }))
    .min(1)
    .max(50),
  remedies: z
    .strictObject({
      apology: z.boolean().default(false),
      actions: z.array(z.strictObject({ description: Text(2000), dueBy: CalendarDate })).max(50).default([]),
      compensation: z.array(z.strictObject({ amountPence: Pence, kind: CompensationKind })).max(20).default([]),
    })
    .default({ apology: false, actions: [], compensation: [] }),
});

export const EscalateComplaint = z.strictObject({ requestedAt: Instant, reason: Text(4000).optional() });

export const CloseComplaint = z.strictObject({
  closedAt: Instant,
  outcome: Text(500),
  lessonsNotApplicableReason: Text(2000).optional(),
});

export const WithdrawComplaint = z.strictObject({ withdrawnAt: Instant, reason: Text(4000).optional() });

export const RecordLesson = z.strictObject({
  recordedAt: Instant,
  lesson: Text(4000),
  serviceArea: ShortText.optional(),
  rootCause: Text(2000).optional(),
  improvementAction: Text(2000).optional(),
  owner: ShortText.optional(),
  dueBy: CalendarDate.optional(),
});

export const LogContact = z.strictObject({
  at: Instant,
  direction: ContactDirection,
  channel: ShortText,
  reached: z.boolean(),
  summary: Text(4000).optional(),
});

export const CompleteRemedyAction = z.strictObject({
  completedAt: Instant,
  actionId: ShortText,
  evidence: Text(4000).optional(),
});

export const RecordCompensationPayment = z.strictObject({
  paidAt: Instant,
  amountPence: Pence.min(1),
  kind: CompensationKind.optional(),
  method: ShortText,
});

export const RecordSatisfaction = z.strictObject({
  recordedAt: Instant,
  withHandling: Satisfaction,
  withOutcome: Satisfaction,
  comment: Text(4000).optional(),
});

export const RecordOmbudsmanReferral = z.strictObject({ referredAt: Instant, ombudsmanReference: ShortText });

export const RecordOmbudsmanDetermination = z.strictObject({
  determinedAt: Instant,
  ombudsmanReference: ShortText,
  findings: z.array(z.strictObject({ element: Text(1000), finding: OmbudsmanFinding })).min(1).max(50),
  orders: z
    .array(z.strictObject({ orderId: ShortText.optional(), description: Text(2000), dueBy: CalendarDate }))
    .max(50)
    .default([]),
});

export const RecordOmbudsmanOrderCompliance = z.strictObject({
  compliedAt: Instant,
  orderId: ShortText,
  evidence: Text(4000),
});

export const ErasePersonalData = z.strictObject({ erasedAt: Instant, reason: Text(1000) });

/** Every command's payload schema, by command type. */
export const commandSchemas = {
  ReceiveComplaint,
  RefuseComplaint,
  AcknowledgeComplaint,
  AssignHandler,
  AgreeExtension,
  IssueStageResponse,
  EscalateComplaint,
  CloseComplaint,
  WithdrawComplaint,
  RecordLesson,
  LogContact,
  CompleteRemedyAction,
  RecordCompensationPayment,
  RecordSatisfaction,
  RecordOmbudsmanReferral,
  RecordOmbudsmanDetermination,
  RecordOmbudsmanOrderCompliance,
  ErasePersonalData,
} as const;

export type ComplaintCommandType = keyof typeof commandSchemas;

/** A command as the decider receives it: type, payload (already validated) and context. */
export type ComplaintCommand = {
  [K in ComplaintCommandType]: { type: K; data: z.output<(typeof commandSchemas)[K]> } & CommandContext;
}[ComplaintCommandType];

export type CommandOfType<K extends ComplaintCommandType> = Extract<ComplaintCommand, { type: K }>;
