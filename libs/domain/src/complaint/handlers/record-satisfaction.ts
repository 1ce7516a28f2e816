import { complaintRules, violation } from '../rules';
import { latestAnsweredStage, stageRecord } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Satisfaction with handling and outcome only means something once there is an outcome: one
 * survey per stage, after that stage's response (by default the latest stage answered), and
 * both stages are reported. A second one for the same stage is refused, not a replacement: the
 * first answer is a fact the reports already counted.
 */
export const recordSatisfaction: CommandHandler<'RecordSatisfaction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.recordedAt,
  decide({ data }, complaint) {
    const stage = data.stage === undefined ? latestAnsweredStage(complaint) : stageRecord(complaint, data.stage);
    if (!stage?.respondedAt) {
      return violation(
        complaintRules.needsStageResponse,
        data.stage ? `Stage ${data.stage} has no response.` : undefined,
      );
    }
    if (stage.satisfaction !== null) {
      return violation(
        complaintRules.satisfactionAlreadyRecorded,
        `Stage ${stage.stage}: recorded ${stage.satisfaction.recordedAt}.`,
      );
    }
    const early = notBefore(data.recordedAt, stage.respondedAt, `the stage ${stage.stage} response`);
    if (early) return early;
    return [
      {
        type: 'SatisfactionRecorded',
        data: withoutUndefined({
          occurredAt: data.recordedAt,
          stage: stage.stage,
          withHandling: data.withHandling,
          withOutcome: data.withOutcome,
          comment: data.comment,
        }),
      },
    ];
  },
};
