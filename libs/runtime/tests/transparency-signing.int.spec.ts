import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyIdOf, rawPublicKey, signCheckpoint } from '@complaints/transparency';
import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  loadOrCreateSigningKeys,
  parseCheckpointInterval,
  rotateSigningKey,
  SIGNED_CHECKPOINTS_DIR,
  signedCheckpointFile,
  SIGNING_DIR,
} from '../src';

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

  it("rotation keeps the old key's public half (old checkpoints still verify) and deletes its private half", () => {
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

  const root = (byte: string) => byte.repeat(64);

  it('keeps the latest signed checkpoint in KEYS_DIR/signing, owner-only, read afresh by every instance sharing the directory, and never moving back', async () => {
    const dir = keysDir();
    const keys = loadOrCreateSigningKeys(dir);
    const one = signedCheckpointFile(dir, keys);
    const other = signedCheckpointFile(dir, keys);
    expect(await one.latest()).toBeUndefined();
    const at20 = signCheckpoint(
      { treeSize: 20, rootHash: root('a'), issuedAt: '2026-03-01T10:00:00.000Z' },
      keys.current,
    );
    await one.advance(at20);
    expect(await other.latest()).toEqual(at20);
    // A slower instance recording a smaller size afterwards does not move the latest back.
    await other.advance(
      signCheckpoint({ treeSize: 12, rootHash: root('b'), issuedAt: '2026-03-01T09:59:00.000Z' }, keys.current),
    );
    expect(await one.latest()).toEqual(at20);
    const files = readdirSync(join(dir, SIGNING_DIR, SIGNED_CHECKPOINTS_DIR));
    expect(files).toEqual(['0000000000000020.json']);
    expect(statSync(join(dir, SIGNING_DIR, SIGNED_CHECKPOINTS_DIR, files[0]!)).mode & 0o777).toBe(0o600);
    // The same size again with the same root (another instance, same tree) is fine; another root is a fork.
    await other.advance(
      signCheckpoint({ treeSize: 20, rootHash: root('a'), issuedAt: '2026-03-01T10:00:01.000Z' }, keys.current),
    );
    await expect(
      other.advance(
        signCheckpoint({ treeSize: 20, rootHash: root('c'), issuedAt: '2026-03-01T10:01:00.000Z' }, keys.current),
      ),
    ).rejects.toMatchObject({ name: 'LogInconsistentError', kind: 'forked' });
    expect(await one.latest()).toEqual(at20);
  });

  it('refuses a kept checkpoint this service did not sign (written into KEYS_DIR by someone without the key)', async () => {
    const dir = keysDir();
    const keys = loadOrCreateSigningKeys(dir);
    const rogue = generateKeyPairSync('ed25519').privateKey;
    const store = signedCheckpointFile(dir, keys);
    writeFileSync(
      join(dir, SIGNING_DIR, SIGNED_CHECKPOINTS_DIR, '0000000000000003.json'),
      JSON.stringify(signCheckpoint({ treeSize: 3, rootHash: root('d'), issuedAt: '2026-03-01T10:00:00.000Z' }, rogue)),
    );
    await expect(store.latest()).rejects.toThrow(/not a checkpoint this service signed/);
    // After a rotation, one signed with the retired key still reads.
    const before = signCheckpoint(
      { treeSize: 5, rootHash: root('e'), issuedAt: '2026-03-01T10:00:00.000Z' },
      keys.current,
    );
    await store.advance(before);
    const rotated = rotateSigningKey(dir);
    expect(await signedCheckpointFile(dir, rotated).latest()).toEqual(before);
  });

  it('refuses a current key that is not Ed25519', async () => {
    const dir = keysDir();
    loadOrCreateSigningKeys(dir);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, SIGNING_DIR, 'current.pem'),
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
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
