import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';

/** Extends the response deadline of the current stage (Code 6.4-6.5). */
export const agreeExtension: CommandHandler<'AgreeExtension'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.agreedAt,
  decide({ data }, complaint) {
    const stage = currentStage(complaint);
    if (stage.respondedAt !== null) {
      return violation(complaintRules.extensionAfterResponse, `Stage ${stage.stage} was answered ${stage.respondedAt}.`);
    }
    if (!data.reason.trim()) return violation(complaintRules.extensionNeedsReason);
    if (stage.stage === 2) {
      const early = notBefore(data.agreedAt, stage.startedAt, 'the escalation request');
      if (early) return early;
    }
    return [
      {
        type: 'ExtensionAgreed',
        data: {
          occurredAt: data.agreedAt,
          stage: stage.stage,
          additionalWorkingDays: data.additionalWorkingDays,
          reason: data.reason,
          residentInformed: data.residentInformed,
          ombudsmanDetailsGiven: data.ombudsmanDetailsGiven,
        },
      },
    ];
  },
};
