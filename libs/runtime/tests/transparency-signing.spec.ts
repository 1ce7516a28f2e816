import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyIdOf, rawPublicKey } from '@complaints/transparency';
import { createPublicKey } from 'node:crypto';
import { DEFAULT_CHECKPOINT_INTERVAL_MS, loadOrCreateSigningKeys, parseCheckpointInterval, rotateSigningKey, SIGNING_DIR } from '../src';

describe('the transparency log signing key in KEYS_DIR/signing', () => {
  const dirs: string[] = [];
  const keysDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'complaints-signing-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is generated on the first start as an owner-only file, and the same key is loaded after', () => {
    const dir = keysDir();
    const first = loadOrCreateSigningKeys(dir);
    const file = join(dir, SIGNING_DIR, 'current.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    const again = loadOrCreateSigningKeys(dir);
    expect(again.currentKeyId).toBe(first.currentKeyId);
    expect(first.currentKeyId).toBe(keyIdOf(rawPublicKey(createPublicKey(first.current))));
    expect(first.retired).toEqual([]);
  });

  it('rotation keeps the old key\'s public half (old checkpoints still verify) and deletes its private half', () => {
    const dir = keysDir();
    const old = loadOrCreateSigningKeys(dir);
    const rotated = rotateSigningKey(dir);
    expect(rotated.currentKeyId).not.toBe(old.currentKeyId);
    expect(rotated.retired.map((key) => keyIdOf(rawPublicKey(key)))).toEqual([old.currentKeyId]);
    const files = readdirSync(join(dir, SIGNING_DIR, 'retired'));
    expect(files).toEqual([`${old.currentKeyId}.pem`]);
    expect(readFileSync(join(dir, SIGNING_DIR, 'retired', files[0]!), 'utf8')).not.toContain('PRIVATE');
    expect(readdirSync(join(dir, SIGNING_DIR)).sort()).toEqual(['current.pem', 'retired']);
  });

  it('refuses a current key that is not Ed25519', async () => {
    const dir = keysDir();
    loadOrCreateSigningKeys(dir);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, SIGNING_DIR, 'current.pem'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadOrCreateSigningKeys(dir)).toThrow(/not an Ed25519 private key/);
  });
});

describe('CHECKPOINT_INTERVAL', () => {
  it('defaults to 5 minutes and takes 10s to 1h', () => {
    expect(DEFAULT_CHECKPOINT_INTERVAL_MS).toBe(300_000);
    expect(parseCheckpointInterval('30s')).toBe(30_000);
    expect(parseCheckpointInterval('2m')).toBe(120_000);
    expect(parseCheckpointInterval('1h')).toBe(3_600_000);
  });
  it.each(['5s', '2h', '5', 'five minutes', '-1m'])('refuses %j', (value) => {
    expect(parseCheckpointInterval(value)).toBeUndefined();
  });
});
