import type { Person } from '@complaints/contracts';
import { longUkDate } from '@complaints/reporting';

/** Complaints per page of the list: enough to scan, few enough to read with a screen reader. */
export const LIST_PAGE_SIZE = 25;

/** What the filter form sent, as typed (blank fields left out), for the form to show again. */
export interface ListFormInput {
  reference?: string;
  status?: string;
  stage?: string;
  overdue?: string;
  serviceArea?: string;
  page?: string;
}

const FIELDS = ['reference', 'status', 'stage', 'overdue', 'serviceArea', 'page'] as const;

/** The form's fields from the query string: strings only (a repeated field keeps its first), trimmed, blanks dropped. */
export function listFormInputOf(query: Record<string, unknown>): ListFormInput {
  const input: ListFormInput = {};
  for (const field of FIELDS) {
    const raw = query[field];
    const value = (Array.isArray(raw) ? raw[0] : raw) as unknown;
    if (typeof value === 'string' && value.trim() !== '') input[field] = value.trim();
  }
  return input;
}

/**
 * The API's list query (GET /api/v1/complaints) for this form: the same filter names, and
 * limit/offset from the page number. A page number that is not a whole number from 1 is
 * reported as the `page` field, so the error summary can name it.
 */
export function listQueryOf(input: ListFormInput): { query: Record<string, string>; pageError?: string } {
  const { page, ...filters } = input;
  const pageNumber = page === undefined ? 1 : /^\d{1,6}$/.test(page) ? Number(page) : NaN;
  if (!Number.isInteger(pageNumber) || pageNumber < 1)
    return { query: { ...filters }, pageError: 'Page must be a whole number from 1' };
  return { query: { ...filters, limit: String(LIST_PAGE_SIZE), offset: String((pageNumber - 1) * LIST_PAGE_SIZE) } };
}

/** The plain-English message of each filter field the list query can refuse. */
export const LIST_FIELD_MESSAGES: Readonly<Record<string, string>> = {
  reference: 'Reference must be up to 200 characters of plain text',
  status: 'Choose a status from the list',
  stage: 'Choose stage 1 or stage 2',
  overdue: 'Choose whether to show overdue complaints',
  serviceArea: 'Service area must be up to 200 characters of plain text',
  offset: 'That page is too far into the list',
  page: 'Page must be a whole number from 1',
};

export interface ListedComplaint {
  id: string;
  reference: string;
  status: string;
  stage: number;
  receivedOn: string;
  serviceArea: string;
  category: string | null;
  handler: Person | null;
  overdue: boolean;
  acknowledgementDue: string;
  codeResponseDue: string;
  responseDue: string;
}

export interface ListedPage {
  total: number;
  limit: number;
  offset: number;
  items: readonly ListedComplaint[];
}

type Cell = { text: string; format?: 'numeric' } | { html: string; format?: 'numeric' };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STATUS_OPTIONS = [
  ['', 'Any status'],
  ['open', 'Open'],
  ['closed', 'Closed'],
  ['withdrawn', 'Withdrawn'],
  ['refused', 'Refused'],
] as const;
const STAGE_OPTIONS = [
  ['', 'Either stage'],
  ['1', 'Stage 1'],
  ['2', 'Stage 2'],
] as const;
const OVERDUE_OPTIONS = [
  ['', 'Overdue or not'],
  ['true', 'Only overdue (against the Code)'],
  ['false', 'Only not overdue'],
] as const;

const optionsOf = (options: readonly (readonly [string, string])[], selected: string | undefined) =>
  options.map(([value, text]) => ({ value, text, selected: (selected ?? '') === value }));

/** The link to another page of the same filtered list. */
function pageHref(input: ListFormInput, page: number): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = field === 'page' ? (page > 1 ? String(page) : undefined) : input[field];
    if (value !== undefined) params.set(field, value);
  }
  const query = params.toString();
  return query ? `/complaints?${query}` : '/complaints';
}

/**
 * The list page's context: the filter form as typed, any errors for the error summary, and the
 * page of complaints as GOV.UK table rows (each reference links to its case), with paging.
 * `errors` maps a field id to its message; with errors there is no list to show.
 */
export function complaintsListPageContext(
  input: ListFormInput,
  result: ListedPage | null,
  errors: Readonly<Record<string, string>> = {},
) {
  const errorSummary = Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
  const rows = (result?.items ?? []).map((item): Cell[] => [
    {
      html: `<a class="govuk-link" href="/complaints/${encodeURIComponent(item.id)}">${escapeHtml(item.reference)}</a>`,
    },
    { text: `${item.status[0]?.toUpperCase() ?? ''}${item.status.slice(1)}${item.overdue ? ' (overdue)' : ''}` },
    { text: `Stage ${item.stage}` },
    { text: item.serviceArea },
    { text: item.handler?.name ?? 'Not yet assigned' },
    { text: longUkDate(item.receivedOn) },
    { text: item.status === 'open' ? longUkDate(item.codeResponseDue) : '' },
  ]);
  const page = result ? Math.floor(result.offset / result.limit) + 1 : 1;
  const lastPage = result ? Math.max(1, Math.ceil(result.total / result.limit)) : 1;
  return {
    input,
    errors,
    errorSummary,
    statusItems: optionsOf(STATUS_OPTIONS, input.status),
    stageItems: optionsOf(STAGE_OPTIONS, input.stage),
    overdueItems: optionsOf(OVERDUE_OPTIONS, input.overdue),
    result,
    rows,
    shownFrom: result && result.items.length > 0 ? result.offset + 1 : 0,
    shownTo: result ? result.offset + result.items.length : 0,
    pagination:
      result && lastPage > 1
        ? {
            previous: page > 1 ? { href: pageHref(input, page - 1) } : undefined,
            next: page < lastPage ? { href: pageHref(input, page + 1) } : undefined,
            items: pageNumbersAround(page, lastPage).map((n) =>
              n === null ? { ellipsis: true } : { number: String(n), href: pageHref(input, n), current: n === page },
            ),
          }
        : undefined,
  };
}

/** First, last, and the pages next to the current one; null where pages are skipped. */
function pageNumbersAround(page: number, last: number): (number | null)[] {
  const shown = [...new Set([1, page - 1, page, page + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of shown) {
    const previous = out.at(-1);
    if (typeof previous === 'number' && n - previous > 1) out.push(null);
    out.push(n);
  }
  return out;
}
