import { checkRepresentativeAuthority } from '../casework/representative-authority';
import { isBefore } from '../instants';
import { letterReadiness } from '../letters/letter-readiness';
import { complaintRules, violation } from '../rules';
import type { CommandHandler } from './command-handler';

/**
 * That a letter drafted from the record went out (docs/letters.md). Only a letter that can be
 * drafted now can have been sent, never before the step it reports, and to a representative
 * only when the complaint has one and their authority is current (docs/domain.md). Allowed once the complaint has ended: a refusal ends it, and
 * the final response is often posted after the closure is recorded.
 */
export const recordLetterSent: CommandHandler<'RecordLetterSent'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.sentAt,
  decide({ data, actor }, complaint) {
    const readiness = letterReadiness(data.letter, complaint);
    if (!readiness.ready) return violation(complaintRules.letterNotReady, `Missing: ${readiness.missing}.`);
    if (isBefore(data.sentAt, readiness.stepAt))
      return violation(
        complaintRules.occurredBeforePrecedingStep,
        `The ${data.letter} letter reports a step recorded at ${readiness.stepAt}.`,
      );
    if (data.recipient === 'representative') {
      if (!complaint.casework.representative.namedAtReceipt)
        return violation(complaintRules.letterToAbsentRepresentative);
      // As for a contact: a representative is written to only with the resident's authority then.
      const noAuthority = checkRepresentativeAuthority(complaint, data.sentAt);
      if (noAuthority) return noAuthority;
    }
    return [
      {
        type: 'LetterSent',
        data: {
          occurredAt: data.sentAt,
          letter: data.letter,
          channel: data.channel,
          recipient: data.recipient,
          sentBy: { id: actor.id, name: actor.name },
        },
      },
    ];
  },
};
