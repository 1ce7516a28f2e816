import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidBlobKeyError, type BlobStore } from '@complaints/event-store';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * THE contract of the BlobStore port (docs/documents.md): the filesystem and S3 adapters run
 * these same cases. A case an adapter cannot pass is a bug in the adapter or a hole in the port.
 */
export interface BlobStoreTarget {
  store: BlobStore;
  /** A second store on the same storage (same folder / bucket): what one wrote, the other reads. */
  reopen: () => Promise<BlobStore>;
  teardown(): Promise<void>;
}

export type BlobStoreSetup = () => Promise<BlobStoreTarget | { skip: string }>;

/**
 * Registers the suite. `setup` runs once, at collection; when it answers `{ skip }` the reason is
 * printed and every case is registered as skipped, so the report shows what did not run and why.
 */
export function describeBlobStoreContract(name: string, setup: BlobStoreSetup): void {
  describe(`blob store contract: ${name}`, async () => {
    const target = await setup();
    if ('skip' in target) {
      console.warn(`[blob-store contract] ${name} SKIPPED: ${target.skip}`);
      // Registered but skipped, so the report lists each case that did not run (as the event store contract does).
      const unavailable = (): never => {
        throw new Error(`skipped: ${target.skip}`);
      };
      describe.skip(`skipped: ${target.skip}`, () => registerCases(unavailable, async () => unavailable()));
      return;
    }
    afterAll(() => target.teardown());
    registerCases(() => target.store, target.reopen);
  });
}

function registerCases(store: () => BlobStore, reopen: () => Promise<BlobStore>): void {
  /** Keys unique to each case, shaped as the documents use them: complaint id / digest. */
  const keyOf = (label = 'blob') => `${randomUUID()}/${label}`;

  it('answers null and false for a key never put', async () => {
    const key = keyOf();
    expect(await store().get(key)).toBeNull();
    expect(await store().exists(key)).toBe(false);
  });

  it('gives back exactly the bytes put, every byte value, more than a megabyte', async () => {
    const key = keyOf();
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(1_300_000)]);
    await store().put(key, bytes);
    expect(await store().exists(key)).toBe(true);
    const read = await store().get(key);
    expect(read?.equals(bytes)).toBe(true);
  });

  it('keeps keys apart, also keys that share a folder', async () => {
    const folder = randomUUID();
    await store().put(`${folder}/one`, Buffer.from('one'));
    await store().put(`${folder}/two`, Buffer.from('two'));
    expect((await store().get(`${folder}/one`))?.toString()).toBe('one');
    expect((await store().get(`${folder}/two`))?.toString()).toBe('two');
    expect(await store().exists(`${folder}/three`)).toBe(false);
  });

  it('replaces the bytes when the same key is put again', async () => {
    const key = keyOf();
    await store().put(key, Buffer.from('first version, longer than the second'));
    await store().put(key, Buffer.from('second'));
    expect((await store().get(key))?.toString()).toBe('second');
  });

  it('deletes for good, and deleting again (or a key never put) is not an error', async () => {
    const key = keyOf();
    await store().put(key, Buffer.from('to be erased'));
    await store().delete(key);
    expect(await store().get(key)).toBeNull();
    expect(await store().exists(key)).toBe(false);
    await store().delete(key);
    await store().delete(keyOf('never-put'));
  });

  it('deleting one key leaves its neighbours', async () => {
    const folder = randomUUID();
    await store().put(`${folder}/kept`, Buffer.from('kept'));
    await store().put(`${folder}/gone`, Buffer.from('gone'));
    await store().delete(`${folder}/gone`);
    expect((await store().get(`${folder}/kept`))?.toString()).toBe('kept');
  });

  it('is durable: another store on the same storage reads what was put, and not what was deleted', async () => {
    const kept = keyOf('kept');
    const deleted = keyOf('deleted');
    await store().put(kept, Buffer.from('survives'));
    await store().put(deleted, Buffer.from('erased'));
    await store().delete(deleted);
    const other = await reopen();
    expect((await other.get(kept))?.toString()).toBe('survives');
    expect(await other.exists(deleted)).toBe(false);
  });

  it('takes puts of many keys at once', async () => {
    const folder = randomUUID();
    const keys = Array.from({ length: 12 }, (_, i) => `${folder}/k${i}`);
    await Promise.all(keys.map((key, i) => store().put(key, Buffer.from(`value ${i}`))));
    expect(await Promise.all(keys.map(async (key) => (await store().get(key))?.toString()))).toEqual(
      keys.map((_, i) => `value ${i}`),
    );
  });

  it('refuses keys that could escape its root or are not keys', async () => {
    for (const key of [
      '',
      '../outside',
      'a/../../b',
      '/absolute',
      'a//b',
      'a/',
      'spaces in key',
      'back\\slash',
      '..',
    ]) {
      await expect(store().put(key, Buffer.from('x')), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store().get(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
    }
  });
}
