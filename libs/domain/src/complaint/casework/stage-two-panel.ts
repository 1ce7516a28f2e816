import type { CalendarDate, Instant, PanelRequester } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';
import { isReceived, type ComplaintState, type ReceivedComplaint, type StageRecord } from '../state';

/**
 * Panel participation at stage 2 as a letter or a page tells it: `requested` (nothing has come
 * of it yet), `held` (with the meeting) or `declined` (with the reason). Panel members' names,
 * the outcome notes and the reason are personal: whoever shows them must be allowed to see
 * personal data (never a scrutiny panel).
 */
export type StageTwoPanel =
  | { readonly status: 'requested'; readonly requestedAt: Instant; readonly requestedBy: PanelRequester }
  | {
      readonly status: 'held';
      readonly requestedAt: Instant;
      readonly requestedBy: PanelRequester;
      readonly heldOn: CalendarDate;
      readonly panelMembers: readonly string[];
      readonly outcomeNotes: string | null;
    }
  | {
      readonly status: 'declined';
      readonly requestedAt: Instant;
      readonly requestedBy: PanelRequester;
      readonly declinedAt: Instant;
      readonly reason: string;
    };

/** The resident's request for a panel member at stage 2 and what came of it; null if none was requested. */
export function stageTwoPanelOf(state: ComplaintState): StageTwoPanel | null {
  if (!isReceived(state)) return null;
  const panel = state.casework.panel;
  if (!panel) return null;
  const asked = { requestedAt: panel.requestedAt, requestedBy: panel.requestedBy };
  if (panel.meeting) {
    return {
      status: 'held',
      ...asked,
      heldOn: panel.meeting.heldOn,
      panelMembers: panel.meeting.panelMembers,
      outcomeNotes: panel.meeting.outcomeNotes,
    };
  }
  if (panel.declined)
    return { status: 'declined', ...asked, declinedAt: panel.declined.declinedAt, reason: panel.declined.reason };
  return { status: 'requested', ...asked };
}

/** Panel steps belong to the stage 2 review: after the escalation, before its response. */
export function stageTwoUnderReview(complaint: ReceivedComplaint): StageRecord | RuleViolation {
  const stage2 = complaint.stage2;
  if (complaint.stage !== 2 || !stage2) return violation(complaintRules.panelNeedsStageTwo);
  if (stage2.respondedAt !== null)
    return violation(complaintRules.panelAfterStageTwoResponse, `Stage 2 was answered ${stage2.respondedAt}.`);
  return stage2;
}

/** The request a meeting or a refusal answers: there must be one, still open. */
export function openPanelRequest(
  complaint: ReceivedComplaint,
): NonNullable<ReceivedComplaint['casework']['panel']> | RuleViolation {
  const panel = complaint.casework.panel;
  if (!panel) return violation(complaintRules.panelNotRequested);
  if (panel.meeting)
    return violation(complaintRules.panelMeetingAlreadyHeld, `It was held on ${panel.meeting.heldOn}.`);
  if (panel.declined)
    return violation(complaintRules.panelAlreadyDeclined, `It was declined ${panel.declined.declinedAt}.`);
  return panel;
}
