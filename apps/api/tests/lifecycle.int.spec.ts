import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '@complaints/documents/testing';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * One complaint taken through both stages to closure, over HTTP, checking what each step
 * answers and what the complaint, its SLA, history, chronology and integrity then say.
 * Dates are 2026, England and Wales: Good Friday 3 April and Easter Monday 6 April are not
 * working days.
 */
let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;
let id: string;
const revisions: number[] = [];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager');
  auditor = await t.token('auditor');
});
afterAll(() => t?.close());

async function step(path: string, body: Record<string, unknown>, token = officer) {
  // Steps are recorded a few milliseconds apart so "as at" a recorded time is unambiguous.
  await pause(5);
  const res = await t.http
    .post(`/api/v1/complaints/${id}/${path}`)
    .auth(token, { type: 'bearer' })
    .set('If-Match', `"${revisions.at(-1)}"`)
    .send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.revision).toBe(revisions.at(-1)! + 1);
  expect(res.headers['etag']).toBe(`"${res.body.revision}"`);
  revisions.push(res.body.revision);
  return res;
}

const get = (path: string, token = officer) =>
  t.http.get(`/api/v1/complaints/${id}${path}`).auth(token, { type: 'bearer' });

describe('a complaint through both stages to closure', () => {
  it('is received: 201, a reference, Location, revision 1', async () => {
    const res = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      reference: expect.stringMatching(/^CMP-2026-\d{6}$/),
      revision: 1,
    });
    expect(res.headers['location']).toBe(`/api/v1/complaints/${res.body.id}`);
    expect(res.headers['etag']).toBe('"1"');
    id = res.body.id;
    revisions.push(1);

    const view = await get('');
    expect(view.body).toMatchObject({
      id,
      reference: res.body.reference,
      status: 'open',
      stage: 1,
      revision: 1,
      sla: {
        stages: [
          {
            stage: 1,
            acknowledgementDue: '2026-03-09',
            acknowledgedOn: null,
            responseDue: '2026-03-23',
            respondedOn: null,
            extensionWorkingDays: 0,
            withinCodeTimescales: null,
          },
        ],
      },
    });
    expect(view.body.complainant.name).toBe('Jane Resident');
  });

  it('stage 1: acknowledged, extended, answered', async () => {
    await step('acknowledgements', {
      acknowledgedAt: '2026-03-04T10:00:00Z',
      handler: { id: 'u-017', name: 'Sam Officer' },
      method: 'email',
      headsOfComplaint: ['Repeated mould', 'Missed appointments'],
      outcomesSought: ['Permanent fix'],
    });
    let sla = (await get('')).body.sla.stages[0];
    expect(sla).toMatchObject({
      acknowledgementDue: '2026-03-09',
      acknowledgedOn: '2026-03-04',
      responseDue: '2026-03-18',
    });

    await step('extensions', {
      agreedAt: '2026-03-12T15:00:00Z',
      additionalWorkingDays: 5,
      reason: 'Waiting for the damp survey',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
    });
    sla = (await get('')).body.sla.stages[0];
    expect(sla).toMatchObject({ responseDue: '2026-03-25', extensionWorkingDays: 5, withinCodeTimescales: null });

    await step('responses', {
      respondedAt: '2026-03-16T16:00:00Z',
      decisions: [
        { head: 'Repeated mould', outcome: 'upheld', reasons: 'The extractor fan was never replaced.' },
        { head: 'Missed appointments', outcome: 'partially_upheld', reasons: 'One of three was missed.' },
      ],
      remedies: {
        apology: true,
        actions: [{ description: 'Replace the extractor fan', dueBy: '2026-04-10' }],
        compensation: [{ amountPence: 15000, kind: 'time_and_trouble' }],
      },
    });
    const view = (await get('')).body;
    expect(view.sla.stages[0]).toMatchObject({
      stage: 1,
      acknowledgementDue: '2026-03-09',
      acknowledgedOn: '2026-03-04',
      responseDue: '2026-03-25',
      respondedOn: '2026-03-16',
      extensionWorkingDays: 5,
      withinCodeTimescales: true,
    });
    expect(view.remedyActions).toHaveLength(1);
  });

  it('refuses the same handler at stage 2 (Code 6.13), naming the rule', async () => {
    await step('escalations', { requestedAt: '2026-03-20T09:00:00Z', reason: 'The fix does not address the cause' });
    const res = await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({ acknowledgedAt: '2026-03-24T10:00:00Z', handler: { id: 'u-017', name: 'Sam Officer' } });
    expect(res.status).toBe(409);
    expect(res.body.rule).toBe('stage-2-handler-must-differ');
  });

  it('stage 2: acknowledged by another handler, answered (Easter skipped), remedy completed, lesson, closed', async () => {
    await step(
      'acknowledgements',
      {
        acknowledgedAt: '2026-03-24T10:00:00Z',
        handler: { id: 'u-021', name: 'Alex Manager' },
        headsOfComplaint: ['Cause of the damp'],
      },
      manager,
    );
    let view = (await get('')).body;
    expect(view.stage).toBe(2);
    expect(view.sla.stages[1]).toMatchObject({
      stage: 2,
      acknowledgementDue: '2026-03-27',
      acknowledgedOn: '2026-03-24',
      responseDue: '2026-04-23',
      respondedOn: null,
      withinCodeTimescales: null,
    });

    await step(
      'responses',
      {
        respondedAt: '2026-04-20T15:00:00Z',
        decisions: [{ head: 'Cause of the damp', outcome: 'upheld', reasons: 'Survey found a blocked air brick.' }],
        remedies: { apology: true },
      },
      manager,
    );
    const actionId = view.remedyActions[0].actionId as string;
    await step(`remedy-actions/${encodeURIComponent(actionId)}/completion`, {
      completedAt: '2026-04-08T14:00:00Z',
      evidence: 'Job 55123 done',
    });
    await step('lessons', {
      recordedAt: '2026-04-21T12:00:00Z',
      lesson: 'Check air bricks at every damp inspection',
      serviceArea: 'repairs',
      owner: 'Head of Repairs',
    });
    await step('closure', { closedAt: '2026-04-22T12:00:00Z', outcome: 'Upheld; remedies completed' }, manager);

    view = (await get('')).body;
    expect(view).toMatchObject({ id, status: 'closed', stage: 2, revision: revisions.at(-1) });
    expect(view.sla.stages).toHaveLength(2);
    expect(view.sla.stages[1]).toMatchObject({
      respondedOn: '2026-04-20',
      withinCodeTimescales: true,
      extensionWorkingDays: 0,
    });
    expect(view.remedyActions[0].completedAt).toBe('2026-04-08T14:00:00Z');
    expect(view.closure.closedBy.id).toBe('dev-complaints-manager');
    expect(view.localSla.profile).toBe('salix-homes-2021');
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const res = await get('').set('If-None-Match', `"${revisions.at(-1)}"`);
    expect(res.status).toBe(304);
  });
});

