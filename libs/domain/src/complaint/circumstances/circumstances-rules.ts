/**
 * The rules on the resident's circumstances and on keeping them informed (docs/domain.md,
 * "Circumstances"), spread into `complaintRules`: ids are stable, messages plain English.
 */
export const MAX_ACTIVE_VULNERABILITIES = 10;
export const MAX_ACTIVE_ADJUSTMENTS = 10;
/** Adjustments are reviewed at least once a year: a later date is a typo or a forgotten review. */
export const MAX_DAYS_TO_ADJUSTMENT_REVIEW = 366;

export const circumstancesRules = {
  vulnerabilityNotActive: {
    id: 'vulnerability-not-active',
    message:
      'No vulnerability with this id is recorded as current on this complaint: it was never recorded, or it has already ended.',
  },
  tooManyActiveVulnerabilities: {
    id: 'too-many-active-vulnerabilities',
    message: `A complaint can have at most ${MAX_ACTIVE_VULNERABILITIES} current vulnerabilities: end one that no longer applies first, or record several categories on one.`,
  },
  adjustmentReviewBeforeAgreed: {
    id: 'adjustment-review-before-agreed',
    message: 'A reasonable adjustment cannot be due for review before the day it was agreed or last reviewed.',
  },
  adjustmentReviewTooFar: {
    id: 'adjustment-review-too-far',
    message: `A reasonable adjustment is reviewed at least once a year: its review date must be within ${MAX_DAYS_TO_ADJUSTMENT_REVIEW} days of the day it was agreed or reviewed.`,
  },
  adjustmentNotActive: {
    id: 'reasonable-adjustment-not-active',
    message:
      'No reasonable adjustment with this id is in place on this complaint: it was never agreed, or a review ended it.',
  },
  adjustmentKindAlreadyAgreed: {
    id: 'reasonable-adjustment-already-agreed',
    message:
      'An adjustment of this kind is already in place: review it (outcome changed) rather than agree a second one.',
  },
  tooManyActiveAdjustments: {
    id: 'too-many-active-adjustments',
    message: `A complaint can have at most ${MAX_ACTIVE_ADJUSTMENTS} reasonable adjustments in place: end one at its review first.`,
  },
  contactAdjustmentsConflict: {
    id: 'contact-adjustments-conflict',
    message: 'Phone only and email only cannot both be in place: end one at its review before agreeing the other.',
  },
  adjustmentReviewNeedsNextDate: {
    id: 'adjustment-review-next-date',
    message:
      'A review that continues or changes an adjustment needs the date of its next review (nextReviewDue); a review that ends it has none.',
  },
  adjustmentChangeNeedsWords: {
    id: 'adjustment-change-needs-words',
    message:
      'A review that changes an adjustment needs the adjustment as now agreed (adjustment); only a change carries new words.',
  },
  adjustmentReviewedBeforeAgreed: {
    id: 'adjustment-reviewed-before-agreed',
    message: 'A reasonable adjustment cannot be reviewed before the day it was agreed or last reviewed.',
  },
  circumstancesErased: {
    id: 'circumstances-erased',
    message:
      "This complaint's personal data has been erased: its circumstances and equality monitoring can no longer be recorded or changed.",
  },
  equalityMonitoringEmpty: {
    id: 'equality-monitoring-empty',
    message:
      'Equality monitoring needs at least one answer (each question is optional, and "prefer not to say" is an answer).',
  },
} as const satisfies Record<string, { readonly id: string; readonly message: string }>;
