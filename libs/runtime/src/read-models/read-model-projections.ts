import type { WorkingDayCalendar } from '@complaints/domain';
import { caseFilesProjection, chronologyProjection, complaintSummariesProjection, lessonsProjection, transparencyLogProjection, type Projection } from '@complaints/projections';

export interface ReadModelSettings {
  /** The organisation's working-day calendar: summaries and chronology compute deadlines with it. */
  calendar: WorkingDayCalendar;
}

/**
 * Every read model the product maintains, defined once: the API (in-process) and the worker run
 * exactly this list, so they can never disagree on which tables exist or at which version.
 */
export function readModelProjections(settings: ReadModelSettings): Projection[] {
  return [
    complaintSummariesProjection({ calendar: settings.calendar }),
    caseFilesProjection(),
    lessonsProjection(),
    chronologyProjection({ calendar: settings.calendar }),
    transparencyLogProjection(),
  ];
}
