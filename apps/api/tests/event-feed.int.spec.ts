import { toOutboundEvent } from '@complaints/publishing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * The integration feed (GET /api/v1/events and its SSE stream) serves the outbound form: the
 * same JSON the Kafka relay puts in a message value, so integrations without Kafka get the same
 * events, and nothing personal. With DATABASE_URL the log may hold other complaints: assertions
 * look at this file's own complaint.
 */
let t: TestApp;
let officer: string;
let integration: string;
let complaint: { id: string; reference: string };
const PERSONAL = [
  'Jane Resident',
  'jane@example.org',
  '0161 496 0000',
  '1 Example Street',
  'Black mould',
  'A permanent fix',
  'Extractor fan never fitted',
  'Test officer-olu',
];

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer', 'officer-olu');
  integration = await t.token('integration');
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: string; reference: string };
  };
  complaint = await post('/api/v1/complaints', complaintBody({ serviceArea: uniqueServiceArea('feed') }));
  await post(`/api/v1/complaints/${complaint.id}/acknowledgements`, {
    acknowledgedAt: '2026-03-03T10:00:00Z',
    handler: { id: 'u-1', name: 'Sam' },
    headsOfComplaint: ['Mould'],
  });
  await post(`/api/v1/complaints/${complaint.id}/responses`, {
    respondedAt: '2026-03-10T10:00:00Z',
    decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Extractor fan never fitted' }],
    remedies: { apology: true },
  });
});
afterAll(() => t?.close());

const get = (path: string) => t.http.get(path).auth(integration, { type: 'bearer' });

describe('the event feed for integrations', () => {
  it('serves exactly the outbound form the Kafka relay publishes, with nothing personal in the body', async () => {
    const { envelopes } = await t.infrastructure.complaints.load(complaint.id);
    const from = envelopes[0]!.globalPosition - 1n;
    const res = await get(`/api/v1/events?after=${from}&limit=1000`);
    expect(res.status).toBe(200);

    const mine = (res.body.events as { complaintId: string; type: string }[]).filter(
      (e) => e.complaintId === complaint.id,
    );
    // Through JSON, as a Kafka message value is.
    expect(mine).toEqual(JSON.parse(JSON.stringify(envelopes.map(toOutboundEvent))));
    expect(mine.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAcknowledged', 'StageResponseIssued']);
    expect(mine[0]).toMatchObject({
      revision: 1,
      personalDataWithheld: expect.arrayContaining(['complainant', 'description', 'outcomeSought']),
      actor: { id: 'officer-olu', role: 'complaints_officer' },
    });
    for (const personal of PERSONAL) expect(res.text).not.toContain(personal);
  });

  it('pages through the global log by position, in order', async () => {
    const first = (await get('/api/v1/events?after=0&limit=2')).body;
    expect(first.events).toHaveLength(2);
    expect(BigInt(first.events[1].position)).toBeGreaterThan(BigInt(first.events[0].position));
    const next = (await get(`/api/v1/events?after=${first.next}&limit=2`)).body;
    expect(BigInt(next.events[0].position)).toBeGreaterThan(BigInt(first.next));
    expect(next.events[0]).toMatchObject({
      eventId: expect.any(String),
      complaintId: expect.any(String),
      type: expect.any(String),
      correlationId: expect.any(String),
      schemaVersion: expect.any(Number),
    });
  });

  it('rejects a position that is not a whole number, naming the field', async () => {
    const res = await get('/api/v1/events?after=minus-one');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'after', message: expect.any(String) }]);
  });

  it('streams new events live over Server-Sent Events in the same form, resuming after a position', async () => {
    let head = '0';
    for (;;) {
      const page = (await get(`/api/v1/events?after=${head}&limit=1000`)).body as { events: unknown[]; next: string };
      head = page.next;
      if (page.events.length < 1000) break;
    }
    const controller = new AbortController();
    const res = await fetch(`${t.baseUrl}/api/v1/events/stream?after=${head}`, {
      headers: { authorization: `Bearer ${integration}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    expect(created.status).toBe(201);

    const reader = res.body!.getReader();
    let received = '';
    // Skip keep-alive comments; read until the first event's message is complete.
    while (!/(^|\n)id: [^]*?\n\n/.test(received)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    const message = /(?:^|\n)id: (\d+)\nevent: (\w+)\ndata: (.*)\n\n/.exec(received);
    expect(message, received).not.toBeNull();
    const [, id, type, data] = message!;
    const event = JSON.parse(data!) as Record<string, unknown>;
    expect(type).toBe('ComplaintReceived');
    expect(event).toMatchObject({
      position: id,
      complaintId: created.body.id,
      type: 'ComplaintReceived',
      revision: 1,
      personalDataWithheld: expect.arrayContaining(['complainant']),
    });
    const [envelope] = (await t.infrastructure.complaints.load(created.body.id)).envelopes;
    expect(event).toEqual(JSON.parse(JSON.stringify(toOutboundEvent(envelope!))));
    for (const personal of PERSONAL) expect(data).not.toContain(personal);
  });
});
