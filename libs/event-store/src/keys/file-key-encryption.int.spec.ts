import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KekUnavailableError } from '../port/key-encryption.port';
import { FileKeyEncryption, fileKeyEncryption } from './file-key-encryption';
import { kekIdOfWrapped, WRAPPED_KEY_BYTES, WRAPPED_KEY_MAGIC } from './wrapped-key-format';

describe('FileKeyEncryption (KEKs as files in KEYS_DIR)', () => {
  let keysDir: string;
  let dir: string;
  beforeEach(() => {
    keysDir = mkdtempSync(join(tmpdir(), 'complaints-kek-'));
    dir = join(keysDir, 'kek', '00000000-0000-4000-8000-000000000000');
  });
  afterEach(() => rmSync(keysDir, { recursive: true, force: true }));

  it('keeps each KEK in a file of its own, owner-only, in an owner-only directory, and nothing half-written', async () => {
    const kek = new FileKeyEncryption(dir);
    const id = await kek.rotate();
    expect(readdirSync(dir)).toEqual([`${id}.kek`]);
    expect(statSync(join(dir, `${id}.kek`)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, `${id}.kek`))).toHaveLength(32);
    expect(await kek.list()).toEqual([id]);
  });

  it('wraps into the self-describing form naming its KEK, and unwraps only under the same data subject', async () => {
    const kek = new FileKeyEncryption(dir);
    const id = await kek.rotate();
    const plain = randomBytes(32);
    const wrapped = await kek.wrap(plain, 'subject-a', id);
    expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
    expect(wrapped.subarray(0, 5)).toEqual(WRAPPED_KEY_MAGIC);
    expect(kekIdOfWrapped(wrapped)).toBe(id);
    expect(wrapped.includes(plain)).toBe(false);
    expect(await kek.unwrap(wrapped, 'subject-a')).toEqual(plain);
    await expect(kek.unwrap(wrapped, 'subject-b')).rejects.toThrow(/authenticate/);
    // Relabelled with another KEK id, it does not unwrap under that KEK either.
    const other = await kek.rotate();
    const relabelled = Buffer.concat([WRAPPED_KEY_MAGIC, Buffer.from(other, 'hex'), wrapped.subarray(21)]);
    await expect(kek.unwrap(relabelled, 'subject-a')).rejects.toThrow(/authenticate/);
  });

  it('destroying a KEK overwrites and removes its file; what it wrapped no longer unwraps, here or in another process', async () => {
    const kek = new FileKeyEncryption(dir);
    const id = await kek.rotate();
    const wrapped = await kek.wrap(randomBytes(32), 'subject-a', id);
    const elsewhere = new FileKeyEncryption(dir); // another instance, which loaded the KEK at start
    await kek.destroy(id);
    await kek.destroy(id); // idempotent
    expect(readdirSync(dir)).toEqual([]);
    await expect(kek.unwrap(wrapped, 'subject-a')).rejects.toBeInstanceOf(KekUnavailableError);
    // The other instance still holds it in memory until it re-reads the directory (list, or an unknown id).
    expect(await elsewhere.list()).toEqual([]);
    await expect(elsewhere.unwrap(wrapped, 'subject-a')).rejects.toBeInstanceOf(KekUnavailableError);
  });

  it('an instance meeting a KEK id it has not loaded re-reads the directory', async () => {
    const early = new FileKeyEncryption(dir);
    const late = new FileKeyEncryption(dir);
    const id = await late.rotate();
    const plain = randomBytes(32);
    expect(await early.unwrap(await late.wrap(plain, 's', id), 's')).toEqual(plain);
  });

  it('refuses a damaged KEK file instead of using it', async () => {
    const id = await new FileKeyEncryption(dir).rotate();
    writeFileSync(join(dir, `${id}.kek`), Buffer.alloc(7));
    expect(() => new FileKeyEncryption(dir)).toThrow(/has 7 bytes, not 32: damaged/);
  });

  it('keeps each database’s KEKs apart, by store id, under KEYS_DIR/kek/', async () => {
    const forStore = fileKeyEncryption(keysDir);
    const a = await forStore('11111111-1111-4111-8111-111111111111').rotate();
    const b = await forStore('22222222-2222-4222-8222-222222222222').rotate();
    expect(await forStore('11111111-1111-4111-8111-111111111111').list()).toEqual([a]);
    expect(await forStore('22222222-2222-4222-8222-222222222222').list()).toEqual([b]);
    expect(() => forStore('../escape')).toThrow(RangeError);
  });
});
