import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { PolicyProfile, WorkingDayCalendar } from '@complaints/domain';
import type { TableSet } from '../engine/projection';
import type { CaseFile } from '../case-files/query-case-files';

/** What the facts computed from a case file depend on besides its events. */
export interface CaseFactsSettings {
  /** The organisation's working days: due dates are stored, so they depend on it. */
  readonly calendar: WorkingDayCalendar;
  /** The local policy timed beside the Code, if the organisation has one. */
  readonly localProfile: PolicyProfile | null;
}

/**
 * One family of per-case facts tables kept beside the case files, in the same transaction: the
 * rows reports aggregate in SQL instead of folding every history per request. A writer is
 * handed the WHOLE redacted history of every complaint the batch touched (never only the new
 * events), so a back-dated step rewrites exactly the facts it changes.
 */
export interface CaseFactWriter {
  /** Bump when its tables or rules change: part of the case files projection's version. */
  readonly version: string;
  /** Base names of the tables it owns (each gets the table set's suffix). */
  readonly tables: readonly string[];
  createTables(tx: SqlQueryable, tables: TableSet): Promise<void>;
  /** Replace the facts of these complaints (each with its whole history, in stream order). */
  write(tx: SqlQueryable, tables: TableSet, cases: readonly CaseFile[], settings: CaseFactsSettings): Promise<void>;
}
