import type { CalendarDate, Stage } from '@complaints/contracts';
import type { WorkingDayCalendar } from '@complaints/domain';

export const ATTENTION_REASONS = [
  'acknowledgement_overdue',
  'response_overdue',
  'remedy_action_overdue',
  'inactive',
  'compensation_unpaid',
  'acknowledgement_due_soon',
  'response_due_soon',
  // The case's dated follow-ups (FollowUpReason in the domain's follow-ups.ts), each overdue or due soon.
  'adjustment_review_overdue',
  'update_overdue',
  'restriction_review_overdue',
  'improvement_action_overdue',
  'adjustment_review_due_soon',
  'update_due_soon',
  'restriction_review_due_soon',
  'improvement_action_due_soon',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/**
 * The reasons that say a case is overdue against the Code: a complaint has one of them exactly
 * when the domain's caseSlaStatus says `overdueAgainstCode` (docs/domain.md, "Timescales").
 */
export const OVERDUE_AGAINST_CODE_REASONS: readonly AttentionReason[] = ['acknowledgement_overdue', 'response_overdue'];

export interface AttentionItem {
  reason: AttentionReason;
  complaintId: string;
  reference: string;
  status: string;
  stage: Stage;
  serviceArea: string;
  handler: { id: string; name: string } | null;
  /**
   * The deadline (acknowledgement, remedy action; for a response, the Code target); null for
   * inactivity and unpaid compensation.
   */
  due: CalendarDate | null;
  /**
   * Response items only: the organisation's own target (extensions beyond the Code's limit, or
   * agreed after the Code target, included). Shown beside `due`; never what overdue is judged by.
   */
  organisationDue?: CalendarDate;
  /** Last activity (inactive) or the response that offered the compensation (unpaid). */
  since: CalendarDate | null;
  /** Working days after `due` up to asOf; 0 when not yet due. */
  workingDaysOverdue: number;
  /** Working days from asOf up to `due` (due soon only); 0 otherwise. */
  workingDaysRemaining: number;
  /** Working days after `since` up to asOf (inactive, compensation unpaid); 0 otherwise. */
  workingDaysSince: number;
  /** remedy_action_overdue only. */
  actionId?: string;
  /** Follow-ups only: what the follow-up is about within the complaint (an adjustment's, restriction's or lesson's id), when not the case itself. */
  ref?: string;
  /** compensation_unpaid only: offered and not yet paid. */
  amountOutstandingPence?: number;
}

export interface CaseAttentionOptions {
  calendar: WorkingDayCalendar;
  asOf: CalendarDate;
  inactivityWorkingDays: number;
  dueSoonWorkingDays?: number;
}

export interface AttentionOptions extends CaseAttentionOptions {
  filter?: { handlerId?: string; serviceArea?: string; reason?: AttentionReason };
}

/**
 * Most urgent first: missed deadlines (the longest overdue first), then complaints gone quiet and
 * compensation waiting (the longest first), then deadlines coming up (the nearest first).
 * Ties fall back to the reference, so the order is stable.
 */
export function byUrgency(a: AttentionItem, b: AttentionItem): number {
  return (
    tier(a) - tier(b) ||
    weight(b) - weight(a) ||
    a.reference.localeCompare(b.reference) ||
    a.reason.localeCompare(b.reason)
  );
}

function tier(item: AttentionItem): number {
  if (item.reason.endsWith('_overdue')) return 0;
  if (item.reason === 'inactive' || item.reason === 'compensation_unpaid') return 1;
  return 2;
}

function weight(item: AttentionItem): number {
  if (item.reason.endsWith('_overdue')) return item.workingDaysOverdue;
  if (item.reason.endsWith('_due_soon')) return -item.workingDaysRemaining;
  return item.workingDaysSince;
}

type ItemBase = Omit<AttentionItem, 'reason'>;

/**
 * A follow-up's item (followUpsOf in the domain): `<reason>_overdue` once its date has passed,
 * `<reason>_due_soon` before, with the working days counted as for a milestone. The fold and
 * the SQL both build it here, so they cannot disagree on its shape.
 */
export function followUpItem(
  base: ItemBase,
  reason: AttentionReason,
  due: CalendarDate,
  ref: string | null,
  calendar: WorkingDayCalendar,
  asOf: CalendarDate,
): AttentionItem {
  const isOverdue = reason.endsWith('_overdue');
  return {
    ...base,
    reason,
    due,
    ...(ref !== null ? { ref } : {}),
    workingDaysOverdue: isOverdue ? calendar.workingDaysBetween(due, asOf) : 0,
    workingDaysRemaining: isOverdue ? 0 : calendar.workingDaysBetween(asOf, due),
  };
}
