import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLIND_INDEX_KEY_BYTES, blindIndexKey, type BlindIndexKey } from '@complaints/projections';

/** Where the subject-access blind index key lives inside KEYS_DIR. */
export const SUBJECT_INDEX_KEY_FILE = join('subject-index', 'hmac.key');

/**
 * The subject-access blind index key, from KEYS_DIR (never the database, never DATA_DIR): created
 * on first use (32 random bytes, base64, readable by the owner only), read as it is after that.
 * The API (which turns a request's email or phone into a term) and the worker (which indexes
 * receipts) must see the same file. Two processes starting together on an empty KEYS_DIR cannot
 * both create it: the file is written exclusively, and the loser reads the winner's.
 */
export function loadSubjectIndexKey(keysDir: string): BlindIndexKey {
  const file = join(keysDir, SUBJECT_INDEX_KEY_FILE);
  mkdirSync(join(keysDir, 'subject-index'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(BLIND_INDEX_KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length !== BLIND_INDEX_KEY_BYTES) {
    throw new Error(
      `${file} must hold ${BLIND_INDEX_KEY_BYTES} bytes in base64 (it holds ${secret.length}): restore it from the key backup`,
    );
  }
  return blindIndexKey(secret);
}
