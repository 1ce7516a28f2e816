import { ERASED } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { command, DATA_SUBJECT_ID, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const erase = (erasedAt: string) =>
  command('ErasePersonalData', { erasedAt, reason: 'Six years after closure' }, { now: '2032-06-01T00:00:00Z' });

describe('erasing personal data (crypto-shredding)', () => {
  it('names the data subject whose key is destroyed, once the complaint has ended', () => {
    const state = given(history.closed)
      .when(erase('2032-04-22T10:00:00+01:00'))
      .then([
        {
          type: 'PersonalDataErased',
          data: {
            occurredAt: '2032-04-22T10:00:00+01:00',
            dataSubjectId: DATA_SUBJECT_ID,
            basis: 'data_subject_request',
            reason: 'Six years after closure',
          },
        },
      ]);
    // The reason is personal (encrypted under the key the erasure destroys): the state never keeps it.
    expect(state).toMatchObject({
      personalDataErased: { erasedAt: '2032-04-22T10:00:00+01:00', basis: 'data_subject_request', reason: ERASED },
      stage1: { headsOfComplaint: [ERASED, ERASED] },
    });
  });

  it('states its basis as a code, and needs no reason', () => {
    const other = command(
      'ErasePersonalData',
      { erasedAt: '2032-04-22T10:00:00+01:00', basis: 'other' },
      { now: '2032-06-01T00:00:00Z' },
    );
    const state = given(history.closed)
      .when(other)
      .then([
        {
          type: 'PersonalDataErased',
          data: { occurredAt: '2032-04-22T10:00:00+01:00', dataSubjectId: DATA_SUBJECT_ID, basis: 'other' },
        },
      ]);
    expect(state).toMatchObject({ personalDataErased: { basis: 'other', reason: null } });
  });

  it('cannot claim the retention schedule as its basis: only the retention approval checks the period has run out', () => {
    const byRetention = command(
      'ErasePersonalData',
      { erasedAt: '2032-04-22T10:00:00+01:00', basis: 'retention_schedule' },
      { now: '2032-06-01T00:00:00Z' },
    );
    given(history.closed).when(byRetention).thenViolates(complaintRules.retentionErasureNeedsApproval);
  });

  it('also follows a withdrawal or a refusal', () => {
    given(history.withdrawn)
      .when(erase('2027-01-01T10:00:00Z'))
      .then([expect.objectContaining({ type: 'PersonalDataErased' })]);
    given(history.refused)
      .when(erase('2027-01-01T10:00:00Z'))
      .then([expect.objectContaining({ type: 'PersonalDataErased' })]);
  });

  it('waits until the complaint has ended', () => {
    given(history.stage1Responded)
      .when(erase('2027-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureNeedsEndedComplaint);
  });

  it('is held while an Ombudsman referral has no determination', () => {
    given([...history.closed, events.referred()])
      .when(erase('2027-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureUnderLegalHold);
  });

  it('is held while an Ombudsman order is not complied with', () => {
    const refusal = given([...history.closed, events.referred(), events.determined()])
      .when(erase('2027-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureUnderLegalHold);
    expect(refusal.message).toContain('O1');
  });

  it('happens once', () => {
    given([...history.closed, events.personalDataErased('2032-04-22T10:00:00+01:00')])
      .when(erase('2032-04-23T10:00:00+01:00'))
      .thenViolates(complaintRules.personalDataAlreadyErased);
  });

  it('is not dated before the end of the complaint', () => {
    given(history.withdrawn)
      .when(erase('2026-03-06T11:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });
});
