import type { CommandHandler } from '../handlers/command-handler';

/** How often the resident is to be updated while the complaint is open; a new agreement replaces the old. */
export const agreeUpdateInterval: CommandHandler<'AgreeUpdateInterval'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.agreedAt,
  decide({ data, actor }) {
    return [
      {
        type: 'UpdateIntervalAgreed',
        data: { occurredAt: data.agreedAt, workingDays: data.workingDays, agreedBy: actor.id },
      },
    ];
  },
};
