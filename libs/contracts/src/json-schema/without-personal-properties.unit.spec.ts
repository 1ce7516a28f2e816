import { describe, expect, it } from 'vitest';
import { allEventVersions } from '../registry';
import { publishedEventSchema, publishedEventSchemas } from './event-schemas';
import { withoutPersonalProperties, type JsonSchema } from './without-personal-properties';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    who: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    heads: { type: 'array', items: { type: 'string' } },
    decisions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { head: { type: 'string' }, outcome: { type: 'string' } },
        required: ['head', 'outcome'],
      },
    },
    maybe: {
      anyOf: [
        { type: 'object', properties: { note: { type: 'string' }, n: { type: 'number' } }, required: ['note'] },
        { type: 'null' },
      ],
    },
  },
  required: ['id', 'who', 'heads', 'decisions'],
};

describe('withoutPersonalProperties', () => {
  it('removes a personal property from properties and required', () => {
    const out = withoutPersonalProperties(schema, ['who'], 'X');
    expect(Object.keys(out['properties'] as object)).toEqual(['id', 'heads', 'decisions', 'maybe']);
    expect(out['required']).toEqual(['id', 'heads', 'decisions']);
  });

  it('removes an array of personal values as a whole (`heads[]`), as the outbound form does', () => {
    const out = withoutPersonalProperties(schema, ['heads[]'], 'X');
    expect(out['properties']).not.toHaveProperty('heads');
    expect(out['required']).toEqual(['id', 'who', 'decisions']);
  });

  it('removes a field from every element of an array (`decisions[].head`)', () => {
    const out = withoutPersonalProperties(schema, ['decisions[].head'], 'X');
    expect((out['properties'] as Record<string, JsonSchema>)['decisions']!['items']).toEqual({
      type: 'object',
      properties: { outcome: { type: 'string' } },
      required: ['outcome'],
    });
  });

  it('follows each branch of a nullable or optional object', () => {
    const out = withoutPersonalProperties(schema, ['maybe.note'], 'X');
    expect((out['properties'] as Record<string, JsonSchema>)['maybe']).toEqual({
      anyOf: [{ type: 'object', properties: { n: { type: 'number' } } }, { type: 'null' }],
    });
  });

  it('refuses a personal path that names nothing in the schema', () => {
    expect(() => withoutPersonalProperties(schema, ['decisions[].reasons'], 'Thing v1')).toThrow(
      'Thing v1: personal path "decisions[].reasons" does not name a property of its schema',
    );
  });

  it('leaves the schema it was given untouched', () => {
    const before = structuredClone(schema);
    withoutPersonalProperties(schema, ['who', 'decisions[].head'], 'X');
    expect(schema).toEqual(before);
  });
});

describe('the published event schemas', () => {
  it('exist for every event version, each personal path resolving in its schema', () => {
    expect(publishedEventSchemas().map((s) => `${s.type}.v${s.schemaVersion}`)).toEqual(
      allEventVersions.map((d) => `${d.type}.v${d.schemaVersion}`),
    );
  });

  it('describe no personal field anywhere (ComplaintReceived v2: no complainant, description or outcome sought)', () => {
    const received = allEventVersions.find((d) => d.type === 'ComplaintReceived' && d.schemaVersion === 2)!;
    const published = publishedEventSchema(received);
    const properties = Object.keys(published['properties'] as object);
    expect(properties).toEqual(expect.arrayContaining(['complaintId', 'reference', 'serviceArea', 'channel']));
    for (const personal of ['complainant', 'representative', 'description', 'outcomeSought'])
      expect(properties).not.toContain(personal);
    expect(published['required']).not.toContain('complainant');
    expect(published['x-personal-data-withheld']).toEqual(received.personal);
  });

  it('are JSON Schema 2020-12 documents with a stable id and no zod-specific regular expressions on formats', () => {
    for (const { type, schemaVersion, schema } of publishedEventSchemas()) {
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema['$id']).toBe(`urn:complaints:schema:event:${type}:v${schemaVersion}`);
      expect(JSON.stringify(schema)).not.toMatch(/"format":"(date-time|date|email)","pattern"/);
    }
  });
});
