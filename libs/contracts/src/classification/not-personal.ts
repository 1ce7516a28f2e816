import type { PersonalPath } from '../define-event';
import type { ComplaintEventType } from '../registry';

/**
 * Why a string field of an event is not personal data. Every string field of every event
 * version is either personal in that version (its definition's `personal`, or `personalInClear`
 * for versions written before it was classified) or named in NOT_PERSONAL with one of these;
 * classification.unit.spec.ts fails on a field with no decision. Dates, instants and enums are not
 * free text and need none.
 */
export const NOT_PERSONAL_REASONS = {
  identifier: 'an id or reference this service issued (or the Ombudsman did): it names a record, not a person',
  'staff-identity':
    "a member of staff acting for the landlord, by id (and name where the step names its handler): not the data subject's data",
  vocabulary:
    "one of a fixed or configured vocabulary (channels, the organisation's categories): it cannot carry a name or a sentence",
  'organisation-label':
    "the landlord's own label (a service area; a category before categories were configured), which reports group by",
  'legacy-vocabulary':
    "free text stored before the field was a vocabulary, which the upcaster reads as its vocabulary value or 'other': the words typed there never reach a reader",
  'organisation-statement':
    "the landlord's own statement about its service, written for publication (its self-assessment against the Code, the governing body's response to the annual complaints report; Code 8.1, 8.2): about the organisation, never about a resident; public once published, and panels read it screened",
} as const;
export type NotPersonalReason = keyof typeof NOT_PERSONAL_REASONS;

/** A reason for every version, or reasons by the schema version they hold from (`{ 1: 'legacy-vocabulary', 3: 'vocabulary' }`). */
export type NotPersonalDecision = NotPersonalReason | Readonly<Record<number, NotPersonalReason>>;

/** The string fields of each event type that are not personal, with why (paths as in `personal`). */
export const NOT_PERSONAL: Readonly<
  Partial<Record<ComplaintEventType, Readonly<Record<PersonalPath, NotPersonalDecision>>>>
