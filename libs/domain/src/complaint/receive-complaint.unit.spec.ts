import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { command, COMPLAINT_ID, DATA_SUBJECT_ID, history, REFERENCE } from './testing/fixtures';
import { given } from './testing/given-when-then';

const receive = (receivedAt: string, now?: string) =>
  command(
    'ReceiveComplaint',
    {
      receivedAt,
      reference: REFERENCE,
      dataSubjectId: DATA_SUBJECT_ID,
      channel: 'email',
      complainant: { name: 'Margaret Ellis', email: 'm.ellis@example.org' },
      representative: { name: 'Joan Ellis', relationship: 'daughter', authorityConfirmed: true },
      serviceArea: 'Repairs',
      description: 'Black mould keeps coming back on the bedroom wall.',
      tenure: 'LCRA',
    },
    now ? { now } : {},
  );

describe('receiving a complaint', () => {
  it('records the receipt, dated when it was received, under the command’s complaint id', () => {
    const state = given([])
      .when(receive('2026-03-02T09:15:00Z'))
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            occurredAt: '2026-03-02T09:15:00Z',
            complaintId: COMPLAINT_ID,
            reference: REFERENCE,
            dataSubjectId: DATA_SUBJECT_ID,
            channel: 'email',
            complainant: { name: 'Margaret Ellis', email: 'm.ellis@example.org' },
            representative: { name: 'Joan Ellis', relationship: 'daughter', authorityConfirmed: true },
            serviceArea: 'Repairs',
            description: 'Black mould keeps coming back on the bedroom wall.',
            tenure: 'LCRA',
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'open', stage: 1, reference: REFERENCE, receivedAt: '2026-03-02T09:15:00Z' });
  });

  it('receives a complaint once', () => {
    given(history.received).when(receive('2026-03-03T09:15:00Z')).thenViolates(complaintRules.alreadyReceived);
  });

  it('refuses a receipt dated in the future', () => {
    given([])
      .when(receive('2026-03-02T09:15:01Z', '2026-03-02T09:15:00Z'))
      .thenViolates(complaintRules.occurredInFuture);
  });
});

describe("a complaint's category: one of the organisation's or 'other', never free text in clear", () => {
  const withCategory = (category: string, categories?: string[]) => {
    const base = receive('2026-03-02T09:15:00Z');
    return { ...base, data: { ...base.data, category, ...(categories ? { categories } : {}) } } as typeof base;
  };
  const CATEGORIES = ['Damp and mould', 'Repairs', 'Anti-social behaviour'];

  it("records the organisation's spelling of the category given, whatever its case or separators", () => {
    const state = given([])
      .when(withCategory('damp-and-MOULD', CATEGORIES))
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            occurredAt: '2026-03-02T09:15:00Z',
            complaintId: COMPLAINT_ID,
            reference: REFERENCE,
            dataSubjectId: DATA_SUBJECT_ID,
            channel: 'email',
            complainant: { name: 'Margaret Ellis', email: 'm.ellis@example.org' },
            representative: { name: 'Joan Ellis', relationship: 'daughter', authorityConfirmed: true },
            serviceArea: 'Repairs',
            category: 'Damp and mould',
            description: 'Black mould keeps coming back on the bedroom wall.',
            tenure: 'LCRA',
          },
        },
      ]);
    expect(state).toMatchObject({ category: 'Damp and mould' });
  });

  it("records any other words as the category 'other', the words kept as personal data (categoryDetail)", () => {
    const state = given([])
      .when(withCategory('Mrs Ellis next door', CATEGORIES))
      .then([
        expect.objectContaining({
          type: 'ComplaintReceived',
          data: expect.objectContaining({ category: 'other', categoryDetail: 'Mrs Ellis next door' }),
        }),
      ]);
    expect(state).toMatchObject({ category: 'other' });
    expect(JSON.stringify(state)).not.toContain('Mrs Ellis next door');
  });

  it("uses the organisation's own spelling of 'other' when it has one", () => {
    given([])
      .when(withCategory('Noise nuisance', [...CATEGORIES, 'Other']))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ category: 'Other', categoryDetail: 'Noise nuisance' }),
        }),
      ]);
  });

  it("records 'other' when the organisation configured no categories at all", () => {
    given([])
      .when(withCategory('Repairs'))
      .then([
        expect.objectContaining({ data: expect.objectContaining({ category: 'other', categoryDetail: 'Repairs' }) }),
      ]);
  });
});

describe('a complaint that was never received', () => {
  it('has nothing recorded against it', () => {
    given([])
      .when(
        command('AcknowledgeComplaint', {
          acknowledgedAt: '2026-03-04T10:00:00Z',
          handler: { id: 'u-101', name: 'Priya Shah' },
        }),
      )
      .thenViolates(complaintRules.notReceived);
  });

  it('cannot even take a lesson or an erasure', () => {
    given([])
      .when(command('RecordLesson', { recordedAt: '2026-03-04T10:00:00Z', lesson: 'x' }))
      .thenViolates(complaintRules.notReceived);
    given([])
      .when(command('ErasePersonalData', { erasedAt: '2026-03-04T10:00:00Z', reason: 'x' }))
      .thenViolates(complaintRules.notReceived);
  });

  it('refuses a date the issue became known after the complaint was received: the 12-month exclusion counts from it', () => {
    const later = receive('2026-03-02T09:15:00Z');
    given([])
      .when({ ...later, data: { ...later.data, issueKnownSince: '2026-03-03' } })
      .thenViolates(complaintRules.issueKnownAfterReceipt);
    given([])
      .when({ ...later, data: { ...later.data, issueKnownSince: '2026-03-02' } })
      .then([expect.anything() as never]);
  });
});
