import { z } from 'zod';
import { commandSchemas, type ComplaintCommandType } from '@complaints/contracts';

/**
 * What each write of the API asks of the complaint: the command, which of its fields is the
 * business time (defaults to now when absent), and which fields come from the URL rather
 * than the body. Request bodies are the command schemas themselves (strict: unknown fields are
 * refused), so the API and the domain can never disagree on a field.
 */
export interface WriteDefinition<K extends ComplaintCommandType = ComplaintCommandType> {
  command: K;
  /** The `...At` field: when it happened in the world; now when the client leaves it out. */
  at: string;
  /** Fields taken from path parameters of the same name. */
  fromPath: readonly string[];
}

const define = <K extends ComplaintCommandType>(
  command: K,
  at: string,
  fromPath: readonly string[] = [],
): WriteDefinition<K> => ({
  command,
  at,
  fromPath,
});

export const writes = {
  receive: define('ReceiveComplaint', 'receivedAt'),
  acknowledge: define('AcknowledgeComplaint', 'acknowledgedAt'),
  extend: define('AgreeExtension', 'agreedAt'),
  respond: define('IssueStageResponse', 'respondedAt'),
  escalate: define('EscalateComplaint', 'requestedAt'),
  refuseEscalation: define('RefuseEscalation', 'refusedAt'),
  close: define('CloseComplaint', 'closedAt'),
  recordLesson: define('RecordLesson', 'recordedAt'),
  logContact: define('LogContact', 'at'),
  withdraw: define('WithdrawComplaint', 'withdrawnAt'),
  refuse: define('RefuseComplaint', 'refusedAt'),
  reassign: define('AssignHandler', 'assignedAt'),
  completeRemedyAction: define('CompleteRemedyAction', 'completedAt', ['actionId']),
  planImprovementAction: define('PlanImprovementAction', 'plannedAt', ['lessonId']),
  completeImprovementAction: define('CompleteImprovementAction', 'completedAt', ['lessonId']),
  payCompensation: define('RecordCompensationPayment', 'paidAt'),
  recordSatisfaction: define('RecordSatisfaction', 'recordedAt'),
  recordOmbudsmanReferral: define('RecordOmbudsmanReferral', 'referredAt'),
  recordOmbudsmanDetermination: define('RecordOmbudsmanDetermination', 'determinedAt'),
  recordOmbudsmanOrderCompliance: define('RecordOmbudsmanOrderCompliance', 'compliedAt', ['orderId']),
  erasePersonalData: define('ErasePersonalData', 'erasedAt'),
  placeLegalHold: define('PlaceLegalHold', 'placedAt'),
  liftLegalHold: define('LiftLegalHold', 'liftedAt', ['holdId']),
  approveRetentionErasure: define('ApproveRetentionErasure', 'approvedAt'),
  imposeRestriction: define('ImposeRestriction', 'imposedAt'),
  reviewRestriction: define('ReviewRestriction', 'reviewedAt', ['restrictionId']),
  liftRestriction: define('LiftRestriction', 'liftedAt', ['restrictionId']),
  receiveEnquiry: define('ReceiveEnquiry', 'receivedAt'),
  answerEnquiry: define('AnswerEnquiry', 'answeredAt', ['enquiryId']),
  recordVulnerability: define('RecordVulnerability', 'recordedAt'),
  endVulnerability: define('EndVulnerability', 'endedAt', ['vulnerabilityId']),
  agreeReasonableAdjustment: define('AgreeReasonableAdjustment', 'agreedAt'),
  reviewReasonableAdjustment: define('ReviewReasonableAdjustment', 'reviewedAt', ['adjustmentId']),
  recordEqualityMonitoring: define('RecordEqualityMonitoring', 'recordedAt'),
  agreeUpdateInterval: define('AgreeUpdateInterval', 'agreedAt'),
  requestPanelParticipation: define('RequestPanelParticipation', 'requestedAt'),
  recordPanelMeeting: define('RecordPanelMeeting', 'recordedAt'),
  declinePanelParticipation: define('DeclinePanelParticipation', 'declinedAt'),
  addHeadsOfComplaint: define('AddHeadsOfComplaint', 'addedAt'),
  linkNewComplaint: define('LinkNewComplaint', 'linkedAt'),
  recordRepresentativeAuthority: define('RecordRepresentativeAuthority', 'confirmedAt'),
  withdrawRepresentativeAuthority: define('WithdrawRepresentativeAuthority', 'withdrawnAt'),
  attachDocument: define('AttachDocument', 'attachedAt'),
  recordLetterSent: define('RecordLetterSent', 'sentAt', ['letter']),
} as const;

/**
 * Fields the server fills in: never accepted from a client. The review-request window, the
 * complaint categories and the retention schedule are the organisation's configured policy
 * (ORG_REVIEW_REQUEST_WINDOW_DAYS, ORG_COMPLAINT_CATEGORIES, RETENTION_YEARS_AFTER_END), not the caller's.
 */
const SERVER_GENERATED: Partial<Record<ComplaintCommandType, readonly string[]>> = {
  ReceiveComplaint: ['reference', 'dataSubjectId', 'categories', 'relatedTo', 'raisedFromFeedback'],
  // Only POST /complaints/{id}/related-complaints links complaints, from the two it receives and names.
  LinkNewComplaint: ['newComplaintId', 'newReference'],
  EscalateComplaint: ['reviewRequestWindowDays'],
  ApproveRetentionErasure: ['retentionYears'],
  // Read from the uploaded bytes and the configured limit (docs/documents.md).
  AttachDocument: ['sha256', 'sizeBytes', 'mediaType', 'maxBytes'],
};

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

const requestSchemas = new Map<ComplaintCommandType, AnyObjectSchema>();

const pathSchemas = new Map<ComplaintCommandType, AnyObjectSchema>();

/**
 * The schema of a write's path parameters (remedy action id, Ombudsman order id): the command's
 * own fields, so a value in the URL meets exactly the rule it would meet in a body.
 */
export function pathSchemaOf(definition: WriteDefinition): AnyObjectSchema {
  let schema = pathSchemas.get(definition.command);
  if (!schema) {
    const command = commandSchemas[definition.command] as unknown as AnyObjectSchema;
    schema = command.pick(Object.fromEntries(definition.fromPath.map((field) => [field, true])));
    pathSchemas.set(definition.command, schema);
  }
  return schema;
}

/** The body schema of a write: the command's schema, its time optional, minus path and server fields. */
export function requestSchemaOf(definition: WriteDefinition): AnyObjectSchema {
  let schema = requestSchemas.get(definition.command);
  if (!schema) {
    const command = commandSchemas[definition.command] as unknown as AnyObjectSchema;
    const omitted = [...definition.fromPath, ...(SERVER_GENERATED[definition.command] ?? [])];
    const withoutPathFields = omitted.length
      ? command.omit(Object.fromEntries(omitted.map((f) => [f, true])))
      : command;
    // The mask's keys are only known at run time; zod's types want them statically.
    const partial = withoutPathFields.partial.bind(withoutPathFields) as unknown as (
      mask: Record<string, true>,
    ) => AnyObjectSchema;
    schema = partial({ [definition.at]: true });
    requestSchemas.set(definition.command, schema);
  }
  return schema;
}