describe('history, "as at", chronology and integrity', () => {
  it('gives the audit trail in the fixed shape, with who did what', async () => {
    const res = await get('/history', auditor);
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ExtensionAgreed',
      'StageResponseIssued',
      'ComplaintEscalated',
      'ComplaintAcknowledged',
      'StageResponseIssued',
      'RemedyActionCompleted',
      'LessonRecorded',
      'ComplaintClosed',
    ]);
    const ack = res.body.events[1];
    expect(ack).toMatchObject({
      type: 'ComplaintAcknowledged',
      revision: 2,
      occurredAt: '2026-03-04T10:00:00Z',
      recordedAt: expect.any(String),
      actor: { id: 'dev-complaints-officer', name: 'Dev Complaints Officer', role: 'complaints_officer' },
      data: { stage: 1, handler: { id: 'u-017', name: 'Sam Officer' } },
    });
    expect(res.body.state).toMatchObject({ status: 'closed', revision: 10 });
  });

  it('shows the complaint as it stood at a recorded moment', async () => {
    const all = (await get('/history', auditor)).body.events as { recordedAt: string }[];
    const asAt = all[3]!.recordedAt; // just after the stage 1 response was recorded
    const res = await get(`/history?asAt=${encodeURIComponent(asAt)}`, auditor);
    expect(res.status).toBe(200);
    expect(res.body.events).toHaveLength(4);
    expect(res.body.state).toMatchObject({ status: 'open', stage: 1, revision: 4 });
    expect(res.body.state.sla.stages).toHaveLength(1);
    const before = await get(`/history?asAt=${encodeURIComponent('2020-01-01T00:00:00Z')}`, auditor);
    expect(before.body).toMatchObject({ events: [], state: null });
    expect((await get('/history?asAt=yesterday', auditor)).status).toBe(400);
  });

  it('writes the chronology as JSON, CSV (ISO dates) and PDF with the same steps', async () => {
    const json = await get('/chronology', auditor);
    expect(json.status).toBe(200);
    expect(json.body.entries).toHaveLength(10);
    const ack = json.body.entries.find((e: { event: string }) => e.event === 'ComplaintAcknowledged');
    expect(ack).toMatchObject({ date: '2026-03-04', slaNote: expect.stringContaining('due 2026-03-09: met') });
    const response = json.body.entries.find((e: { event: string }) => e.event === 'StageResponseIssued');
    expect(response.slaNote).toContain('met');

    const csv = await get('/chronology', auditor).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('date,event,description,by,sla_note,occurred_at,recorded_at,revision');
    expect(rows).toHaveLength(11);
    expect(rows.some((row) => row.startsWith('2026-03-04,ComplaintAcknowledged,'))).toBe(true);

    const pdf = await get('/chronology', auditor)
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const raw = (pdf.body as Buffer).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain(`Complaint chronology ${json.body.reference}`);
    expect(text).toContain('Wednesday 4 March 2026');
    expect(text).toContain('Complaint acknowledged');
    expect(text).toContain('Timescale: Acknowledgement was due 9 March 2026: met.');
    expect(text.match(/Recorded by /g)).toHaveLength(json.body.entries.length);
    // The same head hash the integrity check reports, over the same ten events.
    const integrity = await get('/integrity', auditor);
    expect(text).toContain(`Hash chain: verified over ${integrity.body.eventsChecked} events.`);
    expect(text).toContain(integrity.body.headHash);
    expect(text).toMatch(/Page 1 of \d+/);

    expect((await get('/chronology', auditor).set('Accept', 'image/png')).status).toBe(406);
  });

  it('verifies the hash chain (auditors and managers only)', async () => {
    const res = await get('/integrity', auditor);
    expect(res.body).toMatchObject({
      complaintId: id,
      valid: true,
      eventsChecked: 10,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await get('/integrity', officer)).status).toBe(403);
  });
});

