import { toLondonDate } from '../../calendar/london-date';
import { describeHold, retentionStatusOf } from '../retention/retention-schedule';
import { complaintRules, violation } from '../rules';
import type { CommandHandler } from './command-handler';

/**
 * An administrator approves erasure on retention grounds: allowed only once the retention period
 * has run out (RETENTION_YEARS_AFTER_END, on the command) and while nothing holds the data. The
 * approval (who, when, under which schedule) and the erasure are two events of one write, so an
 * approval is never recorded without its erasure, nor a retention erasure without its approval.
 */
export const approveRetentionErasure: CommandHandler<'ApproveRetentionErasure'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.approvedAt,
  decide({ data, actor }, complaint) {
    if (complaint.personalDataErased !== null) {
      return violation(
        complaintRules.personalDataAlreadyErased,
        `It was erased ${complaint.personalDataErased.erasedAt}.`,
      );
    }
    if (complaint.endedAt === null) return violation(complaintRules.erasureNeedsEndedComplaint);
    const status = retentionStatusOf(complaint.retention, toLondonDate(data.approvedAt), data.retentionYears);
    // Both excluded above (erased, open); the check narrows the status to one with its dates.
    if (status.status === 'erased' || status.status === 'open')
      return violation(complaintRules.erasureNeedsEndedComplaint);
    if (status.holds.length > 0)
      return violation(complaintRules.erasureUnderLegalHold, status.holds.map(describeHold).join(' '));
    if (status.status === 'not_due') {
      return violation(
        complaintRules.retentionPeriodNotOver,
        `Under a schedule of ${data.retentionYears} years from ${status.retentionFrom}, it is due on ${status.dueOn}.`,
      );
    }
    const years = data.retentionYears;
    return [
      {
        type: 'RetentionErasureApproved',
        data: {
          occurredAt: data.approvedAt,
          approvedBy: actor.id,
          retentionYears: years,
          retentionFrom: status.retentionFrom,
          dueOn: status.dueOn,
        },
      },
      {
        type: 'PersonalDataErased',
        data: {
          occurredAt: data.approvedAt,
          dataSubjectId: complaint.dataSubjectId,
          // The basis is a code that stays; the schedule's facts are on the approval beside it.
          basis: 'retention_schedule',
        },
      },
    ];
  },
};
