import { withoutUndefined, type CommandHandler } from './command-handler';

/** Every contact with the resident, and every failed attempt, while the complaint is open. */
export const logContact: CommandHandler<'LogContact'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.at,
  decide({ data }) {
    const { at, ...contact } = data;
    return [{ type: 'ContactLogged', data: withoutUndefined({ occurredAt: at, ...contact }) }];
  },
};
