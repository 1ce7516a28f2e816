import type { ComplaintEvent } from '@complaints/contracts';
import { complaintDecider, computeSla, createWorkingDayCalendar, fold, isReceived } from '@complaints/domain';
import { describe, expect, it } from 'vitest';
import { CASELOAD, DANIEL, event, SAM } from '../../tests/support/complaint-history';
import { evolveSummary, type ComplaintSummaryState } from './summary-state';
import { summaryRow } from './summary-row';

const calendar = createWorkingDayCalendar();

function summarise(events: readonly ComplaintEvent[]): ComplaintSummaryState | null {
  return events.reduce<ComplaintSummaryState | null>((state, e, i) => evolveSummary(state, e, i + 1), null);
}

/** Histories per complaint of the caseload, plus cases the caseload does not cover. */
const histories: Record<string, ComplaintEvent[]> = {
  ...CASELOAD.reduce<Record<string, ComplaintEvent[]>>(
    (all, [id, e]) => ({ ...all, [id]: [...(all[id] ?? []), e] }),
    {},
  ),
  // A stage 1 reassignment arriving after escalation must not make its handler stage 2's.
  lateStage1Assignment: [
    event.received('c-x', '2026-03-02'),
    event.acknowledged(1, '2026-03-04'),
    event.responded(1, '2026-03-17'),
    event.escalated('2026-03-20'),
    event.assigned(1, '2026-03-23'),
    event.acknowledged(2, '2026-03-25'),
    event.assigned(1, '2026-03-26'),
  ],
  // Issue 11: a late acknowledgement (the clock starts at it), an extension beyond the Code's
  // limit (two targets), one agreed after the date it would move (moves nothing).
  lateAcknowledgement: [
    event.received('c-l', '2026-03-02'),
    event.acknowledged(1, '2026-03-12'),
    event.responded(1, '2026-03-24'),
  ],
  beyondLimit: [
    event.received('c-b', '2026-10-12'),
    event.acknowledged(1, '2026-10-13'),
    event.extended(1, '2026-10-20', 30, 'Specialist survey'),
  ],
  backDatedExtension: [
    event.received('c-d', '2026-03-02'),
    event.acknowledged(1, '2026-03-04'),
    event.extended(1, '2026-03-20', 5),
    event.responded(1, '2026-03-24'),
  ],
  // Back-dated entries and offsets: the last activity is the latest instant, not the last event.
  backDated: [
    event.received('c-y', '2026-03-02T09:00:00Z'),
    event.contact('2026-03-06T10:30:00+01:00'),
    event.contact('2026-03-06T10:00:00Z'),
    event.acknowledged(1, '2026-03-04'),
  ],
};

describe('evolveSummary', () => {
  it.each(Object.entries(histories))(
    '%s: after every event, agrees with the complaint’s folded state and SLA report',
    (_name, history) => {
      for (let n = 1; n <= history.length; n++) {
        const events = history.slice(0, n);
        const state = fold(complaintDecider, events);
        const summary = summarise(events);
        if (!isReceived(state)) throw new Error('every history starts with its receipt');
        expect(summary).toMatchObject({
          status: state.status,
          stage: state.stage,
          handler: state.handler,
          reference: state.reference,
          serviceArea: state.serviceArea,
          category: state.category,
          tenure: state.tenure,
          receivedAt: state.receivedAt,
          lastActivityAt: state.lastActivityAt,
          revision: n,
        });
        const sla = computeSla(events, calendar).stages.find((s) => s.stage === state.stage)!;
        expect(summaryRow(summary!, BigInt(n), calendar)).toMatchObject({
          acknowledgement_due: sla.acknowledgementDue,
          acknowledged_on: sla.acknowledgedOn,
          response_due: sla.responseDue,
          response_due_provisional: sla.responseDueIsProvisional,
          responded_on: sla.respondedOn,
          code_response_due: sla.codeResponseDue,
          extension_working_days: sla.extensionWorkingDays,
        });
      }
    },
  );

  it('an escalation after a stage 1 closure reopens the summary at stage 2 (docs/domain.md), so it can be overdue again', () => {
    const reopened = summarise([
      event.received('c-r', '2026-03-02'),
      event.acknowledged(1, '2026-03-04'),
      event.responded(1, '2026-03-17'),
      event.closed('2026-03-18'),
      event.escalated('2026-03-20'),
    ]);
    expect(reopened).toMatchObject({ status: 'open', stage: 2, closedAt: null, handler: null });
  });

  it('keeps the stage 2 reviewer when stage 1 is reassigned afterwards', () => {
    expect(summarise(histories['lateStage1Assignment']!)?.handler).toEqual(DANIEL);
  });

  it('takes the latest instant as last activity, comparing offsets on the time line (10:30+01:00 is before 10:00Z)', () => {
    expect(summarise(histories['backDated']!)?.lastActivityAt).toBe('2026-03-06T10:00:00Z');
  });

  it('ignores events of a complaint never received, as the complaint’s own state does', () => {
    expect(summarise([event.acknowledged(1, '2026-03-04', SAM)])).toBeNull();
  });

  it('a London date for each end: refused at 23:30 UTC in summer is the next day in London', () => {
    const state = summarise([event.received('c-z', '2026-07-01'), event.refused('2026-07-01T23:30:00Z')]);
    expect(summaryRow(state!, 2n, calendar)).toMatchObject({
      status: 'refused',
      refused_on: '2026-07-02',
      received_on: '2026-07-01',
    });
  });
});

describe('the summary of a complaint’s vulnerabilities (triage)', () => {
  const recorded = (vulnerabilityId: string): ComplaintEvent => ({
    type: 'VulnerabilityRecorded',
    data: { occurredAt: '2026-03-03T10:00:00Z', vulnerabilityId, categories: ['domestic_abuse'], recordedBy: 'u-sam' },
  });
  const ended = (vulnerabilityId: string): ComplaintEvent => ({
    type: 'VulnerabilityEnded',
    data: { occurredAt: '2026-03-04T10:00:00Z', vulnerabilityId, endedBy: 'u-sam' },
  });

  it('keeps the ids of the current vulnerabilities only, never their categories', () => {
    const state = summarise([event.received('c-v', '2026-03-02'), recorded('V1'), recorded('V2'), ended('V1')]);
    expect(state?.activeVulnerabilityIds).toEqual(['V2']);
    expect(JSON.stringify(state)).not.toContain('domestic_abuse');
    expect(
      summarise([event.received('c-v', '2026-03-02'), recorded('V1'), ended('V1')])?.activeVulnerabilityIds,
    ).toEqual([]);
  });
});
