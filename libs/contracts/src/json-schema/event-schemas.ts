import { z } from 'zod';
import type { EventDefinition } from '../define-event';
import { allEventVersions } from '../registry';
import { withoutPersonalProperties, type JsonSchema } from './without-personal-properties';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Stable, location-independent identifiers: a schema's identity must not depend on where the API runs. */
export function eventSchemaId(type: string, schemaVersion: number): string {
  return `urn:complaints:schema:event:${type}:v${schemaVersion}`;
}

/**
 * JSON Schema (draft 2020-12) of an event version's `data` as subscribers receive it: the zod
 * contract's OUTPUT form (defaults applied, as stored) without its personal properties. This is
 * a published contract: once a version is published it must never change (see the snapshots
 * in libs/contracts/schemas and the compatibility test); a change means a new schema version.
 */
export function publishedEventSchema(definition: EventDefinition): JsonSchema {
  const generated = toJsonSchema(definition.schema);
  const data = withoutPersonalProperties(
    generated,
    definition.personal,
    `${definition.type} v${definition.schemaVersion}`,
  );
  delete data['$schema'];
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: eventSchemaId(definition.type, definition.schemaVersion),
    title: `${definition.type} v${definition.schemaVersion}`,
    description: definition.description,
    ...data,
    // Informative: what the producer withholds, so a subscriber knows the fields exist and where to ask.
    'x-personal-data-withheld': [...definition.personal],
  };
}

/** Every published (type, version) with its schema, oldest version first per type. */
export function publishedEventSchemas(): { type: string; schemaVersion: number; schema: JsonSchema }[] {
  return allEventVersions.map((definition) => ({
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    schema: publishedEventSchema(definition),
  }));
}

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
  }) as JsonSchema;
  return withoutRedundantPatterns(json) as JsonSchema;
}

/**
 * zod writes both `format` (date-time, date, email) and the long regular expression it checks
 * them with. The regex is an implementation detail of the zod release: keeping it would make a
 * zod upgrade look like a change to every published schema. The format says the same thing, to
 * readers and to code generators (the OpenAPI document leaves it out for the same reason).
 */
export function withoutRedundantPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRedundantPatterns);
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const hasFormat = typeof record['format'] === 'string' && ['date-time', 'date', 'email'].includes(record['format']);
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => !(hasFormat && key === 'pattern'))
      .map(([key, value]) => [key, withoutRedundantPatterns(value)]),
  );
}
