import type { SqlQueryable } from '@complaints/adapter-postgres';
import { FeedbackKinds, type FeedbackKind } from '@complaints/contracts';
import { queryFeedbackCounts, type FeedbackCountRow } from '@complaints/projections';
import type { Period } from '../period/figures-arithmetic';
import { suppressSmallNumbers, type SuppressedTable } from '../equality/small-number-suppression';

/**
 * Feedback that is not a complaint, counted over a period (docs/feedback.md, "Figures"): what the
 * annual complaints performance report (Code 8.1), the published performance (Code 8.2) and the
 * panels show beside the complaint figures. Counted by the London date the feedback was
 * received, both ends inclusive; what became of each item (shared, passed on, completed, turned
 * into a complaint) is as it stands now. Nothing personal: these are counts of the feedback
 * read model, which holds no personal field.
 */
export interface FeedbackFigures {
  period: Period;
  total: number;
  byKind: Record<FeedbackKind, number>;
  /** One line per service area with any feedback, in name order. */
  byServiceArea: { serviceArea: string; total: number; byKind: Record<FeedbackKind, number> }[];
  compliments: { received: number; sharedWithStaff: number };
  comments: { received: number; passedToManager: number };
  /** Salix's first measure: "expressions of dissatisfaction resolved right first time". */
  resolvedAtFirstContact: { received: number; passedToManager: number; convertedToComplaint: number };
  /** Code 1.4: service requests recorded, monitored and reviewed. */
  serviceRequests: { received: number; completed: number; open: number; convertedToComplaint: number };
}

const noKinds = (): Record<FeedbackKind, number> => ({
  compliment: 0,
  comment: 0,
  resolved_at_first_contact: 0,
  service_request: 0,
});

/** The figures from the read model's counts by kind and service area. Pure. */
export function feedbackFiguresOf(rows: readonly FeedbackCountRow[], period: Period): FeedbackFigures {
  const byKind = noKinds();
  const areas = new Map<string, { serviceArea: string; total: number; byKind: Record<FeedbackKind, number> }>();
  const sum = (kind: FeedbackKind, field: keyof Omit<FeedbackCountRow, 'kind' | 'serviceArea'>) =>
    rows.filter((r) => r.kind === kind).reduce((n, r) => n + r[field], 0);
  for (const row of rows) {
    byKind[row.kind] += row.received;
    const area = areas.get(row.serviceArea) ?? { serviceArea: row.serviceArea, total: 0, byKind: noKinds() };
    area.total += row.received;
    area.byKind[row.kind] += row.received;
    areas.set(row.serviceArea, area);
  }
  return {
    period,
    total: FeedbackKinds.reduce((n, kind) => n + byKind[kind], 0),
    byKind,
    byServiceArea: [...areas.values()].sort((a, b) =>
      a.serviceArea < b.serviceArea ? -1 : a.serviceArea > b.serviceArea ? 1 : 0,
    ),
    compliments: { received: byKind.compliment, sharedWithStaff: sum('compliment', 'shared') },
    comments: { received: byKind.comment, passedToManager: sum('comment', 'passedToManager') },
    resolvedAtFirstContact: {
      received: byKind.resolved_at_first_contact,
      passedToManager: sum('resolved_at_first_contact', 'passedToManager'),
      convertedToComplaint: sum('resolved_at_first_contact', 'convertedToComplaint'),
    },
    serviceRequests: {
      received: byKind.service_request,
      completed: sum('service_request', 'completed'),
      open: sum('service_request', 'open'),
      convertedToComplaint: sum('service_request', 'convertedToComplaint'),
    },
  };
}

/** The feedback figures of a period (London dates, inclusive), from the feedback read model. */
export async function feedbackFigures(sql: SqlQueryable, period: Period): Promise<FeedbackFigures> {
  return feedbackFiguresOf(await queryFeedbackCounts(sql, period), period);
}

/**
 * The figures as a panel (or the public) may see them: every count below 5 shown as "fewer
 * than 5", with the totals and next-smallest counts withheld that would give it back by
 * subtraction (small-number-suppression.ts), per kind overall and per service area.
 */
export interface ScreenedFeedbackFigures {
  period: Period;
  byKind: SuppressedTable<FeedbackKind>;
  byServiceArea: { serviceArea: string; byKind: SuppressedTable<FeedbackKind> }[];
}

export function screenedFeedbackFigures(figures: FeedbackFigures): ScreenedFeedbackFigures {
  const table = (counts: Record<FeedbackKind, number>) =>
    suppressSmallNumbers(FeedbackKinds.map((kind) => ({ answer: kind, count: counts[kind] })));
  return {
    period: figures.period,
    byKind: table(figures.byKind),
    byServiceArea: figures.byServiceArea.map((area) => ({ serviceArea: area.serviceArea, byKind: table(area.byKind) })),
  };
}
