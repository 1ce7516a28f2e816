import { EnquirySources, type CalendarDate, type ComplaintEvent, type EnquirySource } from '@complaints/contracts';
import { complaintDecider, fold, isReceived, toLondonDate, type WorkingDayCalendar } from '@complaints/domain';
import type { Period } from './figures-arithmetic';

/** One enquiry fact, as the measures read model keeps it: received, or answered after so many working days. */
export interface EnquiryFact {
  measure: 'enquiry_received' | 'enquiry_answered';
  kind: EnquirySource;
  /** enquiry_answered: working days from its receipt to its answer. */
  workingDays: number | null;
}

/**
 * The annual report's enquiries (docs/domain.md, "Enquiries"): how many MPs, councillors and
 * representative bodies asked about a complaint in the period and how many were answered in
 * it, by kind, and the median working days from receipt to answer of those answered in the
 * period (the median, not the mean: one enquiry left for months would hide how quickly the
 * rest were answered). One function for the fold and the SQL report, so they cannot disagree.
 */
export function enquiryFiguresOf(facts: readonly EnquiryFact[]) {
  const byKind = Object.fromEntries(EnquirySources.map((kind) => [kind, { received: 0, answered: 0 }])) as Record<
    EnquirySource,
    { received: number; answered: number }
  >;
  const days: number[] = [];
  for (const fact of facts) {
    const tally = byKind[fact.kind];
    if (!tally) continue;
    if (fact.measure === 'enquiry_received') tally.received += 1;
    else {
      tally.answered += 1;
      if (fact.workingDays !== null) days.push(fact.workingDays);
    }
  }
  const total = (field: 'received' | 'answered') => Object.values(byKind).reduce((sum, t) => sum + t[field], 0);
  return { received: total('received'), answered: total('answered'), byKind, medianWorkingDaysToAnswer: median(days) };
}

export type EnquiryFigures = ReturnType<typeof enquiryFiguresOf>;

/** The middle value (the mean of the two middle ones for an even count), to 1 dp; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/** The enquiry facts of one complaint's history, each on the London date it happened: what measureRows writes too. */
export function enquiryFactsOf(
  history: readonly ComplaintEvent[],
  calendar: WorkingDayCalendar,
): (EnquiryFact & { on: CalendarDate })[] {
  const state = fold(complaintDecider, history);
  if (!isReceived(state)) return [];
  return state.enquiries.flatMap((e) => {
    const receivedOn = toLondonDate(e.receivedAt);
    const received = { measure: 'enquiry_received' as const, kind: e.from, workingDays: null, on: receivedOn };
    if (e.answeredAt === null) return [received];
    const answeredOn = toLondonDate(e.answeredAt);
    return [
      received,
      {
        measure: 'enquiry_answered' as const,
        kind: e.from,
        workingDays: calendar.workingDaysBetween(receivedOn, answeredOn),
        on: answeredOn,
      },
    ];
  });
}

/** THE REFERENCE (a fold over every history) the SQL figures (enquiryFiguresFromFacts) are proved against. */
export function enquiryFigures(
  histories: readonly (readonly ComplaintEvent[])[],
  calendar: WorkingDayCalendar,
  period: Period,
): EnquiryFigures {
  const facts = histories
    .flatMap((history) => enquiryFactsOf(history, calendar))
    .filter((f) => f.on >= period.from && f.on <= period.to);
  return enquiryFiguresOf(facts);
}
