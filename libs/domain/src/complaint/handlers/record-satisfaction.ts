import { complaintRules, violation } from '../rules';
import { firstResponseAt } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/** Satisfaction with handling and outcome only means something once there is an outcome. */
export const recordSatisfaction: CommandHandler<'RecordSatisfaction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.recordedAt,
  decide({ data }, complaint) {
    const responded = firstResponseAt(complaint);
    if (responded === null) return violation(complaintRules.needsStageResponse);
    const early = notBefore(data.recordedAt, responded, 'the first stage response');
    if (early) return early;
    const { recordedAt, ...satisfaction } = data;
    return [{ type: 'SatisfactionRecorded', data: withoutUndefined({ occurredAt: recordedAt, ...satisfaction }) }];
  },
};
