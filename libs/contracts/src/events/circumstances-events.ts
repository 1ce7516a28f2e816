import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, ShortText, Text } from '../primitives';

/**
 * The resident's circumstances and keeping them informed (docs/domain.md, "Circumstances").
 * Vulnerabilities and equality monitoring are special-category data (health, disability,
 * ethnicity…): every field that says anything about the person is personal, so it is encrypted
 * under the data subject's key, shredded on erasure and never shown to panels
 * (docs/data-protection.md, "Circumstances and equality monitoring").
 */
export const VulnerabilityCategories = [
  'physical_health',
  'mental_health',
  'disability',
  'age',
  'language',
  'literacy',
  'bereavement',
  'domestic_abuse',
  'financial_hardship',
  'other',
] as const;
export const VulnerabilityCategory = z.enum(VulnerabilityCategories);
export type VulnerabilityCategory = z.infer<typeof VulnerabilityCategory>;

/**
 * What the landlord agreed to change in how it deals with the resident. A vocabulary so letters
 * and contact can act on it (large print, plain text) and the chronology can name it without the
 * resident's own words, which stay in the personal `adjustment` text.
 */
export const ReasonableAdjustmentKinds = [
  'large_print',
  'plain_text_for_screen_reader',
  'easy_read',
  'interpreter',
  'british_sign_language',
  'phone_only',
  'email_only',
  'named_contact',
  'home_visit',
  'extra_time',
  'other',
] as const;
export const ReasonableAdjustmentKind = z.enum(ReasonableAdjustmentKinds);
export type ReasonableAdjustmentKind = z.infer<typeof ReasonableAdjustmentKind>;

export const AdjustmentReviewOutcome = z.enum(['continued', 'changed', 'ended']);
export type AdjustmentReviewOutcome = z.infer<typeof AdjustmentReviewOutcome>;

export const VulnerabilityRecordedV1 = defineEvent({
  type: 'VulnerabilityRecorded',
  schemaVersion: 1,
  description:
    'A vulnerability of the resident was recorded on the complaint (special-category data: categories and details are encrypted).',
  personal: ['categories', 'details'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** 'V1', 'V2'… numbered within the complaint. */
    vulnerabilityId: ShortText,
    categories: z.array(VulnerabilityCategory).min(1).max(VulnerabilityCategories.length),
    details: Text(2000).optional(),
    recordedBy: ShortText,
  }),
});
export type VulnerabilityRecorded = z.infer<typeof VulnerabilityRecordedV1.schema>;

export const VulnerabilityEndedV1 = defineEvent({
  type: 'VulnerabilityEnded',
  schemaVersion: 1,
  description: 'A vulnerability recorded on the complaint no longer applies.',
  personal: ['reason'],
  schema: z.strictObject({
    occurredAt: Instant,
    vulnerabilityId: ShortText,
    reason: Text(2000).optional(),
    endedBy: ShortText,
  }),
});
export type VulnerabilityEnded = z.infer<typeof VulnerabilityEndedV1.schema>;

export const ReasonableAdjustmentAgreedV1 = defineEvent({
  type: 'ReasonableAdjustmentAgreed',
  schemaVersion: 1,
  description: 'A reasonable adjustment was agreed with the resident, with the date it is to be reviewed by.',
  personal: ['adjustment'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** 'RA1', 'RA2'… numbered within the complaint. */
    adjustmentId: ShortText,
    kind: ReasonableAdjustmentKind,
    /** What was agreed, in the words agreed with the resident: may describe their condition. */
    adjustment: Text(2000),
    reviewDue: CalendarDate,
    agreedBy: ShortText,
  }),
});
export type ReasonableAdjustmentAgreed = z.infer<typeof ReasonableAdjustmentAgreedV1.schema>;

export const ReasonableAdjustmentReviewedV1 = defineEvent({
  type: 'ReasonableAdjustmentReviewed',
  schemaVersion: 1,
  description:
    'A reasonable adjustment was reviewed: continued (with the next review date), changed (with the new words and next review date) or ended.',
  personal: ['adjustment', 'notes'],
  schema: z.strictObject({
    occurredAt: Instant,
    adjustmentId: ShortText,
    reviewedOn: CalendarDate,
    outcome: AdjustmentReviewOutcome,
    /** Continued or changed: when it is reviewed next. */
    nextReviewDue: CalendarDate.optional(),
    /** Changed: the adjustment as now agreed. */
    adjustment: Text(2000).optional(),
    notes: Text(2000).optional(),
    reviewedBy: ShortText,
  }),
});
export type ReasonableAdjustmentReviewed = z.infer<typeof ReasonableAdjustmentReviewedV1.schema>;

/** "Prefer not to say" is an answer; a question left out was not answered. */
export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';
const answer = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum([...values, PREFER_NOT_TO_SAY] as [...T, typeof PREFER_NOT_TO_SAY]);

/**
 * The equality monitoring questions and their answers (the Equality Act 2010's protected
 * characteristics, in the bands landlords commonly ask). Optional, voluntarily given.
 */
export const EqualityAnswers = z.strictObject({
  ageBand: answer(['under_25', '25_34', '35_44', '45_54', '55_64', '65_74', '75_and_over']).optional(),
  disability: answer(['yes', 'no']).optional(),
  ethnicity: answer(['asian', 'black', 'mixed', 'white', 'other']).optional(),
  religion: answer(['none', 'buddhist', 'christian', 'hindu', 'jewish', 'muslim', 'sikh', 'other']).optional(),
  sex: answer(['female', 'male']).optional(),
  sexualOrientation: answer(['bisexual', 'gay_or_lesbian', 'heterosexual', 'other']).optional(),
  genderReassignment: answer(['yes', 'no']).optional(),
  pregnancyOrMaternity: answer(['yes', 'no']).optional(),
  maritalStatus: answer(['married_or_civil_partnership', 'not_married']).optional(),
});
export type EqualityAnswers = z.infer<typeof EqualityAnswers>;
export type EqualityQuestion = keyof EqualityAnswers;
export const EQUALITY_QUESTIONS = Object.keys(EqualityAnswers.shape) as EqualityQuestion[];

export const EqualityMonitoringRecordedV1 = defineEvent({
  type: 'EqualityMonitoringRecorded',
  schemaVersion: 1,
  description:
    'Equality monitoring answers the resident gave voluntarily (special-category data: all encrypted, reported only in aggregate with small numbers suppressed). A later record replaces an earlier one.',
  personal: ['answers'],
  schema: z.strictObject({ occurredAt: Instant, answers: EqualityAnswers }),
});
export type EqualityMonitoringRecorded = z.infer<typeof EqualityMonitoringRecordedV1.schema>;

export const MIN_UPDATE_INTERVAL_WORKING_DAYS = 1;
export const MAX_UPDATE_INTERVAL_WORKING_DAYS = 30;
export const UpdateIntervalWorkingDays = z
  .number()
  .int()
  .min(MIN_UPDATE_INTERVAL_WORKING_DAYS)
  .max(MAX_UPDATE_INTERVAL_WORKING_DAYS);

export const UpdateIntervalAgreedV1 = defineEvent({
  type: 'UpdateIntervalAgreed',
  schemaVersion: 1,
  description: 'How often, in working days, the landlord agreed to update the resident while the complaint is open.',
  personal: [],
  schema: z.strictObject({ occurredAt: Instant, workingDays: UpdateIntervalWorkingDays, agreedBy: ShortText }),
});
export type UpdateIntervalAgreed = z.infer<typeof UpdateIntervalAgreedV1.schema>;
