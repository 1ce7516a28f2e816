import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { command, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const refer = (referredAt: string, ombudsmanReference = '202612345') =>
  command('RecordOmbudsmanReferral', { referredAt, ombudsmanReference });

const determine = (
  determinedAt: string,
  orders: { orderId?: string; description: string; dueBy: string }[] = [],
  ombudsmanReference = '202612345',
) =>
  command('RecordOmbudsmanDetermination', {
    determinedAt,
    ombudsmanReference,
    findings: [
      { element: 'Response to reports of damp and mould', finding: 'maladministration' },
      { element: 'Complaint handling', finding: 'service_failure' },
    ],
    orders,
  });

const comply = (orderId: string, compliedAt: string) =>
  command('RecordOmbudsmanOrderCompliance', {
    orderId,
    compliedAt,
    evidence: 'Letter of apology from the Chief Executive, sent 2026-06-10',
  });

describe('Ombudsman referral', () => {
  it('is recorded once, also after closure', () => {
    const state = given(history.closed)
      .when(refer('2026-05-11T10:00:00+01:00'))
      .then([
        {
          type: 'OmbudsmanReferralRecorded',
          data: { occurredAt: '2026-05-11T10:00:00+01:00', ombudsmanReference: '202612345' },
        },
      ]);
    expect(state).toMatchObject({
      ombudsman: { reference: '202612345', referredAt: '2026-05-11T10:00:00+01:00', determination: null },
    });
    given([...history.closed, events.referred()])
      .when(refer('2026-05-12T10:00:00+01:00', '202699999'))
      .thenViolates(complaintRules.ombudsmanReferralAlreadyRecorded);
  });
});

describe('Ombudsman determination', () => {
  const referred = [...history.closed, events.referred()];

  it('keeps the Ombudsman’s order ids and numbers the rest O1, O2… skipping those taken', () => {
    given(referred)
      .when(
        determine('2026-06-01T10:00:00+01:00', [
          { description: 'Apologise in writing', dueBy: '2026-06-29' },
          { orderId: 'O1', description: 'Pay £300 for distress and inconvenience', dueBy: '2026-06-29' },
          { description: 'Review the damp and mould policy', dueBy: '2026-08-31' },
        ]),
      )
      .then([
        {
          type: 'OmbudsmanDeterminationRecorded',
          data: {
            occurredAt: '2026-06-01T10:00:00+01:00',
            ombudsmanReference: '202612345',
            findings: [
              { element: 'Response to reports of damp and mould', finding: 'maladministration' },
              { element: 'Complaint handling', finding: 'service_failure' },
            ],
            orders: [
              { orderId: 'O2', description: 'Apologise in writing', dueBy: '2026-06-29' },
              { orderId: 'O1', description: 'Pay £300 for distress and inconvenience', dueBy: '2026-06-29' },
              { orderId: 'O3', description: 'Review the damp and mould policy', dueBy: '2026-08-31' },
            ],
          },
        },
      ]);
  });

  it('needs the referral first', () => {
    given(history.closed)
      .when(determine('2026-06-01T10:00:00+01:00'))
      .thenViolates(complaintRules.ombudsmanReferralRequired);
  });

  it('must carry the referral’s reference (capitals and spaces aside)', () => {
    given(referred)
      .when(determine('2026-06-01T10:00:00+01:00', [], '202654321'))
      .thenViolates(complaintRules.ombudsmanReferenceMismatch);
    given(referred)
      .when(determine('2026-06-01T10:00:00+01:00', [], ' 202612345 '))
      .then([expect.objectContaining({ type: 'OmbudsmanDeterminationRecorded' })]);
  });

  it('is recorded once', () => {
    given([...referred, events.determined()])
      .when(determine('2026-06-02T10:00:00+01:00'))
      .thenViolates(complaintRules.ombudsmanDeterminationAlreadyRecorded);
  });

  it('is not dated before the referral', () => {
    given(referred)
      .when(determine('2026-05-10T10:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('gives each order a distinct id', () => {
    given(referred)
      .when(
        determine('2026-06-01T10:00:00+01:00', [
          { orderId: 'A', description: 'Apologise', dueBy: '2026-06-29' },
          { orderId: 'A', description: 'Pay £300', dueBy: '2026-06-29' },
        ]),
      )
      .thenViolates(complaintRules.ombudsmanOrderIdsNotUnique);
  });
});

describe('Ombudsman order compliance', () => {
  const determined = [...history.closed, events.referred(), events.determined()];

  it('marks a known order complied', () => {
    const state = given(determined)
      .when(comply('O1', '2026-06-15T10:00:00+01:00'))
      .then([
        {
          type: 'OmbudsmanOrderComplied',
          data: {
            occurredAt: '2026-06-15T10:00:00+01:00',
            orderId: 'O1',
            evidence: 'Letter of apology from the Chief Executive, sent 2026-06-10',
          },
        },
      ]);
    expect(state).toMatchObject({
      ombudsman: { determination: { orders: [{ orderId: 'O1', compliedAt: '2026-06-15T10:00:00+01:00' }] } },
    });
  });

  it('needs a known order', () => {
    given(determined)
      .when(comply('O7', '2026-06-15T10:00:00+01:00'))
      .thenViolates(complaintRules.ombudsmanOrderUnknown);
    given([...history.closed, events.referred()])
      .when(comply('O1', '2026-06-15T10:00:00+01:00'))
      .thenViolates(complaintRules.ombudsmanOrderUnknown);
  });

  it('records compliance once', () => {
    given([...determined, events.orderComplied()])
      .when(comply('O1', '2026-06-16T10:00:00+01:00'))
      .thenViolates(complaintRules.ombudsmanOrderAlreadyComplied);
  });

  it('is not dated before the determination', () => {
    given(determined)
      .when(comply('O1', '2026-05-31T10:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });
});
