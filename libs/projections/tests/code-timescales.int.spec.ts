import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import {
  caseSlaStatus,
  complaintDecider,
  computeSla,
  createWorkingDayCalendar,
  fold,
  isReceived,
} from '@complaints/domain';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chronologyProjection,
  complaintSummariesProjection,
  findComplaintSummary,
  ProjectionEngine,
  queryChronology,
  queryComplaintSummaries,
  withActiveTables,
  type Projection,
  type ReadModelSeal,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, record, recordCaseload } from './support/complaint-history';

/**
 * Issue 11, as the list filter and the chronology show it: the figures are the Code's
 * (docs/domain.md, "Timescales"), and the list's "overdue" is the domain's caseSlaStatus.
 */
const calendar = createWorkingDayCalendar();
const GOOD_REASON = 'The only damp specialist has a six-week waiting list';

/**
 * Worked out by hand (england-and-wales):
 * - c-beyond    received Mon 12 Oct 2026, acked Tue 13 Oct, +30 WD agreed Tue 20 Oct (good reason):
 *               the Code counts 10 of them → Code due Tue 10 Nov; own target Tue 8 Dec.
 * - c-backdated received Mon 2 Mar 2026, acked Wed 4 Mar → due Wed 18 Mar; +5 agreed Fri 20 Mar,
 *               after it: moves nothing (it would have given Wed 25 Mar).
 * - c-cured     the same, answered Tue 24 Mar: 4 WD late (19, 20, 23, 24).
 * - c-late-ack  received Mon 2 Mar 2026, ack due Mon 9 Mar, acked Thu 12 Mar (3 WD late) →
 *               response due Thu 26 Mar, 10 WD from the acknowledgement (not Mon 23 Mar).
 */
const HISTORIES: Record<string, ComplaintEvent[]> = {
  'c-beyond': [
    event.received('c-beyond', '2026-10-12'),
    event.acknowledged(1, '2026-10-13'),
    event.extended(1, '2026-10-20', 30, GOOD_REASON),
  ],
  'c-backdated': [
    event.received('c-backdated', '2026-03-02'),
    event.acknowledged(1, '2026-03-04'),
    event.extended(1, '2026-03-20', 5),
  ],
  'c-cured': [
    event.received('c-cured', '2026-03-02'),
    event.acknowledged(1, '2026-03-04'),
    event.extended(1, '2026-03-20', 5),
    event.responded(1, '2026-03-24'),
  ],
  'c-late-ack': [event.received('c-late-ack', '2026-03-02'), event.acknowledged(1, '2026-03-12')],
};

async function recordHistories(
  backend: Backend,
  histories: Record<string, ComplaintEvent[]> = HISTORIES,
): Promise<void> {
  for (const [id, events] of Object.entries(histories)) await record(backend.complaints, id, events);
}

/** Each test clones a database and builds two read models: more than vitest's default 5 s on a busy machine. */
const BUDGET = 30_000;

const readModels = (seal: ReadModelSeal): Projection[] => [
  complaintSummariesProjection({ calendar }),
  chronologyProjection({ calendar, seal }),
];

