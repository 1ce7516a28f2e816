import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { complaintEventTypes, currentEvents } from '../registry';
import { buildAsyncApiDocument, DEFAULT_EVENTS_TOPIC } from './asyncapi-document';

type Node = Record<string, unknown>;
const doc = buildAsyncApiDocument({ topic: DEFAULT_EVENTS_TOPIC }) as Node & {
  components: Node & { messages: Record<string, Node>; schemas: Record<string, Node> };
};

/** Resolve a local JSON pointer (`#/components/schemas/X`) in the document. */
function resolve(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Node | undefined)?.[key], doc);
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

function keywordsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => keywordsIn(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      found.add(key);
      keywordsIn(value, found);
    }
  }
  return found;
}

describe('the AsyncAPI document of the complaints topic', () => {
  it('is AsyncAPI 3.0 with one channel at the configured topic, and one message per event type', () => {
    expect(doc['asyncapi']).toBe('3.0.0');
    const channel = (doc['channels'] as Record<string, Node>)['complaintEvents']!;
    expect(channel['address']).toBe('complaints.events.v1');
    expect(Object.keys(channel['messages'] as Node)).toEqual(complaintEventTypes);
    expect(Object.keys(doc.components.messages)).toEqual(complaintEventTypes);
    const custom = buildAsyncApiDocument({ topic: 'acme.complaints', brokers: ['k1:9092', 'k2:9092'] }) as Node;
    expect((custom['channels'] as Record<string, Node>)['complaintEvents']!['address']).toBe('acme.complaints');
    expect(Object.values(custom['servers'] as Record<string, Node>).map((s) => s['host'])).toEqual([
      'k1:9092',
      'k2:9092',
    ]);
  });

  it('has no dangling reference', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(complaintEventTypes.length * 3);
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
  });

  it('keys every message by complaint id with a Kafka binding, and correlates on the correlation-id header', () => {
    for (const message of Object.values(doc.components.messages)) {
      const kafka = (message['bindings'] as Record<string, Node>)['kafka']!;
      expect(kafka['key']).toMatchObject({ type: 'string' });
      expect(kafka['bindingVersion']).toBe('0.5.0');
      expect(resolve((message['correlationId'] as { $ref: string }).$ref)).toEqual(
        expect.objectContaining({ location: '$message.header#/correlation-id' }),
      );
    }
  });

  it('describes the delivery contract and the personal-data decision', () => {
    const description = (doc['info'] as Node)['description'] as string;
    expect(description).toMatch(/key = the complaint id/);
    expect(description).toMatch(/at least once/);
    expect(description).toMatch(/deduplicate on `eventId`/);
    expect(description).toMatch(/Personal data is never on the topic/);
    expect(description).toMatch(/cleanup\.policy=delete/);
  });

  it('embeds schemas without $schema/$id and without keywords newer than draft-07 (AsyncAPI schema format)', () => {
    const keywords = keywordsIn(doc.components.schemas);
    for (const newer of [
      '$schema',
      '$id',
      '$defs',
      'prefixItems',
      'unevaluatedProperties',
      'unevaluatedItems',
      'dependentRequired',
      'dependentSchemas',
      '$dynamicRef',
    ]) {
      expect(keywords.has(newer), newer).toBe(false);
    }
  });

  it('payload and headers schemas accept a delivered message of their type and refuse one of another type', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    // Ajv reads the document as a schema: AsyncAPI's own `id` field means something else to it.
    const { id: _id, ...asSchema } = doc;
    ajv.addSchema(asSchema, 'asyncapi');
    const payload = ajv.compile({ $ref: 'asyncapi#/components/messages/ContactLogged/payload' });
    const headers = ajv.compile({ $ref: 'asyncapi#/components/messages/ContactLogged/headers' });
    const message = {
      eventId: 'e-1',
      position: '12',
      complaintId: 'c-1',
      type: 'ContactLogged',
      schemaVersion: currentEvents.ContactLogged.schemaVersion,
      revision: 3,
      occurredAt: '2026-03-05T09:00:00.000Z',
      recordedAt: '2026-03-05T09:00:01.000Z',
      correlationId: 'corr-1',
      causationId: null,
      actor: { id: 'u-1', role: 'complaints_officer' },
      data: { occurredAt: '2026-03-05T09:00:00.000Z', direction: 'outbound', channel: 'phone', reached: true },
      personalDataWithheld: ['summary'],
    };
    expect(payload(message), JSON.stringify(payload.errors)).toBe(true);
    expect(payload({ ...message, data: { ...message.data, summary: 'Spoke to Ada' } })).toBe(false);
    expect(payload({ ...message, type: 'ComplaintClosed' })).toBe(false);
    const recordHeaders = {
      'event-type': 'ContactLogged',
      'event-id': 'e-1',
      'schema-version': String(currentEvents.ContactLogged.schemaVersion),
      'correlation-id': 'corr-1',
      'occurred-at': message.occurredAt,
      'recorded-at': message.recordedAt,
      'complaint-id': 'c-1',
      position: '12',
      revision: '3',
      'content-type': 'application/json',
    };
    expect(headers(recordHeaders), JSON.stringify(headers.errors)).toBe(true);
    expect(headers({ ...recordHeaders, 'event-type': 'ComplaintClosed' })).toBe(false);
  });
});
