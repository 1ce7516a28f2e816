import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';
import { checkEscalationRequest } from './escalation-request';
import { checkRefusalIsTrue, statedIssueDate } from './refusal-grounds';

/**
 * Refusing a request for stage 2 is its own recorded decision (Code 5.11): on the grounds a
 * complaint may be refused, true to the facts, with an explanation and the Ombudsman referral
 * right. The complaint stays where it was (open or closed at stage 1); that request, and any
 * made before the decision, can no longer escalate it.
 */
export const refuseEscalation: CommandHandler<'RefuseEscalation'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.refusedAt,
  decide({ data }, complaint) {
    const unanswerable = checkEscalationRequest(complaint, data.requestedAt);
    if (unanswerable) return unanswerable;
    const early = notBefore(data.refusedAt, data.requestedAt, 'the request it refuses');
    if (early) return early;
    const untrue = checkRefusalIsTrue(complaint, data);
    if (untrue) return untrue;
    return [
      {
        type: 'EscalationRefused',
        data: withoutUndefined({
          occurredAt: data.refusedAt,
          requestedAt: data.requestedAt,
          ground: data.ground,
          explanation: data.explanation,
          ombudsmanReferralRightGiven: true as const,
          issueKnownSince: statedIssueDate(complaint, data),
        }),
      },
    ];
  },
};
