import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Actor, CalendarDate, ComplaintEvent, Person, Stage } from '@complaints/contracts';
import { createWorkingDayCalendar, SALIX_HOMES_2021, toLondonDate } from '@complaints/domain';
import type { ComplaintEventStore } from '@complaints/event-store';
import { caseFilesProjection, ProjectionEngine, queryCaseFiles } from '@complaints/projections';
import { describeOnBothBackends } from '@complaints/projections/testing';
import { ATTENTION_REASONS } from '../attention/attention-items';
import { attentionQueue } from '../attention/attention-queue.oracle';
import { queryAttentionQueue } from '../attention/query-attention-queue';
import { monthlyPanelReport } from '../panel/monthly-report';
import type { Organisation } from '../organisation';
import { caseloadAt } from './caseload-at';
import { querySlaDashboard } from './query-sla-dashboard';
import { slaDashboard } from './sla-dashboard.oracle';

/**
 * Property (issue 13, "Done means"): the SLA dashboard, the attention queue and the month-end
 * caseload answered by SQL over case_fact_versions equal the folds they replace (the *.oracle.ts
 * reference, and monthlyPanelReport's month-end figures) for generated caseloads, on every date
 * from before the first event to weeks after the last. Histories take each stage through
 * acknowledgement, reassignment, extensions (in time, late, beyond the Code's limit, with a good
 * reason), response with remedy actions and compensation, escalation, an ending, and follow-ups
 * after it; some steps are recorded late (back-dated: earlier than steps before them in the
 * stream, one even before the receipt), some in the London evening (23:30 UTC is the next day in
 * BST). The dates span Easter's bank holidays and the change to BST.
 */
const calendar = createWorkingDayCalendar();
const BASE: CalendarDate = '2026-03-09';
const OFFICER: Actor = { id: 'u-officer', name: 'Priya Shah', role: 'complaints_officer' };
const HANDLERS: readonly Person[] = [
  { id: 'u-sam', name: 'Sam Officer' },
  { id: 'u-alex', name: 'Alex Other' },
  { id: 'u-daniel', name: 'Daniel Okafor' },
];
const AREAS = ['Repairs', 'Housing', 'Anti-social behaviour'] as const;

function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const stageArb = fc.record({
  ackAfter: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null, freq: 5 }),
  handler: fc.integer({ min: 0, max: 2 }),
  reassignAfter: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  extensions: fc.array(
    fc.record({
      after: fc.integer({ min: 0, max: 20 }),
      days: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 30 })),
      goodReason: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  respondAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 3 }),
  actionDueAfter: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
  compensationPence: fc.option(fc.integer({ min: 100, max: 50_000 }), { nil: null }),
});

const caseArb = fc.record({
  receivedAfter: fc.integer({ min: 0, max: 40 }),
  area: fc.constantFrom(...AREAS),
  stage1: stageArb,
  escalateAfter: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
  stage2: stageArb,
  ending: fc.constantFrom('open', 'open', 'closed', 'withdrawn', 'refused'),
  completeActionAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 2 }),
  payments: fc.array(
    fc.record({ after: fc.integer({ min: 0, max: 15 }), pence: fc.integer({ min: 1, max: 40_000 }) }),
    { maxLength: 2 },
  ),
  contactAfter: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
  /** Follow-ups (docs/domain.md, "Follow-ups"): an update interval, an adjustment and a restriction, each reviewed or not. */
  updateInterval: fc.option(
    fc.record({ after: fc.integer({ min: 0, max: 5 }), workingDays: fc.integer({ min: 1, max: 10 }) }),
    { nil: null },
  ),
  adjustment: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 5 }),
      reviewInDays: fc.integer({ min: 0, max: 30 }),
      endedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    }),
    { nil: null },
  ),
  restriction: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 5 }),
      reviewInDays: fc.integer({ min: 1, max: 30 }),
      liftedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    }),
    { nil: null },
  ),
  /** A lesson with an improvement action due some days on, maybe re-planned, maybe made (a follow-up that outlives closure). */
  lesson: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 5 }),
      dueInDays: fc.integer({ min: 0, max: 30 }),
      replannedInDays: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      madeAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    }),
    { nil: null },
  ),
  /** Steps recorded late: the event at this index moved to the end of the stream, its date unchanged. */
  recordedLate: fc.array(fc.nat(), { maxLength: 2 }),
  /** A contact logged last but dated this many days before the latest step (maybe before the receipt). */
  backDatedContactDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null, freq: 2 }),
  /** Steps dated 23:30 UTC rather than 10:00. */
  evening: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
});
type CaseScenario = typeof caseArb extends fc.Arbitrary<infer S> ? S : never;

