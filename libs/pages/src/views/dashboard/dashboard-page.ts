import type { SlaDashboard } from '@complaints/reporting';
import { longUkDate, type DashboardCounts } from '@complaints/reporting';
import { escapeHtml } from '../../render/escape-html';

/** What the dashboard page shows: the anonymised form for a panel (no handlers, no overdue list). */
export type DashboardForPage = Omit<SlaDashboard, 'byHandler' | 'overdue'> &
  Partial<Pick<SlaDashboard, 'byHandler' | 'overdue'>>;

type Cell = { text: string; format?: 'numeric' } | { html: string; format?: 'numeric' };

const countCells = (counts: DashboardCounts): Cell[] => [
  { text: counts.open.toLocaleString('en-GB'), format: 'numeric' },
  { text: counts.acknowledgementsOverdue.toLocaleString('en-GB'), format: 'numeric' },
  { text: counts.responsesOverdue.toLocaleString('en-GB'), format: 'numeric' },
  { text: (counts.acknowledgementsDueSoon + counts.responsesDueSoon).toLocaleString('en-GB'), format: 'numeric' },
];

export const COUNT_HEAD = [
  { text: '' },
  { text: 'Open', format: 'numeric' },
  { text: 'Acknowledgements overdue', format: 'numeric' },
  { text: 'Responses overdue', format: 'numeric' },
  { text: 'Due within 2 working days', format: 'numeric' },
];

/** The dashboard's context: its tables as GOV.UK table rows. */
export function dashboardPageContext(
  dashboard: DashboardForPage,
  input: { asOfInput: string; asOfError?: string | undefined },
) {
  return {
    dashboard,
    asOfInput: input.asOfInput,
    asOfError: input.asOfError,
    errorSummary: input.asOfError ? [{ text: input.asOfError, href: '#asOf' }] : [],
    serviceAreaHead: COUNT_HEAD,
    byServiceArea: dashboard.byServiceArea.map((row) => [{ text: row.serviceArea }, ...countCells(row)]),
    byHandler: (dashboard.byHandler ?? []).map((row) => [
      { text: row.handler?.name ?? 'Not yet assigned' },
      ...countCells(row),
    ]),
    overdueHead: [
      { text: 'Complaint' },
      { text: 'Stage', format: 'numeric' },
      { text: 'What is overdue' },
      { text: 'Was due' },
      { text: 'Working days overdue', format: 'numeric' },
      { text: 'Handler' },
    ],
    // Only the complaints team and auditors get this list: a panel's dashboard has no overdue cases (references tie back to residents).
    overdueRows: (dashboard.overdue ?? []).map((item) => [
      {
        html: `<a class="govuk-link" href="/complaints/${encodeURIComponent(item.id)}">${escapeHtml(item.reference)}</a>`,
      },
      { text: String(item.stage), format: 'numeric' },
      { text: item.milestone === 'acknowledgement' ? 'Acknowledgement' : 'Stage response' },
      { text: longUkDate(item.due) },
      { text: item.workingDaysOverdue.toLocaleString('en-GB'), format: 'numeric' },
      { text: item.handler?.name ?? 'Not yet assigned' },
    ]),
  };
}
