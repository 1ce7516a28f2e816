import { ERASED, type ComplaintEvent } from '@complaints/contracts';
import { expect } from 'vitest';
import { fold } from '../../../decider';
import { complaintDecider } from '../../complaint-decider';
import type { ReceivedComplaint } from '../../state';
import { events, history } from '../../testing/fixtures';
import { circumstancesEvents as ce } from './circumstances-fixtures';

const foldAll = (list: readonly ComplaintEvent[]) => fold(complaintDecider, list) as ReceivedComplaint;

/** evolve.unit.spec.ts's check for each circumstances event type (spread into its `foldsOf`). */
export const circumstancesFoldChecks = {
  VulnerabilityRecorded: () => {
    expect(foldAll([...history.received, ce.vulnerabilityRecorded()]).circumstances.vulnerabilities).toEqual([
      {
        vulnerabilityId: 'V1',
        categories: ['mental_health', 'bereavement'],
        details: 'Recently bereaved; anxiety made worse by the damp',
        recordedAt: '2026-03-03T10:00:00Z',
        endedAt: null,
        endReason: null,
      },
    ]);
  },
  VulnerabilityEnded: () => {
    const state = foldAll([...history.received, ce.vulnerabilityRecorded(), ce.vulnerabilityEnded()]);
    expect(state.circumstances.vulnerabilities).toMatchObject([
      { vulnerabilityId: 'V1', endedAt: '2026-03-10T10:00:00Z' },
    ]);
  },
  ReasonableAdjustmentAgreed: () => {
    expect(foldAll([...history.received, ce.adjustmentAgreed()]).circumstances.adjustments).toEqual([
      {
        adjustmentId: 'RA1',
        kind: 'large_print',
        adjustment: 'Letters in 16pt: Mrs Khan has macular degeneration',
        agreedAt: '2026-03-03T11:00:00Z',
        lastDecidedOn: '2026-03-03',
        reviewDue: '2026-04-03',
        endedOn: null,
        reviews: [],
      },
    ]);
  },
  ReasonableAdjustmentReviewed: () => {
    const changed: ComplaintEvent = {
      type: 'ReasonableAdjustmentReviewed',
      data: {
        occurredAt: '2026-03-20T10:00:00Z',
        adjustmentId: 'RA1',
        reviewedOn: '2026-03-20',
        outcome: 'changed',
        nextReviewDue: '2026-06-20',
        adjustment: 'Letters in 18pt',
        reviewedBy: 'u-101',
      },
    };
    const state = foldAll([...history.received, ce.adjustmentAgreed(), changed]);
    expect(state.circumstances.adjustments).toMatchObject([
      {
        adjustmentId: 'RA1',
        adjustment: 'Letters in 18pt',
        lastDecidedOn: '2026-03-20',
        reviewDue: '2026-06-20',
        endedOn: null,
        reviews: [{ outcome: 'changed' }],
      },
    ]);
    const ended = foldAll([
      ...history.received,
      ce.adjustmentAgreed(),
      changed,
      ce.adjustmentEnded('RA1', '2026-04-01T10:00:00Z'),
    ]);
    expect(ended.circumstances.adjustments).toMatchObject([
      { reviewDue: null, endedOn: '2026-04-01', adjustment: 'Letters in 18pt' },
    ]);
  },
  EqualityMonitoringRecorded: () => {
    const state = foldAll([...history.received, ce.equalityMonitoringRecorded()]);
    // Only that answers were given: the answers are for the aggregate report alone.
    expect(state.circumstances.equalityMonitoringRecordedAt).toBe('2026-03-05T10:00:00Z');
    expect(JSON.stringify(state)).not.toContain('65_74');
  },
  UpdateIntervalAgreed: () => {
    expect(foldAll([...history.received, ce.updateIntervalAgreed()]).keepingInformed).toEqual({
      updateInterval: { workingDays: 5, agreedAt: '2026-03-04T10:00:00Z' },
      lastOutboundContactAt: null,
    });
  },
};

/** Erasure replaces the circumstances' personal words and categories; ids, kinds and dates stay. */
export function checkCircumstancesErased(): void {
  const closedWith = [
    ...history.received,
    ce.vulnerabilityRecorded(),
    ce.adjustmentAgreed(),
    ...history.closed.slice(1),
  ];
  const after = foldAll([...closedWith, events.personalDataErased('2027-01-01T00:00:00Z')]);
  expect(after.circumstances.vulnerabilities).toMatchObject([
    { vulnerabilityId: 'V1', categories: [ERASED], details: ERASED },
  ]);
  expect(after.circumstances.adjustments).toMatchObject([
    { adjustmentId: 'RA1', kind: 'large_print', adjustment: ERASED, reviewDue: '2026-04-03' },
  ]);
}
