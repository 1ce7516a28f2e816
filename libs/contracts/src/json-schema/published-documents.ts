import { publishedEventSchemas } from './event-schemas';
import { kafkaHeadersSchema, outboundEnvelopeSchema } from './outbound-envelope';
import type { JsonSchema } from './without-personal-properties';

/** A schema published to subscribers, with the file name of its committed snapshot. */
export interface PublishedDocument {
  /** Relative to libs/contracts/schemas: `events/ComplaintReceived.v2.json`. */
  file: string;
  schema: JsonSchema;
}

/**
 * Everything subscribers rely on: every event version ever published, the envelope and the
 * Kafka headers. Each one is frozen once its snapshot is committed.
 */
export function publishedDocuments(): PublishedDocument[] {
  return [
    ...publishedEventSchemas().map(({ type, schemaVersion, schema }) => ({
      file: eventSchemaFile(type, schemaVersion),
      schema,
    })),
    { file: 'envelope/OutboundEvent.v1.json', schema: outboundEnvelopeSchema() },
    { file: 'envelope/KafkaHeaders.v1.json', schema: kafkaHeadersSchema() },
  ];
}

export function eventSchemaFile(type: string, schemaVersion: number): string {
  return `events/${type}.v${schemaVersion}.json`;
}

/** The committed text of a snapshot: two-space JSON and a final newline, so diffs stay readable. */
export function snapshotText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
