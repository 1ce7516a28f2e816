import {
  ERASED,
  type CalendarDate,
  type EventOfType,
  type Instant,
  type ReasonableAdjustmentKind,
  type AdjustmentReviewOutcome,
} from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import { erased } from '../erased';

/**
 * The resident's circumstances as recorded on the complaint (docs/domain.md, "Circumstances"):
 * vulnerabilities and reasonable adjustments, current and past. Categories, details and the
 * adjustments' words are personal (special category): erasure replaces them with ERASED. The
 * equality monitoring answers are never held here: the case shows only that they were given;
 * they are read only by the aggregate report.
 */
export interface VulnerabilityRecord {
  readonly vulnerabilityId: string;
  /** The categories (VulnerabilityCategory), or ERASED. */
  readonly categories: readonly string[];
  readonly details: string | null;
  readonly recordedAt: Instant;
  readonly endedAt: Instant | null;
  readonly endReason: string | null;
}

export interface AdjustmentReviewRecord {
  readonly reviewedAt: Instant;
  readonly reviewedOn: CalendarDate;
  readonly outcome: AdjustmentReviewOutcome;
  readonly nextReviewDue: CalendarDate | null;
  readonly notes: string | null;
}

export interface ReasonableAdjustmentRecord {
  readonly adjustmentId: string;
  readonly kind: ReasonableAdjustmentKind;
  /** The adjustment as agreed (or as last changed at a review). */
  readonly adjustment: string;
  readonly agreedAt: Instant;
  /** The London date of the agreement, or of the latest review: the next review counts from it. */
  readonly lastDecidedOn: CalendarDate;
  /** When it is next reviewed; null once ended. */
  readonly reviewDue: CalendarDate | null;
  /** The review that ended it; null while in place. */
  readonly endedOn: CalendarDate | null;
  readonly reviews: readonly AdjustmentReviewRecord[];
}

export interface CircumstancesRecord {
  readonly vulnerabilities: readonly VulnerabilityRecord[];
  readonly adjustments: readonly ReasonableAdjustmentRecord[];
  /** When equality monitoring answers were last given (the answers themselves are not held here). */
  readonly equalityMonitoringRecordedAt: Instant | null;
}

export const NEW_CIRCUMSTANCES_RECORD: CircumstancesRecord = {
  vulnerabilities: [],
  adjustments: [],
  equalityMonitoringRecordedAt: null,
};

export type CircumstancesEvent = EventOfType<
  | 'VulnerabilityRecorded'
  | 'VulnerabilityEnded'
  | 'ReasonableAdjustmentAgreed'
  | 'ReasonableAdjustmentReviewed'
  | 'EqualityMonitoringRecorded'
>;

export function evolveCircumstances(record: CircumstancesRecord, event: CircumstancesEvent): CircumstancesRecord {
  switch (event.type) {
    case 'VulnerabilityRecorded': {
      const { data } = event;
      const vulnerability: VulnerabilityRecord = {
        vulnerabilityId: data.vulnerabilityId,
        categories: data.categories,
        details: data.details ?? null,
        recordedAt: data.occurredAt,
        endedAt: null,
        endReason: null,
      };
      return { ...record, vulnerabilities: [...record.vulnerabilities, vulnerability] };
    }
    case 'VulnerabilityEnded': {
      const { data } = event;
      return {
        ...record,
        vulnerabilities: record.vulnerabilities.map((v) =>
          v.vulnerabilityId === data.vulnerabilityId
            ? { ...v, endedAt: data.occurredAt, endReason: data.reason ?? null }
            : v,
        ),
      };
    }
    case 'ReasonableAdjustmentAgreed': {
      const { data } = event;
      const adjustment: ReasonableAdjustmentRecord = {
        adjustmentId: data.adjustmentId,
        kind: data.kind,
        adjustment: data.adjustment,
        agreedAt: data.occurredAt,
        lastDecidedOn: toLondonDate(data.occurredAt),
        reviewDue: data.reviewDue,
        endedOn: null,
        reviews: [],
      };
      return { ...record, adjustments: [...record.adjustments, adjustment] };
    }
    case 'ReasonableAdjustmentReviewed': {
      const { data } = event;
      const review: AdjustmentReviewRecord = {
        reviewedAt: data.occurredAt,
        reviewedOn: data.reviewedOn,
        outcome: data.outcome,
        nextReviewDue: data.nextReviewDue ?? null,
        notes: data.notes ?? null,
      };
      return {
        ...record,
        adjustments: record.adjustments.map((a) =>
          a.adjustmentId !== data.adjustmentId
            ? a
            : {
                ...a,
                adjustment: data.adjustment ?? a.adjustment,
                lastDecidedOn: data.reviewedOn,
                reviewDue: data.outcome === 'ended' ? null : (data.nextReviewDue ?? a.reviewDue),
                endedOn: data.outcome === 'ended' ? data.reviewedOn : null,
                reviews: [...a.reviews, review],
              },
        ),
      };
    }
    case 'EqualityMonitoringRecorded':
      return { ...record, equalityMonitoringRecordedAt: event.data.occurredAt };
  }
}

export const activeVulnerabilities = (record: CircumstancesRecord): readonly VulnerabilityRecord[] =>
  record.vulnerabilities.filter((v) => v.endedAt === null);

export const activeAdjustments = (record: CircumstancesRecord): readonly ReasonableAdjustmentRecord[] =>
  record.adjustments.filter((a) => a.endedOn === null);

/** The personal fields replaced by ERASED, as the store reads them once the key is destroyed. */
export function eraseCircumstances(record: CircumstancesRecord): CircumstancesRecord {
  return {
    ...record,
    vulnerabilities: record.vulnerabilities.map((v) => ({
      ...v,
      categories: [ERASED],
      details: erased(v.details),
      endReason: erased(v.endReason),
    })),
    adjustments: record.adjustments.map((a) => ({
      ...a,
      adjustment: ERASED,
      reviews: a.reviews.map((r) => ({ ...r, notes: erased(r.notes) })),
    })),
  };
}
