import { createWorkingDayCalendar } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import { buildChronology, chronologyProjection, ProjectionEngine, queryChronology, withActiveTables } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, PERSONAL_TEXT, record, recordCaseload } from './support/complaint-history';
import { projectionDump } from './support/table-dump';

const calendar = createWorkingDayCalendar();
const ids = [...new Set(CASELOAD.map(([id]) => id))];
const dump = (backend: Backend) =>
  projectionDump(backend.sql, 'chronology', {
    chronology: 'complaint_id COLLATE "C", revision',
    chronology_state: 'complaint_id COLLATE "C"',
  });

/** The raw rows (every column, clear and redacted text alike) of one complaint, in both tables. */
async function rawRowsOf(backend: Backend, complaintId: string): Promise<string> {
  return withActiveTables(backend.sql, 'chronology', async (tables) => {
    const rows = await backend.sql.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM ${tables.table('chronology')} AS t WHERE complaint_id = $1
       UNION ALL SELECT to_jsonb(s)::text FROM ${tables.table('chronology_state')} AS s WHERE complaint_id = $1`,
      [complaintId],
    );
    return rows.map((r) => r.row).join('\n');
  });
}

describeOnBothBackends('chronology read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (batchSize = 500) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [chronologyProjection({ calendar, seal: backend.seal })],
      batchSize,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    return engine;
  };
  const inMemory = async (complaintId: string) =>
    buildChronology(
      (await backend.complaints.load(complaintId)).envelopes.map((e) => ({
        ...e.event,
        revision: e.revision,
        recordedAt: e.recordedAt,
        actor: e.metadata.actor,
      })),
      calendar,
    );

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('given the caseload: one entry per event with the plain-English text, who recorded it and the timescale note as it then stood', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor(3).catchUp();

    for (const id of ids) expect(await queryChronology(backend.sql, backend.seal, id)).toEqual(await inMemory(id));
    const moved = await queryChronology(backend.sql, backend.seal, 'c-moved');
    expect(moved.map(({ recordedAt: _recorded, ...entry }) => entry)).toEqual([
      {
        date: '2026-03-02',
        occurredAt: '2026-03-02T11:00:00Z',
        revision: 1,
        event: 'ComplaintReceived',
        description:
          'Complaint CMP-c-moved received by email from Margaret Ellis, about Repairs: Black mould keeps coming back on the bedroom wall',
        by: 'Priya Shah (complaints officer)',
        slaNote: 'Stage 1 acknowledgement due 2026-03-09; response due 2026-03-23 (provisional until acknowledged).',
      },
      {
        date: '2026-03-04',
        occurredAt: '2026-03-04T10:00:00Z',
        revision: 2,
        event: 'ComplaintAcknowledged',
        description:
          'Stage 1 complaint acknowledged by letter; handled by Sam Officer. Heads of complaint: Repeated failure to treat damp and mould. Outcomes sought: Repair.',
        by: 'Priya Shah (complaints officer)',
        slaNote: 'Acknowledgement was due 2026-03-09: met. Response due 2026-03-18.',
      },
      {
        date: '2026-03-06',
        occurredAt: '2026-03-06T10:00:00Z',
        revision: 3,
        event: 'ComplaintAssigned',
        description: 'Stage 1 reassigned to Alex Other: Leave cover',
        by: 'Priya Shah (complaints officer)',
        slaNote: null,
      },
      {
        date: '2026-03-10',
        occurredAt: '2026-03-10T10:00:00Z',
        revision: 4,
        event: 'ExtensionAgreed',
        description:
          "Stage 1 response time extended by 5 working days: Awaiting a surveyor. Resident told in writing: yes; Ombudsman's details given: yes.",
        by: 'Priya Shah (complaints officer)',
        slaNote: 'Response now due 2026-03-25 (5 working days of extension in all).',
      },
    ]);
    expect(await queryChronology(backend.sql, backend.seal, 'c-nobody')).toEqual([]);
    expect(
      (await queryChronology(backend.sql, backend.seal, 'c-moved', { upToRevision: 2 })).map((e) => e.revision),
    ).toEqual([1, 2]);
  });

  it('orders by when things happened, then revision: a back-dated contact comes before the acknowledgement it was recorded after', async () => {
    backend = await open();
    await record(backend.complaints, 'c-late', [
      event.received('c-late', '2026-03-02'),
      event.acknowledged(1, '2026-03-04'),
      event.contact('2026-03-03T09:00:00+00:00'),
      event.contact('2026-03-04T10:00:00Z'),
    ]);
    await engineFor().catchUp();
    const entries = await queryChronology(backend.sql, backend.seal, 'c-late');
    expect(entries.map((e) => [e.revision, e.event])).toEqual([
      [1, 'ComplaintReceived'],
      [3, 'ContactLogged'],
      [2, 'ComplaintAcknowledged'],
      [4, 'ContactLogged'],
    ]);
    // The instant keeps the offset it was written with.
    expect(entries[1]?.occurredAt).toBe('2026-03-03T09:00:00+00:00');
  });

  it('the rows keep the resident’s words only sealed (raw SQL), they read as erased once the key is destroyed, and a rebuild gives the same rows as the incremental run', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [event.contact('2026-03-07')]);
    const engine = engineFor(4);
    await engine.catchUp();
    // Before the erasure too, the rows keep the resident's words only sealed; the read opens them.
    const before = await rawRowsOf(backend, 'c-gone');
    for (const text of PERSONAL_TEXT) expect(before).not.toContain(text);
    expect(before).toContain('about Anti-social behaviour: [erased]'); // the clear (redacted) text: the raw read sees the rows
    expect((await queryChronology(backend.sql, backend.seal, 'c-gone'))[0]?.description).toContain(
      'from Margaret Ellis',
    );

    await record(backend.complaints, 'c-gone', [event.erased('c-gone', '2026-03-11')]);
    await backend.complaints.erase('ds-c-gone', new Date('2026-03-11T10:00:00Z'));
    await engine.catchUp();

    const raw = await rawRowsOf(backend, 'c-gone');
    for (const text of PERSONAL_TEXT) expect(raw).not.toContain(text);
    const entries = await queryChronology(backend.sql, backend.seal, 'c-gone');
    expect(entries.map((e) => e.description)).toEqual([
      'Complaint CMP-c-gone received by email from [erased], about Anti-social behaviour: [erased]',
      'Complaint withdrawn by the resident: [erased]', // the reason is the resident's own words
      'Contacted the resident by phone. [erased]',
      'Personal data erased: [erased].', // its reason is personal, erased with the key
    ]);
    // Only that complaint's data subject was erased.
    expect((await queryChronology(backend.sql, backend.seal, 'c-acked'))[0]?.description).toContain(
      'from Margaret Ellis',
    );

    const incremental = await dump(backend);
    for (const batchSize of [1, 500]) {
      expect((await engineFor(batchSize).rebuild('chronology')).outcome).toBe('swapped');
      expect(await dump(backend)).toEqual(incremental);
    }
  });

  it('the erasure event alone clears the text, also in the batch that wrote it and before the key is destroyed', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [event.contact('2026-03-07'), event.erased('c-gone', '2026-03-11')]);
    await engineFor(500).catchUp();

    const raw = await rawRowsOf(backend, 'c-gone');
    for (const text of PERSONAL_TEXT) expect(raw).not.toContain(text);
    expect((await queryChronology(backend.sql, backend.seal, 'c-gone'))[0]?.description).toContain('from [erased]');
  });

  it('replaying gives the same rows, whatever the batch size, and catching up again changes nothing', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const engine = engineFor();
    await engine.catchUp();
    const once = await dump(backend);
    expect(once['chronology']).toHaveLength(CASELOAD.length);
    await engine.catchUp();
    expect(await dump(backend)).toEqual(once);
    for (const batchSize of [1, 4]) {
      expect((await engineFor(batchSize).rebuild('chronology')).outcome).toBe('swapped');
      expect(await dump(backend)).toEqual(once);
    }
  });
});
