import { describe, expect, it } from 'vitest';
import { publishedDocuments, snapshotText, type PublishedDocument } from '@complaints/contracts';
import { checkSnapshots, describeProblems } from './snapshot-check';

const received: PublishedDocument = {
  file: 'events/Thing.v1.json',
  schema: {
    title: 'Thing v1',
    type: 'object',
    properties: { id: { type: 'string' }, description: { type: 'string', description: 'What happened' } },
    required: ['id', 'description'],
    additionalProperties: false,
  },
};
/** The shape of the sample schema, for editing it in tests. */
interface Thing {
  title: string;
  properties: Record<string, Record<string, unknown>> & { description: Record<string, unknown> };
  required: string[];
}
const published = new Map([[received.file, snapshotText(received.schema)]]);
const altered = (change: (schema: Thing) => void): PublishedDocument => {
  const schema = structuredClone(received.schema) as unknown as Thing;
  change(schema);
  return { file: received.file, schema: schema as unknown as PublishedDocument['schema'] };
};

describe('checkSnapshots', () => {
  it('finds nothing to report when the generated schema is the published one', () => {
    expect(checkSnapshots([received], published)).toEqual({ unpublished: [], changed: [], withdrawn: [] });
  });

  it('reports a version with no snapshot as unpublished, not as a problem', () => {
    const check = checkSnapshots([received], new Map());
    expect(check.unpublished.map((d) => d.file)).toEqual(['events/Thing.v1.json']);
    expect(describeProblems(check)).toEqual([]);
  });

  it.each([
    ['a property removed', (s: Thing) => delete s.properties['id']],
    ['a property made optional', (s: Thing) => (s.required = ['description'])],
    ['a type changed', (s: Thing) => (s.properties['id'] = { type: 'integer' })],
    ['a property added', (s: Thing) => (s.properties['extra'] = { type: 'string' })],
    ['a property called description retyped', (s: Thing) => (s.properties.description = { type: 'number' })],
  ])('reports %s in a published version as a change', (_what, change) => {
    const check = checkSnapshots([altered(change)], published);
    expect(check.changed.map((c) => c.file)).toEqual(['events/Thing.v1.json']);
    expect(describeProblems(check)[0]).toMatch(/published schema versions are frozen/);
  });

  it('ignores reworded titles and descriptions and the order of required', () => {
    const reworded = altered((s) => {
      s.title = 'A thing';
      s.properties.description['description'] = 'What the resident said happened';
      s.required = ['description', 'id'];
    });
    expect(checkSnapshots([reworded], published).changed).toEqual([]);
  });

  it('reports a published snapshot that is no longer generated', () => {
    const check = checkSnapshots([], published);
    expect(check.withdrawn).toEqual(['events/Thing.v1.json']);
    expect(describeProblems(check)[0]).toMatch(/no longer generated/);
  });

  it('catches a change to a real contract (a field of ComplaintClosed v1 made optional)', () => {
    const documents = publishedDocuments();
    const snapshots = new Map(documents.map((d) => [d.file, snapshotText(d.schema)]));
    const closed = documents.find((d) => d.file === 'events/ComplaintClosed.v1.json')!;
    const loosened = {
      ...closed,
      schema: { ...closed.schema, required: (closed.schema['required'] as string[]).slice(1) },
    };
    expect(checkSnapshots([loosened], snapshots).changed.map((c) => c.file)).toEqual([
      'events/ComplaintClosed.v1.json',
    ]);
  });
});
