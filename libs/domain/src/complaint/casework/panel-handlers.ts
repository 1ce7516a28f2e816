import { isRuleViolation } from '../../decider';
import { toLondonDate } from '../../calendar/london-date';
import { notBefore } from '../handlers/chronology';
import { withoutUndefined, type CommandHandler } from '../handlers/command-handler';
import { complaintRules, violation } from '../rules';
import { openPanelRequest, stageTwoUnderReview } from './stage-two-panel';

/**
 * A panel member at stage 2 on the resident's request (docs/domain.md, "Stage 2 panel
 * participation"): requested once, during the stage 2 review; then held or declined, once.
 */
export const requestPanelParticipation: CommandHandler<'RequestPanelParticipation'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.requestedAt,
  decide({ data, actor }, complaint) {
    const stage2 = stageTwoUnderReview(complaint);
    if (isRuleViolation(stage2)) return stage2;
    const early = notBefore(data.requestedAt, stage2.startedAt, 'the request for stage 2');
    if (early) return early;
    if (complaint.casework.panel) {
      return violation(
        complaintRules.panelAlreadyRequested,
        `It was requested ${complaint.casework.panel.requestedAt}.`,
      );
    }
    return [
      {
        type: 'PanelParticipationRequested',
        data: { occurredAt: data.requestedAt, requestedBy: data.requestedBy, recordedBy: actor.id },
      },
    ];
  },
};

export const recordPanelMeeting: CommandHandler<'RecordPanelMeeting'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.recordedAt,
  decide({ data, actor }, complaint) {
    const stage2 = stageTwoUnderReview(complaint);
    if (isRuleViolation(stage2)) return stage2;
    const panel = openPanelRequest(complaint);
    if (isRuleViolation(panel)) return panel;
    const requestedOn = toLondonDate(panel.requestedAt);
    const recordedOn = toLondonDate(data.recordedAt);
    if (data.heldOn < requestedOn || data.heldOn > recordedOn) {
      return violation(
        complaintRules.panelMeetingBeforeRequest,
        `It says ${data.heldOn}; it was requested on ${requestedOn} and is recorded on ${recordedOn}.`,
      );
    }
    return [
      {
        type: 'PanelMeetingHeld',
        data: withoutUndefined({
          occurredAt: data.recordedAt,
          heldOn: data.heldOn,
          panelMembers: data.panelMembers,
          outcomeNotes: data.outcomeNotes,
          recordedBy: actor.id,
        }),
      },
    ];
  },
};

export const declinePanelParticipation: CommandHandler<'DeclinePanelParticipation'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.declinedAt,
  decide({ data, actor }, complaint) {
    const stage2 = stageTwoUnderReview(complaint);
    if (isRuleViolation(stage2)) return stage2;
    const panel = openPanelRequest(complaint);
    if (isRuleViolation(panel)) return panel;
    const early = notBefore(data.declinedAt, panel.requestedAt, 'the request for a panel member');
    if (early) return early;
    return [
      {
        type: 'PanelParticipationDeclined',
        data: { occurredAt: data.declinedAt, reason: data.reason, recordedBy: actor.id },
      },
    ];
  },
};
