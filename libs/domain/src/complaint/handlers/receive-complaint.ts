import type { CommandOfType } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import { complaintRules, violation } from '../rules';
import { checkBusinessTime } from './chronology';
import { withoutUndefined, type Decided } from './command-handler';

/** The first event of every complaint. `decide` has already refused a second receipt. */
export function receiveComplaint(command: CommandOfType<'ReceiveComplaint'>): Decided {
  const { receivedAt, categories, category: given, ...details } = command.data;
  const timing = checkBusinessTime(receivedAt, command.now, null);
  if (timing) return timing;
  // The 12-month exclusion counts from this date: one after the receipt would make the record untrue.
  if (details.issueKnownSince !== undefined && details.issueKnownSince > toLondonDate(receivedAt)) {
    return violation(complaintRules.issueKnownAfterReceipt, `It says ${details.issueKnownSince}; the complaint was received ${toLondonDate(receivedAt)}.`);
  }
  const category = given === undefined ? undefined : configuredCategory(given, categories ?? []);
  if (category === null) {
    return violation(complaintRules.categoryNotConfigured, `It says "${given}"; the categories are: ${(categories ?? []).join(', ') || 'none configured'}.`);
  }
  return [
    {
      type: 'ComplaintReceived',
      data: withoutUndefined({ occurredAt: receivedAt, complaintId: command.complaintId, ...details, category }),
    },
  ];
}

/**
 * The configured spelling of a category, matched ignoring case and how words are separated
 * ("Damp-and-mould" is "damp and mould"), or null when it is none of them.
 */
function configuredCategory(given: string, categories: readonly string[]): string | null {
  const fold = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return categories.find((c) => fold(c) === fold(given)) ?? null;
}
