import { longUkDate, type AttentionItem, type AttentionReason } from '@complaints/reporting';

/** Whose work the queue shows: the viewer's own cases, a team's (a service area's), or everyone's. */
export const QUEUE_VIEWS = ['mine', 'team', 'all'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** What each reason asks of the officer, in plain words. */
const REASON_WORDS: Readonly<Record<AttentionReason, string>> = {
  acknowledgement_overdue: 'Acknowledgement overdue',
  response_overdue: 'Response overdue',
  remedy_action_overdue: 'Remedy action overdue',
  inactive: 'No activity recently',
  compensation_unpaid: 'Compensation not paid',
  acknowledgement_due_soon: 'Acknowledgement due soon',
  response_due_soon: 'Response due soon',
  adjustment_review_overdue: 'Reasonable adjustment review overdue',
  update_overdue: 'Update to the resident overdue',
  restriction_review_overdue: 'Restriction review overdue',
  improvement_action_overdue: 'Improvement action overdue',
  adjustment_review_due_soon: 'Reasonable adjustment review due soon',
  update_due_soon: 'Update to the resident due soon',
  restriction_review_due_soon: 'Restriction review due soon',
  improvement_action_due_soon: 'Improvement action due soon',
};

export interface AttentionQueue {
  asOf: string;
  inactivityWorkingDays: number;
  dueSoonWorkingDays: number;
  count: number;
  items: readonly AttentionItem[];
}

export interface AttentionPageInput {
  view: QueueView;
  serviceArea: string;
  reason: string;
  asOfInput: string;
  errors: readonly { field: string; message: string }[];
}

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/** When, in words: how late, how soon, or how long quiet. */
function timingOf(item: AttentionItem): string {
  if (item.workingDaysOverdue > 0) return `${days(item.workingDaysOverdue)} late`;
  if (item.workingDaysRemaining > 0) return `${days(item.workingDaysRemaining)} left`;
  if (item.workingDaysSince > 0)
    return `${days(item.workingDaysSince)} since ${item.since ? longUkDate(item.since) : 'then'}`;
  if (item.due) return 'Due today';
  return item.since ? `Since ${longUkDate(item.since)}` : '';
}

/** The queue page's context: the filter form's state, and the queue as GOV.UK table rows, most urgent first. */
export function attentionPageContext(queue: AttentionQueue, input: AttentionPageInput) {
  const errorOf = (field: string) => input.errors.find((e) => e.field === field)?.message;
  return {
    queue,
    view: input.view,
    viewItems: [
      { value: 'mine', text: 'My cases', checked: input.view === 'mine' },
      { value: 'team', text: 'My team (a service area)', checked: input.view === 'team' },
      { value: 'all', text: 'All cases', checked: input.view === 'all' },
    ],
    serviceArea: input.serviceArea,
    reasonItems: [
      { value: '', text: 'Any reason' },
      ...Object.entries(REASON_WORDS).map(([value, text]) => ({ value, text, selected: value === input.reason })),
    ],
    asOfInput: input.asOfInput,
    serviceAreaError: errorOf('serviceArea'),
    asOfError: errorOf('asOf'),
    errorSummary: input.errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
    head: [
      { text: 'Complaint' },
      { text: 'What needs doing' },
      { text: 'Due' },
      { text: 'When' },
      { text: 'Stage', format: 'numeric' },
      { text: 'Service area' },
      { text: 'Handler' },
    ],
    rows: queue.items.map((item) => [
      {
        classes: 'landlord-nowrap',
        html: `<a class="govuk-link" href="/complaints/${encodeURIComponent(item.complaintId)}">${escapeHtml(item.reference)}</a>`,
      },
      {
        text:
          REASON_WORDS[item.reason] +
          (item.amountOutstandingPence ? ` (£${(item.amountOutstandingPence / 100).toFixed(2)})` : ''),
      },
      { text: item.due ? longUkDate(item.due) : '' },
      { text: timingOf(item) },
      { text: String(item.stage), format: 'numeric' },
      { text: item.serviceArea },
      { text: item.handler?.name ?? 'Not yet assigned' },
    ]),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
