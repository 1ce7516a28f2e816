import { z } from 'zod';
import { Instant } from '../primitives';
import { JSON_SCHEMA_DIALECT, toJsonSchema } from './event-schemas';
import type { JsonSchema } from './without-personal-properties';

const Digits = z.string().regex(/^\d+$/);
const Id = z.string().min(1).max(200);
/**
 * Open on purpose: a new event type or role must not change the published envelope. Each
 * message schema (AsyncAPI, per type) pins `type` to its own value.
 */
const EventTypeName = z.string().regex(/^[A-Z][A-Za-z0-9]*$/);

/**
 * The envelope every subscriber receives, on Kafka (the record value) and on the HTTP feed alike
 * (`OutboundEvent` in libs/publishing): ids, order and times around the event's `data`, whose
 * own schema is named by `type` and `schemaVersion`. Versioned separately from the events.
 */
export const OutboundEnvelopeV1 = z.strictObject({
  eventId: Id.describe('Unique id of the event: deduplicate on it (delivery is at least once).'),
  position: Digits.describe(
    'Global position in the log (a decimal string: it can exceed 2^53). Increases in commit order; the resume point.',
  ),
  complaintId: Id.describe('The complaint (stream) the event belongs to; also the Kafka record key.'),
  type: EventTypeName.describe('Event type: which schema `data` follows.'),
  schemaVersion: z
    .number()
    .int()
    .min(1)
    .describe('Version of the `data` schema (events are delivered at the current version of their type).'),
  revision: z
    .number()
    .int()
    .min(1)
    .describe("Position in the complaint's own stream: 1 for its first event, no gaps. Per-complaint order."),
  occurredAt: Instant.describe('Business time, from the command.'),
  recordedAt: Instant.describe('When the store recorded it.'),
  correlationId: Id,
  causationId: Id.nullable(),
  actor: z.strictObject({ id: Id, role: Id }).describe('Who recorded it (staff id and role, never a name).'),
  data: z
    .record(z.string(), z.unknown())
    .describe('The event, without its personal fields: see the schema of `type` v`schemaVersion`.'),
  personalDataWithheld: z
    .array(z.string())
    .describe('Personal-data paths that were present in the event and left out.'),
});
export type OutboundEnvelopeV1 = z.infer<typeof OutboundEnvelopeV1>;

/** Kafka record headers (all strings): enough to route and deduplicate without parsing the value. */
export const KafkaHeadersV1 = z.strictObject({
  'event-type': EventTypeName,
  'event-id': Id,
  'schema-version': Digits,
  'correlation-id': Id,
  'occurred-at': Instant,
  'recorded-at': Instant,
  'complaint-id': Id,
  position: Digits,
  revision: Digits,
  'content-type': z.literal('application/json'),
});
export type KafkaHeadersV1 = z.infer<typeof KafkaHeadersV1>;

export const OUTBOUND_ENVELOPE_SCHEMA_ID = 'urn:complaints:schema:envelope:OutboundEvent:v1';
export const KAFKA_HEADERS_SCHEMA_ID = 'urn:complaints:schema:envelope:KafkaHeaders:v1';

export function outboundEnvelopeSchema(): JsonSchema {
  return document(
    OUTBOUND_ENVELOPE_SCHEMA_ID,
    'OutboundEvent v1',
    'The envelope of every delivered event (Kafka record value, HTTP feed item).',
    OutboundEnvelopeV1,
  );
}

export function kafkaHeadersSchema(): JsonSchema {
  return document(
    KAFKA_HEADERS_SCHEMA_ID,
    'Kafka headers v1',
    'Headers of every Kafka record on the complaints topic (UTF-8 strings).',
    KafkaHeadersV1,
  );
}

function document(id: string, title: string, description: string, schema: z.ZodType): JsonSchema {
  const json = toJsonSchema(schema);
  delete json['$schema'];
  return { $schema: JSON_SCHEMA_DIALECT, $id: id, title, description, ...json };
}