describeOnBothBackends('Code timescales in the read models (issue 11)', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (
    projections: Projection[] = readModels(backend.seal),
    options: { rebuildOnVersionChange?: boolean } = {},
  ) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections,
      batchSize: 50,
      pollIntervalMs: 60_000,
      ...options,
    });
    engines.push(engine);
    return engine;
  };
  const overdueOn = async (asOf: CalendarDate) =>
    (await queryComplaintSummaries(backend.sql, { asOf, overdue: true, limit: 500 })).items
      .map((item) => item.id)
      .sort();
  const noteOf = async (complaintId: string, type: string) =>
    (await queryChronology(backend.sql, backend.seal, complaintId)).find((e) => e.event === type)?.slaNote;

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  describe('the list filter (overdue=true means overdue against the Code)', () => {
    it(
      'defect 1: given an extension beyond the Code’s limit, when the list is asked on Tue 1 Dec 2026, then the case is overdue: the Code date (10 Nov) passed, though the own target (8 Dec) has not',
      async () => {
        backend = await open();
        await recordHistories(backend);
        await engineFor().catchUp();

        expect(await findComplaintSummary(backend.sql, 'c-beyond', '2026-12-01')).toMatchObject({
          codeResponseDue: '2026-11-10',
          responseDue: '2026-12-08',
          extensionWorkingDays: 30,
          overdue: true,
        });
        expect(await overdueOn('2026-12-01')).toContain('c-beyond');
        // On the Code date itself it is not yet overdue; the day after, it is.
        expect(await overdueOn('2026-11-10')).not.toContain('c-beyond');
        expect(await overdueOn('2026-11-11')).toContain('c-beyond');
      },
      BUDGET,
    );

    it(
      'defect 2: given Code due Wed 18 Mar 2026 and +5 agreed on Fri 20 Mar, when the list is asked on Mon 23 Mar, then the case is overdue: the late extension moved neither date',
      async () => {
        backend = await open();
        await recordHistories(backend);
        await engineFor().catchUp();

        expect(await findComplaintSummary(backend.sql, 'c-backdated', '2026-03-23')).toMatchObject({
          codeResponseDue: '2026-03-18',
          responseDue: '2026-03-18',
          extensionWorkingDays: 5,
          overdue: true,
        });
        expect(await overdueOn('2026-03-23')).toContain('c-backdated');
      },
      BUDGET,
    );

    it(
      'defect 3: given an acknowledgement 3 WD late (Thu 12 Mar 2026), when the list is asked on Tue 24 Mar, then the response is not yet overdue: it is due Thu 26 Mar, 10 WD from the acknowledgement',
      async () => {
        backend = await open();
        await recordHistories(backend);
        await engineFor().catchUp();

        expect(await findComplaintSummary(backend.sql, 'c-late-ack', '2026-03-24')).toMatchObject({
          acknowledgedOn: '2026-03-12',
          codeResponseDue: '2026-03-26',
          responseDue: '2026-03-26',
          overdue: false,
        });
        expect(await overdueOn('2026-03-26')).not.toContain('c-late-ack');
        expect(await overdueOn('2026-03-27')).toContain('c-late-ack');
      },
      BUDGET,
    );

    it('for every case and every day, the list’s overdue (filter, flag and its negation) is the domain’s caseSlaStatus(...).overdueAgainstCode', async () => {
      backend = await open();
      const generated = generatedHistories(24, 11);
      await recordCaseload(backend.complaints);
      await recordHistories(backend, { ...HISTORIES, ...generated });
      await engineFor([complaintSummariesProjection({ calendar })]).catchUp();

      const histories: Record<string, ComplaintEvent[]> = { ...caseloadHistories(), ...HISTORIES, ...generated };
      const reports = Object.entries(histories).map(([id, events]) => {
        const state = fold(complaintDecider, events);
        if (!isReceived(state)) throw new Error(`${id} was not received`);
        return {
          id,
          report: computeSla(events, calendar),
          standing: { open: state.status === 'open', stage: state.stage },
        };
      });
      // Every day a status can change on (each due date and the day after), and a few between.
      const days = new Set<CalendarDate>(['2026-01-15', '2026-06-30', '2026-12-31']);
      for (const { report } of reports) {
        for (const s of report.stages)
          for (const due of [s.acknowledgementDue, s.codeResponseDue, s.responseDue]) days.add(due).add(nextDay(due));
      }
      for (const asOf of [...days].sort()) {
        const expected = reports
          .filter((r) => caseSlaStatus(r.report, r.standing, asOf, calendar).overdueAgainstCode)
          .map((r) => r.id)
          .sort();
        const page = await queryComplaintSummaries(backend.sql, { asOf, limit: 500 });
        expect(
          page.items
            .filter((item) => item.overdue)
            .map((item) => item.id)
            .sort(),
          asOf,
        ).toEqual(expected);
        expect(await overdueOn(asOf), asOf).toEqual(expected);
        const notOverdue = (await queryComplaintSummaries(backend.sql, { asOf, overdue: false, limit: 500 })).items.map(
          (item) => item.id,
        );
        expect(notOverdue.length + expected.length, asOf).toBe(reports.length);
        expect(
          notOverdue.filter((id) => expected.includes(id)),
          asOf,
        ).toEqual([]);
      }
      // Some 300 days of three queries each: more than the default budget on a busy machine.
    }, 90_000);
  });

  describe('the chronology’s timescale notes', () => {
    it(
      'defect 1: given +30 WD agreed at stage 1, when the chronology is read, then the note says it goes beyond the Code’s limit, only 10 WD count, the Code date stays 10 Nov 2026, and a good reason is recorded',
      async () => {
        backend = await open();
        await recordHistories(backend);
        await engineFor().catchUp();

        const extension = (await queryChronology(backend.sql, backend.seal, 'c-beyond')).find(
          (e) => e.event === 'ExtensionAgreed',
        );
        expect(extension?.slaNote).toBe(
          "Beyond the Code's limit of 10 working days: 10 of these 30 working days count towards the Code, so the Code target is 2026-11-10; the organisation's own target is 2026-12-08 (30 working days of extension in all). A good reason is recorded; it does not move the Code target.",
        );
        expect(extension?.description).toContain(`Good reason for going beyond the Code's limit: ${GOOD_REASON}`);
      },
      BUDGET,
    );

    it(
      'defect 2: given +5 agreed on Fri 20 Mar 2026 after the response was due (Wed 18 Mar), when the chronology is read, then the extension moved nothing and the response on Tue 24 Mar is 4 WD late',
      async () => {
        backend = await open();
        await recordHistories(backend);
        await engineFor().catchUp();

        expect(await noteOf('c-cured', 'ExtensionAgreed')).toBe(
          'Agreed after the response was already due (2026-03-18): an extension cannot cure a missed date, so it moves no target. The response is outside Code timescales.',
        );
        expect(await noteOf('c-cured', 'StageResponseIssued')).toBe(
          'Response was due 2026-03-18 under the Code: late by 4 working days.',
        );
      },
      BUDGET,
    );

    it(
      'defect 3: given an acknowledgement 3 WD late, when the chronology is read, then the late acknowledgement is a breach of its own and the response is due 10 WD after it (Thu 26 Mar 2026)',
      async () => {
        backend = await open();
        await recordHistories(backend);
        await engineFor().catchUp();

        expect(await noteOf('c-late-ack', 'ComplaintAcknowledged')).toBe(
          'Acknowledgement was due 2026-03-09: late by 3 working days, a breach of the timescale in its own right. Response due 2026-03-26 (10 working days from the acknowledgement).',
        );
      },
      BUDGET,
    );
  });

  it(
    'given tables an existing deployment wrote under version 1 (old dates, stage facts of the old shape), when the engine starts with this version, then it rebuilds them into fresh tables that give the corrected figures',
    async () => {
      backend = await open();
      await recordHistories(backend);
      const current = readModels(backend.seal);
      // The deployment before issue 11: the same read models under their version 1 names...
      const previous = current.map((projection) => ({
        ...projection,
        version: projection.version.replace(/^\d+\//, '1/'),
      }));
      expect(previous.map((p) => p.version)).not.toEqual(current.map((p) => p.version));
      const before = engineFor(previous);
      await before.catchUp();
      await before.stop();
      // ...holding what version 1 computed: the clock from the ack due date, a back-dated
      // extension counted, and stage facts with a total of extension days instead of a list.
      await plantVersion1Figures(backend);
      // An event arriving meanwhile: version 2 must never fold it onto version 1's facts.
      await record(backend.complaints, 'c-late-ack', [event.contact('2026-03-13')]);

      const engine = engineFor(readModels(backend.seal));
      await engine.start();
      // Joins the background rebuilds started on the version change (or finds them done).
      for (const projection of current) await engine.rebuild(projection.name);

      const statuses = await engine.status();
      // Fresh tables (the version 1 set, _g1, is retired), written by this version.
      expect(statuses.map((s) => [s.projection, s.state, s.activeVersion, s.activeTableSet === '_g1'])).toEqual(
        current.map((p) => [p.name, 'live', p.version, false]),
      );
      expect(await findComplaintSummary(backend.sql, 'c-late-ack', '2026-03-24')).toMatchObject({
        codeResponseDue: '2026-03-26',
        overdue: false,
        revision: 3,
      });
      expect(await findComplaintSummary(backend.sql, 'c-backdated', '2026-03-23')).toMatchObject({
        codeResponseDue: '2026-03-18',
        responseDue: '2026-03-18',
        overdue: true,
      });
      expect(await overdueOn('2026-12-01')).toEqual(['c-backdated', 'c-beyond', 'c-late-ack']);
      expect(await noteOf('c-cured', 'StageResponseIssued')).toBe(
        'Response was due 2026-03-18 under the Code: late by 4 working days.',
      );
      expect(await noteOf('c-late-ack', 'ComplaintAcknowledged')).toContain('Response due 2026-03-26');
      // The kept stage facts are of the new shape, so later events fold onto them.
      expect(await storedStageFacts(backend, 'c-backdated')).toEqual([
        {
          stage: 1,
          startedOn: '2026-03-02',
          acknowledgedOn: '2026-03-04',
          extensions: [{ agreedOn: '2026-03-20', workingDays: 5, goodReason: false }],
          respondedOn: null,
        },
      ]);
    },
    BUDGET,
  );
});

