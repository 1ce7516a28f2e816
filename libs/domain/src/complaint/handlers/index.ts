import { declinePanelParticipation, recordPanelMeeting, requestPanelParticipation } from '../casework/panel-handlers';
import { addHeadsOfComplaint, linkNewComplaint } from '../casework/related-issue-handlers';
import { recordRepresentativeAuthority, withdrawRepresentativeAuthority } from '../casework/representative-handlers';
import { acknowledgeComplaint } from './acknowledge-complaint';
import { approveRetentionErasure } from './approve-retention-erasure';
import { agreeExtension } from './agree-extension';
import { assignHandler } from './assign-handler';
import { attachDocument } from './attach-document';
import { closeComplaint } from './close-complaint';
import type { CommandHandler, HandledCommandType } from './command-handler';
import { completeRemedyAction } from './complete-remedy-action';
import { completeImprovementAction, planImprovementAction } from './improvement-actions';
import { erasePersonalData } from './erase-personal-data';
import { escalateComplaint } from './escalate-complaint';
import { issueStageResponse } from './issue-stage-response';
import { liftLegalHold } from './lift-legal-hold';
import { logContact } from './log-contact';
import { placeLegalHold } from './place-legal-hold';
import { recordCompensationPayment } from './record-compensation-payment';
import { recordLesson } from './record-lesson';
import { recordLetterSent } from './record-letter-sent';
import { recordOmbudsmanDetermination } from './record-ombudsman-determination';
import { recordOmbudsmanOrderCompliance } from './record-ombudsman-order-compliance';
import { recordOmbudsmanReferral } from './record-ombudsman-referral';
import { recordSatisfaction } from './record-satisfaction';
import { refuseComplaint } from './refuse-complaint';
import { refuseEscalation } from './refuse-escalation';
import { withdrawComplaint } from './withdraw-complaint';
import { imposeRestriction } from './impose-restriction';
import { reviewRestriction } from './review-restriction';
import { liftRestriction } from './lift-restriction';
import { receiveEnquiry } from './receive-enquiry';
import { answerEnquiry } from './answer-enquiry';
import { circumstancesHandlers } from '../circumstances/handlers';

export { receiveComplaint } from './receive-complaint';
export type { Decided, HandledCommandType } from './command-handler';

/** One handler per command type; the mapped type makes a missing or mismatched one a compile error. */
export const commandHandlers: { readonly [K in HandledCommandType]: CommandHandler<K> } = {
  RefuseComplaint: refuseComplaint,
  AcknowledgeComplaint: acknowledgeComplaint,
  AssignHandler: assignHandler,
  AgreeExtension: agreeExtension,
  IssueStageResponse: issueStageResponse,
  EscalateComplaint: escalateComplaint,
  RefuseEscalation: refuseEscalation,
  CloseComplaint: closeComplaint,
  WithdrawComplaint: withdrawComplaint,
  RecordLesson: recordLesson,
  LogContact: logContact,
  CompleteRemedyAction: completeRemedyAction,
  PlanImprovementAction: planImprovementAction,
  CompleteImprovementAction: completeImprovementAction,
  RecordCompensationPayment: recordCompensationPayment,
  RecordSatisfaction: recordSatisfaction,
  RecordOmbudsmanReferral: recordOmbudsmanReferral,
  RecordOmbudsmanDetermination: recordOmbudsmanDetermination,
  RecordOmbudsmanOrderCompliance: recordOmbudsmanOrderCompliance,
  ErasePersonalData: erasePersonalData,
  PlaceLegalHold: placeLegalHold,
  LiftLegalHold: liftLegalHold,
  ApproveRetentionErasure: approveRetentionErasure,
  ImposeRestriction: imposeRestriction,
  ReviewRestriction: reviewRestriction,
  LiftRestriction: liftRestriction,
  ReceiveEnquiry: receiveEnquiry,
  AnswerEnquiry: answerEnquiry,
  ...circumstancesHandlers,
  RequestPanelParticipation: requestPanelParticipation,
  RecordPanelMeeting: recordPanelMeeting,
  DeclinePanelParticipation: declinePanelParticipation,
  AddHeadsOfComplaint: addHeadsOfComplaint,
  LinkNewComplaint: linkNewComplaint,
  RecordRepresentativeAuthority: recordRepresentativeAuthority,
  WithdrawRepresentativeAuthority: withdrawRepresentativeAuthority,
  AttachDocument: attachDocument,
  RecordLetterSent: recordLetterSent,
};

/** The command types that may still be recorded once a complaint has ended (closure, withdrawal, refusal). */
export const commandsAllowedOnceEnded: readonly HandledCommandType[] = (
  Object.keys(commandHandlers) as HandledCommandType[]
).filter((type) => commandHandlers[type].allowedOnceEnded);
