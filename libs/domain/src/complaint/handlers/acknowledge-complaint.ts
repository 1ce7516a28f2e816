import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';
import { checkHandlerNamed, checkStageTwoHandlerIsNew, personOf } from './handler-named';

export const acknowledgeComplaint: CommandHandler<'AcknowledgeComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.acknowledgedAt,
  decide({ data }, complaint) {
    const stage = currentStage(complaint);
    if (stage.acknowledgedAt !== null) {
      return violation(complaintRules.stageAlreadyAcknowledged, `Stage ${stage.stage} was acknowledged ${stage.acknowledgedAt}.`);
    }
    const unnamed = checkHandlerNamed(data.handler);
    if (unnamed) return unnamed;
    if (stage.stage === 2) {
      const sameHandler = checkStageTwoHandlerIsNew(complaint, data.handler);
      if (sameHandler) return sameHandler;
      const early = notBefore(data.acknowledgedAt, stage.startedAt, 'the escalation request');
      if (early) return early;
    }
    // A stage 2 review looks again at the same complaint: unless the reviewer redefines it,
    // the heads decided at stage 1 are the heads to decide at stage 2.
    const heads =
      data.headsOfComplaint && data.headsOfComplaint.length > 0
        ? data.headsOfComplaint
        : stage.stage === 2
          ? [...complaint.stage1.headsOfComplaint]
          : [];
    return [
      {
        type: 'ComplaintAcknowledged',
        data: withoutUndefined({
          occurredAt: data.acknowledgedAt,
          stage: stage.stage,
          handler: personOf(data.handler),
          method: data.method,
          headsOfComplaint: heads,
          outcomesSought: data.outcomesSought ?? [],
        }),
      },
    ];
  },
};
