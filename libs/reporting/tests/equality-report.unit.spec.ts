import type { EqualityAnswers } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { equalityReport } from '../src/equality/equality-report';
import { FEWER_THAN_5, suppressSmallNumbers, WITHHELD_COUNT } from '../src/equality/small-number-suppression';

const period = { year: 2025, from: '2025-04-01', to: '2026-03-31' };
const many = (n: number, answers: EqualityAnswers): EqualityAnswers[] => Array.from({ length: n }, () => answers);

/** What a reader can work out for a suppressed cell from the total and the shown cells, if anything. */
function recoverable(table: ReturnType<typeof suppressSmallNumbers>): boolean {
  const hidden = table.cells.filter((c) => typeof c.count !== 'number');
  return typeof table.total === 'number' && hidden.length === 1;
}

describe('small-number suppression', () => {
  it('shows counts of 5 or more and the total when nothing is small', () => {
    expect(
      suppressSmallNumbers([
        { answer: 'yes', count: 5 },
        { answer: 'no', count: 12 },
      ]),
    ).toEqual({
      cells: [
        { answer: 'yes', count: 5 },
        { answer: 'no', count: 12 },
      ],
      total: 17,
    });
  });

  it('shows a count below 5 (zero included) as "fewer than 5", and withholds the total so it cannot be subtracted back', () => {
    const table = suppressSmallNumbers([
      { answer: 'yes', count: 4 },
      { answer: 'no', count: 30 },
      { answer: 'prefer_not_to_say', count: 0 },
    ]);
    expect(table).toEqual({
      cells: [
        { answer: 'yes', count: FEWER_THAN_5 },
        { answer: 'no', count: 30 },
        { answer: 'prefer_not_to_say', count: FEWER_THAN_5 },
      ],
      total: WITHHELD_COUNT,
    });
    expect(recoverable(table)).toBe(false);
  });

  it('withholds the next smallest count when only one is suppressed, so the respondents cannot recover it either', () => {
    const table = suppressSmallNumbers([
      { answer: 'yes', count: 3 },
      { answer: 'no', count: 40 },
      { answer: 'prefer_not_to_say', count: 9 },
    ]);
    expect(table.cells).toEqual([
      { answer: 'yes', count: FEWER_THAN_5 },
      { answer: 'no', count: 40 },
      { answer: 'prefer_not_to_say', count: WITHHELD_COUNT },
    ]);
    expect(table.total).toBe(WITHHELD_COUNT);
  });

  it('shows a total under 5 as "fewer than 5"', () => {
    expect(
      suppressSmallNumbers([
        { answer: 'yes', count: 2 },
        { answer: 'no', count: 1 },
      ]).total,
    ).toBe(FEWER_THAN_5);
  });

  it('never leaves a single hidden count beside a shown total, whatever the counts', () => {
    for (let a = 0; a < 12; a += 1)
      for (let b = 0; b < 12; b += 1)
        for (let c = 0; c < 12; c += 1) {
          const table = suppressSmallNumbers([
            { answer: 'a', count: a },
            { answer: 'b', count: b },
            { answer: 'c', count: c },
          ]);
          expect(recoverable(table)).toBe(false);
          // A shown count is always the true count, and only true small counts say "fewer than 5".
          const truth = [a, b, c];
          table.cells.forEach((cell, i) => {
            if (typeof cell.count === 'number') expect(cell.count).toBe(truth[i]);
            if (cell.count === FEWER_THAN_5) expect(truth[i]).toBeLessThan(5);
          });
        }
  });
});

describe('the equality report', () => {
  it('counts each answer per question over the respondents, suppressing small numbers', () => {
    const answers = [
      ...many(6, { sex: 'female', disability: 'no' }),
      ...many(7, { sex: 'male', disability: 'no' }),
      ...many(2, { sex: 'prefer_not_to_say', disability: 'yes' }),
    ];
    const report = equalityReport(answers, period);
    expect(report).toMatchObject({ year: 2025, from: '2025-04-01', to: '2026-03-31', respondents: 15 });
    const sex = report.questions.find((q) => q.question === 'sex');
    expect(sex).toEqual({
      question: 'sex',
      cells: [
        // The only small count: the next smallest is withheld, or 15 respondents less 6 and 7 would give it.
        { answer: 'female', count: WITHHELD_COUNT },
        { answer: 'male', count: 7 },
        { answer: 'prefer_not_to_say', count: FEWER_THAN_5 },
      ],
      total: WITHHELD_COUNT,
    });
    const disability = report.questions.find((q) => q.question === 'disability');
    expect(disability?.cells).toEqual([
      { answer: 'yes', count: FEWER_THAN_5 },
      { answer: 'no', count: 13 },
      { answer: 'prefer_not_to_say', count: FEWER_THAN_5 },
    ]);
    // A question nobody answered: every count is fewer than 5, and so is its total.
    expect(report.questions.find((q) => q.question === 'religion')?.total).toBe(FEWER_THAN_5);
  });

  it('hides even the number of respondents when it is under 5', () => {
    expect(equalityReport(many(4, { sex: 'female' }), period).respondents).toBe(FEWER_THAN_5);
  });
});
