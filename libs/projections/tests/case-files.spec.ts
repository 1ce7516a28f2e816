import { afterEach, expect, it } from 'vitest';
import type { EventOfType } from '@complaints/contracts';
import { caseFilesProjection, personalTermsOf, ProjectionEngine, queryCaseFiles, REDACTED, screenForPanels, WITHHELD, withActiveTables, type CaseFileFilter } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, PERSONAL_TEXT, record, recordCaseload, SAM } from './support/complaint-history';
import { lessonRecorded } from './support/lesson-events';
import { projectionDump } from './support/table-dump';

const ids = [...new Set(CASELOAD.map(([id]) => id))];
const dump = (backend: Backend) => projectionDump(backend.sql, 'case_files', { case_files: 'complaint_id COLLATE "C"', case_file_terms: 'complaint_id COLLATE "C"' });

describeOnBothBackends('case files read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (batchSize = 500) => {
    const engine = new ProjectionEngine({ sql: backend.sql, source: backend.source, projections: [caseFilesProjection({ seal: backend.seal })], batchSize, pollIntervalMs: 60_000 });
    engines.push(engine);
    return engine;
  };
  const listed = async (filter: CaseFileFilter) => (await queryCaseFiles(backend.sql, filter)).map((file) => file.complaintId);

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('given the caseload: one file per complaint holding its events in stream order, every personal field erased', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor(3).catchUp();

    const files = await queryCaseFiles(backend.sql);
    expect(files.map((f) => f.complaintId).sort()).toEqual([...ids].sort());
    for (const file of files) {
      const { envelopes } = await backend.complaints.load(file.complaintId);
      // Every personal field ERASED but the staff free text, screened against the receipt's names.
      const terms = personalTermsOf((envelopes[0]!.event as EventOfType<'ComplaintReceived'>).data);
      expect(file.events).toEqual(envelopes.map((e) => screenForPanels(e.event, terms)));
      expect(file.reference).toBe(`CMP-${file.complaintId}`);
    }
    const two = files.find((f) => f.complaintId === 'c-two')!;
    expect(two.events.map((e) => e.type)).toEqual([
      'ComplaintReceived', 'ComplaintAcknowledged', 'StageResponseIssued', 'ComplaintEscalated', 'ComplaintAcknowledged', 'StageResponseIssued', 'ComplaintClosed',
    ]);
    expect(two.events[0]?.data).toMatchObject({ complainant: '[erased]', description: '[erased]', serviceArea: 'Repairs', reference: 'CMP-c-two' });
    expect(two.events[1]?.data).toMatchObject({ headsOfComplaint: ['[erased]'], handler: { id: 'u-sam', name: 'Sam Officer' } });
    // The case files hold no personal data; only the screening terms do, beside them, sealed, until erasure.
    const { case_files: rows } = await dump(backend);
    for (const text of PERSONAL_TEXT) expect(JSON.stringify(rows)).not.toContain(text);
    const terms = await withActiveTables(backend.sql, 'case_files', (tables) =>
      backend.sql.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${tables.table('case_file_terms')} AS t`),
    );
    expect(terms).toHaveLength(ids.length);
    for (const text of PERSONAL_TEXT) expect(JSON.stringify(terms)).not.toContain(text);
    expect(JSON.stringify(terms)).toContain('ds-c-two'); // the raw read sees the rows' clear columns
  });

  it('orders by receipt and pre-selects on received, ended and last-activity dates (London)', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor().catchUp();

    expect(await listed({})).toEqual(['c-acked', 'c-moved', 'c-waiting', 'c-two', 'c-gone', 'c-refused', 'c-escal']);
    expect(await listed({ receivedOnOrBefore: '2026-03-02' })).toEqual(['c-acked', 'c-moved', 'c-waiting']);
    // c-refused ended 3 Mar and c-gone 6 Mar; c-two ended later, on 24 Apr.
    expect(await listed({ notEndedBefore: '2026-03-07' })).toEqual(['c-acked', 'c-moved', 'c-waiting', 'c-two', 'c-escal']);
    expect(await listed({ notEndedBefore: '2026-03-06' })).toContain('c-gone');
    // Latest activity: c-escal escalated 20 Mar, c-two closed 24 Apr; the others were quiet by 10 Mar.
    expect(await listed({ activeOnOrAfter: '2026-03-18' })).toEqual(['c-two', 'c-escal']);
    expect(await listed({ receivedOnOrBefore: '2026-03-03', notEndedBefore: '2026-04-25', activeOnOrAfter: '2026-03-11' })).toEqual(['c-escal']);
  });

  it('a back-dated event counts by when it happened, not when it was recorded', async () => {
    backend = await open();
    await record(backend.complaints, 'c-late', [event.received('c-late', '2026-03-10'), event.contact('2026-03-09T23:30:00Z')]);
    await engineFor().catchUp();
    // 23:30 UTC on 9 March is still 9 March in London (GMT): active on 9 March, received on 10 March.
    expect(await listed({ activeOnOrAfter: '2026-03-11' })).toEqual([]);
    expect(await listed({ activeOnOrAfter: '2026-03-10' })).toEqual(['c-late']);
    expect(await listed({ receivedOnOrBefore: '2026-03-09' })).toEqual([]);
  });

  it('a stage 2 request after a stage 1 closure reopens the file: not ended while stage 2 runs, ended again when it closes', async () => {
    backend = await open();
    const stageOne = [event.received('c-back', '2026-03-02'), event.acknowledged(1, '2026-03-04'), event.responded(1, '2026-03-17'), event.closed('2026-03-18')];
    await record(backend.complaints, 'c-back', [...stageOne, event.escalated('2026-04-01')]);
    await engineFor().catchUp();
    // Closed 18 Mar, then reopened on 1 Apr: open again, so a report of any later period selects it.
    expect(await listed({ notEndedBefore: '2026-04-02' })).toEqual(['c-back']);
    expect(await listed({ notEndedBefore: '2026-12-31' })).toEqual(['c-back']);

    await record(backend.complaints, 'c-back', [event.acknowledged(2, '2026-04-03'), event.responded(2, '2026-04-28'), event.closed('2026-04-29')]);
    await engineFor().catchUp();
    expect(await listed({ notEndedBefore: '2026-04-30' })).toEqual([]);
    expect(await listed({ notEndedBefore: '2026-04-29' })).toEqual(['c-back']);
  });

  it('replaying gives the same rows, whatever the batch size; after erasure too', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [event.erased('c-gone', '2026-03-11')]);
    const engine = engineFor(500);
    await engine.catchUp();
    await backend.complaints.erase('ds-c-gone', new Date('2026-03-11T10:00:00Z'));
    const once = await dump(backend);
    await engine.catchUp();
    expect(await dump(backend)).toEqual(once);

    for (const batchSize of [1, 4]) {
      expect((await engineFor(batchSize).rebuild('case_files')).outcome).toBe('swapped');
      expect(await dump(backend)).toEqual(once);
    }
    const gone = (await queryCaseFiles(backend.sql)).find((f) => f.complaintId === 'c-gone')!;
    expect(gone.events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintWithdrawn', 'PersonalDataErased']);
  });

  it('staff free text is screened against the complaint’s own names and contact details; after erasure it is withheld, and a rebuild agrees', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const naming = 'Mrs Ellis of 18 Weaste Lane (M5 2JH) is content; rang 0161 496 0000';
    await record(backend.complaints, 'c-acked', [
      event.extended(1, '2026-03-05', 5),
      lessonRecorded('L1', '2026-03-06', { lesson: naming, improvementAction: 'Repairs team to call back within 2 working days' }),
    ]);
    await record(backend.complaints, 'c-gone', [lessonRecorded('L1', '2026-03-09', { lesson: naming })]);
    const engine = engineFor(3);
    await engine.catchUp();
    const lessonOf = async (id: string) => (await queryCaseFiles(backend.sql)).find((f) => f.complaintId === id)!.events.find((e) => e.type === 'LessonRecorded')!.data;
    expect(await lessonOf('c-acked')).toMatchObject({
      lesson: `${REDACTED} of ${REDACTED} (${REDACTED}) is content; rang ${REDACTED}`,
      improvementAction: 'Repairs team to call back within 2 working days',
    });

    await record(backend.complaints, 'c-gone', [event.erased('c-gone', '2026-03-11'), event.closed('2026-03-12')]);
    await backend.complaints.erase('ds-c-gone', new Date('2026-03-11T10:00:00Z'));
    await engine.catchUp();
    const gone = (await queryCaseFiles(backend.sql)).find((f) => f.complaintId === 'c-gone')!;
    expect(gone.events.map((e) => [e.type, 'reason' in e.data ? e.data.reason : 'lesson' in e.data ? e.data.lesson : 'outcome' in e.data ? e.data.outcome : null])).toEqual([
      ['ComplaintReceived', null],
      ['ComplaintWithdrawn', '[erased]'],
      ['LessonRecorded', WITHHELD],
      // The erasure's own reason is personal, not staff text: erased with the key, like the resident's words.
      ['PersonalDataErased', '[erased]'],
      ['ComplaintClosed', WITHHELD],
    ]);
    expect(gone.events.at(-1)?.data).toMatchObject({ closedBy: SAM, lessonsRecorded: 0 });
    const everything = JSON.stringify((await dump(backend))['case_files']);
    for (const text of ['Ellis', 'Weaste Lane', 'M5 2JH', '0161 496 0000']) expect(everything).not.toContain(text);
    // Its terms are gone; the others' stay.
    expect(JSON.stringify((await dump(backend))['case_file_terms'])).not.toContain('c-gone');
    expect(await lessonOf('c-acked')).toMatchObject({ lesson: `${REDACTED} of ${REDACTED} (${REDACTED}) is content; rang ${REDACTED}` });

    const live = await dump(backend);
    for (const batchSize of [1, 500]) {
      expect((await engineFor(batchSize).rebuild('case_files')).outcome).toBe('swapped');
      expect(await dump(backend)).toEqual(live);
    }
  });
});
