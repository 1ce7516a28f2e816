import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema, PublishedDocument } from '@complaints/contracts';

/** How the schemas generated now compare with the committed snapshots of published versions. */
export interface SnapshotCheck {
  /** Generated now, never published: `schemas:publish` writes these. */
  unpublished: PublishedDocument[];
  /** Published, and generated differently now: a break of a published contract. */
  changed: { file: string; published: JsonSchema; generated: JsonSchema }[];
  /** Published, and no longer generated: subscribers may still meet it, so it cannot disappear. */
  withdrawn: string[];
}

/**
 * Compare documents with snapshots (file → committed text). Equality is of the JSON values,
 * ignoring what says nothing to a validator: the order of `required` (it follows the order the
 * fields are declared in) and the `title`/`description` wording. Any other difference, even a
 * looser one, counts as a change: a published version is immutable, and a new shape is a new
 * schema version.
 */
export function checkSnapshots(
  documents: readonly PublishedDocument[],
  snapshots: ReadonlyMap<string, string>,
): SnapshotCheck {
  const check: SnapshotCheck = { unpublished: [], changed: [], withdrawn: [] };
  const generatedFiles = new Set(documents.map((d) => d.file));
  for (const document of documents) {
    const text = snapshots.get(document.file);
    if (text === undefined) {
      check.unpublished.push(document);
      continue;
    }
    const published = JSON.parse(text) as JsonSchema;
    if (!isDeepStrictEqual(canonical(published), canonical(document.schema))) {
      check.changed.push({ file: document.file, published, generated: document.schema });
    }
  }
  for (const file of snapshots.keys()) if (!generatedFiles.has(file)) check.withdrawn.push(file);
  return check;
}

/** Words for people, not rules for validators: rewording them does not change the contract. */
const ANNOTATIONS = new Set(['title', 'description']);
/** Keywords whose value maps property names to schemas (a property may be called `description`). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs']);

function canonical(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(canonical);
  if (schema === null || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema as Record<string, unknown>)
    .filter(([key]) => !ANNOTATIONS.has(key))
    .map(([key, value]): [string, unknown] => {
      if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object') {
        return [key, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, canonical(sub)]))];
      }
      if (key === 'required' && Array.isArray(value)) return [key, [...(value as string[])].sort()];
      return [key, canonical(value)];
    });
  return Object.fromEntries(entries);
}

/** One line per problem, for the test failure and the script. */
export function describeProblems(check: SnapshotCheck): string[] {
  return [
    ...check.changed.map(
      ({ file }) =>
        `${file} was published and is now generated differently: published schema versions are frozen. Restore the contract, or add a new schema version (with an upcaster) and publish that.`,
    ),
    ...check.withdrawn.map(
      (file) =>
        `${file} was published and is no longer generated: subscribers may still receive it, keep the version in allEventVersions.`,
    ),
  ];
}
