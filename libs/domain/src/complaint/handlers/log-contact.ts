import { checkRepresentativeAuthority } from '../casework/representative-authority';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Every contact with the resident, and every failed attempt — also after closure, withdrawal
 * or refusal: updates on outstanding actions (Code 6.6) and a call-back on the outcome are
 * part of the record.
 */
export const logContact: CommandHandler<'LogContact'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.at,
  decide({ data }, complaint) {
    const { at, with: party, ...contact } = data;
    // Reaching out to the representative discloses the case: only with their authority then
    // (docs/domain.md, "Representative authority"). A call from them is recorded as it happened.
    if (party === 'representative' && contact.direction === 'outbound') {
      const unauthorised = checkRepresentativeAuthority(complaint, at);
      if (unauthorised) return unauthorised;
    }
    // `with` absent means the resident (ContactLogged v3), as in every contact recorded before it.
    const withWhom = party === 'representative' ? party : undefined;
    return [{ type: 'ContactLogged', data: withoutUndefined({ occurredAt: at, ...contact, with: withWhom }) }];
  },
};
