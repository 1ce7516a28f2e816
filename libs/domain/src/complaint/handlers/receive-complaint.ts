import type { CommandOfType } from '@complaints/contracts';
import { checkBusinessTime } from './chronology';
import { withoutUndefined, type Decided } from './command-handler';

/** The first event of every complaint. `decide` has already refused a second receipt. */
export function receiveComplaint(command: CommandOfType<'ReceiveComplaint'>): Decided {
  const { receivedAt, ...details } = command.data;
  const timing = checkBusinessTime(receivedAt, command.now, null);
  if (timing) return timing;
  return [
    {
      type: 'ComplaintReceived',
      data: withoutUndefined({ occurredAt: receivedAt, complaintId: command.complaintId, ...details }),
    },
  ];
}
