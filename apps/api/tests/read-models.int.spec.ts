import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, TEST_METRICS_TOKEN, uniqueServiceArea, type TestApp } from './support/test-app';

let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
});
afterAll(() => t?.close());

describe('the complaint list from the read model', () => {
  it('shows each write at once (the list waits for the read model to catch up) with the current stage’s handler and dates', async () => {
    const area = uniqueServiceArea('heating');
    const created = (
      await t.http
        .post('/api/v1/complaints')
        .auth(officer, { type: 'bearer' })
        .send(complaintBody({ serviceArea: area }))
    ).body;
    await t.http
      .post(`/api/v1/complaints/${created.id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({
        acknowledgedAt: '2026-03-04T10:00:00Z',
        handler: { id: 'u-sam', name: 'Sam Officer' },
        headsOfComplaint: ['Heating'],
      });

    const list = await t.http.get(`/api/v1/complaints?serviceArea=${area}`).auth(officer, { type: 'bearer' });

    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, limit: 100, offset: 0 });
    expect(list.body.items[0]).toMatchObject({
      id: created.id,
      reference: created.reference,
      status: 'open',
      stage: 1,
      revision: 2,
      receivedOn: '2026-03-02',
      handler: { id: 'u-sam', name: 'Sam Officer' },
      acknowledgementDue: '2026-03-09',
      responseDue: '2026-03-18',
    });
  });
});

describe('GET /metrics', () => {
  it("answers the scraper's METRICS_TOKEN in the Prometheus text format, with the lag of each read model", async () => {
    // A list read first: the read model has then caught up with every write so far.
    await t.http.get('/api/v1/complaints').auth(officer, { type: 'bearer' });
    const res = await t.http.get('/metrics').auth(TEST_METRICS_TOKEN, { type: 'bearer' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;/);
    expect(res.headers['content-type']).toContain('version=0.0.4');
    expect(res.text).toContain('# TYPE projection_lag_events gauge\n');
    expect(res.text).toMatch(/^projection_checkpoint_position\{projection="complaint_summaries"\} [1-9]\d*$/m);
    expect(res.text).toMatch(/^event_log_head_position [1-9]\d*$/m);
  });
});
