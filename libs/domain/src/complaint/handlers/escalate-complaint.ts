import { withoutUndefined, type CommandHandler } from './command-handler';
import { checkEscalationRequest, reviewRequestWindowOf } from './escalation-request';

/**
 * The resident asks for stage 2 (Code 6.11-6.12); a reason is optional. After a stage 1
 * closure the request reopens the complaint at stage 2 (see evolve), hence allowed once ended:
 * checkEscalationRequest refuses it after a withdrawal or refusal.
 */
export const escalateComplaint: CommandHandler<'EscalateComplaint'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.requestedAt,
  decide({ data }, complaint) {
    const refused = checkEscalationRequest(complaint, data.requestedAt);
    if (refused) return refused;
    return [
      {
        type: 'ComplaintEscalated',
        data: withoutUndefined({
          occurredAt: data.requestedAt,
          reason: data.reason,
          reviewRequestWindow: reviewRequestWindowOf(complaint, data.requestedAt, data.reviewRequestWindowDays),
        }),
      },
    ];
  },
};
