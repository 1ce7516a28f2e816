import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate } from '@complaints/contracts';
import { reportingYear, type TsmHomes } from '@complaints/domain';
import type { ComplaintEventStore } from '@complaints/event-store';
import type { ReadModelSeal } from '@complaints/projections';
import { suppressSmallNumbers, type ShownCount } from '../equality/small-number-suppression';
import { periodFiguresFromFacts } from '../period/period-figures-from-facts';
import { tsmReportFromFacts } from '../tsm/tsm-from-facts';
import { improvementsOfYear } from '../lessons/action-plans';
import { annualReportRecord, screenedLessons } from './annual-report-contents';

/** Where the published documents are served (the public routes; no token). */
export interface PublishedLinks {
  annualReport: (year: number) => string;
  /** The published self-assessment, when the service serves one. */
  selfAssessment?: (year: number) => string;
}

/**
 * The landlord's published complaints performance for a reporting year (Code 8.2), for anyone
 * without a token: the TSM CH01 and CH02 figures (the measures the Regulator publishes per
 * landlord, so exact), complaints received by service area with small numbers suppressed (fewer
 * than 5 shown as such, and one more withheld where one would give it away by subtraction),
 * and, once the annual report is published, what changed because of complaints: the
 * improvement actions recorded as made in the year, with their lesson and what changed, in the
 * text screened for panels (no complaint, no reference, no owner, names and contact details taken
 * out; withheld after an erasure). An action only promised is not a change. Before publication
 * `whatChanged` is empty: lessons become public with the report that carries them.
 */
export async function publishedPerformance(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  governance: ComplaintEventStore,
  options: { year: number; homes: TsmHomes; links: PublishedLinks },
) {
  const { year } = options;
  const period = reportingYear(year);
  const [tsm, figures, record] = await Promise.all([
    tsmReportFromFacts(sql, { year, homes: options.homes }),
    periodFiguresFromFacts(sql, { from: period.from, to: period.to }),
    annualReportRecord(governance, year),
  ]);
  const published = record.publishedAt !== null;
  const byArea = suppressSmallNumbers(
    figures.byServiceArea.map((g) => ({ answer: String(g['serviceArea'] ?? ''), count: g.received })),
  );
  // What changed: improvements made in the year (whenever their lesson was learned), never one only promised.
  const whatChanged = published
    ? improvementsOfYear(await screenedLessons(sql, seal, undefined, period.to), year, period.to).improvementsMade.map(
        (lesson) => ({
          serviceArea: lesson.serviceArea,
          recordedOn: lesson.recordedOn,
          lesson: lesson.lesson,
          change: lesson.whatChanged ?? lesson.improvementAction ?? '',
          madeOn: lesson.madeOn as CalendarDate,
        }),
      )
    : [];
  return {
    year,
    period: { from: period.from, to: period.to },
    tsm: { ch01: tsm.ch01, ch02: tsm.ch02 },
    complaintsByServiceArea: {
      cells: byArea.cells.map((cell): { serviceArea: string; received: ShownCount } => ({
        serviceArea: cell.answer,
        received: cell.count,
      })),
      total: byArea.total,
    },
    whatChanged,
    annualReport: published
      ? {
          published: true as const,
          publishedAt: record.publishedAt,
          governingBody: record.response?.body ?? null,
          url: options.links.annualReport(year),
        }
      : { published: false as const, publishedAt: null, governingBody: null, url: null },
    selfAssessment: options.links.selfAssessment && published ? { url: options.links.selfAssessment(year) } : null,
  };
}
export type PublishedPerformance = Awaited<ReturnType<typeof publishedPerformance>>;
