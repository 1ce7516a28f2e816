import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/** The resident asks for stage 2 (Code 6.11-6.12); a reason is optional. */
export const escalateComplaint: CommandHandler<'EscalateComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.requestedAt,
  decide({ data }, complaint) {
    if (complaint.stage === 2) return violation(complaintRules.noStageBeyondTwo);
    const stageOneResponse = complaint.stage1.respondedAt;
    if (stageOneResponse === null) return violation(complaintRules.escalationNeedsStageOneResponse);
    const early = notBefore(data.requestedAt, stageOneResponse, 'the stage 1 response');
    if (early) return early;
    return [{ type: 'ComplaintEscalated', data: withoutUndefined({ occurredAt: data.requestedAt, reason: data.reason }) }];
  },
};
