import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEventVersions, complaintEventTypes } from '@complaints/contracts';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092', KAFKA_TOPIC: 'acme.complaints.v1' });
});
afterAll(() => t?.close());

/** Schemas are parsed whatever their JSON media type (application/schema+json included). */
async function getJson(path: string, token?: string) {
  const req = t.http
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text ? JSON.parse(text) : undefined));
    });
  return token ? req.auth(token, { type: 'bearer' }) : req;
}

describe('documentation for subscribers, beside /api/docs', () => {
  it('GET /api/docs/asyncapi.json is public and describes the topic (KAFKA_TOPIC), one message per event type, brokers from KAFKA_BROKERS', async () => {
    const res = await getJson('/api/docs/asyncapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.asyncapi).toBe('3.0.0');
    expect(res.body.channels.complaintEvents.address).toBe('acme.complaints.v1');
    expect(Object.keys(res.body.components.messages)).toEqual(complaintEventTypes);
    expect(Object.values(res.body.servers).map((s) => (s as { host: string }).host)).toEqual([
      'kafka-1:9092',
      'kafka-2:9092',
    ]);
  });

  it('GET /api/schemas/events lists every published version with its URL, marking the current ones', async () => {
    const res = await getJson('/api/schemas/events');
    expect(res.status).toBe(200);
    const listed = res.body.events as { type: string; schemaVersion: number; current: boolean; url: string }[];
    expect(listed.map((e) => `${e.type} v${e.schemaVersion}`)).toEqual(
      allEventVersions.map((d) => `${d.type} v${d.schemaVersion}`),
    );
    expect(listed.filter((e) => e.type === 'ComplaintReceived').map((e) => [e.schemaVersion, e.current])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    for (const entry of listed) {
      const schema = await getJson(entry.url);
      expect(schema.status, entry.url).toBe(200);
      expect(schema.body.$id).toBe(`urn:complaints:schema:event:${entry.type}:v${entry.schemaVersion}`);
    }
  });

  it('GET /api/schemas/events/{type}/v{n} answers the JSON Schema as published: personal properties left out', async () => {
    const res = await getJson('/api/schemas/events/ComplaintReceived/v2');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
    expect(res.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(res.body.properties)).toContain('reference');
    expect(Object.keys(res.body.properties)).not.toContain('complainant');
    const old = await getJson('/api/schemas/events/ComplaintReceived/v1');
    expect(Object.keys(old.body.properties)).not.toContain('complainantName');
  });

  it('the envelope and Kafka headers schemas are served too', async () => {
    expect((await getJson('/api/schemas/envelope/OutboundEvent/v1')).body.required).toContain('eventId');
    expect((await getJson('/api/schemas/envelope/KafkaHeaders/v1')).body.required).toContain('event-id');
    expect((await getJson('/api/schemas/envelope/Nope/v1')).status).toBe(404);
  });

  it.each([
    '/api/schemas/events/ComplaintReceived/v4',
    '/api/schemas/events/ComplaintReceived/2',
    '/api/schemas/events/NoSuchEvent/v1',
  ])('%s is a 404 problem pointing at the index', async (path) => {
    const res = await getJson(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/GET \/api\/schemas\/events lists them/);
  });

  it('every event the HTTP feed delivers passes the envelope schema and the published schema of its type and version', async () => {
    const officer = await t.token('complaints_officer');
    const created = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send(complaintBody())
      .expect(201);
    await t.http
      .post(`/api/v1/complaints/${created.body.id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({
        acknowledgedAt: '2026-03-04T09:00:00Z',
        handler: { id: 'off-1', name: 'Sam Officer' },
        headsOfComplaint: ['Mould not treated'],
      })
      .expect(200);
    // From just before this test's first event: on a shared database other files' events come first.
    const after = BigInt(created.body.position) - 1n;
    const feed = await getJson(`/api/v1/events?after=${after}&limit=100`, await t.token('integration'));
    const events = feed.body.events as { type: string; schemaVersion: number; data: unknown }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ComplaintReceived', 'ComplaintAcknowledged']));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const envelope = ajv.compile((await getJson('/api/schemas/envelope/OutboundEvent/v1')).body);
    // One validator per schema: ajv refuses to compile the same $id twice.
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const event of events) {
      expect(envelope(event), JSON.stringify(envelope.errors)).toBe(true);
      const path = `/api/schemas/events/${event.type}/v${event.schemaVersion}`;
      const data = validators.get(path) ?? ajv.compile((await getJson(path)).body);
      validators.set(path, data);
      expect(data(event.data), `${event.type}: ${JSON.stringify(data.errors)}`).toBe(true);
    }
  });
});
