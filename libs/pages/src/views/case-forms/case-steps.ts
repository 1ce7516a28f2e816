import type { Role } from '@complaints/contracts';
import { currentStage, firstResponseAt, latestAnsweredStage, type ReceivedComplaint } from '@complaints/domain';
import { restrictionStepAllowed } from './restriction-forms';
import { CIRCUMSTANCES_STEP_TITLES, CIRCUMSTANCES_STEPS, circumstancesStepAllowed } from './circumstances-forms';
import { CASEWORK_STEP_TITLES, CASEWORK_STEPS, caseworkStepAllowed, type CaseworkStep } from './casework-forms';
import { readyLetters } from './letter-sent-form';
import { IMPROVEMENT_STEP_TITLES, IMPROVEMENT_STEPS, improvementStepAllowed } from './improvement-forms';
import { OMBUDSMAN_STEP_TITLES, OMBUDSMAN_STEPS, ombudsmanStepAllowed } from './ombudsman-forms';
import { DATA_PROTECTION_STEP_TITLES, DATA_PROTECTION_STEPS, dataProtectionStepAllowed } from './data-protection-forms';

/** The people who record steps: the same list as the API's WRITERS (apps/api/src/auth/role-policy.ts). */
export const STEP_RECORDERS: readonly Role[] = ['complaints_officer', 'complaints_manager'];

/** Every step that has a form page, `/complaints/{id}/steps/{slug}`, in the order a case usually meets them. */
export const CASE_STEPS = [
  'acknowledge',
  'extend',
  'reassign',
  'respond',
  'escalate',
  'refuse-escalation',
  'close',
  'lesson',
  'contact',
  'remedy-completed',
  ...IMPROVEMENT_STEPS,
  'compensation',
  'satisfaction',
  'withdraw',
  'refuse',
  'restrict',
  'review-restriction',
  'lift-restriction',
  'enquiry',
  'answer-enquiry',
  ...OMBUDSMAN_STEPS,
  ...CIRCUMSTANCES_STEPS,
  ...CASEWORK_STEPS,
  'letter-sent',
  ...DATA_PROTECTION_STEPS,
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export function isCaseStep(value: string): value is CaseStep {
  return (CASE_STEPS as readonly string[]).includes(value);
}

/** What each step's link and page are called. */
export const STEP_TITLES: Readonly<Record<CaseStep, string>> = {
  acknowledge: 'Acknowledge the complaint',
  extend: 'Agree an extension',
  reassign: 'Reassign to another handler',
  respond: 'Issue the stage response',
  escalate: 'Escalate to stage 2',
  'refuse-escalation': 'Refuse a request for stage 2',
  close: 'Close the complaint',
  lesson: 'Record a lesson learned',
  contact: 'Log a contact',
  'remedy-completed': 'Record a remedy action as done',
  compensation: 'Record a compensation payment',
  satisfaction: "Record the resident's satisfaction",
  withdraw: 'Record that the resident withdrew',
  refuse: 'Refuse the complaint',
  restrict: 'Impose a restriction on contact',
  'review-restriction': 'Review a restriction on contact',
  'lift-restriction': 'Lift a restriction on contact',
  enquiry: 'Record an enquiry from an MP, councillor or representative body',
  'answer-enquiry': 'Record the answer to an enquiry',
  ...CIRCUMSTANCES_STEP_TITLES,
  ...CASEWORK_STEP_TITLES,
  ...IMPROVEMENT_STEP_TITLES,
  ...OMBUDSMAN_STEP_TITLES,
  ...DATA_PROTECTION_STEP_TITLES,
  'letter-sent': 'Record a letter as sent',
};

/**
 * Whether the case, as its state stands now, allows a step: the domain's own preconditions
 * (libs/domain/src/complaint/handlers), read from the state so the page offers only what the
 * decider would accept. The finer rules (dates, stage 2 independence, wording) stay with the
 * decider: a refusal comes back to the form as an error summary with the rule's message.
 */
export function stepAllowed(step: CaseStep, complaint: ReceivedComplaint): boolean {
  const open = complaint.status === 'open';
  const stage = currentStage(complaint);
  const acknowledged = stage.acknowledgedAt !== null;
  const answered = stage.respondedAt !== null;
  switch (step) {
    case 'acknowledge':
      return open && !acknowledged;
    case 'extend':
      return open && !answered;
    case 'reassign':
      return open && acknowledged;
    case 'respond':
      return open && acknowledged && !answered;
    case 'escalate':
    case 'refuse-escalation':
      // Open at stage 1 after its response, or closed at stage 1 (reopens at stage 2, Code 6.10-6.11).
      return (
        (open || complaint.status === 'closed') &&
        complaint.stage === 1 &&
        complaint.stage1.respondedAt !== null &&
        complaint.personalDataErased === null
      );
    case 'close':
      return open && answered;
    case 'lesson':
    case 'contact':
      return true;
    case 'remedy-completed':
      return complaint.remedyActions.some((action) => action.completedAt === null);
    case 'compensation':
      return firstResponseAt(complaint) !== null;
    case 'satisfaction': {
      const stageAnswered = latestAnsweredStage(complaint);
      return stageAnswered !== null && stageAnswered.satisfaction === null;
    }
    case 'withdraw':
      return open;
    case 'refuse':
      return open && firstResponseAt(complaint) === null;
    case 'restrict':
    case 'review-restriction':
    case 'lift-restriction':
    case 'enquiry':
    case 'answer-enquiry':
      return restrictionStepAllowed(step, complaint);
    case 'vulnerability':
    case 'vulnerability-ended':
    case 'adjustment':
    case 'adjustment-review':
    case 'equality-monitoring':
    case 'update-interval':
      return circumstancesStepAllowed(step, complaint);
    case 'improvement-planned':
    case 'improvement-made':
      return improvementStepAllowed(step, complaint);
    case 'ombudsman-referral':
    case 'ombudsman-determination':
    case 'ombudsman-order-complied':
      return ombudsmanStepAllowed(step, complaint);
    case 'legal-hold':
    case 'lift-legal-hold':
    case 'erase-personal-data':
      return dataProtectionStepAllowed(step, complaint);
    case 'letter-sent':
      return readyLetters(complaint).length > 0;
    default:
      return caseworkStepAllowed(step satisfies CaseworkStep, complaint);
  }
}

export const stepHref = (complaintId: string, step: CaseStep) =>
  `/complaints/${encodeURIComponent(complaintId)}/steps/${step}`;
