/**
 * `npm run schemas:publish`: commit-ready snapshots of the schemas subscribers rely on.
 * Writes a snapshot for each NEW version only; refuses (exit 1) when a published version is now
 * generated differently or has disappeared, since those are breaks a subscriber would feel.
 */
import { publishedDocuments } from '@complaints/contracts';
import { checkSnapshots, describeProblems } from './snapshot-check';
import { readSnapshots, SNAPSHOT_DIRECTORY, writeSnapshot } from './snapshot-directory';

function main(): number {
  const check = checkSnapshots(publishedDocuments(), readSnapshots());
  const problems = describeProblems(check);
  if (problems.length > 0) {
    process.stderr.write(`Nothing written:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  for (const document of check.unpublished) process.stdout.write(`published ${writeSnapshot(document)}\n`);
  if (check.unpublished.length === 0)
    process.stdout.write(`Every schema version is already published in ${SNAPSHOT_DIRECTORY}.\n`);
  return 0;
}

process.exitCode = main();
