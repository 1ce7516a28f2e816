import type { z } from 'zod';
import type { EventDefinition } from './define-event';
import * as E from './events';
import type {
  ComplaintAcknowledged,
  ComplaintAssigned,
  ComplaintClosed,
  ComplaintEscalated,
  ComplaintReceived,
  EscalationRefused,
  ComplaintRefused,
  ComplaintWithdrawn,
  CompensationPaid,
  ContactLogged,
  ExtensionAgreed,
  LessonRecorded,
  OmbudsmanDeterminationRecorded,
  OmbudsmanOrderComplied,
  OmbudsmanReferralRecorded,
  PersonalDataErased,
  LegalHoldPlaced,
  LegalHoldLifted,
  RetentionErasureApproved,
  RestrictionImposed,
  RestrictionReviewed,
  RestrictionLifted,
  EnquiryReceived,
  EnquiryAnswered,
  VulnerabilityRecorded,
  VulnerabilityEnded,
  ReasonableAdjustmentAgreed,
  ReasonableAdjustmentReviewed,
  EqualityMonitoringRecorded,
  UpdateIntervalAgreed,
  DocumentAttached,
  LetterSent,
  RemedyActionCompleted,
  SatisfactionRecorded,
  StageResponseIssued,
  PanelParticipationRequested,
  PanelMeetingHeld,
  PanelParticipationDeclined,
  HeadsOfComplaintAdded,
  ComplaintLinked,
  RepresentativeAuthorityRecorded,
  RepresentativeAuthorityWithdrawn,
  GoverningBodyResponseRecorded,
  AnnualReportPublished,
  SelfAssessmentStatementRecorded,
  ImprovementActionPlanned,
  ImprovementActionCompleted,
  FeedbackReceived,
  FeedbackShared,
  FeedbackPassedToManager,
  ServiceRequestCompleted,
  FeedbackConvertedToComplaint,
  ComplaintRaisedFromFeedback,
} from './events';

