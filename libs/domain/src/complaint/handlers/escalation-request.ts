import type { Instant, ReviewRequestWindow } from '@complaints/contracts';
import { fromDayNumber, toDayNumber } from '../../calendar/calendar-date';
import { toLondonDate } from '../../calendar/london-date';
import type { RuleViolation } from '../../decider';
import { isAfter } from '../instants';
import { complaintRules, violation } from '../rules';
import type { ReceivedComplaint } from '../state';
import { notBefore } from './chronology';

/**
 * May a request for stage 2, made at `requestedAt`, be answered now — by escalating or by a
 * recorded refusal (Code 6.10-6.11, 5.11)? After the stage 1 response, once: also after a
 * stage 1 closure (the resident is still dissatisfied), never after a withdrawal or a refusal
 * of the complaint, never from stage 2. A request the landlord has already refused stays
 * refused: only one made after that decision is a new request.
 */
export function checkEscalationRequest(complaint: ReceivedComplaint, requestedAt: Instant): RuleViolation | null {
  if (complaint.status === 'withdrawn' || complaint.status === 'refused') {
    return violation(
      complaintRules.ended,
      complaint.endedAt ? `It was ${complaint.status} ${complaint.endedAt}.` : undefined,
    );
  }
  if (complaint.stage === 2) return violation(complaintRules.noStageBeyondTwo);
  const stageOneResponse = complaint.stage1.respondedAt;
  if (stageOneResponse === null) return violation(complaintRules.escalationNeedsStageOneResponse);
  // Stage 2 could never be worked: its acknowledgement defines the complaint, which is personal data.
  if (complaint.personalDataErased !== null) {
    return violation(
      complaintRules.erasedComplaintCannotReopen,
      `Its personal data was erased ${complaint.personalDataErased.erasedAt}.`,
    );
  }
  const early = notBefore(requestedAt, stageOneResponse, 'the stage 1 response');
  if (early) return early;
  const refused = complaint.escalationRefusals.at(-1);
  if (refused && !isAfter(requestedAt, refused.refusedAt)) {
    return violation(
      complaintRules.escalationAlreadyRefused,
      `A request made ${refused.requestedAt} was refused ${refused.refusedAt}; this one is dated ${requestedAt}.`,
    );
  }
  return null;
}

/**
 * The organisation's review-request window (calendar days after the London date of the stage 1
 * response), as it stood when the request was recorded. A late request is flagged, not refused:
 * refusing one is a decision of its own, on a ground, with the Ombudsman right.
 */
export function reviewRequestWindowOf(
  complaint: ReceivedComplaint,
  requestedAt: Instant,
  calendarDays: number | undefined,
): ReviewRequestWindow | undefined {
  const respondedAt = complaint.stage1.respondedAt;
  if (calendarDays === undefined || respondedAt === null) return undefined;
  const lastDay = fromDayNumber(toDayNumber(toLondonDate(respondedAt)) + calendarDays);
  return { calendarDays, lastDay, late: toLondonDate(requestedAt) > lastDay };
}
