import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

let t: TestApp;
let admin: string;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.token('admin');
  officer = await t.token('complaints_officer');
});
afterAll(() => t?.close());

interface ReadModelView {
  name: string;
  state: string;
  activeTableSet: string;
  checkpoint: string;
  lagEvents: string;
  rebuild: { percent: number } | null;
}

async function readModels(): Promise<ReadModelView[]> {
  const res = await t.http.get('/api/v1/admin/read-models').auth(admin, { type: 'bearer' });
  expect(res.status).toBe(200);
  return res.body.readModels as ReadModelView[];
}

describe('operating the read models', () => {
  it('lists every read model with its tables, checkpoint and lag', async () => {
    const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    await t.http.get(`/api/v1/complaints?waitForPosition=${created.body.position}`).auth(officer, { type: 'bearer' });

    const models = await readModels();
    expect(models.map((m) => m.name).sort()).toEqual([
      'case_files',
      'chronology',
      'complaint_summaries',
      'document_blob_erasure',
      'equality_monitoring',
      'feedback_items',
      'lessons',
      'retention',
      'subject_index',
      'transparency_log',
    ]);
    for (const model of models) {
      expect(model.state).toBe('live');
      expect(BigInt(model.checkpoint)).toBeGreaterThanOrEqual(BigInt(created.body.position));
      expect(model.rebuild).toBeNull();
    }
  });

  it('rebuilds one into fresh tables on request and swaps them in, the rows unchanged', async () => {
    const area = uniqueServiceArea('rebuilt');
    const created = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send(complaintBody({ serviceArea: area }));
    const before = await t.http
      .get(`/api/v1/complaints?serviceArea=${area}&waitForPosition=${created.body.position}`)
      .auth(officer, { type: 'bearer' });
    const tablesBefore = (await readModels()).find((m) => m.name === 'complaint_summaries')!.activeTableSet;

    const started = await t.http
      .post('/api/v1/admin/read-models/complaint_summaries/rebuild')
      .auth(admin, { type: 'bearer' });
    expect(started.status).toBe(202);
    expect(started.headers['location']).toBe('/api/v1/admin/read-models');

    let summaries: ReadModelView | undefined;
    for (let attempt = 0; attempt < 200; attempt++) {
      summaries = (await readModels()).find((m) => m.name === 'complaint_summaries');
      if (summaries && summaries.activeTableSet !== tablesBefore && summaries.rebuild === null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(summaries?.activeTableSet).not.toBe(tablesBefore);
    expect(summaries?.state).toBe('live');

    const after = await t.http.get(`/api/v1/complaints?serviceArea=${area}`).auth(officer, { type: 'bearer' });
    expect(after.body).toEqual(before.body);
  });

  it('answers 404 for a read model that does not exist', async () => {
    const res = await t.http.post('/api/v1/admin/read-models/no_such_model/rebuild').auth(admin, { type: 'bearer' });
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('no_such_model');
  });
});