const caseloadArb = fc.record({
  cases: fc.array(caseArb, { minLength: 1, maxLength: 6 }),
  withLocalPolicy: fc.boolean(),
  batchSize: fc.constantFrom(1, 5, 500),
  inactivityWorkingDays: fc.integer({ min: 0, max: 15 }),
  dueSoonWorkingDays: fc.integer({ min: 0, max: 4 }),
  filter: fc.oneof(
    fc.constant({}),
    fc.record({ serviceArea: fc.constantFrom(...AREAS, 'repairs') }),
    fc.record({ handlerId: fc.constantFrom(...HANDLERS.map((h) => h.id)) }),
    fc.record({ reason: fc.constantFrom(...ATTENTION_REASONS) }),
  ),
});

/** The scenario's events in stream order, valid under the current schemas. */
function historyOf(id: string, s: CaseScenario): ComplaintEvent[] {
  const dated: { on: CalendarDate; event: (at: string) => ComplaintEvent }[] = [];
  const receivedOn = addDays(BASE, s.receivedAfter);
  let cursor = receivedOn;
  const step = (after: number) => (cursor = calendar.addWorkingDays(cursor, after));
  dated.push({
    on: receivedOn,
    event: (occurredAt) => ({
      type: 'ComplaintReceived',
      data: {
        occurredAt,
        complaintId: id,
        reference: `CMP-${id}`,
        dataSubjectId: `ds-${id}`,
        channel: 'email',
        complainant: { name: 'Margaret Ellis' },
        serviceArea: s.area,
        description: 'Mould',
      },
    }),
  });
  const respondedStages: Stage[] = [];
  let actionIds: string[] = [];
  let offered = false;
  const stage = (n: Stage, f: CaseScenario['stage1']): boolean => {
    if (f.ackAfter === null) return false;
    const handler = HANDLERS[f.handler]!;
    dated.push({
      on: step(f.ackAfter),
      event: (occurredAt) => ({
        type: 'ComplaintAcknowledged',
        data: {
          occurredAt,
          stage: n,
          handler,
          method: 'letter',
          headsOfComplaint: ['Mould'],
          outcomesSought: ['Repair'],
        },
      }),
    });
    if (f.reassignAfter !== null) {
      const other = HANDLERS[(f.handler + 1) % HANDLERS.length]!;
      dated.push({
        on: step(f.reassignAfter),
        event: (occurredAt) => ({
          type: 'ComplaintAssigned',
          data: { occurredAt, stage: n, handler: other, reason: 'Leave cover' },
        }),
      });
    }
    for (const e of f.extensions) {
      dated.push({
        on: step(e.after),
        event: (occurredAt) => ({
          type: 'ExtensionAgreed',
          data: {
            occurredAt,
            stage: n,
            additionalWorkingDays: e.days,
            reason: 'Surveyor',
            residentInformed: true,
            ombudsmanDetailsGiven: true,
            ...(e.goodReason ? { goodReason: 'Specialist survey' } : {}),
          },
        }),
      });
    }
    if (f.respondAfter === null) return false;
    const on = step(f.respondAfter);
    const actions =
      f.actionDueAfter === null
        ? []
        : [{ actionId: `S${n}-A1`, description: 'Fit a fan', dueBy: calendar.addWorkingDays(on, f.actionDueAfter) }];
    actionIds = [...actionIds, ...actions.map((a) => a.actionId)];
    offered ||= f.compensationPence !== null;
    dated.push({
      on,
      event: (occurredAt) => ({
        type: 'StageResponseIssued',
        data: {
          occurredAt,
          stage: n,
          decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Too slow' }],
          remedies: {
            apology: true,
            actions,
            compensation:
              f.compensationPence === null ? [] : [{ amountPence: f.compensationPence, kind: 'time_and_trouble' }],
          },
        },
      }),
    });
    respondedStages.push(n);
    return true;
  };
  if (s.ending === 'refused') {
    dated.push({
      on: step(1),
      event: (occurredAt) => ({
        type: 'ComplaintRefused',
        data: { occurredAt, ground: 'older_than_12_months', explanation: 'Too old', ombudsmanReferralRightGiven: true },
      }),
    });
  } else {
    let answered = stage(1, s.stage1);
    if (answered && s.escalateAfter !== null) {
      dated.push({
        on: step(s.escalateAfter),
        event: (occurredAt) => ({ type: 'ComplaintEscalated', data: { occurredAt } }),
      });
      answered = stage(2, s.stage2);
    }
    if (s.ending === 'closed' && answered) {
      dated.push({
        on: step(1),
        event: (occurredAt) => ({
          type: 'ComplaintClosed',
          data: {
            occurredAt,
            outcome: 'Resolved',
            closedBy: HANDLERS[0]!,
            lessonsRecorded: 0,
            lessonsNotApplicableReason: 'One-off',
          },
        }),
      });
    } else if (s.ending === 'withdrawn') {
      dated.push({ on: step(1), event: (occurredAt) => ({ type: 'ComplaintWithdrawn', data: { occurredAt } }) });
    }
  }
  const firstAction = actionIds[0];
  if (firstAction !== undefined && s.completeActionAfter !== null) {
    dated.push({
      on: step(s.completeActionAfter),
      event: (occurredAt) => ({ type: 'RemedyActionCompleted', data: { occurredAt, actionId: firstAction } }),
    });
  }
  if (offered) {
    for (const p of s.payments) {
      dated.push({
        on: step(p.after),
        event: (occurredAt) => ({
          type: 'CompensationPaid',
          data: { occurredAt, amountPence: p.pence, kind: 'time_and_trouble', method: 'BACS' },
        }),
      });
    }
  }
  if (s.updateInterval !== null) {
    const { workingDays } = s.updateInterval;
    dated.push({
      on: step(s.updateInterval.after),
      event: (occurredAt) => ({ type: 'UpdateIntervalAgreed', data: { occurredAt, workingDays, agreedBy: 'u-1' } }),
    });
  }
  if (s.adjustment !== null) {
    const reviewDue = addDays(step(s.adjustment.after), s.adjustment.reviewInDays);
    dated.push({
      on: cursor,
      event: (occurredAt) => ({
        type: 'ReasonableAdjustmentAgreed',
        data: {
          occurredAt,
          adjustmentId: 'RA1',
          kind: 'large_print',
          adjustment: 'Letters in 16pt',
          reviewDue,
          agreedBy: 'u-1',
        },
      }),
    });
    if (s.adjustment.endedAfter !== null) {
      const on = step(s.adjustment.endedAfter);
      dated.push({
        on,
        event: (occurredAt) => ({
          type: 'ReasonableAdjustmentReviewed',
          data: { occurredAt, adjustmentId: 'RA1', reviewedOn: on, outcome: 'ended', reviewedBy: 'u-1' },
        }),
      });
    }
  }
  if (s.restriction !== null) {
    const reviewDue = addDays(step(s.restriction.after), s.restriction.reviewInDays);
    dated.push({
      on: cursor,
      event: (occurredAt) => ({
        type: 'RestrictionImposed',
        data: {
          occurredAt,
          restrictionId: 'R1',
          kind: 'contact_limits',
          reason: 'Daily calls',
          approvedBy: { id: 'm-1', name: 'Morgan Manager' },
          reviewDue,
        },
      }),
    });
    if (s.restriction.liftedAfter !== null) {
      dated.push({
        on: step(s.restriction.liftedAfter),
        event: (occurredAt) => ({
          type: 'RestrictionLifted',
          data: { occurredAt, restrictionId: 'R1', liftedBy: { id: 'm-1', name: 'Morgan Manager' } },
        }),
      });
    }
  }
  if (s.lesson !== null) {
    const { dueInDays, replannedInDays, madeAfter } = s.lesson;
    const recordedOn = step(s.lesson.after);
    dated.push({
      on: recordedOn,
      event: (occurredAt) => ({
        type: 'LessonRecorded',
        data: {
          occurredAt,
          lessonId: 'L1',
          lesson: 'Mould washes are no fix',
          improvementAction: 'Survey on a second report',
          dueBy: addDays(recordedOn, dueInDays),
        },
      }),
    });
    if (replannedInDays !== null) {
      const plannedOn = step(1);
      dated.push({
        on: plannedOn,
        event: (occurredAt) => ({
          type: 'ImprovementActionPlanned',
          data: { occurredAt, lessonId: 'L1', owner: 'Head of Repairs', dueBy: addDays(plannedOn, replannedInDays) },
        }),
      });
    }
    if (madeAfter !== null) {
      dated.push({
        on: step(madeAfter),
        event: (occurredAt) => ({
          type: 'ImprovementActionCompleted',
          data: { occurredAt, lessonId: 'L1', whatChanged: 'Surveys booked', evidence: 'Rule DS-2' },
        }),
      });
    }
  }
  if (s.contactAfter !== null) dated.push({ on: step(s.contactAfter), event: contact });
  if (s.backDatedContactDays !== null) dated.push({ on: addDays(cursor, -s.backDatedContactDays), event: contact });

  const events = dated.map((d, i) => d.event(`${d.on}T${s.evening[i % s.evening.length] ? '23:30' : '10:00'}:00Z`));
  // Recorded late: moved to the end of the stream (never the receipt, which opens it).
  for (const index of s.recordedLate) {
    const at = 1 + (index % Math.max(1, events.length - 1));
    if (at >= events.length) continue;
    const [late] = events.splice(at, 1);
    events.push(late!);
  }
  return events;
}

