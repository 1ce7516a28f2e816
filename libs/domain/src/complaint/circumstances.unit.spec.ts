import type { ComplaintEvent, Instant } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { presentationOf } from './circumstances/presentation';
import { circumstancesEvents as ce } from './circumstances/testing/circumstances-fixtures';
import { complaintDecider } from './complaint-decider';
import { complaintRules } from './rules';
import { initialState } from './state';
import { command, events, history, officer } from './testing/fixtures';
import { given } from './testing/given-when-then';

const NOW: Instant = '2026-06-30T12:00:00Z';
const opts = { now: NOW, actor: officer };
const recordVulnerability = (
  recordedAt: Instant = '2026-03-05T10:00:00Z',
  categories: ('disability' | 'domestic_abuse' | 'age')[] = ['disability'],
) => command('RecordVulnerability', { recordedAt, categories, details: 'Uses a wheelchair' }, opts);
const endVulnerability = (vulnerabilityId: string, endedAt: Instant = '2026-03-12T10:00:00Z') =>
  command('EndVulnerability', { endedAt, vulnerabilityId }, opts);
const agree = (
  kind: 'large_print' | 'phone_only' | 'email_only' | 'other' = 'large_print',
  reviewDue = '2026-06-05',
  agreedAt: Instant = '2026-03-05T10:00:00Z',
) => command('AgreeReasonableAdjustment', { agreedAt, kind, adjustment: 'Letters in 16pt', reviewDue }, opts);
const review = (input: {
  adjustmentId?: string;
  reviewedAt?: Instant;
  outcome: 'continued' | 'changed' | 'ended';
  nextReviewDue?: string;
  adjustment?: string;
}) =>
  command(
    'ReviewReasonableAdjustment',
    { adjustmentId: 'RA1', reviewedAt: '2026-04-01T10:00:00+01:00', ...input },
    opts,
  );

const withAdjustment = [
  ...history.received,
  ce.adjustmentAgreed('RA1', 'large_print', '2026-03-03T11:00:00Z', '2026-04-03'),
];

