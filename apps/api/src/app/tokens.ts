import type { PolicyProfile, WorkingDayCalendar } from '@complaints/domain';
import type { TsmHomes } from '@complaints/domain';

/** Dependency-injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('AppConfig');
export const INFRASTRUCTURE = Symbol('Infrastructure');
export const CLOCK = Symbol('Clock');
export const ORGANISATION = Symbol('Organisation');
/** The subject-access blind index key (BlindIndexKey), loaded from KEYS_DIR at start. */
export const SUBJECT_INDEX_KEY = Symbol('SubjectIndexKey');

/** The organisation's working calendar and timescale policies, built once from the configuration. */
export interface Organisation {
  calendar: WorkingDayCalendar;
  /** The stricter local policy shown beside the Code, if the organisation has one. */
  localProfile: PolicyProfile | null;
  homes: TsmHomes;
}
