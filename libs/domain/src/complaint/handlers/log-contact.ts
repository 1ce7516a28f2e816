import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Every contact with the resident, and every failed attempt — also after closure, withdrawal
 * or refusal: updates on outstanding actions (Code 6.6) and a call-back on the outcome are
 * part of the record.
 */
export const logContact: CommandHandler<'LogContact'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.at,
  decide({ data }) {
    const { at, ...contact } = data;
    return [{ type: 'ContactLogged', data: withoutUndefined({ occurredAt: at, ...contact }) }];
  },
};
