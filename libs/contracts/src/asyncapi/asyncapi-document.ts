import type { EventDefinition } from '../define-event';
import { publishedEventSchema } from '../json-schema/event-schemas';
import { kafkaHeadersSchema, outboundEnvelopeSchema } from '../json-schema/outbound-envelope';
import type { JsonSchema } from '../json-schema/without-personal-properties';
import { currentEvents } from '../registry';

/** The topic the relay publishes to unless KAFKA_TOPIC says otherwise. */
export const DEFAULT_EVENTS_TOPIC = 'complaints.events.v1';

const KAFKA_BINDING_VERSION = '0.5.0';
const CHANNEL = 'complaintEvents';

export interface AsyncApiOptions {
  topic: string;
  /** KAFKA_BROKERS, when configured: listed as servers. Otherwise one server with a `broker` variable. */
  brokers?: readonly string[] | undefined;
}

const DESCRIPTION = `Every event recorded about a complaint, published by the relay (apps/worker) from the
global event log, for downstream services (CRM, repairs, letters and SMS, the data warehouse).

**Record**: key = the complaint id; value = the event envelope (JSON, \`OutboundEvent\` v1) whose \`data\`
follows the schema named by \`type\` and \`schemaVersion\`; headers repeat the ids and times as strings
(\`event-type\`, \`event-id\`, \`schema-version\`, \`correlation-id\`, \`occurred-at\`, \`recorded-at\`,
\`complaint-id\`, \`position\`, \`revision\`, \`content-type\`) so a consumer can route and deduplicate
without parsing the value.

**Ordering**: all events of one complaint share a key, hence a partition, and are published in log order
(acknowledged by all in-sync replicas, one request in flight), so a consumer sees a complaint's events in
order: \`revision\` counts 1, 2, 3… with no gaps within a complaint. Across complaints there is no order
between partitions; \`position\` is the order of the whole log (use the HTTP feed to replay it in one order).
The topic must use \`cleanup.policy=delete\`: compaction keeps one record per key and would throw a
complaint's history away.

**Delivery is at least once**: the relay stores its checkpoint only after the broker acknowledged a batch,
so a relay that stops between the two publishes that batch again on restart. Never a gap, sometimes a
duplicate: deduplicate on \`eventId\` (header \`event-id\`), or skip a \`revision\` at or below the last
one applied for that complaint.

**Personal data is never on the topic**: names, contact details, addresses and the resident's own words
(every field an event lists as personal) are left out, not masked or encrypted, because topics are copied
into warehouses, logs and backups that an erasure request could not reach. \`personalDataWithheld\` lists
the paths that were present and left out. A subscriber entitled to a case's personal details reads them
from the API (\`GET /api/v1/complaints/{id}\`) with its own token, which honours erasure. After an erasure
(\`PersonalDataErased\`) nothing on the topic needs rewriting.

**Schemas**: events are delivered at the current version of their type (older stored versions are upcast
first). Every published version is frozen; a change of shape is a new version. JSON Schema (2020-12) of every
version: \`GET /api/schemas/events\` (index) and \`GET /api/schemas/events/{type}/v{n}\`.

**Without Kafka**: the same envelopes are served by the HTTP feed (role \`integration\`): \`GET /api/v1/events?after=&limit=\`
and the live \`GET /api/v1/events/stream\` (server-sent events, resuming from \`Last-Event-ID\`).`;

/**
 * The AsyncAPI 3.0 document of the complaints topic: one message per event type (its current
 * version), each with the headers schema, the envelope with its `data` schema, and the Kafka key.
 * Schemas are the published JSON Schemas, embedded without `$schema`/`$id` (AsyncAPI's default
 * schema format is a superset of draft-07, and these use no keyword newer than draft-07).
 */
