export { complaintDecider } from './complaint-decider';
export { decide } from './decide';
export { evolve } from './evolve';
export { legalHoldOf } from './legal-hold';
export { followUpsOf, FOLLOW_UP_REASONS, type FollowUp, type FollowUpReason } from './follow-ups';
export {
  improvementActionStatusOf,
  IMPROVEMENT_ACTION_STATUSES,
  type ImprovementActionStatus,
} from './improvement-actions/improvement-actions';
export {
  evolveRetention,
  NEW_RETENTION_RECORD,
  type RetentionRecord,
  type LegalHoldRecord,
  type OmbudsmanCaseRecord,
} from './retention/retention-record';
export {
  documentViolation,
  isAllowedDocumentType,
  DEFAULT_DOCUMENT_MAX_BYTES,
  type DocumentFacts,
} from './documents/document-rules';
export type { DocumentRecord } from './documents/document-record';
export {
  holdsOf,
  describeHold,
  retentionStartOf,
  retentionDueOn,
  retentionStatusOf,
  type Hold,
  type RetentionStatus,
} from './retention/retention-schedule';
export { complaintRules, type ComplaintRule, type ComplaintRuleId } from './rules';
export {
  activeRestrictionsOf,
  restrictionsOf,
  restrictionStatusOf,
  addCalendarMonths,
  MAX_RESTRICTION_REVIEW_MONTHS,
  type RestrictionStatus,
  type RestrictionWithStatus,
} from './restrictions/restriction-status';
export type { RestrictionRecord, RestrictionReviewRecord, EnquiryRecord } from './restrictions/restriction-record';
export * from './circumstances';
export * from './casework';
export { commandsAllowedOnceEnded } from './handlers';
export { letterReadiness, type LetterReadiness } from './letters/letter-readiness';
export {
  initialState,
  isReceived,
  hasEnded,
  currentStage,
  stageRecord,
  firstResponseAt,
  latestAnsweredStage,
  type ComplaintState,
  type ComplaintStatus,
  type NotReceivedComplaint,
  type ReceivedComplaint,
  type StageRecord,
  type StageExtension,
  type StageDecision,
  type CompensationOffer,
  type EscalationRequest,
  type EscalationRefusalRecord,
  type RemedyActionRecord,
  type CompensationPayment,
  type CompensationRecord,
  type LessonRecord,
  type ImprovementActionCompletion,
  type ContactRecord,
  type ClosureRecord,
  type WithdrawalRecord,
  type RefusalRecord,
  type SatisfactionRecord,
  type OmbudsmanOrderRecord,
  type OmbudsmanDeterminationRecord,
  type OmbudsmanRecord,
  type ErasureRecord,
  type LetterSentRecord,
} from './state';
