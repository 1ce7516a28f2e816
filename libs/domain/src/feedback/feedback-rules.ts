import { RuleViolation } from '../decider';

/**
 * Every rule the feedback decider enforces (docs/feedback.md), with a stable id (API 409s carry
 * it) and one plain-English line.
 */
export const feedbackRules = {
  notReceived: {
    id: 'feedback-not-received',
    message: 'No feedback has been received under this id, so nothing can be recorded against it.',
  },
  alreadyReceived: {
    id: 'feedback-already-received',
    message: 'This feedback has already been received; an item is received once.',
  },
  staffOnlyForCompliments: {
    id: 'feedback-staff-only-for-compliments',
    message: 'Only a compliment names the member of staff or team it is about (staffMember, team).',
  },
  shareOnlyCompliments: {
    id: 'feedback-share-only-compliments',
    message: 'Only a compliment is shared with the member of staff or team it praises.',
  },
  passOnlyComments: {
    id: 'feedback-pass-only-comments',
    message: 'Only a comment or a concern resolved at first contact is passed to the service manager.',
  },
  completeOnlyServiceRequests: {
    id: 'feedback-complete-only-service-requests',
    message: 'Only a service request is completed.',
  },
  serviceRequestAlreadyCompleted: {
    id: 'service-request-already-completed',
    message: 'This service request has already been completed.',
  },
  convertOnlyConcerns: {
    id: 'feedback-convert-only-concerns',
    message: 'Only a concern resolved at first contact or a service request can be turned into a formal complaint.',
  },
  alreadyConverted: {
    id: 'feedback-already-converted',
    message: 'This feedback has already been turned into a formal complaint; it is turned into one complaint, once.',
  },
  convertedToComplaint: {
    id: 'feedback-converted-to-complaint',
    message:
      'This feedback became a formal complaint: the complaint carries it on, so it is no longer completed or passed on as feedback.',
  },
  occurredInFuture: {
    id: 'feedback-occurred-in-future',
    message: 'A step cannot be recorded as happening in the future.',
  },
  occurredBeforeReceipt: {
    id: 'feedback-occurred-before-receipt',
    message: 'A step cannot be dated before the feedback was received.',
  },
} as const;

export type FeedbackRule = (typeof feedbackRules)[keyof typeof feedbackRules];

export function feedbackViolation(rule: FeedbackRule, detail?: string): RuleViolation {
  return new RuleViolation(rule.id, detail ? `${rule.message} ${detail}` : rule.message);
}
