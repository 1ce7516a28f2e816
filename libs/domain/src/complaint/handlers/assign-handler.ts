import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';
import {
  checkHandlerNamed,
  checkStageTwoHandlerIsNew,
  checkStageTwoRecorderIsIndependent,
  personOf,
  recordedByOf,
} from './handler-named';

/**
 * Reassignment within the current stage. Before the acknowledgement there is nobody to
 * reassign from: the acknowledgement itself names the handler.
 */
export const assignHandler: CommandHandler<'AssignHandler'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.assignedAt,
  decide({ data, actor }, complaint) {
    const stage = currentStage(complaint);
    if (stage.acknowledgedAt === null) {
      return violation(complaintRules.stageNotAcknowledged, `Acknowledge stage ${stage.stage} to name its handler.`);
    }
    const unnamed = checkHandlerNamed(data.handler);
    if (unnamed) return unnamed;
    if (stage.stage === 2) {
      const sameHandler = checkStageTwoHandlerIsNew(complaint, data.handler);
      if (sameHandler) return sameHandler;
      // Choosing who reviews stage 1 is acting on stage 2: not for anyone who acted on stage 1.
      const notIndependent = checkStageTwoRecorderIsIndependent(complaint, actor);
      if (notIndependent) return notIndependent;
    }
    const early = notBefore(data.assignedAt, stage.acknowledgedAt, `the stage ${stage.stage} acknowledgement`);
    if (early) return early;
    return [
      {
        type: 'ComplaintAssigned',
        data: {
          occurredAt: data.assignedAt,
          stage: stage.stage,
          handler: personOf(data.handler),
          reason: data.reason,
          recordedBy: recordedByOf(actor),
        },
      },
    ];
  },
};
