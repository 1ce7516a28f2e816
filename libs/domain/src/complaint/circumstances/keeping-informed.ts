import type { CalendarDate, ComplaintEvent, Instant } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import type { WorkingDayCalendar } from '../../calendar/working-day-calendar';
import { latest } from '../instants';
import type { ComplaintState } from '../state';

/**
 * Keeping the resident informed (docs/domain.md, "Circumstances"): how often the landlord agreed
 * to update them, and when it last did. An update is an outbound contact that reached them; a
 * letter sent counts too (evolveKeepingInformed below).
 */
export interface KeepingInformedRecord {
  readonly updateInterval: { readonly workingDays: number; readonly agreedAt: Instant } | null;
  readonly lastOutboundContactAt: Instant | null;
}

export const NEW_KEEPING_INFORMED_RECORD: KeepingInformedRecord = { updateInterval: null, lastOutboundContactAt: null };

/** An update reached the resident at `at` (events may be back-dated: the latest counts). */
function withOutboundContact(record: KeepingInformedRecord, at: Instant): KeepingInformedRecord {
  return {
    ...record,
    lastOutboundContactAt: record.lastOutboundContactAt === null ? at : latest(record.lastOutboundContactAt, at),
  };
}

export function evolveKeepingInformed(record: KeepingInformedRecord, event: ComplaintEvent): KeepingInformedRecord {
  switch (event.type) {
    case 'UpdateIntervalAgreed':
      return { ...record, updateInterval: { workingDays: event.data.workingDays, agreedAt: event.data.occurredAt } };
    case 'ContactLogged':
      // A failed attempt, or the resident getting in touch, is not the landlord keeping them informed.
      return event.data.direction === 'outbound' && event.data.reached
        ? withOutboundContact(record, event.data.occurredAt)
        : record;
    case 'LetterSent':
      // A letter from the record (acknowledgement, extension, response) is an update sent.
      return withOutboundContact(record, event.data.occurredAt);
    default:
      return record;
  }
}

/**
 * The next update due: the agreed number of working days after the last update that reached
 * the resident, or after the agreement if none since. Only while the complaint is open.
 */
export function nextUpdateDueOf(state: ComplaintState, calendar: WorkingDayCalendar): CalendarDate | null {
  if (state.status !== 'open') return null;
  const { updateInterval, lastOutboundContactAt } = state.keepingInformed;
  if (updateInterval === null) return null;
  const from =
    lastOutboundContactAt === null ? updateInterval.agreedAt : latest(updateInterval.agreedAt, lastOutboundContactAt);
  return calendar.addWorkingDays(toLondonDate(from), updateInterval.workingDays);
}
