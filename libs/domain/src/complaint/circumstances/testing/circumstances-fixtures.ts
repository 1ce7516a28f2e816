import type { CalendarDate, ComplaintEvent, Instant, ReasonableAdjustmentKind } from '@complaints/contracts';

/** Circumstances events as a case would record them, for given/when/then and fold tests. */
export const circumstancesEvents = {
  vulnerabilityRecorded: (vulnerabilityId = 'V1', occurredAt: Instant = '2026-03-03T10:00:00Z'): ComplaintEvent => ({
    type: 'VulnerabilityRecorded',
    data: {
      occurredAt,
      vulnerabilityId,
      categories: ['mental_health', 'bereavement'],
      details: 'Recently bereaved; anxiety made worse by the damp',
      recordedBy: 'u-101',
    },
  }),
  vulnerabilityEnded: (vulnerabilityId = 'V1', occurredAt: Instant = '2026-03-10T10:00:00Z'): ComplaintEvent => ({
    type: 'VulnerabilityEnded',
    data: { occurredAt, vulnerabilityId, endedBy: 'u-101' },
  }),
  adjustmentAgreed: (
    adjustmentId = 'RA1',
    kind: ReasonableAdjustmentKind = 'large_print',
    occurredAt: Instant = '2026-03-03T11:00:00Z',
    reviewDue: CalendarDate = '2026-04-03',
  ): ComplaintEvent => ({
    type: 'ReasonableAdjustmentAgreed',
    data: {
      occurredAt,
      adjustmentId,
      kind,
      adjustment: 'Letters in 16pt: Mrs Khan has macular degeneration',
      reviewDue,
      agreedBy: 'u-101',
    },
  }),
  adjustmentEnded: (adjustmentId = 'RA1', occurredAt: Instant = '2026-03-10T10:00:00Z'): ComplaintEvent => ({
    type: 'ReasonableAdjustmentReviewed',
    data: { occurredAt, adjustmentId, reviewedOn: occurredAt.slice(0, 10), outcome: 'ended', reviewedBy: 'u-101' },
  }),
  equalityMonitoringRecorded: (occurredAt: Instant = '2026-03-05T10:00:00Z'): ComplaintEvent => ({
    type: 'EqualityMonitoringRecorded',
    data: { occurredAt, answers: { ageBand: '65_74', disability: 'yes', ethnicity: 'prefer_not_to_say' } },
  }),
  updateIntervalAgreed: (workingDays = 5, occurredAt: Instant = '2026-03-04T10:00:00Z'): ComplaintEvent => ({
    type: 'UpdateIntervalAgreed',
    data: { occurredAt, workingDays, agreedBy: 'u-101' },
  }),
};
