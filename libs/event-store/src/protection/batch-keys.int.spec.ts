import { describe, expect, it } from 'vitest';
import { InMemoryKeyStore } from '../memory/in-memory-key-store';
import type { KeyStore } from '../port/key-store.port';
import { BatchKeys } from './batch-keys';

/** A key store with a bulk look-up that counts its calls, and fails while `down`. */
function bulkStore() {
  const inner = new InMemoryKeyStore();
  const calls = { findKey: 0, findKeys: 0 };
  let down = false;
  const store: KeyStore = {
    getOrCreateKey: (subject) => inner.getOrCreateKey(subject),
    destroyKey: (subject, at) => inner.destroyKey(subject, at),
    findKey: (subject) => {
      calls.findKey++;
      return down ? Promise.reject(new Error('database unavailable')) : inner.findKey(subject);
    },
    findKeys: async (subjects) => {
      calls.findKeys++;
      if (down) throw new Error('database unavailable');
      return new Map(
        await Promise.all(subjects.map(async (subject) => [subject, await inner.findKey(subject)] as const)),
      );
    },
  };
  return { inner, store, calls, setDown: (value: boolean) => (down = value) };
}

describe('BatchKeys: each subject looked up once for a batch', () => {
  it('one bulk look-up for the batch, then every ask from memory, created keys and erasures included', async () => {
    const { inner, store, calls } = bulkStore();
    await inner.getOrCreateKey('a');
    const keys = new BatchKeys(store);
    await keys.prefetch(['a', 'b', 'a', undefined]);
    expect(await keys.findKey('a')).toEqual(await inner.findKey('a'));
    expect(await keys.findKey('b')).toBeUndefined();
    const created = await keys.getOrCreateKey('b');
    expect(await keys.findKey('b')).toEqual(created);
    await keys.destroyKey('a', new Date('2026-09-01T12:00:00Z'));
    expect(await keys.findKey('a')).toBeNull();
    expect(calls).toEqual({ findKey: 0, findKeys: 1 });
  });

  it('a failed look-up is not remembered (the retried batch asks again), and leaves no unhandled rejection behind', async () => {
    const { inner, store, calls, setDown } = bulkStore();
    await inner.getOrCreateKey('a');
    const keys = new BatchKeys(store);
    setDown(true);
    await expect(keys.prefetch(['a', 'b'])).rejects.toThrow('database unavailable');
    await expect(keys.findKey('a')).rejects.toThrow('database unavailable');
    setDown(false);
    expect(await keys.findKey('a')).toEqual(await inner.findKey('a'));
    expect(calls.findKey).toBe(2);
  });
});
