import type { EventOfType } from '@complaints/contracts';

type CircumstancesEvent = EventOfType<
  | 'VulnerabilityRecorded'
  | 'VulnerabilityEnded'
  | 'ReasonableAdjustmentAgreed'
  | 'ReasonableAdjustmentReviewed'
  | 'EqualityMonitoringRecorded'
  | 'UpdateIntervalAgreed'
>;

const KINDS: Record<string, string> = {
  plain_text_for_screen_reader: 'plain text for a screen reader',
  british_sign_language: 'British Sign Language',
};
const kind = (value: string) => KINDS[value] ?? value.replace(/_/g, ' ');

/**
 * The chronology's words for the resident's circumstances. Special-category data (the
 * vulnerability's categories and details, the adjustment's own words, the equality answers)
 * is never quoted: the chronology is printed, exported and sealed, and names only the id, the
 * kind of adjustment and the dates (docs/data-protection.md, "Circumstances and equality monitoring").
 */
export function describeCircumstances(event: CircumstancesEvent): string {
  switch (event.type) {
    case 'VulnerabilityRecorded':
      return `Vulnerability ${event.data.vulnerabilityId} recorded (its details are on the case, for officers only).`;
    case 'VulnerabilityEnded':
      return `Vulnerability ${event.data.vulnerabilityId} no longer applies.`;
    case 'ReasonableAdjustmentAgreed':
      return `Reasonable adjustment agreed: ${kind(event.data.kind)} (${event.data.adjustmentId}); review due ${event.data.reviewDue}.`;
    case 'ReasonableAdjustmentReviewed': {
      const d = event.data;
      if (d.outcome === 'ended')
        return `Reasonable adjustment ${d.adjustmentId} reviewed on ${d.reviewedOn} and ended.`;
      return `Reasonable adjustment ${d.adjustmentId} reviewed on ${d.reviewedOn}: ${d.outcome}; next review due ${d.nextReviewDue ?? 'not set'}.`;
    }
    case 'EqualityMonitoringRecorded':
      return 'Equality monitoring answers given (reported only in aggregate).';
    case 'UpdateIntervalAgreed':
      return `Agreed to update the resident every ${event.data.workingDays} working day${event.data.workingDays === 1 ? '' : 's'}.`;
  }
}
