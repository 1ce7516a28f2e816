import type { CalendarDate } from '@complaints/contracts';
import type { TsmReport } from '@complaints/domain';
import type { CaseloadAt, PeriodFigures } from '@complaints/reporting';
import { stackedBarChart } from '../../charts/bar-chart';
import type { DashboardForPage } from '../dashboard/dashboard-page';
import { monthName, shortMonthName } from './panel-months';

type Cell = { text: string; format?: 'numeric' };

export interface PanelHomeInput {
  /** The SLA dashboard today, anonymised (counts only). */
  now: DashboardForPage;
  /** The open caseload at each month end (caseloadAt), oldest first. */
  months: readonly { month: string; end: CalendarDate; caseload: CaseloadAt }[];
  /** The reporting year shown (by its starting year) and the one before it. */
  year: number;
  tsm: { current: TsmReport; previous: TsmReport };
  /** The year's volumes and upheld rates by service area (the annual report's byServiceArea). */
  areas: PeriodFigures['byServiceArea'];
  yearInput: string;
  yearError?: string | undefined;
}

const count = (n: number): Cell => ({ text: n.toLocaleString('en-GB'), format: 'numeric' });
/** A percentage, or what stands in for one when there was nothing to count (`none`). */
const share = (n: number | null, none = 'No responses'): Cell => ({
  text: n === null ? none : `${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`,
  format: 'numeric',
});
const perThousand = (n: number | null): Cell => ({
  text: n === null ? 'Not known' : n.toLocaleString('en-GB', { maximumFractionDigits: 2 }),
  format: 'numeric',
});
const yearName = (year: number) => `April ${year} to March ${year + 1}`;

/** The panel's home page: where complaints stand now, the last 12 month ends, the TSM, the service areas. */
export function panelHomeContext(input: PanelHomeInput) {
  const { months, tsm } = input;
  const chart = stackedBarChart({
    id: 'caseload-chart',
    title: 'Open complaints at the end of each month, and how many were overdue',
    description: `Open complaints at each month end from ${monthName(months[0]?.month ?? '')} to ${monthName(months.at(-1)?.month ?? '')}, split into those overdue against the Code's timescales and the rest. The table below gives the same figures.`,
    categories: months.map((m) => shortMonthName(m.month)),
    series: [
      { name: 'Overdue against the Code', values: months.map((m) => m.caseload.overdue.complaints) },
      { name: 'Open, not overdue', values: months.map((m) => m.caseload.open.total - m.caseload.overdue.complaints) },
    ],
  });
  const tsmRow = (label: string, pick: (report: TsmReport) => Cell) => [
    { text: label },
    pick(tsm.current),
    pick(tsm.previous),
  ];
  return {
    now: input.now,
    year: input.year,
    yearName: yearName(input.year),
    previousYearName: yearName(input.year - 1),
    yearInput: input.yearInput,
    yearError: input.yearError,
    errorSummary: input.yearError ? [{ text: input.yearError, href: '#year' }] : [],
    chartSvg: chart,
    monthRows: months.map((m) => [
      { text: monthName(m.month) },
      count(m.caseload.open.total),
      count(m.caseload.open.stage1),
      count(m.caseload.open.stage2),
      count(m.caseload.overdue.complaints),
      share(
        m.caseload.open.total === 0
          ? null
          : Math.round((m.caseload.overdue.complaints * 1000) / m.caseload.open.total) / 10,
        'None open',
      ),
    ]),
    tsmHead: [
      { text: 'Measure' },
      { text: yearName(input.year), format: 'numeric' },
      { text: yearName(input.year - 1), format: 'numeric' },
    ],
    tsmRows: [
      tsmRow('CH01 stage 1 complaints received', (r) => count(r.ch01.stage1.count)),
      tsmRow('CH01 stage 1 complaints per 1,000 homes', (r) => perThousand(r.ch01.stage1.perThousandHomes)),
      tsmRow('CH01 stage 2 complaints received', (r) => count(r.ch01.stage2.count)),
      tsmRow('CH01 stage 2 complaints per 1,000 homes', (r) => perThousand(r.ch01.stage2.perThousandHomes)),
      tsmRow('Complaints refused (not counted in CH01)', (r) => count(r.ch01.refused.count)),
      tsmRow('CH02 stage 1 responses issued', (r) => count(r.ch02.stage1.responded)),
      tsmRow('CH02 stage 1 responses within the Code’s timescales', (r) => share(r.ch02.stage1.percent)),
      tsmRow('CH02 stage 2 responses issued', (r) => count(r.ch02.stage2.responded)),
      tsmRow('CH02 stage 2 responses within the Code’s timescales', (r) => share(r.ch02.stage2.percent)),
    ],
    areaRows: input.areas.map((area) => [
      { text: area.serviceArea },
      count(area.received),
      count(area.outcomes.responses),
      share(area.outcomes.upheldPercent),
      share(area.outcomes.partiallyUpheldPercent),
      share(area.outcomes.notUpheldPercent),
    ]),
  };
}
