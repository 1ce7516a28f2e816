import { toLondonDate } from '../../calendar/london-date';
import { withoutUndefined, type CommandHandler } from '../handlers/command-handler';
import { complaintRules, violation } from '../rules';
import { representativeAuthorityOf } from './representative-authority';

/**
 * The representative's authority (docs/domain.md, "Representative authority"): recorded and
 * withdrawn at any point, after closure too, since contacts after closure need it as well. A new
 * grant (a renewal, a power of attorney replacing consent) supersedes the one before it.
 */
export const recordRepresentativeAuthority: CommandHandler<'RecordRepresentativeAuthority'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.confirmedAt,
  decide({ data, actor }) {
    const confirmedOn = toLondonDate(data.confirmedAt);
    if (data.expiresOn !== undefined && data.expiresOn < confirmedOn) {
      return violation(
        complaintRules.authorityExpiresBeforeConfirmed,
        `It says ${data.expiresOn}; it was confirmed on ${confirmedOn}.`,
      );
    }
    return [
      {
        type: 'RepresentativeAuthorityRecorded',
        data: withoutUndefined({
          occurredAt: data.confirmedAt,
          basis: data.basis,
          expiresOn: data.expiresOn,
          confirmedBy: actor.id,
        }),
      },
    ];
  },
};

export const withdrawRepresentativeAuthority: CommandHandler<'WithdrawRepresentativeAuthority'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.withdrawnAt,
  decide({ data, actor }, complaint) {
    if (!representativeAuthorityOf(complaint, data.withdrawnAt))
      return violation(complaintRules.representativeAuthorityNotInPlace);
    return [
      {
        type: 'RepresentativeAuthorityWithdrawn',
        data: withoutUndefined({ occurredAt: data.withdrawnAt, reason: data.reason, withdrawnBy: actor.id }),
      },
    ];
  },
};