> = {
  ComplaintReceived: {
    complaintId: 'identifier',
    reference: 'identifier',
    dataSubjectId: 'identifier',
    serviceArea: 'organisation-label',
    channel: { 1: 'legacy-vocabulary', 3: 'vocabulary' },
    category: { 1: 'organisation-label', 3: 'vocabulary' },
  },
  ComplaintAcknowledged: {
    'handler.id': 'staff-identity',
    'handler.name': 'staff-identity',
    'recordedBy.id': 'staff-identity',
    method: { 1: 'legacy-vocabulary', 3: 'vocabulary' },
  },
  ComplaintAssigned: {
    'handler.id': 'staff-identity',
    'handler.name': 'staff-identity',
    'recordedBy.id': 'staff-identity',
  },
  StageResponseIssued: { 'remedies.actions[].actionId': 'identifier', 'recordedBy.id': 'staff-identity' },
  ComplaintClosed: { 'closedBy.id': 'staff-identity', 'closedBy.name': 'staff-identity' },
  LessonRecorded: { lessonId: 'identifier', serviceArea: 'organisation-label' },
  ContactLogged: { channel: { 1: 'legacy-vocabulary', 2: 'vocabulary' } },
  RemedyActionCompleted: { actionId: 'identifier' },
  OmbudsmanReferralRecorded: { ombudsmanReference: 'identifier' },
  OmbudsmanDeterminationRecorded: { ombudsmanReference: 'identifier', 'orders[].orderId': 'identifier' },
  OmbudsmanOrderComplied: { orderId: 'identifier' },
  PersonalDataErased: { dataSubjectId: 'identifier' },
  LegalHoldPlaced: { holdId: 'identifier', placedBy: 'staff-identity' },
  LegalHoldLifted: { holdId: 'identifier', liftedBy: 'staff-identity' },
  DocumentAttached: { documentId: 'identifier', sha256: 'identifier', attachedBy: 'staff-identity' },
  RetentionErasureApproved: { approvedBy: 'staff-identity' },
  RestrictionImposed: {
    restrictionId: 'identifier',
    'approvedBy.id': 'staff-identity',
    'approvedBy.name': 'staff-identity',
  },
  RestrictionReviewed: {
    restrictionId: 'identifier',
    'reviewedBy.id': 'staff-identity',
    'reviewedBy.name': 'staff-identity',
  },
  RestrictionLifted: {
    restrictionId: 'identifier',
    'liftedBy.id': 'staff-identity',
    'liftedBy.name': 'staff-identity',
  },
  EnquiryReceived: { enquiryId: 'identifier' },
  EnquiryAnswered: { enquiryId: 'identifier' },
  VulnerabilityRecorded: { vulnerabilityId: 'identifier', recordedBy: 'staff-identity' },
  VulnerabilityEnded: { vulnerabilityId: 'identifier', endedBy: 'staff-identity' },
  ReasonableAdjustmentAgreed: { adjustmentId: 'identifier', agreedBy: 'staff-identity' },
  ReasonableAdjustmentReviewed: { adjustmentId: 'identifier', reviewedBy: 'staff-identity' },
  UpdateIntervalAgreed: { agreedBy: 'staff-identity' },
  PanelParticipationRequested: { recordedBy: 'staff-identity' },
  PanelMeetingHeld: { recordedBy: 'staff-identity' },
  PanelParticipationDeclined: { recordedBy: 'staff-identity' },
  HeadsOfComplaintAdded: { recordedBy: 'staff-identity' },
  ComplaintLinked: { linkedComplaintId: 'identifier', linkedReference: 'identifier' },
  RepresentativeAuthorityRecorded: { confirmedBy: 'staff-identity' },
  RepresentativeAuthorityWithdrawn: { withdrawnBy: 'staff-identity' },
  LetterSent: { 'sentBy.id': 'staff-identity', 'sentBy.name': 'staff-identity' },
  GoverningBodyResponseRecorded: {
    body: 'organisation-label',
    response: 'organisation-statement',
    recordedBy: 'staff-identity',
  },
  AnnualReportPublished: { publishedBy: 'staff-identity' },
  SelfAssessmentStatementRecorded: {
    provision: 'vocabulary',
    statement: 'organisation-statement',
    commentary: 'organisation-statement',
    actionsPlanned: 'organisation-statement',
    'recordedBy.id': 'staff-identity',
    'recordedBy.name': 'staff-identity',
  },
  ImprovementActionPlanned: { lessonId: 'identifier' },
  ImprovementActionCompleted: { lessonId: 'identifier', documentId: 'identifier' },
  FeedbackReceived: {
    feedbackId: 'identifier',
    dataSubjectId: 'identifier',
    serviceArea: 'organisation-label',
    team: 'organisation-label',
  },
  FeedbackShared: { sharedBy: 'staff-identity' },
  FeedbackPassedToManager: { passedBy: 'staff-identity' },
  ServiceRequestCompleted: { completedBy: 'staff-identity' },
  FeedbackConvertedToComplaint: { complaintId: 'identifier', reference: 'identifier' },
  ComplaintRaisedFromFeedback: { feedbackId: 'identifier' },
};

/** The reason a field of this version is not personal, or undefined when it has none (then it must be personal). */
export function notPersonalReasonOf(
  type: string,
  schemaVersion: number,
  path: PersonalPath,
): NotPersonalReason | undefined {
  const decision = (NOT_PERSONAL as Record<string, Readonly<Record<PersonalPath, NotPersonalDecision>> | undefined>)[
    type
  ]?.[path];
  if (decision === undefined) return undefined;
  if (typeof decision === 'string') return decision;
  const from = Object.keys(decision)
    .map(Number)
    .filter((v) => v <= schemaVersion);
  return from.length === 0 ? undefined : decision[Math.max(...from)];
}