/** The current version of every event type: what the decider emits and what readers receive. */
export const currentEvents = {
  ComplaintReceived: E.ComplaintReceivedV3,
  ComplaintRefused: E.ComplaintRefusedV2,
  ComplaintAcknowledged: E.ComplaintAcknowledgedV3,
  ComplaintAssigned: E.ComplaintAssignedV3,
  ExtensionAgreed: E.ExtensionAgreedV3,
  StageResponseIssued: E.StageResponseIssuedV2,
  ComplaintEscalated: E.ComplaintEscalatedV2,
  EscalationRefused: E.EscalationRefusedV1,
  ComplaintClosed: E.ComplaintClosedV2,
  ComplaintWithdrawn: E.ComplaintWithdrawnV1,
  LessonRecorded: E.LessonRecordedV2,
  ContactLogged: E.ContactLoggedV3,
  RemedyActionCompleted: E.RemedyActionCompletedV1,
  CompensationPaid: E.CompensationPaidV2,
  SatisfactionRecorded: E.SatisfactionRecordedV2,
  OmbudsmanReferralRecorded: E.OmbudsmanReferralRecordedV1,
  OmbudsmanDeterminationRecorded: E.OmbudsmanDeterminationRecordedV2,
  OmbudsmanOrderComplied: E.OmbudsmanOrderCompliedV2,
  PersonalDataErased: E.PersonalDataErasedV2,
  LegalHoldPlaced: E.LegalHoldPlacedV1,
  LegalHoldLifted: E.LegalHoldLiftedV1,
  RetentionErasureApproved: E.RetentionErasureApprovedV1,
  RestrictionImposed: E.RestrictionImposedV1,
  RestrictionReviewed: E.RestrictionReviewedV1,
  RestrictionLifted: E.RestrictionLiftedV1,
  EnquiryReceived: E.EnquiryReceivedV1,
  EnquiryAnswered: E.EnquiryAnsweredV1,
  VulnerabilityRecorded: E.VulnerabilityRecordedV1,
  VulnerabilityEnded: E.VulnerabilityEndedV1,
  ReasonableAdjustmentAgreed: E.ReasonableAdjustmentAgreedV1,
  ReasonableAdjustmentReviewed: E.ReasonableAdjustmentReviewedV1,
  EqualityMonitoringRecorded: E.EqualityMonitoringRecordedV1,
  UpdateIntervalAgreed: E.UpdateIntervalAgreedV1,
  PanelParticipationRequested: E.PanelParticipationRequestedV1,
  PanelMeetingHeld: E.PanelMeetingHeldV1,
  PanelParticipationDeclined: E.PanelParticipationDeclinedV1,
  HeadsOfComplaintAdded: E.HeadsOfComplaintAddedV1,
  ComplaintLinked: E.ComplaintLinkedV1,
  RepresentativeAuthorityRecorded: E.RepresentativeAuthorityRecordedV1,
  RepresentativeAuthorityWithdrawn: E.RepresentativeAuthorityWithdrawnV1,
  DocumentAttached: E.DocumentAttachedV1,
  LetterSent: E.LetterSentV1,
  GoverningBodyResponseRecorded: E.GoverningBodyResponseRecordedV1,
  AnnualReportPublished: E.AnnualReportPublishedV1,
  SelfAssessmentStatementRecorded: E.SelfAssessmentStatementRecordedV1,
  ImprovementActionPlanned: E.ImprovementActionPlannedV1,
  ImprovementActionCompleted: E.ImprovementActionCompletedV1,
  // Issue 16: feedback that is not a complaint (streams of category 'feedback'), and the complaint raised from one.
  FeedbackReceived: E.FeedbackReceivedV1,
  FeedbackShared: E.FeedbackSharedV1,
  FeedbackPassedToManager: E.FeedbackPassedToManagerV1,
  ServiceRequestCompleted: E.ServiceRequestCompletedV1,
  FeedbackConvertedToComplaint: E.FeedbackConvertedToComplaintV1,
  ComplaintRaisedFromFeedback: E.ComplaintRaisedFromFeedbackV1,
} as const satisfies Record<string, EventDefinition>;

export type ComplaintEventType = keyof typeof currentEvents;
export const complaintEventTypes = Object.keys(currentEvents) as ComplaintEventType[];

/** Every version ever published, oldest first per type: the schemas subscribers may meet. */
export const allEventVersions: readonly EventDefinition[] = [
  E.ComplaintReceivedV1,
  E.ExtensionAgreedV1,
  E.ComplaintRefusedV1,
  E.ComplaintAcknowledgedV1,
  E.ComplaintAssignedV1,
  E.StageResponseIssuedV1,
  E.ComplaintEscalatedV1,
  E.SatisfactionRecordedV1,
  // Issue 12: free text that can name people became personal; channels became a vocabulary.
  E.ComplaintReceivedV2,
  E.ComplaintAcknowledgedV2,
  E.ComplaintAssignedV2,
  E.ExtensionAgreedV2,
  E.ComplaintClosedV1,
  E.LessonRecordedV1,
  E.ContactLoggedV1,
  E.CompensationPaidV1,
  E.OmbudsmanDeterminationRecordedV1,
  E.OmbudsmanOrderCompliedV1,
  E.PersonalDataErasedV1,
  // Issue 15: who a contact was with (resident or representative).
  E.ContactLoggedV2,
  ...Object.values(currentEvents),
];

