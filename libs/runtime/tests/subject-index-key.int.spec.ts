import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSubjectIndexKey, SUBJECT_INDEX_KEY_FILE } from '../src';

describe('the subject-access blind index key in KEYS_DIR', () => {
  const dirs: string[] = [];
  const keysDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is created on first use, readable by its owner only, and the same key after that', () => {
    const dir = keysDir();
    const first = loadSubjectIndexKey(dir);
    const file = join(dir, SUBJECT_INDEX_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(first.secret);
    expect(loadSubjectIndexKey(dir).fingerprint).toBe(first.fingerprint);
    expect(loadSubjectIndexKey(keysDir()).fingerprint).not.toBe(first.fingerprint);
  });

  it('refuses a damaged key file rather than silently starting a new index', () => {
    const dir = keysDir();
    loadSubjectIndexKey(dir);
    writeFileSync(join(dir, SUBJECT_INDEX_KEY_FILE), Buffer.alloc(16).toString('base64'));
    expect(() => loadSubjectIndexKey(dir)).toThrow(/must hold 32 bytes/);
  });
});
