import { RuleViolation } from '../decider';
import { restrictionRules } from './restrictions/restriction-rules';
import { circumstancesRules } from './circumstances/circumstances-rules';
import { caseworkRules } from './casework/casework-rules';

/**
 * Every rule the complaint decider enforces, with a stable kebab-case id (API 409 responses
 * carry it, clients may branch on it, so ids never change) and one plain-English line that an
 * officer can read in a form error. Exported whole so the API can document the rules.
 */
export const complaintRules = {
  notReceived: {
    id: 'complaint-not-received',
    message: 'No complaint has been received under this id, so nothing can be recorded against it.',
  },
  issueKnownAfterReceipt: {
    id: 'issue-known-after-receipt',
    message: 'The date the issue became known (issueKnownSince) cannot be after the complaint was received.',
  },
  alreadyReceived: {
    id: 'complaint-already-received',
    message: 'This complaint has already been received; a complaint is received once.',
  },
  ended: {
    id: 'complaint-ended',
    message:
      'The complaint has ended (closed, withdrawn or refused): only contacts, letters sent, documents, lessons and their improvement actions, remedy completions, compensation payments, satisfaction, Ombudsman steps, legal holds, equality monitoring, erasure, enquiries and the review or lifting of a restriction can still be recorded, and a complaint closed at stage 1 can still be escalated.',
  },
  occurredInFuture: {
    id: 'occurred-in-future',
    message: 'A step cannot be recorded as happening in the future.',
  },
  occurredBeforeReceipt: {
    id: 'occurred-before-receipt',
    message: 'A step cannot be dated before the complaint was received.',
  },
  occurredBeforePrecedingStep: {
    id: 'occurred-before-preceding-step',
    message: 'A step cannot be dated before the step it follows.',
  },
  escalationNeedsStageOneResponse: {
    id: 'escalation-needs-stage-1-response',
    message: 'A complaint can only be escalated to stage 2 after its stage 1 response has been issued.',
  },
  noStageBeyondTwo: {
    id: 'no-stage-beyond-2',
    message: 'The complaint is already at stage 2, the final stage: there are only two stages (Code 5.1-5.3).',
  },
  stageAlreadyAcknowledged: {
    id: 'stage-already-acknowledged',
    message: 'This stage has already been acknowledged; each stage is acknowledged once.',
  },
  handlerRequired: {
    id: 'handler-required',
    message: 'An acknowledgement or reassignment must name the handler (id and name).',
  },
  stageTwoHandlerMustDiffer: {
    id: 'stage-2-handler-must-differ',
    message:
      'The stage 2 handler must be a different person from anyone who acted on stage 1: its handlers and whoever acknowledged, reassigned or answered it (Code 6.13).',
  },
  stageTwoRecorderMustBeIndependent: {
    id: 'stage-2-recorder-must-be-independent',
    message:
      'Someone who acted on stage 1 (handled, acknowledged, reassigned or answered it) cannot acknowledge, reassign or answer stage 2 (Code 6.13).',
  },
  erasedComplaintCannotReopen: {
    id: 'erased-complaint-cannot-reopen',
    message:
      "This complaint's personal data has been erased, so it cannot be reopened at stage 2 (its review would need the complaint's definition): record the resident's dissatisfaction as a new complaint.",
  },
  escalationAlreadyRefused: {
    id: 'escalation-already-refused',
    message:
      'This request for stage 2 was refused; only a request the resident makes after that decision can escalate the complaint.',
  },
  stageNotAcknowledged: {
    id: 'stage-not-acknowledged',
    message: 'The current stage has not been acknowledged yet.',
  },
  stageAlreadyResponded: {
    id: 'stage-already-responded',
    message: 'This stage already has its response; each stage is answered once.',
  },
  duplicateHeadOfComplaint: {
    id: 'duplicate-head-of-complaint',
    message:
      'A head of complaint is named more than once in the acknowledgement: each head is defined, and decided, once.',
  },
  complaintDefinitionRequired: {
    id: 'complaint-definition-required',
    message: 'A stage 1 acknowledgement must define the complaint: at least one head of complaint (Code 5.6).',
  },
  lateComplaintNeedsDiscretion: {
    id: 'late-complaint-needs-discretion',
    message:
      'The issue became known more than 12 months before the complaint was received: accepting it needs the discretion exercised to be recorded (why it is accepted), or refuse it on that ground.',
  },
  apologyOrReasonRequired: {
    id: 'apology-or-reason-required',
    message:
      'A response that upholds or partially upholds a head of complaint needs an apology, or a recorded reason why none was given.',
  },
  decisionRequired: {
    id: 'decision-required',
    message: 'A stage response needs at least one decision.',
  },
  decisionNeedsReasons: {
    id: 'decision-needs-reasons',
    message: 'Every decision in a stage response must give its reasons.',
  },
  headOfComplaintUndecided: {
    id: 'head-of-complaint-undecided',
    message:
      'Every head of complaint defined at acknowledgement, or added to the stage since, needs a decision in the response.',
  },
  decisionForUnknownHead: {
    id: 'decision-for-unknown-head',
    message:
      'A decision names a head of complaint that was neither defined at acknowledgement nor added to the stage since.',
  },
  duplicateDecision: {
    id: 'duplicate-decision',
    message: 'A head of complaint has more than one decision.',
  },
  extensionAfterResponse: {
    id: 'extension-after-response',
    message: 'The response deadline cannot be extended once the stage response has been issued.',
  },
  extensionNeedsReason: {
    id: 'extension-needs-reason',
    message: 'An extension must state its reason (Code 6.4).',
  },
  extensionNeedsResidentInformed: {
    id: 'extension-needs-resident-informed',
    message:
      "An extension counts only once the resident has been told of it, with the reason and the Housing Ombudsman's details (Code 6.4-6.5): record residentInformed and ombudsmanDetailsGiven as true.",
  },
  extensionBeyondLimitNeedsGoodReason: {
    id: 'extension-beyond-limit-needs-good-reason',
    message:
      "This extension takes the stage beyond the Code's limit (10 working days at stage 1, 20 at stage 2): record the good reason (Code 6.4, 6.15). Beyond the limit it moves only the organisation's own target, never the Code's.",
  },
  closureNeedsResponse: {
    id: 'closure-needs-response',
    message: 'A complaint can only be closed after the response for its current stage has been issued.',
  },
  closureNeedsLessonsOrReason: {
    id: 'closure-needs-lessons-or-reason',
    message: 'Closing needs at least one lesson recorded, or a stated reason why there are none.',
  },
  ombudsmanReferralRightRequired: {
    id: 'ombudsman-referral-right-required',
    message:
      'A refusal (of a complaint or of an escalation) must tell the resident of their right to refer it to the Ombudsman (Code 2.4).',
  },
  refusalNeedsIssueDate: {
    id: 'refusal-needs-issue-date',
    message:
      'A refusal as more than 12 months old needs the date the issue became known: none was recorded at receipt, so the refusal must state the date it relies on (issueKnownSince).',
  },
  refusalGroundNotSupported: {
    id: 'refusal-ground-not-supported',
    message:
      'The ground is not true to the facts: a complaint is more than 12 months old only if the issue became known at least 12 months before it was received.',
  },
  refusalAfterResponse: {
    id: 'refusal-after-response',
    message: 'A complaint cannot be refused once a stage response has been issued.',
  },
  remedyActionUnknown: {
    id: 'remedy-action-unknown',
    message: 'No remedy action with this id was set in a stage response.',
  },
  lessonUnknown: {
    id: 'lesson-unknown',
    message: 'No lesson with this id was recorded on this complaint.',
  },
  lessonHasNoImprovementAction: {
    id: 'lesson-has-no-improvement-action',
    message:
      'This lesson was recorded without an improvement action: there is nothing to plan or to complete (record a new lesson with its action).',
  },
  lessonDueWithoutImprovementAction: {
    id: 'lesson-due-without-improvement-action',
    message: 'A due date is for an improvement action: a lesson given one needs its improvementAction.',
  },
  improvementActionAlreadyCompleted: {
    id: 'improvement-action-already-completed',
    message: 'This improvement action has already been recorded as made; it is completed once.',
  },
  improvementActionDueBeforePlanned: {
    id: 'improvement-action-due-before-planned',
    message: 'An improvement action cannot be due before the day it is planned (or recorded).',
  },
  improvementActionEvidenceDocumentUnknown: {
    id: 'improvement-action-evidence-document-unknown',
    message: 'The evidence document must be one attached to this complaint before the completion is recorded.',
  },
  remedyActionAlreadyCompleted: {
    id: 'remedy-action-already-completed',
    message: 'This remedy action has already been completed.',
  },
  needsStageResponse: {
    id: 'needs-stage-response',
    message:
      "Compensation payments and satisfaction can only be recorded after a stage response (satisfaction: after that stage's response).",
  },
  satisfactionAlreadyRecorded: {
    id: 'satisfaction-already-recorded',
    message: "The resident's satisfaction with this stage has already been recorded: one record per stage.",
  },
  ombudsmanReferralAlreadyRecorded: {
    id: 'ombudsman-referral-already-recorded',
    message: 'An Ombudsman referral has already been recorded for this complaint.',
  },
  ombudsmanReferralRequired: {
    id: 'ombudsman-referral-required',
    message: 'An Ombudsman determination needs the referral to be recorded first.',
  },
  ombudsmanReferenceMismatch: {
    id: 'ombudsman-reference-mismatch',
    message: 'The Ombudsman reference does not match the referral recorded for this complaint.',
  },
  ombudsmanDeterminationAlreadyRecorded: {
    id: 'ombudsman-determination-already-recorded',
    message: 'The Ombudsman determination has already been recorded.',
  },
  ombudsmanOrderIdsNotUnique: {
    id: 'ombudsman-order-ids-not-unique',
    message: 'Each Ombudsman order in a determination needs a distinct id.',
  },
  ombudsmanOrderUnknown: {
    id: 'ombudsman-order-unknown',
    message: 'No Ombudsman order with this id was recorded in the determination.',
  },
  ombudsmanOrderAlreadyComplied: {
    id: 'ombudsman-order-already-complied',
    message: 'Compliance with this Ombudsman order has already been recorded.',
  },
  erasureNeedsEndedComplaint: {
    id: 'erasure-needs-ended-complaint',
    message: 'Personal data can only be erased once the complaint has been closed, withdrawn or refused.',
  },
  erasureUnderLegalHold: {
    id: 'erasure-under-legal-hold',
    message:
      'Personal data cannot be erased while a legal hold applies: an Ombudsman case is open (a referral without determination, or orders not yet complied with), or a hold was placed for a claim, litigation or an investigation.',
  },
  personalDataAlreadyErased: {
    id: 'personal-data-already-erased',
    message: "This complaint's personal data has already been erased.",
  },
  retentionErasureNeedsApproval: {
    id: 'retention-erasure-needs-approval',
    message:
      "An erasure on retention grounds is an administrator's approval of a case the schedule lists as due (POST /api/v1/retention/erasures), which checks the period has run out and nothing holds the data; erase on request with another basis.",
  },
  retentionPeriodNotOver: {
    id: 'retention-period-not-over',
    message:
      'The retention period has not run out: personal data is erased on retention grounds only once the configured number of years have passed since the complaint ended (or its Ombudsman case closed, if later).',
  },
  legalHoldOnErasedComplaint: {
    id: 'legal-hold-on-erased-complaint',
    message:
      'A legal hold cannot be placed on a complaint whose personal data has been erased: there is nothing left to hold.',
  },
  legalHoldNotInPlace: {
    id: 'legal-hold-not-in-place',
    message:
      'No legal hold with this id is in place on this complaint: it was never placed, or it has already been lifted.',
  },
  ...restrictionRules,
  ...circumstancesRules,
  ...caseworkRules,
  documentTooLarge: {
    id: 'document-too-large',
    message: 'The document is larger than the limit for attachments.',
  },
  documentEmpty: {
    id: 'document-empty',
    message: 'The document is empty: there is nothing to attach.',
  },
  documentTypeNotAllowed: {
    id: 'document-type-not-allowed',
    message:
      'Only PDF, JPEG, PNG, GIF, WebP or HEIC images, Word, Excel, PowerPoint or OpenDocument text files and plain text can be attached, as recognised from the content (not the file name).',
  },
  documentOnErasedComplaint: {
    id: 'document-on-erased-complaint',
    message: 'A document cannot be attached to a complaint whose personal data has been erased.',
  },
  letterNotReady: {
    id: 'letter-not-ready',
    message:
      'This letter cannot be drafted yet, so it cannot have been sent: the step it reports has not been recorded.',
  },
  letterToAbsentRepresentative: {
    id: 'letter-to-absent-representative',
    message:
      'The complaint names no representative, so a letter cannot have been sent to one: record it as sent to the resident.',
  },
} as const satisfies Record<string, { readonly id: string; readonly message: string }>;

export type ComplaintRule = (typeof complaintRules)[keyof typeof complaintRules];
export type ComplaintRuleId = ComplaintRule['id'];

/**
 * The refusal of a command under one rule. `detail` adds what exactly was wrong (a field, a
 * count, a date) to the rule's message; it must never carry personal data, because 409 bodies
 * and logs are not encrypted.
 */
export function violation(rule: ComplaintRule, detail?: string): RuleViolation {
  return new RuleViolation(rule.id, detail ? `${rule.message} ${detail}` : rule.message);
}
