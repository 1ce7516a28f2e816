import { describe, expect, it } from 'vitest';
import { allEventVersions, eventSchemaFile, publishedDocuments } from '@complaints/contracts';
import { checkSnapshots, describeProblems } from './snapshot-check';
import { readSnapshots } from './snapshot-directory';

/**
 * The compatibility gate: what subscribers were promised (the committed snapshots in
 * libs/contracts/schemas) against what the contracts generate today.
 */
describe('the published schemas (libs/contracts/schemas)', () => {
  const check = checkSnapshots(publishedDocuments(), readSnapshots());

  it('every event version subscribers may meet has a committed snapshot (run npm run schemas:publish)', () => {
    expect(check.unpublished.map((d) => d.file)).toEqual([]);
    for (const definition of allEventVersions) {
      expect(readSnapshots().has(eventSchemaFile(definition.type, definition.schemaVersion))).toBe(true);
    }
  });

  it('no published version is generated differently today, and none has disappeared', () => {
    expect(describeProblems(check)).toEqual([]);
  });
});
