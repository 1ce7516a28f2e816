import { CODE_2024 } from '../../sla/policy-profiles';
import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Extends the response deadline of the current stage (Code 6.4-6.5). The extension is a fact
 * the resident must have been told, with the reason and the Ombudsman's details; one beyond the
 * Code's limit needs its good reason recorded. Whether it moves a target is the SLA's question
 * (agreed after a target has passed, it moves nothing): the decider records what was agreed.
 */
export const agreeExtension: CommandHandler<'AgreeExtension'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.agreedAt,
  decide({ data }, complaint) {
    const stage = currentStage(complaint);
    if (stage.respondedAt !== null) {
      return violation(
        complaintRules.extensionAfterResponse,
        `Stage ${stage.stage} was answered ${stage.respondedAt}.`,
      );
    }
    if (!data.reason.trim()) return violation(complaintRules.extensionNeedsReason);
    if (!data.residentInformed || !data.ombudsmanDetailsGiven) {
      const missing = [
        !data.residentInformed && 'residentInformed',
        !data.ombudsmanDetailsGiven && 'ombudsmanDetailsGiven',
      ].filter(Boolean);
      return violation(complaintRules.extensionNeedsResidentInformed, `Not recorded: ${missing.join(', ')}.`);
    }
    const limit = CODE_2024.stages[stage.stage].maxExtensionWorkingDays;
    const agreedBefore = stage.extensions.reduce((sum, e) => sum + e.workingDays, 0);
    const total = agreedBefore + data.additionalWorkingDays;
    if (total > limit && !data.goodReason?.trim()) {
      return violation(
        complaintRules.extensionBeyondLimitNeedsGoodReason,
        `Stage ${stage.stage} would have ${total} working days of extension in all; the Code allows ${limit}, and anything beyond needs a good reason and still counts as outside its timescales.`,
      );
    }
    if (stage.stage === 2) {
      const early = notBefore(data.agreedAt, stage.startedAt, 'the escalation request');
      if (early) return early;
    }
    return [
      {
        type: 'ExtensionAgreed',
        data: withoutUndefined({
          occurredAt: data.agreedAt,
          stage: stage.stage,
          additionalWorkingDays: data.additionalWorkingDays,
          reason: data.reason,
          residentInformed: data.residentInformed,
          ombudsmanDetailsGiven: data.ombudsmanDetailsGiven,
          goodReason: data.goodReason,
        }),
      },
    ];
  },
};
