/** Request examples for the circumstances writes (docs/api.md, "Circumstances"). */
export const circumstancesExamples = {
  recordVulnerability: {
    recordedAt: '2026-03-03T10:00:00Z',
    categories: ['mental_health', 'bereavement'],
    details: 'Recently bereaved; finds phone calls hard',
  },
  endVulnerability: { endedAt: '2026-05-01T10:00:00Z', reason: 'Resident says this no longer applies' },
  agreeReasonableAdjustment: {
    agreedAt: '2026-03-03T10:00:00Z',
    kind: 'large_print',
    adjustment: 'All letters in 16pt Arial',
    reviewDue: '2026-06-03',
  },
  reviewReasonableAdjustment: { reviewedAt: '2026-06-03T10:00:00Z', outcome: 'continued', nextReviewDue: '2026-09-03' },
  recordEqualityMonitoring: {
    recordedAt: '2026-03-10T10:00:00Z',
    answers: { ageBand: '65_74', disability: 'yes', ethnicity: 'prefer_not_to_say' },
  },
  agreeUpdateInterval: { agreedAt: '2026-03-04T10:00:00Z', workingDays: 5 },
} as const;
