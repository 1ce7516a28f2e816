import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHRONOLOGY, LESSONS, withActiveTables } from '@complaints/projections';
import { complaintBody, startTestApp, TEST_METRICS_TOKEN, uniqueServiceArea, type TestApp } from './support/test-app';

/** The chronology and the lessons register as answered from their read models. */
let t: TestApp;
let officer: string;
let auditor: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  [officer, auditor, admin] = await Promise.all([t.token('complaints_officer'), t.token('auditor'), t.token('admin')]);
});
afterAll(() => t?.close());

async function post(path: string, body: Record<string, unknown>, token = officer) {
  const res = await t.http.post(path).auth(token, { type: 'bearer' }).send(body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { id: string; reference: string };
}

/** Every column of the read model's rows for one complaint, as JSON text. */
async function rawRows(projection: string, table: string, complaintId: string): Promise<string> {
  const { sql } = t.infrastructure;
  return withActiveTables(sql, projection, async (tables) =>
    (
      await sql.query<{ row: string }>(
        `SELECT to_jsonb(r)::text AS row FROM ${tables.table(table)} AS r WHERE complaint_id = $1`,
        [complaintId],
      )
    )
      .map((r) => r.row)
      .join('\n'),
  );
}

describe('the chronology from its read model', () => {
  it('answers with the rows the read model holds for the complaint, including a step written just before', async () => {
    const c = await post('/api/v1/complaints', complaintBody({ serviceArea: uniqueServiceArea('roofing') }));
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-04T10:00:00Z',
      handler: { id: 'u-sam', name: 'Sam Officer' },
      headsOfComplaint: ['Roof leak'],
    });
    const first = await t.http.get(`/api/v1/complaints/${c.id}/chronology`).auth(auditor, { type: 'bearer' });
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { date: string; event: string }) => [e.date, e.event])).toEqual([
      ['2026-03-02', 'ComplaintReceived'],
      ['2026-03-04', 'ComplaintAcknowledged'],
    ]);

    // Change the stored row (no sealed text: it reads as its clear, redacted text): the answer follows the read model, not a replay of the stream.
    await withActiveTables(t.infrastructure.sql, CHRONOLOGY, (tables) =>
      t.infrastructure.sql.query(
        `UPDATE ${tables.table('chronology')} SET description_sealed = NULL, description_redacted = 'Stored text' WHERE complaint_id = $1 AND revision = 2`,
        [c.id],
      ),
    );
    const again = await t.http
      .get(`/api/v1/complaints/${c.id}/chronology?format=csv`)
      .auth(auditor, { type: 'bearer' });
    expect(again.text.trim().split('\r\n')[2]).toMatch(/^2026-03-04,ComplaintAcknowledged,Stored text,/);
    expect((await t.http.get('/api/v1/complaints/c-unknown/chronology').auth(auditor, { type: 'bearer' })).status).toBe(
      404,
    );
  });

  it('after erasure neither the chronology nor its stored rows hold the resident’s name or words', async () => {
    const c = await post('/api/v1/complaints', complaintBody({ serviceArea: uniqueServiceArea('roofing') }));
    await post(`/api/v1/complaints/${c.id}/withdrawal`, {
      withdrawnAt: '2026-03-03T09:00:00Z',
      reason: 'Jane sorted it with the contractor',
    });
    const before = await t.http.get(`/api/v1/complaints/${c.id}/chronology`).auth(auditor, { type: 'bearer' });
    expect(JSON.stringify(before.body)).toContain('Jane Resident');

    await post(`/api/v1/complaints/${c.id}/personal-data/erasure`, { reason: 'Retention period ended' }, admin);
    const after = await t.http.get(`/api/v1/complaints/${c.id}/chronology`).auth(auditor, { type: 'bearer' });
    expect(after.body.entries.map((e: { event: string }) => e.event)).toEqual([
      'ComplaintReceived',
      'ComplaintWithdrawn',
      'PersonalDataErased',
    ]);
    const stored = await rawRows(CHRONOLOGY, 'chronology', c.id);
    for (const text of ['Jane Resident', 'Black mould', 'A permanent fix', 'Jane sorted it']) {
      expect(JSON.stringify(after.body)).not.toContain(text);
      expect(stored).not.toContain(text);
    }
    expect(after.body.entries[0].description).toContain('from [erased]');
  });
});

describe('the lessons register from its read model', () => {
  it('lists a lesson recorded just before, filtered by date and service area, with the complaint’s area when the lesson names none', async () => {
    const area = uniqueServiceArea('gas');
    const c = await post('/api/v1/complaints', complaintBody({ serviceArea: area }));
    await post(`/api/v1/complaints/${c.id}/lessons`, {
      recordedAt: '2026-03-05T09:00:00Z',
      lesson: 'Check the meter first',
      owner: 'Head of Gas',
    });
    await post(`/api/v1/complaints/${c.id}/lessons`, {
      recordedAt: '2026-03-09T09:00:00Z',
      lesson: 'Call before visiting',
      serviceArea: area.toUpperCase(),
    });
    const list = (query: string) =>
      t.http.get(`/api/v1/lessons?serviceArea=${area}${query}`).auth(officer, { type: 'bearer' });

    expect((await list('')).body.lessons).toEqual([
      expect.objectContaining({
        lessonId: 'L2',
        complaintId: c.id,
        recordedOn: '2026-03-09',
        serviceArea: area.toUpperCase(),
        owner: null,
      }),
      expect.objectContaining({
        lessonId: 'L1',
        reference: c.reference,
        recordedOn: '2026-03-05',
        serviceArea: area,
        category: 'damp and mould',
        owner: 'Head of Gas',
      }),
    ]);
    expect((await list('&from=2026-03-06')).body.lessons.map((l: { lessonId: string }) => l.lessonId)).toEqual(['L2']);
    expect((await list('&to=2026-03-05')).body.lessons.map((l: { lessonId: string }) => l.lessonId)).toEqual(['L1']);
    // The read opened it: the rows keep the text only sealed under the complaint's data-subject key.
    const stored = await rawRows(LESSONS, 'lessons', c.id);
    expect(stored).toContain(area);
    expect(stored).not.toContain('Check the meter first');
    const bad = await t.http.get('/api/v1/lessons?from=5 March').auth(officer, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
  });
});

describe('GET /metrics', () => {
  it('reports every read model the engine maintains', async () => {
    await t.http.get('/api/v1/lessons').auth(officer, { type: 'bearer' });
    const res = await t.http.get('/metrics').auth(TEST_METRICS_TOKEN, { type: 'bearer' });
    for (const name of [
      'complaint_summaries',
      'case_files',
      'lessons',
      'chronology',
      'retention',
      'subject_index',
      'transparency_log',
    ]) {
      expect(res.text).toMatch(new RegExp(`^projection_checkpoint_position\\{projection="${name}"\\} [1-9]\\d*$`, 'm'));
    }
  });
});
