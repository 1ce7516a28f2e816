import { createWorkingDayCalendar, type WorkingDayCalendar } from '@complaints/domain';
import type { CalendarSettings } from './shared-settings';

/** The organisation's working-day calendar (division's bank holidays + its closure days): the same in every process. */
export function workingDayCalendarOf(settings: CalendarSettings): WorkingDayCalendar {
  return createWorkingDayCalendar({
    division: settings.division,
    feed: settings.bankHolidays,
    closureDays: settings.closureDays,
  });
}
