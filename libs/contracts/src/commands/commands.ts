import { z } from 'zod';
import { InputComplainant, InputRepresentative } from '../events/complaint-received';
import { channelOfText } from '../events/channel-of-text';
import { LegalHoldCategory, RetentionYears } from '../events/retention-events';
import {
  AnswerEnquiry,
  ImposeRestriction,
  LiftRestriction,
  ReceiveEnquiry,
  ReviewRestriction,
} from './restriction-commands';
import { circumstancesCommandSchemas } from './circumstances-commands';
import { caseworkCommandSchemas, ContactWith, RelatedTo } from './casework-commands';
import { AttachDocument } from './document-commands';
import { improvementActionCommandSchemas } from './improvement-action-commands';
import { LetterName, LetterRecipient } from '../events/letter-events';
import { ConvertibleFeedbackKind } from '../events/feedback-events';
import {
  Actor,
  CompensationKind,
  ContactChannels,
  ContactDirection,
  DecisionOutcome,
  ErasureBasis,
  InputDate,
  InputInstant,
  InputPerson,
  InputReference,
  InputShortText,
  InputText,
  Instant,
  OmbudsmanFinding,
  Pence,
  RefusalGround,
  Satisfaction,
  ShortText,
  Stage,
  Tenure,
} from '../primitives';

/**
 * Commands: what users ask the complaint to do. Each carries `now` (the decider never reads a
 * clock: "nothing in the future" is judged against it) and the actor. Field names follow the
 * HTTP contract (docs: api.md), so a validated request body becomes a command unchanged.
 * Every field uses the edge primitives (Input…): plain text only, dates and instants in the
 * years 1900 to 2100; the events they become use the wider primitives of what was recorded.
 */
export const CommandContext = z.strictObject({
  complaintId: ShortText,
  now: Instant,
  actor: Actor,
});
export type CommandContext = z.infer<typeof CommandContext>;

export const COMMAND_SCHEMA_VERSION = 1;

/**
 * A channel as the caller names it: one of the vocabulary (ContactChannels), a common synonym
 * ("telephone", "online form"), or any other words, recorded as 'other' without them — the
 * recorded channel is in the answer's events (docs/domain.md, "Personal data").
 */
export const InputChannel = InputShortText.transform(channelOfText).meta({
  description: `One of ${ContactChannels.join(', ')}; common synonyms (telephone, post, online, SMS…) are read as their channel and any other words as other.`,
});

export const ReceiveComplaint = z.strictObject({
  receivedAt: InputInstant,
  reference: InputShortText,
  dataSubjectId: InputShortText,
  channel: InputChannel,
  complainant: InputComplainant,
  representative: InputRepresentative.optional(),
  serviceArea: InputShortText,
  category: InputShortText.optional(),
  /**
   * The organisation's complaint categories, filled in by the server from its configuration
   * (ORG_COMPLAINT_CATEGORIES), never by a client: a category given as one of them is recorded in
   * their spelling; any other words are recorded as 'other', with the words kept as the personal
   * `categoryDetail`, so a category can never hold a name in clear (docs/domain.md, "Personal data").
   */
  categories: z.array(InputShortText).max(500).optional(),
  description: InputText(10_000),
  outcomeSought: InputText(4000).optional(),
  issueKnownSince: InputDate.optional(),
  tenure: Tenure.optional(),
  /** The complaint during which this one's (unrelated) issue was raised: the server's, never a client's (Code 6.8). */
  relatedTo: RelatedTo.optional(),
  /** The feedback item this complaint was raised from (POST /api/v1/feedback/{id}/complaint): the server's, never a client's. */
  raisedFromFeedback: z.strictObject({ feedbackId: InputShortText, kind: ConvertibleFeedbackKind }).optional(),
});

/**
 * A refusal states its ground and explanation; the resident must be told of the Ombudsman
 * referral right (Code 2.4), so false is refused by the domain (the default is true).
 * `issueKnownSince`: for `older_than_12_months` when the receipt recorded no date, the date the
 * landlord established; the ground is checked against it.
 */
export const RefuseComplaint = z.strictObject({
  refusedAt: InputInstant,
  ground: RefusalGround,
  explanation: InputText(4000),
  ombudsmanReferralRightGiven: z.boolean().default(true),
  issueKnownSince: InputDate.optional(),
});

export const AcknowledgeComplaint = z.strictObject({
  acknowledgedAt: InputInstant,
  handler: InputPerson,
  method: InputChannel.optional(),
  headsOfComplaint: z.array(InputText(1000)).max(50).optional(),
  outcomesSought: z.array(InputText(1000)).max(50).optional(),
  /** Accepting a complaint made more than 12 months after the issue became known: why (discretion). */
  discretionExercised: InputText(2000).optional(),
});

export const AssignHandler = z.strictObject({
  assignedAt: InputInstant,
  handler: InputPerson,
  reason: InputText(2000),
});

export const AgreeExtension = z.strictObject({
  agreedAt: InputInstant,
  additionalWorkingDays: z.number().int().min(1).max(60),
  reason: InputText(2000),
  residentInformed: z.boolean().default(false),
  ombudsmanDetailsGiven: z.boolean().default(false),
  /** Required when the stage's extensions would go beyond the Code's limit (Code 6.5). */
  goodReason: InputText(2000).optional(),
});

export const IssueStageResponse = z.strictObject({
  respondedAt: InputInstant,
  decisions: z
    .array(z.strictObject({ head: InputText(1000), outcome: DecisionOutcome, reasons: InputText(4000) }))
    .min(1)
    .max(50),
  remedies: z
    .strictObject({
      apology: z.boolean().default(false),
      apologyNotGivenReason: InputText(2000).optional(),
      actions: z
        .array(z.strictObject({ description: InputText(2000), dueBy: InputDate }))
        .max(50)
        .default([]),
      compensation: z
        .array(z.strictObject({ amountPence: Pence, kind: CompensationKind }))
        .max(20)
        .default([]),
    })
    .default({ apology: false, actions: [], compensation: [] }),
});

