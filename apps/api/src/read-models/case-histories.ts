import { Injectable } from '@nestjs/common';
import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';

/**
 * One complaint's events with every personal field replaced by '[erased]' (ERASED), the staff
 * free text (reasons, outcomes, lessons) included: what reports, dashboards and panel views are
 * computed from. They count that such a text is there, never quote it. The domain's functions (fold,
 * computeSla, computeTsm) run on these unchanged, and nothing personal can reach a report
 * because nothing personal is in its input.
 */
export interface CaseHistory {
  complaintId: string;
  reference: string;
  /** In stream order (revision 1 first). */
  events: readonly ComplaintEvent[];
}

/** Cheap pre-selection; callers still apply their exact rules to each history. */
export interface CaseHistoryFilter {
  /** Received (London date) on or before this date. */
  receivedOnOrBefore?: CalendarDate;
  /** Not closed, withdrawn or refused before this date (still open then, or ended on or after it). */
  notEndedBefore?: CalendarDate;
  /** Some event happened (occurredAt, London date) on or after this date. */
  activeOnOrAfter?: CalendarDate;
}

/**
 * Where reports get their input: the redacted history of every complaint matching a filter,
 * in the order complaints were received. Implemented over a read model.
 */
@Injectable()
export abstract class CaseHistories {
  abstract list(filter?: CaseHistoryFilter): Promise<CaseHistory[]>;
}
