/**
 * Small-number suppression for the equality report (docs/data-protection.md, "Circumstances and
 * equality monitoring"). A count of fewer than 5 could point at a person, so it is shown as
 * FEWER_THAN_5. A suppressed count must not come back by subtraction either:
 * - a question's total is withheld whenever any of its counts is suppressed (else the total less
 *   the shown counts is the suppressed one);
 * - a question with exactly one suppressed count also withholds its next smallest count, so the
 *   suppressed one cannot be recovered from the number of respondents either (when everyone
 *   answered, the respondents are the question's total).
 * The second count withheld is shown as WITHHELD, never as "fewer than 5": it is not.
 */
export const SMALL_NUMBER_THRESHOLD = 5;
export const FEWER_THAN_5 = 'fewer than 5' as const;
export const WITHHELD_COUNT = 'withheld' as const;

export type ShownCount = number | typeof FEWER_THAN_5 | typeof WITHHELD_COUNT;

export interface SuppressedTable<K extends string> {
  readonly cells: readonly { readonly answer: K; readonly count: ShownCount }[];
  readonly total: ShownCount;
}

const small = (n: number) => n < SMALL_NUMBER_THRESHOLD;

/** One question's counts (every answer listed, zeros included, in the order given) as they may be shown. */
export function suppressSmallNumbers<K extends string>(
  counts: readonly { readonly answer: K; readonly count: number }[],
): SuppressedTable<K> {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const primary = new Set(counts.filter((c) => small(c.count)).map((c) => c.answer));
  const secondary = new Set<K>();
  if (primary.size === 1) {
    const next = counts.filter((c) => !primary.has(c.answer)).sort((a, b) => a.count - b.count)[0];
    if (next) secondary.add(next.answer);
  }
  const cells = counts.map((c): { answer: K; count: ShownCount } => ({
    answer: c.answer,
    count: primary.has(c.answer) ? FEWER_THAN_5 : secondary.has(c.answer) ? WITHHELD_COUNT : c.count,
  }));
  const shownTotal: ShownCount = small(total) ? FEWER_THAN_5 : primary.size > 0 ? WITHHELD_COUNT : total;
  return { cells, total: shownTotal };
}

/** A single count (the respondents) as it may be shown. */
export function suppressCount(n: number): ShownCount {
  return small(n) ? FEWER_THAN_5 : n;
}
