import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import {
  caseSlaStatus,
  CODE_2024,
  complaintDecider,
  computeSla,
  createWorkingDayCalendar,
  fold,
  isReceived,
  SALIX_HOMES_2021,
  toLondonDate,
  type PolicyProfile,
} from '@complaints/domain';
import { caseAsOf } from './case-as-of';
import { eventsUpTo } from './events-up-to';

const calendar = createWorkingDayCalendar({ division: 'england-and-wales' });
const DAY = 86_400_000;
const HEAD = 'The repair was not done';
const handler = { id: 'u-1', name: 'Sam Officer' };

/** The definition eventsUpTo must keep: an event counts on `asOf` when its London date is on or before it. */
const byLondonDate = (events: readonly ComplaintEvent[], asOf: CalendarDate) =>
  events.filter((e) => toLondonDate(e.data.occurredAt) <= asOf);

const dayAfter = (date: CalendarDate, days: number): CalendarDate =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** `instant` written with a UTC offset of `minutes`, as a caller may send it (the same moment). */
function withOffset(instant: Date, minutes: number): string {
  if (minutes === 0) return instant.toISOString();
  const local = new Date(instant.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const contact = (occurredAt: string): ComplaintEvent => ({
  type: 'ContactLogged',
  data: { occurredAt, direction: 'outbound', channel: 'phone', reached: true, summary: 'Called about the visit' },
});

describe('eventsUpTo', () => {
  // Instants anywhere in the years the edge accepts, and many near London's midnight, in the
  // years of double summer time (two hours ahead) too; written with any offset.
  const nearMidnight = fc
    .record({ day: fc.integer({ min: 0, max: 73_000 }), minute: fc.integer({ min: -240, max: 240 }) })
    .map(({ day, minute }) => new Date(Date.UTC(1900, 0, 1) + day * DAY + minute * 60_000));
  const instant = fc.oneof(
    fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2100-12-30T00:00:00Z'), noInvalidDate: true }),
    nearMidnight,
    nearMidnight.filter((d) => d.getUTCFullYear() >= 1940 && d.getUTCFullYear() <= 1948),
    fc
      .integer({ min: 0, max: 9 * 366 })
      .chain((day) =>
        fc
          .integer({ min: -240, max: 240 })
          .map((minute) => new Date(Date.UTC(1940, 0, 1) + day * DAY + minute * 60_000)),
      ),
  );

  it('keeps exactly the events whose London date is on or before the date, whatever the hour or the offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: instant, offset: fc.integer({ min: -12 * 60, max: 14 * 60 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(7),
        fc.integer({ min: -1, max: 1 }),
        (moments, which, shift) => {
          const events = moments.map(({ at, offset }) => contact(withOffset(at, offset)));
          // The date asked about: around one of the events' own London dates.
          const asOf = dayAfter(toLondonDate(events[which % events.length]!.data.occurredAt), shift);
          expect(eventsUpTo(events, asOf)).toEqual(byLondonDate(events, asOf));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('judges by the London date: 23:30 UTC is the same day in winter and the next in summer', () => {
    const winter = contact('2026-01-15T23:30:00Z');
    const summer = contact('2026-06-15T23:30:00Z');
    expect(eventsUpTo([winter, summer], '2026-01-15')).toEqual([winter]);
    expect(eventsUpTo([winter, summer], '2026-06-15')).toEqual([winter]);
    expect(eventsUpTo([winter, summer], '2026-06-16')).toEqual([winter, summer]);
  });

  it('still refuses an instant without an offset, as toLondonDate does', () => {
    expect(() => eventsUpTo([contact('2026-06-15T23:30:00')], '2026-06-15')).toThrow(RangeError);
  });
});

// --- generated cases: the lifecycle's steps in order, each some working hours after the last,
// cut short anywhere; sometimes a contact recorded last but dated back (a back-dated step).
const step = fc.record({
  afterMinutes: fc.integer({ min: 0, max: 12 * 24 * 60 }),
  extensionDays: fc.integer({ min: 1, max: 25 }),
});
const scenario = fc.record({
  receivedAt: fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2026-10-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  steps: fc.array(step, { minLength: 9, maxLength: 9 }),
  length: fc.integer({ min: 1, max: 9 }),
  withExtensions: fc.boolean(),
  withdrawn: fc.boolean(),
  backDated: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function historyOf(s: Scenario): ComplaintEvent[] {
  let at = s.receivedAt.getTime();
  const steps = s.steps.map((x) => ({ ...x }));
  const next = (index: number) => {
    at += steps[index]!.afterMinutes * 60_000;
    return new Date(at).toISOString();
  };
  const build: ((index: number) => ComplaintEvent | null)[] = [
    () => ({
      type: 'ComplaintReceived',
      data: {
        occurredAt: new Date(at).toISOString(),
        complaintId: 'c-1',
        reference: 'CMP-2026-000001',
        dataSubjectId: 'ds-1',
        channel: 'phone',
        complainant: { name: 'Jane Resident' },
        serviceArea: 'repairs',
        category: 'damp and mould',
        description: 'Mould in the bedroom',
        tenure: 'LCRA',
      },
    }),
    (i) => ({
      type: 'ComplaintAcknowledged',
      data: { occurredAt: next(i), stage: 1, handler, method: 'letter', headsOfComplaint: [HEAD], outcomesSought: [] },
    }),
    (i) =>
      s.withExtensions
        ? {
            type: 'ExtensionAgreed',
            data: {
              occurredAt: next(i),
              stage: 1,
              additionalWorkingDays: steps[i]!.extensionDays,
              reason: 'Awaiting a survey',
              residentInformed: true,
              ombudsmanDetailsGiven: true,
            },
          }
        : null,
    (i) => ({
      type: 'StageResponseIssued',
      data: {
        occurredAt: next(i),
        stage: 1,
        decisions: [{ head: HEAD, outcome: 'upheld', reasons: 'Not done' }],
        remedies: { apology: true, actions: [], compensation: [] },
      },
    }),
    (i) => ({ type: 'ComplaintEscalated', data: { occurredAt: next(i), reason: 'Still not fixed' } }),
    (i) => ({
      type: 'ComplaintAcknowledged',
      data: {
        occurredAt: next(i),
        stage: 2,
        handler: { id: 'u-2', name: 'Mina Manager' },
        method: 'letter',
        headsOfComplaint: [HEAD],
        outcomesSought: [],
      },
    }),
    (i) =>
      s.withExtensions
        ? {
            type: 'ExtensionAgreed',
            data: {
              occurredAt: next(i),
              stage: 2,
              additionalWorkingDays: steps[i]!.extensionDays,
              reason: 'Awaiting a contractor',
              residentInformed: true,
              ombudsmanDetailsGiven: true,
            },
          }
        : null,
    (i) => ({
      type: 'StageResponseIssued',
      data: {
        occurredAt: next(i),
        stage: 2,
        decisions: [{ head: HEAD, outcome: 'upheld', reasons: 'Confirmed' }],
        remedies: { apology: true, actions: [], compensation: [] },
      },
    }),
    (i) => ({
      type: 'ComplaintClosed',
      data: {
        occurredAt: next(i),
        outcome: 'Upheld',
        closedBy: { id: 'u-2', name: 'Mina Manager' },
        lessonsRecorded: 0,
        lessonsNotApplicableReason: 'None',
      },
    }),
  ];
  const events: ComplaintEvent[] = [];
  for (let index = 0; index < s.length; index++) {
    const event = build[index]!(index);
    if (event) events.push(event);
  }
  if (s.withdrawn && s.length < 9)
    events.push({ type: 'ComplaintWithdrawn', data: { occurredAt: next(0), reason: 'Resolved' } });
  if (s.backDated !== null) {
    const received = s.receivedAt.getTime();
    events.push(contact(new Date(received + Math.floor((at - received) * s.backDated)).toISOString()));
  }
  return events;
}

/** What the views computed before caseAsOf, each for itself: the reference caseAsOf must equal. */
function separately(history: readonly ComplaintEvent[], asOf: CalendarDate, localProfile: PolicyProfile | null) {
  const events = byLondonDate(history, asOf);
  const state = fold(complaintDecider, events);
  if (!isReceived(state)) return null;
  const standing = { open: state.status === 'open', stage: state.stage };
  const timed = (profile: PolicyProfile) => {
    const report = computeSla(events, calendar, profile);
    return { report, status: caseSlaStatus(report, standing, asOf, calendar) };
  };
  return { asOf, events, state, standing, code: timed(CODE_2024), local: localProfile ? timed(localProfile) : null };
}

describe('caseAsOf', () => {
  it('is, on every date of a generated case, its events up to that date folded and timed under the Code and the local policy', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), (s, withLocal) => {
        const history = historyOf(s);
        const localProfile = withLocal ? SALIX_HOMES_2021 : null;
        const first = toLondonDate(history[0]!.data.occurredAt);
        const last = history
          .map((e) => toLondonDate(e.data.occurredAt))
          .sort()
          .at(-1)!;
        for (let asOf = dayAfter(first, -1); asOf <= dayAfter(last, 3); asOf = dayAfter(asOf, 1)) {
          expect(caseAsOf(history, asOf, calendar, localProfile)).toEqual(separately(history, asOf, localProfile));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leaves out a step recorded later but dated after the day asked about, and is null before receipt', () => {
    const history = historyOf({
      receivedAt: new Date('2026-03-02T09:15:00Z'),
      steps: Array.from({ length: 9 }, () => ({ afterMinutes: 2 * 24 * 60, extensionDays: 5 })),
      length: 2,
      withExtensions: false,
      withdrawn: false,
      backDated: null,
    });
    expect(caseAsOf(history, '2026-03-01', calendar)).toBeNull();
    const received = caseAsOf(history, '2026-03-03', calendar);
    expect(received?.events.map((e) => e.type)).toEqual(['ComplaintReceived']);
    expect(received?.state.stage1.acknowledgedAt ?? null).toBeNull();
    // Never acknowledged: due 9 March (5 working days), so overdue against the Code from the 10th, not before.
    expect(caseAsOf(history.slice(0, 1), '2026-03-09', calendar)?.code.status.overdueAgainstCode).toBe(false);
    expect(caseAsOf(history.slice(0, 1), '2026-03-10', calendar)?.code.status.overdueAgainstCode).toBe(true);
    expect(caseAsOf(history, '2026-03-06', calendar)?.local).toBeNull();
    expect(caseAsOf(history, '2026-03-06', calendar, SALIX_HOMES_2021)?.local?.report.profileId).toBe(
      SALIX_HOMES_2021.id,
    );
  });
});
