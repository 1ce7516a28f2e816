/**
 * The pages at the bench's largest landlord (50,000 complaints): how long the server takes to
 * answer each page over HTTP (bearer token, one keep-alive connection on loopback, the whole
 * HTML read), beside its anchor — the JSON API route(s) of the same reports, which the page
 * calls the same functions as. Page then anchor, A B A B, after one untimed call of each: what a
 * page costs beyond its reports is the templating and the view model. A page this build does not
 * serve (404), or that refuses the request, is listed as not timed with its status, never fails
 * the bench. Asserts nothing.
 */
import { parseAsAtDate } from '@complaints/pages';
import type { ApiServer } from './api-server';
import { median } from './stats';

export interface PageToTime {
  label: string;
  page: string;
  /** The API routes answering the same reports: timed one after another as one anchor. */
  anchor: readonly string[];
  note?: string;
}

export interface PageTiming extends PageToTime {
  pageMs: number[];
  anchorMs: number[];
  pageKb: number;
  anchorKb: number;
  skipped?: string;
}

export interface PageDates {
  asOf: string;
  year: number;
  /** The panel's monthly report: YYYY-MM. */
  month: string;
}

/** The case whose pages are timed, and the day its "as at" page shows it on (within its life). */
export interface CaseToShow {
  complaintId: string;
  asAtDate: string;
}

/** The pages of issue 14's bench line, each with the JSON routes its reports come from. */
export function pagesToTime(dates: PageDates, shown: CaseToShow): PageToTime[] {
  const { asOf, year, month } = dates;
  const { complaintId, asAtDate } = shown;
  const asAt = parseAsAtDate(asAtDate, '9999-12-31');
  if ('error' in asAt) throw new Error(`The bench's as-at date ${asAtDate}: ${asAt.error}`);
  return [
    { label: 'SLA dashboard', page: `/dashboard?asOf=${asOf}`, anchor: [`/api/v1/dashboards/sla?asOf=${asOf}`] },
    {
      label: 'scrutiny panel home',
      page: `/panel?year=${year}`,
      // The panel's home is several reports on one page: today's SLA position, TSM for the year and the one before, the year's service areas.
      anchor: [
        `/api/v1/dashboards/sla`,
        `/api/v1/reports/tsm?year=${year}`,
        `/api/v1/reports/tsm?year=${year - 1}`,
        `/api/v1/reports/annual?year=${year}`,
      ],
      note: 'the 12 month-end positions of its chart have no API route: page only',
    },
    { label: 'attention queue', page: `/attention?asOf=${asOf}`, anchor: [`/api/v1/attention?asOf=${asOf}`] },
    {
      label: 'a case (manager)',
      page: `/complaints/${complaintId}`,
      // A manager's case page: the chronology (with its view of the case) and the integrity check.
      anchor: [`/api/v1/complaints/${complaintId}/chronology`, `/api/v1/complaints/${complaintId}/integrity`],
    },
    {
      label: 'a case as it stood (manager)',
      page: `/complaints/${complaintId}/as-at?date=${asAtDate}`,
      // The events recorded by the end of that London day, folded as they stood, and the case now (its reference and revision).
      anchor: [
        `/api/v1/complaints/${complaintId}/history?asAt=${asAt.endsAt.toISOString()}`,
        `/api/v1/complaints/${complaintId}`,
      ],
    },
    {
      label: 'panel monthly report',
      page: `/panel/monthly?month=${month}`,
      anchor: [`/api/v1/panel/reports/monthly?month=${month}`],
    },
  ];
}

export async function timePages(
  api: ApiServer,
  pages: readonly PageToTime[],
  rounds: number,
  log: (message: string) => void,
): Promise<PageTiming[]> {
  const results: PageTiming[] = [];
  for (const page of pages) {
    const timing: PageTiming = { ...page, pageMs: [], anchorMs: [], pageKb: 0, anchorKb: 0 };
    results.push(timing);
    const first = await api.fetch(page.page);
    if (first.status !== 200) {
      timing.skipped = `the page answered ${first.status}`;
      log(`pages: ${page.label}: not timed (${timing.skipped})`);
      continue;
    }
    timing.pageKb = first.body.length / 1024;
    for (const path of page.anchor) timing.anchorKb += (await api.get(path)).length / 1024;
    for (let round = 0; round < rounds; round++) {
      timing.pageMs.push(await ms(() => api.get(page.page)));
      timing.anchorMs.push(
        await ms(async () => {
          for (const path of page.anchor) await api.get(path);
        }),
      );
    }
    log(
      `pages: ${page.label}: page median ${median(timing.pageMs).toFixed(1)} ms, API median ${median(timing.anchorMs).toFixed(1)} ms`,
    );
  }
  return results;
}

async function ms(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function printPages(results: readonly PageTiming[], rounds: number, cases: number): void {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  console.log(
    `\nPages at ${cases} complaints: the server's answer over HTTP (bearer token, HTML read whole) beside the JSON API route(s) of the same reports, ${rounds} rounds A B A B (ms)`,
  );
  const header = [
    'page',
    'path',
    'page KB',
    'API KB',
    'page median',
    'page min',
    'API median',
    'API min',
    'page/API median',
    'note',
  ];
  const rows = results.map((r) =>
    r.skipped
      ? [r.label, r.page, '-', '-', '-', '-', '-', '-', '-', `not timed: ${r.skipped}`]
      : [
          r.label,
          r.page,
          f(r.pageKb),
          f(r.anchorKb),
          f(median(r.pageMs)),
          f(Math.min(...r.pageMs)),
          f(median(r.anchorMs)),
          f(Math.min(...r.anchorMs)),
          `${f(median(r.pageMs) / median(r.anchorMs))}x`,
          `API: ${r.anchor.length === 1 ? r.anchor[0] : `${r.anchor.length} routes`}${r.note ? `; ${r.note}` : ''}`,
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}
