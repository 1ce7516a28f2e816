import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Present beside pgdata/ only while everything in it is known to be on disk: written after a
 * durable open has synced the whole tree, removed before a non-durable open writes anything.
 */
const SYNCED_MARKER = 'pgdata.synced';

/**
 * PGlite creates a new database on an in-memory filesystem and copies it into pgdata/ without a
 * single fsync, and a store run with durability off wrote without syncing. PostgreSQL's fsync
 * only covers what it writes itself, so — as initdb does with its own output — sync every file
 * and directory once (in parallel: ~1000 files), the first time a directory is opened durably.
 */
export async function syncTreeOnce(pgdata: string): Promise<void> {
  const marker = join(dirname(pgdata), SYNCED_MARKER);
  if (existsSync(marker)) return;
  const paths = await listTree(pgdata);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await syncPath(paths[next++] as string);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  writeFileSync(marker, 'every file in pgdata/ was synced to disk by a durable open\n');
  await syncPath(marker);
  await syncPath(dirname(pgdata));
}

/** Before a non-durable open: from here on pgdata/ may hold writes that never reached the disk. */
export function forgetTreeSynced(pgdata: string): void {
  const marker = join(dirname(pgdata), SYNCED_MARKER);
  if (existsSync(marker)) unlinkSync(marker);
}

async function listTree(root: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string) => {
    const stat = await lstat(path);
    if (stat.isDirectory()) {
      for (const entry of await readdir(path)) await visit(join(path, entry));
      found.push(path); // after its entries
    } else if (stat.isFile()) {
      found.push(path);
    }
  };
  await visit(root);
  return found;
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // As PostgreSQL does: some file systems cannot sync a directory at all.
    const code = (error as NodeJS.ErrnoException).code;
    if (!((code === 'EINVAL' || code === 'EBADF' || code === 'EISDIR') && (await handle.stat()).isDirectory()))
      throw error;
  } finally {
    await handle.close();
  }
}
