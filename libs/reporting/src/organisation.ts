import type { PolicyProfile, TsmHomes, WorkingDayCalendar } from '@complaints/domain';

/** The organisation's working calendar and timescale policies, built once from the configuration. */
export interface Organisation {
  calendar: WorkingDayCalendar;
  /** The stricter local policy shown beside the Code, if the organisation has one. */
  localProfile: PolicyProfile | null;
  homes: TsmHomes;
}
