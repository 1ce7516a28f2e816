import type { CommandOfType, ComplaintEvent } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import { complaintRules, violation } from '../rules';
import { checkBusinessTime } from './chronology';
import { withoutUndefined, type Decided } from './command-handler';

/** The first event of every complaint. `decide` has already refused a second receipt. */
export function receiveComplaint(command: CommandOfType<'ReceiveComplaint'>): Decided {
  const { receivedAt, categories, category: given, relatedTo, raisedFromFeedback, ...details } = command.data;
  const timing = checkBusinessTime(receivedAt, command.now, null);
  if (timing) return timing;
  // The 12-month exclusion counts from this date: one after the receipt would make the record untrue.
  if (details.issueKnownSince !== undefined && details.issueKnownSince > toLondonDate(receivedAt)) {
    return violation(
      complaintRules.issueKnownAfterReceipt,
      `It says ${details.issueKnownSince}; the complaint was received ${toLondonDate(receivedAt)}.`,
    );
  }
  // A category the organisation does not have is recorded as 'other', its words kept as personal data.
  const configured = given === undefined ? undefined : configuredCategory(given, categories ?? []);
  const category =
    configured === null ? (configuredCategory(OTHER_CATEGORY, categories ?? []) ?? OTHER_CATEGORY) : configured;
  const categoryDetail = configured === null ? given : undefined;
  if (relatedTo?.complaintId === command.complaintId) return violation(complaintRules.linkToItself);
  return [
    {
      type: 'ComplaintReceived',
      data: withoutUndefined({
        occurredAt: receivedAt,
        complaintId: command.complaintId,
        ...details,
        category,
        categoryDetail,
      }),
    },
    // Logged for an unrelated issue raised during another complaint (Code 6.8): the link is part of the receipt.
    ...(relatedTo ? [linkedFrom(receivedAt, relatedTo)] : []),
    // Raised from a concern resolved at first contact or a service request: where it came from is part of the receipt.
    ...(raisedFromFeedback
      ? [
          {
            type: 'ComplaintRaisedFromFeedback',
            data: { occurredAt: receivedAt, feedbackId: raisedFromFeedback.feedbackId, kind: raisedFromFeedback.kind },
          } satisfies ComplaintEvent,
        ]
      : []),
  ];
}

/** The category of a complaint given a category that is none of the organisation's. */
export const OTHER_CATEGORY = 'other';

/**
 * The configured spelling of a category, matched ignoring case and how words are separated
 * ("Damp-and-mould" is "damp and mould"), or null when it is none of them.
 */
function configuredCategory(given: string, categories: readonly string[]): string | null {
  const fold = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ');
  return categories.find((c) => fold(c) === fold(given)) ?? null;
}

function linkedFrom(
  occurredAt: string,
  relatedTo: NonNullable<CommandOfType<'ReceiveComplaint'>['data']['relatedTo']>,
): ComplaintEvent {
  return {
    type: 'ComplaintLinked',
    data: {
      occurredAt,
      relation: 'logged_from',
      linkedComplaintId: relatedTo.complaintId,
      linkedReference: relatedTo.reference,
      stage: relatedTo.stage,
    },
  };
}