/**
 * `reviewRequestWindowDays` is the organisation's policy (calendar days after the stage 1
 * response), filled in by the server from its configuration, never by a client: the decider
 * flags a later request on the event, by the policy in force when it was recorded.
 */
export const EscalateComplaint = z.strictObject({
  requestedAt: InputInstant,
  reason: InputText(4000).optional(),
  reviewRequestWindowDays: z.number().int().min(1).max(3660).optional(),
});

/** Refusing a request for stage 2 (Code 5.11): on the grounds a complaint may be refused. */
export const RefuseEscalation = z.strictObject({
  refusedAt: InputInstant,
  /** When the resident asked for stage 2. */
  requestedAt: InputInstant,
  ground: RefusalGround,
  explanation: InputText(4000),
  ombudsmanReferralRightGiven: z.boolean().default(true),
  issueKnownSince: InputDate.optional(),
});

export const CloseComplaint = z.strictObject({
  closedAt: InputInstant,
  outcome: InputText(500),
  lessonsNotApplicableReason: InputText(2000).optional(),
});

export const WithdrawComplaint = z.strictObject({ withdrawnAt: InputInstant, reason: InputText(4000).optional() });

export const RecordLesson = z.strictObject({
  recordedAt: InputInstant,
  lesson: InputText(4000),
  serviceArea: InputShortText.optional(),
  rootCause: InputText(2000).optional(),
  improvementAction: InputText(2000).optional(),
  owner: InputShortText.optional(),
  dueBy: InputDate.optional(),
});

export const LogContact = z.strictObject({
  at: InputInstant,
  direction: ContactDirection,
  channel: InputChannel,
  reached: z.boolean(),
  summary: InputText(4000).optional(),
  with: ContactWith,
});

export const CompleteRemedyAction = z.strictObject({
  completedAt: InputInstant,
  actionId: InputShortText,
  evidence: InputText(4000).optional(),
});

export const RecordCompensationPayment = z.strictObject({
  paidAt: InputInstant,
  amountPence: Pence.min(1),
  kind: CompensationKind.optional(),
  method: InputShortText,
});

/** `stage`: the stage the survey is about; by default the latest stage answered. */
export const RecordSatisfaction = z.strictObject({
  recordedAt: InputInstant,
  stage: Stage.optional(),
  withHandling: Satisfaction,
  withOutcome: Satisfaction,
  comment: InputText(4000).optional(),
});

export const RecordOmbudsmanReferral = z.strictObject({ referredAt: InputInstant, ombudsmanReference: InputReference });

export const RecordOmbudsmanDetermination = z.strictObject({
  determinedAt: InputInstant,
  ombudsmanReference: InputReference,
  findings: z
    .array(z.strictObject({ element: InputText(1000), finding: OmbudsmanFinding }))
    .min(1)
    .max(50),
  orders: z
    .array(z.strictObject({ orderId: InputReference.optional(), description: InputText(2000), dueBy: InputDate }))
    .max(50)
    .default([]),
});

export const RecordOmbudsmanOrderCompliance = z.strictObject({
  compliedAt: InputInstant,
  orderId: InputReference,
  evidence: InputText(4000),
});

/**
 * `basis`: why, as a code reports can count; `reason`: any words about it, personal (encrypted
 * under the key the erasure destroys, so erased with it).
 */
export const ErasePersonalData = z.strictObject({
  erasedAt: InputInstant,
  basis: ErasureBasis.default('data_subject_request'),
  reason: InputText(1000).optional(),
});

/** A legal hold for a claim, litigation or an investigation (an Ombudsman case holds by itself). */
export const PlaceLegalHold = z.strictObject({ placedAt: InputInstant, category: LegalHoldCategory });
export const LiftLegalHold = z.strictObject({ liftedAt: InputInstant, holdId: InputShortText });
/**
 * An administrator's approval of erasure on retention grounds. The schedule in force
 * (RETENTION_YEARS_AFTER_END) is a server field: the domain never reads configuration.
 */
export const ApproveRetentionErasure = z.strictObject({ approvedAt: InputInstant, retentionYears: RetentionYears });

/** That a drafted letter was sent (docs/letters.md): which (from the URL), how, when and to whom. */
export const RecordLetterSent = z.strictObject({
  sentAt: InputInstant,
  letter: LetterName,
  channel: InputChannel,
  recipient: LetterRecipient,
});

/** Every command's payload schema, by command type. */
export const commandSchemas = {
  ReceiveComplaint,
  RefuseComplaint,
  AcknowledgeComplaint,
  AssignHandler,
  AgreeExtension,
  IssueStageResponse,
  EscalateComplaint,
  RefuseEscalation,
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
  PlaceLegalHold,
  LiftLegalHold,
  ApproveRetentionErasure,
  ImposeRestriction,
  ReviewRestriction,
  LiftRestriction,
  ReceiveEnquiry,
  AnswerEnquiry,
  ...circumstancesCommandSchemas,
  ...caseworkCommandSchemas,
  AttachDocument,
  RecordLetterSent,
  ...improvementActionCommandSchemas,
} as const;

export type ComplaintCommandType = keyof typeof commandSchemas;

/** A command as the decider receives it: type, payload (already validated) and context. */
export type ComplaintCommand = {
  [K in ComplaintCommandType]: { type: K; data: z.output<(typeof commandSchemas)[K]> } & CommandContext;
}[ComplaintCommandType];

export type CommandOfType<K extends ComplaintCommandType> = Extract<ComplaintCommand, { type: K }>;