export function buildAsyncApiDocument(options: AsyncApiOptions): Record<string, unknown> {
  const definitions = Object.values(currentEvents) as EventDefinition[];
  const schemaName = (d: EventDefinition) => `${d.type}.v${d.schemaVersion}`;

  const schemas: Record<string, JsonSchema> = {
    OutboundEvent: embedded(outboundEnvelopeSchema()),
    KafkaHeaders: embedded(kafkaHeadersSchema()),
  };
  const messages: Record<string, unknown> = {};
  for (const definition of definitions) {
    schemas[schemaName(definition)] = embedded(publishedEventSchema(definition));
    messages[definition.type] = {
      name: definition.type,
      title: definition.type,
      summary: definition.description,
      description:
        `${definition.description}\n\n\`data\` follows \`${schemaName(definition)}\` (JSON Schema: \`GET /api/schemas/events/${definition.type}/v${definition.schemaVersion}\`).` +
        (definition.personal.length
          ? ` Personal fields left out: ${definition.personal.map((p) => `\`${p}\``).join(', ')}.`
          : ' It has no personal fields.'),
      contentType: 'application/json',
      headers: {
        type: 'object',
        allOf: [
          { $ref: '#/components/schemas/KafkaHeaders' },
          {
            type: 'object',
            properties: {
              'event-type': { const: definition.type },
              'schema-version': { const: String(definition.schemaVersion) },
            },
          },
        ],
      },
      payload: {
        type: 'object',
        allOf: [
          { $ref: '#/components/schemas/OutboundEvent' },
          {
            type: 'object',
            properties: {
              type: { const: definition.type },
              schemaVersion: { const: definition.schemaVersion },
              data: { $ref: `#/components/schemas/${schemaName(definition)}` },
            },
          },
        ],
      },
      correlationId: { $ref: '#/components/correlationIds/correlationId' },
      bindings: {
        kafka: {
          key: {
            type: 'string',
            description: 'The complaint id: every event of a complaint goes to the same partition, in order.',
          },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
  }

  return {
    asyncapi: '3.0.0',
    id: 'urn:complaints:events',
    info: {
      title: 'Complaints events',
      version: '1.0.0',
      description: DESCRIPTION,
    },
    defaultContentType: 'application/json',
    servers: servers(options.brokers),
    channels: {
      [CHANNEL]: {
        address: options.topic,
        title: 'Complaint events',
        description: `Every complaint event, keyed by complaint id (topic \`${options.topic}\`, KAFKA_TOPIC).`,
        messages: Object.fromEntries(definitions.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }])),
        bindings: {
          kafka: {
            topic: options.topic,
            topicConfiguration: { 'cleanup.policy': ['delete'] },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      },
    },
    operations: {
      publishComplaintEvents: {
        action: 'send',
        channel: { $ref: `#/channels/${CHANNEL}` },
        title: 'Publish complaint events',
        summary: 'The relay publishes every recorded event, in log order, at least once.',
        messages: definitions.map((d) => ({ $ref: `#/channels/${CHANNEL}/messages/${d.type}` })),
      },
    },
    components: {
      schemas,
      messages,
      correlationIds: {
        correlationId: {
          description:
            'The correlation id of the request that recorded the event (X-Correlation-Id): every event of one command shares it.',
          location: '$message.header#/correlation-id',
        },
      },
    },
  };
}

function servers(brokers: readonly string[] | undefined): Record<string, unknown> {
  if (brokers && brokers.length > 0) {
    return Object.fromEntries(
      brokers.map((broker, i) => [
        `broker${i + 1}`,
        { host: broker, protocol: 'kafka', description: 'A bootstrap broker (KAFKA_BROKERS).' },
      ]),
    );
  }
  return {
    kafka: {
      host: '{broker}',
      protocol: 'kafka',
      description: 'The Kafka cluster this deployment publishes to (KAFKA_BROKERS).',
      variables: { broker: { default: 'localhost:9092', description: 'host:port of a bootstrap broker' } },
    },
  };
}

function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}
