import { z } from 'zod';
import {
  AdjustmentReviewOutcome,
  EqualityAnswers,
  ReasonableAdjustmentKind,
  UpdateIntervalWorkingDays,
  VulnerabilityCategories,
  VulnerabilityCategory,
} from '../events/circumstances-events';
import { InputDate, InputInstant, InputShortText, InputText } from '../primitives';

/**
 * The resident's circumstances and keeping them informed (docs/domain.md, "Circumstances"). The
 * details, the adjustment's words and the equality answers are personal special-category data.
 */
export const RecordVulnerability = z.strictObject({
  recordedAt: InputInstant,
  categories: z.array(VulnerabilityCategory).min(1).max(VulnerabilityCategories.length),
  details: InputText(2000).optional(),
});

export const EndVulnerability = z.strictObject({
  endedAt: InputInstant,
  vulnerabilityId: InputShortText,
  reason: InputText(2000).optional(),
});

export const AgreeReasonableAdjustment = z.strictObject({
  agreedAt: InputInstant,
  kind: ReasonableAdjustmentKind,
  adjustment: InputText(2000),
  reviewDue: InputDate,
});

export const ReviewReasonableAdjustment = z.strictObject({
  reviewedAt: InputInstant,
  adjustmentId: InputShortText,
  /** The London date of the review; by default the date of `reviewedAt`. */
  reviewedOn: InputDate.optional(),
  outcome: AdjustmentReviewOutcome,
  nextReviewDue: InputDate.optional(),
  adjustment: InputText(2000).optional(),
  notes: InputText(2000).optional(),
});

export const RecordEqualityMonitoring = z.strictObject({
  recordedAt: InputInstant,
  answers: EqualityAnswers,
});

export const AgreeUpdateInterval = z.strictObject({
  agreedAt: InputInstant,
  workingDays: UpdateIntervalWorkingDays,
});

export const circumstancesCommandSchemas = {
  RecordVulnerability,
  EndVulnerability,
  AgreeReasonableAdjustment,
  ReviewReasonableAdjustment,
  RecordEqualityMonitoring,
  AgreeUpdateInterval,
} as const;
