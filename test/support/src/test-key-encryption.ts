import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeyEncryption, type KeyEncryptionFor } from '@complaints/event-store';

let shared: { dir: string; keyEncryptionFor: KeyEncryptionFor } | undefined;

/**
 * Key-encryption keys for tests that open a SQL key store: the real file adapter, in a KEYS_DIR
 * of this test process (removed when it exits). Each database gets its own sub-directory by its
 * store id, so every database a test process creates can share it. `keysDir` given: that one
 * (a crash test's child process and its parent must share the KEKs of the directory they share).
 */
export function testKeyEncryption(keysDir?: string): { keyEncryptionFor: KeyEncryptionFor } {
  if (keysDir !== undefined) {
    mkdirSync(keysDir, { recursive: true });
    return { keyEncryptionFor: fileKeyEncryption(keysDir) };
  }
  if (!shared) {
    const dir = mkdtempSync(join(tmpdir(), 'complaints-test-keys-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    shared = { dir, keyEncryptionFor: fileKeyEncryption(dir) };
  }
  return { keyEncryptionFor: shared.keyEncryptionFor };
}
