import { withoutUndefined, type CommandHandler } from './command-handler';

/** The resident may withdraw at any point while the complaint is open. */
export const withdrawComplaint: CommandHandler<'WithdrawComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.withdrawnAt,
  decide({ data }) {
    return [
      { type: 'ComplaintWithdrawn', data: withoutUndefined({ occurredAt: data.withdrawnAt, reason: data.reason }) },
    ];
  },
};
