import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  FileKeyEncryption,
  PersonalDataCipher,
  WRAPPED_KEY_BYTES,
  WRAPPED_KEY_MAGIC,
  type KeyStore,
  type ProtectableEvent,
} from '@complaints/event-store';
import type { SqlQueryable } from '../../src';

/**
 * What an attacker holding copies of the data files and the service's current configuration
 * (KEYS_DIR as it is now) can do with them: find every wrapped subject key in raw bytes (the
 * format is self-describing), try to unwrap each with every KEK in KEYS_DIR under every data
 * subject id they know, and decrypt the stored personal fields with whatever key comes out.
 */

/** Every copy of a wrapped key in these bytes: each occurrence of the magic and the 81 bytes from it. */
export function findWrappedKeys(bytes: Buffer): Buffer[] {
  const found: Buffer[] = [];
  for (let at = bytes.indexOf(WRAPPED_KEY_MAGIC); at !== -1; at = bytes.indexOf(WRAPPED_KEY_MAGIC, at + 1)) {
    if (at + WRAPPED_KEY_BYTES <= bytes.length) found.push(Buffer.from(bytes.subarray(at, at + WRAPPED_KEY_BYTES)));
  }
  return found;
}

/** Every file under a directory, as raw bytes (a stopped DATA_DIR: heap files, WAL, everything). */
export function rawFilesOf(dir: string): { path: string; bytes: Buffer }[] {
  const files: { path: string; bytes: Buffer }[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) files.push({ path, bytes: readFileSync(path) });
    }
  };
  walk(dir);
  return files;
}

export interface RecoveredKey {
  dataSubjectId: string;
  key: Buffer;
  wrapped: Buffer;
}

/** Unwrap every candidate under every subject id with every KEK now in KEYS_DIR (any store's). */
export async function recoverKeys(
  candidates: readonly Buffer[],
  dataSubjectIds: readonly string[],
  keysDir: string,
): Promise<RecoveredKey[]> {
  const kekRoot = join(keysDir, 'kek');
  const adapters = existsSync(kekRoot)
    ? readdirSync(kekRoot).map((storeId) => new FileKeyEncryption(join(kekRoot, storeId)))
    : [];
  const recovered: RecoveredKey[] = [];
  const seen = new Set<string>();
  for (const wrapped of candidates) {
    for (const dataSubjectId of dataSubjectIds) {
      for (const kek of adapters) {
        try {
          const key = await kek.unwrap(wrapped, dataSubjectId);
          const id = `${dataSubjectId}:${key.toString('hex')}`;
          if (!seen.has(id)) recovered.push({ dataSubjectId, key, wrapped });
          seen.add(id);
        } catch {
          // not this KEK, not this subject, or the KEK is gone
        }
      }
    }
  }
  return recovered;
}

/** The stored events of a stream, as the rows hold them (ciphertexts and all). */
export async function storedEvents(sql: SqlQueryable, streamId: string): Promise<ProtectableEvent[]> {
  const rows = await sql.query<{
    event_id: string;
    type: string;
    schema_version: number;
    data: string;
    metadata: string;
  }>(
    'SELECT event_id::text AS event_id, type, schema_version, data::text AS data, metadata::text AS metadata FROM events WHERE stream_id = $1 ORDER BY revision',
    [streamId],
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data) as unknown,
    dataSubjectId: (JSON.parse(row.metadata) as { dataSubjectId?: string }).dataSubjectId,
  }));
}

/** Decrypt the events' personal fields with each key in turn; the clear texts of every key that works. */
export async function decryptWith(events: readonly ProtectableEvent[], keys: readonly Buffer[]): Promise<string[]> {
  const texts: string[] = [];
  for (const key of keys) {
    const only: KeyStore = {
      getOrCreateKey: async () => key,
      findKey: async () => key,
      destroyKey: async () => false,
    };
    try {
      const revealed = await new PersonalDataCipher(only).revealAll(events);
      texts.push(JSON.stringify(revealed.map((r) => r.data)));
    } catch {
      // not the key these fields were encrypted with
    }
  }
  return texts;
}
