import type { CommandOfType } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import { complaintRules, violation } from '../rules';
import { checkBusinessTime } from './chronology';
import { withoutUndefined, type Decided } from './command-handler';

/** The first event of every complaint. `decide` has already refused a second receipt. */
export function receiveComplaint(command: CommandOfType<'ReceiveComplaint'>): Decided {
  const { receivedAt, ...details } = command.data;
  const timing = checkBusinessTime(receivedAt, command.now, null);
  if (timing) return timing;
  // The 12-month exclusion counts from this date: one after the receipt would make the record untrue.
  if (details.issueKnownSince !== undefined && details.issueKnownSince > toLondonDate(receivedAt)) {
    return violation(complaintRules.issueKnownAfterReceipt, `It says ${details.issueKnownSince}; the complaint was received ${toLondonDate(receivedAt)}.`);
  }
  return [
    {
      type: 'ComplaintReceived',
      data: withoutUndefined({ occurredAt: receivedAt, complaintId: command.complaintId, ...details }),
    },
  ];
}
