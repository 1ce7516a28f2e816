import { withoutUndefined, type CommandHandler } from '../handlers/command-handler';
import { violation } from '../rules';
import { circumstancesRules } from './circumstances-rules';

/**
 * Answers the resident chose to give, also after the complaint ended (the form often comes back
 * with the response); a later record replaces the earlier one in the report. Not once erased.
 */
export const recordEqualityMonitoring: CommandHandler<'RecordEqualityMonitoring'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.recordedAt,
  decide({ data }, complaint) {
    if (complaint.personalDataErased !== null) return violation(circumstancesRules.circumstancesErased);
    const answers = withoutUndefined(data.answers);
    if (Object.keys(answers).length === 0) return violation(circumstancesRules.equalityMonitoringEmpty);
    return [{ type: 'EqualityMonitoringRecorded', data: { occurredAt: data.recordedAt, answers } }];
  },
};
