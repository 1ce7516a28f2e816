import { EQUALITY_QUESTIONS, EqualityAnswers, type EqualityQuestion } from '@complaints/contracts';
import { suppressCount, suppressSmallNumbers, type ShownCount, type SuppressedTable } from './small-number-suppression';

export interface EqualityReport {
  readonly year: number;
  readonly from: string;
  readonly to: string;
  /** Complaints received in the year whose resident gave any equality monitoring answer. */
  readonly respondents: ShownCount;
  readonly questions: readonly ({ readonly question: EqualityQuestion } & SuppressedTable<string>)[];
  readonly suppression: string;
}

/** The answers each question offers, in the order the form asks them (prefer not to say last). */
function answersOf(question: EqualityQuestion): readonly string[] {
  const schema = EqualityAnswers.shape[question].unwrap();
  return schema.options;
}

/**
 * The equality monitoring of a reporting year in aggregate only: per question, how many gave
 * each answer, with small numbers suppressed (small-number-suppression.ts). No complaint, date or
 * combination of answers is ever shown, so no row can be traced back to a resident.
 */
export function equalityReport(
  answers: readonly EqualityAnswers[],
  period: { year: number; from: string; to: string },
): EqualityReport {
  return {
    year: period.year,
    from: period.from,
    to: period.to,
    respondents: suppressCount(answers.length),
    questions: EQUALITY_QUESTIONS.map((question) => {
      const counts = answersOf(question).map((answer) => ({
        answer,
        count: answers.filter((a) => a[question] === answer).length,
      }));
      return { question, ...suppressSmallNumbers(counts) };
    }),
    suppression:
      "A count of fewer than 5 is shown as 'fewer than 5'; where one is, the question's total is withheld, and where it is the only one, the next smallest count is withheld too, so no suppressed count can be worked out from the others.",
  };
}