const contact = (occurredAt: string): ComplaintEvent => ({
  type: 'ContactLogged',
  data: { occurredAt, direction: 'outbound', channel: 'phone', reached: true },
});

async function record(complaints: ComplaintEventStore, id: string, events: readonly ComplaintEvent[]): Promise<void> {
  let revision = 0;
  for (const e of events) {
    const result = await complaints.append(id, [e], {
      expectedRevision: revision,
      actor: OFFICER,
      correlationId: randomUUID(),
      dataSubjectId: `ds-${id}`,
    });
    revision = result.nextRevision;
  }
}

function monthsBetween(from: CalendarDate, to: CalendarDate): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7))
    months.push(month);
  return months;
}

describeOnBothBackends('SLA dashboard, attention queue and month-end caseload from case_fact_versions', (open) => {
  it('equal the folds for generated caseloads on every date, back-dated steps included', async () => {
    const seen = {
      streamsInDateOrder: 0,
      streamsRecordedLate: 0,
      overdue: 0,
      dueSoon: 0,
      remedy: 0,
      unpaid: 0,
      inactive: 0,
      beyondLimit: 0,
      lateExtension: 0,
      followUpOverdue: 0,
      followUpDueSoon: 0,
      improvementActionOnClosedCase: 0,
    };
    await fc.assert(
      fc.asyncProperty(caseloadArb, async (load) => {
        const backend = await open();
        const organisation: Organisation = {
          calendar,
          localProfile: load.withLocalPolicy ? SALIX_HOMES_2021 : null,
          homes: { total: 1000 },
        };
        const engine = new ProjectionEngine({
          sql: backend.sql,
          source: backend.source,
          projections: [caseFilesProjection({ calendar, localProfile: organisation.localProfile })],
          batchSize: load.batchSize,
          pollIntervalMs: 60_000,
        });
        try {
          const streams = load.cases.map((s, i) => [`c-${i}`, historyOf(`c-${i}`, s)] as const);
          for (const [id, events] of streams) {
            await record(backend.complaints, id, events);
            // Both ways the writer folds: on from the day before (in date order), or afresh (a step recorded late).
            const days = events.map((e) => toLondonDate(e.data.occurredAt));
            if (days.every((d, i) => i === 0 || days[i - 1]! <= d)) seen.streamsInDateOrder += 1;
            else seen.streamsRecordedLate += 1;
          }
          await engine.catchUp();
          // The oracle folds the case files in their own order, as the API's fold path did.
          const histories = (await queryCaseFiles(backend.sql)).map((file) => file.events);
          const dates = streams.flatMap(([, events]) => events.map((e) => toLondonDate(e.data.occurredAt))).sort();
          const first = addDays(dates[0]!, -1);
          const last = addDays(dates.at(-1)!, 25);
          const options = {
            calendar,
            inactivityWorkingDays: load.inactivityWorkingDays,
            dueSoonWorkingDays: load.dueSoonWorkingDays,
            filter: load.filter,
          };
          for (let day = first; day <= last; day = addDays(day, 1)) {
            const expected = slaDashboard(histories, organisation, day);
            expect(await querySlaDashboard(backend.sql, organisation, day), `dashboard on ${day}`).toEqual(expected);
            const queue = attentionQueue(histories, { ...options, asOf: day });
            expect(
              await queryAttentionQueue(backend.sql, { ...options, asOf: day }),
              `attention queue on ${day}`,
            ).toEqual(queue);
            seen.overdue += expected.overdue.length;
            seen.dueSoon += expected.acknowledgements.dueWithin2WorkingDays + expected.responses.dueWithin2WorkingDays;
            seen.beyondLimit += expected.extensions.beyondCodeLimit;
            seen.lateExtension += expected.extensions.agreedAfterCodeTarget;
            for (const item of queue.items) {
              if (item.reason === 'remedy_action_overdue') seen.remedy += 1;
              if (item.reason === 'compensation_unpaid') seen.unpaid += 1;
              if (item.reason === 'inactive') seen.inactive += 1;
              if (/^(adjustment_review|update|restriction_review|improvement_action)_overdue$/.test(item.reason))
                seen.followUpOverdue += 1;
              if (/^(adjustment_review|update|restriction_review|improvement_action)_due_soon$/.test(item.reason))
                seen.followUpDueSoon += 1;
              if (item.reason.startsWith('improvement_action_') && item.status !== 'open')
                seen.improvementActionOnClosedCase += 1;
            }
          }
          for (const month of monthsBetween(first, last)) {
            const report = monthlyPanelReport(histories, calendar, month, []);
            const { open: openAt, overdue } = await caseloadAt(backend.sql, report.to);
            expect({ openAt, overdue }, `month end ${report.to}`).toEqual({
              openAt: report.openAtMonthEnd,
              overdue: report.overdueAtMonthEnd,
            });
          }
        } finally {
          await engine.stop();
          await backend.close();
        }
      }),
      { numRuns: Number(process.env['VERSIONS_RUNS'] ?? 8), seed: Number(process.env['VERSIONS_SEED'] ?? 20261201) },
    );
    // The generator must reach every kind of figure, or the property proves little.
    for (const [kind, count] of Object.entries(seen)) expect(count, kind).toBeGreaterThan(0);
  }, 300_000);
});