describe('vulnerabilities', () => {
  it('are recorded with their categories (each once) and details, numbered V1, V2… by whoever recorded them', () => {
    given(history.received)
      .when(
        command(
          'RecordVulnerability',
          {
            recordedAt: '2026-03-05T10:00:00Z',
            categories: ['disability', 'age', 'disability'],
            details: 'Uses a wheelchair',
          },
          opts,
        ),
      )
      .then([
        {
          type: 'VulnerabilityRecorded',
          data: {
            occurredAt: '2026-03-05T10:00:00Z',
            vulnerabilityId: 'V1',
            categories: ['disability', 'age'],
            details: 'Uses a wheelchair',
            recordedBy: 'u-101',
          },
        },
      ]);
    given([...history.received, ce.vulnerabilityRecorded('V1'), ce.vulnerabilityEnded('V1')])
      .when(recordVulnerability('2026-03-12T10:00:00Z'))
      .then([expect.objectContaining({ data: expect.objectContaining({ vulnerabilityId: 'V2' }) })]);
  });

  it('end by their id, once, and not before they were recorded', () => {
    const recorded = [...history.received, ce.vulnerabilityRecorded('V1', '2026-03-03T10:00:00Z')];
    given(recorded)
      .when(endVulnerability('V1'))
      .then([
        {
          type: 'VulnerabilityEnded',
          data: { occurredAt: '2026-03-12T10:00:00Z', vulnerabilityId: 'V1', endedBy: 'u-101' },
        },
      ]);
    given([...recorded, ce.vulnerabilityEnded('V1')])
      .when(endVulnerability('V1', '2026-03-13T10:00:00Z'))
      .thenViolates(complaintRules.vulnerabilityNotActive);
    given(recorded).when(endVulnerability('V9')).thenViolates(complaintRules.vulnerabilityNotActive);
    given(recorded)
      .when(endVulnerability('V1', '2026-03-02T12:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('are at most ten current at once', () => {
    const ten = [...history.received, ...Array.from({ length: 10 }, (_, i) => ce.vulnerabilityRecorded(`V${i + 1}`))];
    given(ten).when(recordVulnerability()).thenViolates(complaintRules.tooManyActiveVulnerabilities);
    given([...ten, ce.vulnerabilityEnded('V4')])
      .when(recordVulnerability())
      .then([expect.objectContaining({ type: 'VulnerabilityRecorded' })]);
  });

  it('are recorded only while the complaint is open', () => {
    given(history.closed).when(recordVulnerability('2026-05-01T10:00:00+01:00')).thenViolates(complaintRules.ended);
  });
});

describe('reasonable adjustments', () => {
  it('are agreed with a kind, the words agreed and a review date, numbered RA1, RA2…', () => {
    given(history.received)
      .when(agree())
      .then([
        {
          type: 'ReasonableAdjustmentAgreed',
          data: {
            occurredAt: '2026-03-05T10:00:00Z',
            adjustmentId: 'RA1',
            kind: 'large_print',
            adjustment: 'Letters in 16pt',
            reviewDue: '2026-06-05',
            agreedBy: 'u-101',
          },
        },
      ]);
    given([...withAdjustment, ce.adjustmentEnded('RA1')])
      .when(agree('large_print', '2026-06-05', '2026-03-12T10:00:00Z'))
      .then([expect.objectContaining({ data: expect.objectContaining({ adjustmentId: 'RA2' }) })]);
  });

  it('are not due for review before the day agreed, nor more than a year after', () => {
    given(history.received)
      .when(agree('large_print', '2026-03-05'))
      .then([expect.objectContaining({ type: 'ReasonableAdjustmentAgreed' })]);
    given(history.received)
      .when(agree('large_print', '2027-03-06'))
      .then([expect.objectContaining({ type: 'ReasonableAdjustmentAgreed' })]);
    given(history.received)
      .when(agree('large_print', '2026-03-04'))
      .thenViolates(complaintRules.adjustmentReviewBeforeAgreed);
    given(history.received)
      .when(agree('large_print', '2027-03-07'))
      .thenViolates(complaintRules.adjustmentReviewTooFar);
  });

  it('are one of each kind at a time (a change is a review), except other', () => {
    given(withAdjustment).when(agree('large_print')).thenViolates(complaintRules.adjustmentKindAlreadyAgreed);
    const withOther = [...history.received, ce.adjustmentAgreed('RA1', 'other')];
    given(withOther)
      .when(agree('other'))
      .then([expect.objectContaining({ type: 'ReasonableAdjustmentAgreed' })]);
  });

  it('cannot be phone only and email only at once', () => {
    given([...history.received, ce.adjustmentAgreed('RA1', 'phone_only')])
      .when(agree('email_only'))
      .thenViolates(complaintRules.contactAdjustmentsConflict);
    given([...history.received, ce.adjustmentAgreed('RA1', 'phone_only'), ce.adjustmentEnded('RA1')])
      .when(agree('email_only', '2026-06-05', '2026-03-12T10:00:00Z'))
      .then([expect.objectContaining({ type: 'ReasonableAdjustmentAgreed' })]);
  });

  it('are at most ten in place at once', () => {
    const kinds = [
      'large_print',
      'plain_text_for_screen_reader',
      'easy_read',
      'interpreter',
      'british_sign_language',
      'phone_only',
      'named_contact',
      'home_visit',
      'extra_time',
      'other',
    ] as const;
    const ten = [...history.received, ...kinds.map((kind, i) => ce.adjustmentAgreed(`RA${i + 1}`, kind))];
    given(ten).when(agree('other')).thenViolates(complaintRules.tooManyActiveAdjustments);
  });

  it('are agreed only while the complaint is open', () => {
    given(history.closed)
      .when(agree('large_print', '2026-06-05', '2026-05-01T10:00:00+01:00'))
      .thenViolates(complaintRules.ended);
  });
});

describe('reviewing a reasonable adjustment', () => {
  it('continues it to a next review date, on the London date of the review', () => {
    given(withAdjustment)
      .when(review({ outcome: 'continued', nextReviewDue: '2026-07-01', reviewedAt: '2026-03-31T23:30:00Z' }))
      .then([
        {
          type: 'ReasonableAdjustmentReviewed',
          data: {
            occurredAt: '2026-03-31T23:30:00Z',
            adjustmentId: 'RA1',
            reviewedOn: '2026-04-01',
            outcome: 'continued',
            nextReviewDue: '2026-07-01',
            reviewedBy: 'u-101',
          },
        },
      ]);
  });

  it('changes it with the new words and a next review date, or ends it with none', () => {
    const changed = given(withAdjustment)
      .when(review({ outcome: 'changed', nextReviewDue: '2026-07-01', adjustment: 'Letters in 18pt' }))
      .then([expect.anything()]);
    expect(changed).toMatchObject({
      circumstances: { adjustments: [{ adjustment: 'Letters in 18pt', reviewDue: '2026-07-01' }] },
    });
    given(withAdjustment)
      .when(review({ outcome: 'changed', nextReviewDue: '2026-07-01' }))
      .thenViolates(complaintRules.adjustmentChangeNeedsWords);
    given(withAdjustment)
      .when(review({ outcome: 'continued', nextReviewDue: '2026-07-01', adjustment: 'x' }))
      .thenViolates(complaintRules.adjustmentChangeNeedsWords);
    given(withAdjustment)
      .when(review({ outcome: 'continued' }))
      .thenViolates(complaintRules.adjustmentReviewNeedsNextDate);
    given(withAdjustment)
      .when(review({ outcome: 'ended', nextReviewDue: '2026-07-01' }))
      .thenViolates(complaintRules.adjustmentReviewNeedsNextDate);
    given(withAdjustment)
      .when(review({ outcome: 'ended' }))
      .then([
        expect.objectContaining({ data: expect.objectContaining({ outcome: 'ended', reviewedOn: '2026-04-01' }) }),
      ]);
  });

  it('sets a next review date not before the review, within a year', () => {
    given(withAdjustment)
      .when(review({ outcome: 'continued', nextReviewDue: '2026-03-31' }))
      .thenViolates(complaintRules.adjustmentReviewBeforeAgreed);
    given(withAdjustment)
      .when(review({ outcome: 'continued', nextReviewDue: '2027-04-03' }))
      .thenViolates(complaintRules.adjustmentReviewTooFar);
  });

  it('cannot review an unknown or ended adjustment', () => {
    given(withAdjustment)
      .when(review({ adjustmentId: 'RA7', outcome: 'ended' }))
      .thenViolates(complaintRules.adjustmentNotActive);
    given([...withAdjustment, ce.adjustmentEnded('RA1')])
      .when(review({ outcome: 'ended' }))
      .thenViolates(complaintRules.adjustmentNotActive);
  });

  it('is not dated before the last decision on the adjustment', () => {
    const reviewed: ComplaintEvent = {
      type: 'ReasonableAdjustmentReviewed',
      data: {
        occurredAt: '2026-04-10T10:00:00+01:00',
        adjustmentId: 'RA1',
        reviewedOn: '2026-04-10',
        outcome: 'continued',
        nextReviewDue: '2026-07-10',
        reviewedBy: 'u-101',
      },
    };
    given([...withAdjustment, reviewed])
      .when(review({ outcome: 'ended' }))
      .thenViolates(complaintRules.adjustmentReviewedBeforeAgreed);
  });
});

describe('equality monitoring', () => {
  it('records the answers given (a question left out is not answered), also after the complaint ended', () => {
    given(history.closed)
      .when(
        command(
          'RecordEqualityMonitoring',
          { recordedAt: '2026-05-01T10:00:00+01:00', answers: { sex: 'female', religion: 'prefer_not_to_say' } },
          opts,
        ),
      )
      .then([
        {
          type: 'EqualityMonitoringRecorded',
          data: { occurredAt: '2026-05-01T10:00:00+01:00', answers: { sex: 'female', religion: 'prefer_not_to_say' } },
        },
      ]);
  });

  it('needs at least one answer', () => {
    given(history.received)
      .when(command('RecordEqualityMonitoring', { recordedAt: '2026-03-05T10:00:00Z', answers: {} }, opts))
      .thenViolates(complaintRules.equalityMonitoringEmpty);
  });

  it('is not recorded once the personal data is erased', () => {
    given([...history.closed, events.personalDataErased('2032-05-01T10:00:00+01:00')])
      .when(
        command(
          'RecordEqualityMonitoring',
          { recordedAt: '2032-06-01T10:00:00+01:00', answers: { sex: 'male' } },
          { now: '2033-01-01T00:00:00Z', actor: officer },
        ),
      )
      .thenViolates(complaintRules.circumstancesErased);
  });
});

describe('presentationOf', () => {
  const stateOf = (list: readonly ComplaintEvent[]) => fold(complaintDecider, list);

  it('asks for large print, plain text, easy read and the only contact channel from the adjustments in place', () => {
    expect(presentationOf(initialState())).toEqual({
      largePrint: false,
      plainText: false,
      easyRead: false,
      preferredContact: null,
    });
    expect(presentationOf(stateOf(history.received))).toEqual({
      largePrint: false,
      plainText: false,
      easyRead: false,
      preferredContact: null,
    });
    const all = stateOf([
      ...history.received,
      ce.adjustmentAgreed('RA1', 'large_print'),
      ce.adjustmentAgreed('RA2', 'plain_text_for_screen_reader'),
      ce.adjustmentAgreed('RA3', 'easy_read'),
      ce.adjustmentAgreed('RA4', 'email_only'),
    ]);
    expect(presentationOf(all)).toEqual({
      largePrint: true,
      plainText: true,
      easyRead: true,
      preferredContact: 'email',
    });
    expect(
      presentationOf(stateOf([...history.received, ce.adjustmentAgreed('RA1', 'phone_only')])).preferredContact,
    ).toBe('phone');
  });

  it('no longer asks for an adjustment a review ended', () => {
    expect(presentationOf(stateOf([...withAdjustment, ce.adjustmentEnded('RA1')])).largePrint).toBe(false);
  });
});
