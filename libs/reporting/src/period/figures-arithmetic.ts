import type { CalendarDate, DecisionOutcome } from '@complaints/contracts';

export interface Period {
  from: CalendarDate;
  to: CalendarDate;
}

/** Outcome counts of stage responses and the share of each, to 1 dp (null when there were none). */
export interface Outcomes {
  responses: number;
  upheld: number;
  partiallyUpheld: number;
  notUpheld: number;
  upheldPercent: number | null;
  partiallyUpheldPercent: number | null;
  notUpheldPercent: number | null;
}

export type OutcomeCounts = Record<DecisionOutcome, number>;

export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** The mean of `count` values summing to `sum`, to 1 dp; null for none. */
export function averageOf(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum * 10) / count) / 10;
}

export function outcomesOf(counts: OutcomeCounts): Outcomes {
  const responses = counts.upheld + counts.partially_upheld + counts.not_upheld;
  return {
    responses,
    upheld: counts.upheld,
    partiallyUpheld: counts.partially_upheld,
    notUpheld: counts.not_upheld,
    upheldPercent: percent(counts.upheld, responses),
    partiallyUpheldPercent: percent(counts.partially_upheld, responses),
    notUpheldPercent: percent(counts.not_upheld, responses),
  };
}
