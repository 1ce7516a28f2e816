import { complaintRules, violation } from '../rules';
import { stageRecord } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/** Remedy actions are tracked to completion, also after closure (Code 6.6, 7.3). */
export const completeRemedyAction: CommandHandler<'CompleteRemedyAction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.completedAt,
  decide({ data }, complaint) {
    const action = complaint.remedyActions.find((a) => a.actionId === data.actionId);
    if (!action) return violation(complaintRules.remedyActionUnknown, `Unknown action id: ${data.actionId}.`);
    if (action.completedAt !== null) {
      return violation(
        complaintRules.remedyActionAlreadyCompleted,
        `${action.actionId} was completed ${action.completedAt}.`,
      );
    }
    const setBy = stageRecord(complaint, action.stage)?.respondedAt;
    if (setBy) {
      const early = notBefore(data.completedAt, setBy, `the stage ${action.stage} response that set it`);
      if (early) return early;
    }
    return [
      {
        type: 'RemedyActionCompleted',
        data: withoutUndefined({ occurredAt: data.completedAt, actionId: action.actionId, evidence: data.evidence }),
      },
    ];
  },
};