/** What version 1 wrote for the cases whose figures issue 11 changes (by hand from the old rules). */
async function plantVersion1Figures(backend: Backend): Promise<void> {
  const oldFacts = `(SELECT jsonb_agg((f - 'extensions') || jsonb_build_object('extensionWorkingDays',
                       (SELECT coalesce(sum((x->>'workingDays')::int), 0) FROM jsonb_array_elements(f->'extensions') AS x)))
                       FROM jsonb_array_elements(%s) AS f)`;
  await withActiveTables(backend.sql, 'complaint_summaries', async (tables) => {
    const t = tables.table('complaint_summaries');
    await backend.sql.query(
      `UPDATE ${t} SET state = jsonb_set(state, '{stageFacts}', ${oldFacts.replace('%s', `state->'stageFacts'`)})`,
    );
    await backend.sql.query(
      `UPDATE ${t} SET response_due = '2026-03-23', code_response_due = '2026-03-23' WHERE complaint_id = 'c-late-ack'`,
    );
    await backend.sql.query(
      `UPDATE ${t} SET response_due = '2026-03-25', code_response_due = '2026-03-25' WHERE complaint_id IN ('c-backdated', 'c-cured')`,
    );
  });
  await withActiveTables(backend.sql, 'chronology', async (tables) => {
    const s = tables.table('chronology_state');
    await backend.sql.query(`UPDATE ${s} SET stage_facts = ${oldFacts.replace('%s', 'stage_facts')}`);
    await backend.sql.query(
      `UPDATE ${tables.table('chronology')} SET sla_note = 'Response was due 2026-03-25 under the Code: met.'
        WHERE complaint_id = 'c-cured' AND event_type = 'StageResponseIssued'`,
    );
  });
}