describe('personal-data erasure (admin only)', () => {
  it('erases the personal fields, keeps the facts, and refuses officers', async () => {
    const admin = await t.token('admin');
    const denied = await t.http
      .post(`/api/v1/complaints/${id}/personal-data/erasure`)
      .auth(officer, { type: 'bearer' })
      .send({ reason: 'Retention period ended' });
    expect(denied.status).toBe(403);
    const erased = await t.http
      .post(`/api/v1/complaints/${id}/personal-data/erasure`)
      .auth(admin, { type: 'bearer' })
      .send({ reason: 'Retention period ended' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const view = (await get('')).body;
    expect(view.complainant).toBe('[erased]');
    expect(view.description).toBe('[erased]');
    expect(view.serviceArea).toBe('repairs');
    expect(view.sla.stages[0].withinCodeTimescales).toBe(true);
    // The reason is personal, encrypted under the key the erasure destroyed: it is erased with it.
    expect(view.personalDataErased).toMatchObject({ basis: 'data_subject_request', reason: '[erased]' });
    expect(JSON.stringify(view)).not.toContain('Retention period ended');
    const again = await t.http
      .post(`/api/v1/complaints/${id}/personal-data/erasure`)
      .auth(admin, { type: 'bearer' })
      .send({ reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('personal-data-already-erased');
    expect((await get('/integrity', auditor)).body.valid).toBe(true);
  });
});