interface EventDataByType {
  ComplaintReceived: ComplaintReceived;
  ComplaintRefused: ComplaintRefused;
  ComplaintAcknowledged: ComplaintAcknowledged;
  ComplaintAssigned: ComplaintAssigned;
  ExtensionAgreed: ExtensionAgreed;
  StageResponseIssued: StageResponseIssued;
  ComplaintEscalated: ComplaintEscalated;
  EscalationRefused: EscalationRefused;
  ComplaintClosed: ComplaintClosed;
  ComplaintWithdrawn: ComplaintWithdrawn;
  LessonRecorded: LessonRecorded;
  ContactLogged: ContactLogged;
  RemedyActionCompleted: RemedyActionCompleted;
  CompensationPaid: CompensationPaid;
  SatisfactionRecorded: SatisfactionRecorded;
  OmbudsmanReferralRecorded: OmbudsmanReferralRecorded;
  OmbudsmanDeterminationRecorded: OmbudsmanDeterminationRecorded;
  OmbudsmanOrderComplied: OmbudsmanOrderComplied;
  PersonalDataErased: PersonalDataErased;
  LegalHoldPlaced: LegalHoldPlaced;
  LegalHoldLifted: LegalHoldLifted;
  RetentionErasureApproved: RetentionErasureApproved;
  RestrictionImposed: RestrictionImposed;
  RestrictionReviewed: RestrictionReviewed;
  RestrictionLifted: RestrictionLifted;
  EnquiryReceived: EnquiryReceived;
  EnquiryAnswered: EnquiryAnswered;
  VulnerabilityRecorded: VulnerabilityRecorded;
  VulnerabilityEnded: VulnerabilityEnded;
  ReasonableAdjustmentAgreed: ReasonableAdjustmentAgreed;
  ReasonableAdjustmentReviewed: ReasonableAdjustmentReviewed;
  EqualityMonitoringRecorded: EqualityMonitoringRecorded;
  UpdateIntervalAgreed: UpdateIntervalAgreed;
  PanelParticipationRequested: PanelParticipationRequested;
  PanelMeetingHeld: PanelMeetingHeld;
  PanelParticipationDeclined: PanelParticipationDeclined;
  HeadsOfComplaintAdded: HeadsOfComplaintAdded;
  ComplaintLinked: ComplaintLinked;
  RepresentativeAuthorityRecorded: RepresentativeAuthorityRecorded;
  RepresentativeAuthorityWithdrawn: RepresentativeAuthorityWithdrawn;
  DocumentAttached: DocumentAttached;
  LetterSent: LetterSent;
  GoverningBodyResponseRecorded: GoverningBodyResponseRecorded;
  AnnualReportPublished: AnnualReportPublished;
  SelfAssessmentStatementRecorded: SelfAssessmentStatementRecorded;
  ImprovementActionPlanned: ImprovementActionPlanned;
  ImprovementActionCompleted: ImprovementActionCompleted;
  FeedbackReceived: FeedbackReceived;
  FeedbackShared: FeedbackShared;
  FeedbackPassedToManager: FeedbackPassedToManager;
  ServiceRequestCompleted: ServiceRequestCompleted;
  FeedbackConvertedToComplaint: FeedbackConvertedToComplaint;
  ComplaintRaisedFromFeedback: ComplaintRaisedFromFeedback;
}

/** A domain event: its type and its (current-version) data. Time is `data.occurredAt`. */
export type ComplaintEvent = {
  [K in ComplaintEventType]: { type: K; data: EventDataByType[K] };
}[ComplaintEventType];

export type EventOfType<K extends ComplaintEventType> = Extract<ComplaintEvent, { type: K }>;

/** By type and version, built once: the store looks a definition up for every event it reads. */
const definitionsByVersion = new Map<string, EventDefinition>(
  allEventVersions.map((d) => [`${d.type}@${d.schemaVersion}`, d]),
);

export function definitionOf(type: string, schemaVersion: number): EventDefinition | undefined {
  return definitionsByVersion.get(`${type}@${schemaVersion}`);
}

export function currentVersionOf(type: string): number | undefined {
  return (currentEvents as Record<string, EventDefinition>)[type]?.schemaVersion;
}

export type EventData<K extends ComplaintEventType> = z.infer<(typeof currentEvents)[K]['schema']>;
