import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { snapshotText, type PublishedDocument } from '@complaints/contracts';

/** Where the published schema snapshots are committed. */
export const SNAPSHOT_DIRECTORY = resolve(__dirname, '../../../contracts/schemas');

/** Every committed snapshot (`events/X.v1.json` → text) under the directory. */
export function readSnapshots(directory = SNAPSHOT_DIRECTORY): Map<string, string> {
  const snapshots = new Map<string, string>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.json'))
        snapshots.set(relative(directory, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  try {
    visit(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return snapshots;
}

export function writeSnapshot(document: PublishedDocument, directory = SNAPSHOT_DIRECTORY): string {
  const path = join(directory, document.file);
  mkdirSync(dirname(path), { recursive: true });
  // 'wx': never overwrite. A published snapshot is only ever created, by design.
  writeFileSync(path, snapshotText(document.schema), { flag: 'wx' });
  return path;
}