async function storedStageFacts(backend: Backend, complaintId: string): Promise<unknown> {
  return withActiveTables(backend.sql, 'complaint_summaries', async (tables) => {
    const rows = await backend.sql.query<{ facts: string }>(
      `SELECT (state->'stageFacts')::text AS facts FROM ${tables.table('complaint_summaries')} WHERE complaint_id = $1`,
      [complaintId],
    );
    return rows[0] ? (JSON.parse(rows[0].facts) as unknown) : null;
  });
}

function caseloadHistories(): Record<string, ComplaintEvent[]> {
  return CASELOAD.reduce<Record<string, ComplaintEvent[]>>(
    (all, [id, e]) => ({ ...all, [id]: [...(all[id] ?? []), e] }),
    {},
  );
}

function nextDay(date: CalendarDate): CalendarDate {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Stage 1 histories from a seeded generator: acknowledged on time, late or never; zero to three
 * extensions of 1–30 WD, some agreed after the date they would move; answered or not; some
 * withdrawn. Valid under the event schemas (the store checks them); the SLA engine times them.
 */
function generatedHistories(count: number, seed: number): Record<string, ComplaintEvent[]> {
  let state = seed;
  const random = () => {
    // mulberry32: small, deterministic, good enough to spread cases over the calendar.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const histories: Record<string, ComplaintEvent[]> = {};
  for (let n = 0; n < count; n++) {
    const id = `c-gen-${n}`;
    let day = calendar.addWorkingDays('2026-01-05', between(0, 200));
    const later = (workingDays: number) => (day = calendar.addWorkingDays(day, workingDays));
    const events: ComplaintEvent[] = [event.received(id, day)];
    if (random() < 0.85) {
      events.push(event.acknowledged(1, later(between(1, 9))));
      for (let e = between(0, 3); e > 0; e--) {
        const days = between(1, 30);
        events.push(event.extended(1, later(between(0, 14)), days, days > 10 ? GOOD_REASON : undefined));
      }
      if (random() < 0.6) events.push(event.responded(1, later(between(1, 25))));
    }
    if (random() < 0.15) events.push(event.withdrawn(later(between(1, 10))));
    histories[id] = events;
  }
  return histories;
}
