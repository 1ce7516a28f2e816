import { InMemoryKeyStore } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { ReadModelSeal, sealBinding, SealedValueError } from './read-model-seal';

const at = (revision: number) => sealBinding('chronology', ['c-1', revision], 'description');

describe('ReadModelSeal', () => {
  it('seals under the subject’s key with a fresh IV each time, and opens what it sealed', async () => {
    const seal = new ReadModelSeal(new InMemoryKeyStore());
    const keys = await seal.forSealing(['ds-1']);
    const first = keys.seal('ds-1', 'Jane Resident wrote this', at(1));
    const second = keys.seal('ds-1', 'Jane Resident wrote this', at(1));
    expect(JSON.stringify(first)).not.toContain('Jane');
    expect(first?.iv).not.toBe(second?.iv);
    expect((await seal.forOpening(['ds-1'])).open('ds-1', first, at(1))).toEqual({
      erased: false,
      value: 'Jane Resident wrote this',
    });
  });

  it('reads as erased once the key is destroyed, and keeps nothing for a destroyed or missing subject', async () => {
    const store = new InMemoryKeyStore();
    const seal = new ReadModelSeal(store);
    const sealed = (await seal.forSealing(['ds-1'])).seal('ds-1', 'words', at(1));
    await store.destroyKey('ds-1', new Date('2026-11-30T10:00:00Z'));
    expect((await seal.forOpening(['ds-1'])).open('ds-1', sealed, at(1))).toEqual({ erased: true });
    expect((await seal.forSealing(['ds-1'])).seal('ds-1', 'more words', at(2))).toBeNull();
    expect((await seal.forSealing([undefined])).seal(undefined, 'words', at(2))).toBeNull();
  });

  it('refuses a sealed value moved to another row or column, or altered, instead of showing it', async () => {
    const seal = new ReadModelSeal(new InMemoryKeyStore());
    const sealed = (await seal.forSealing(['ds-1'])).seal('ds-1', 'words', at(1));
    const keys = await seal.forOpening(['ds-1']);
    expect(() => keys.open('ds-1', sealed, at(2))).toThrow(SealedValueError);
    expect(() => keys.open('ds-1', sealed, sealBinding('chronology', ['c-1', 1], 'other'))).toThrow(SealedValueError);
    expect(() => keys.open('ds-1', { ...sealed!, ct: Buffer.from('tampered').toString('base64') }, at(1))).toThrow(
      /undecryptable/,
    );
    expect(() => keys.open('ds-1', 'clear text', at(1))).toThrow(/not-sealed/);
  });

  it('reports ciphertext whose subject never had a key here, and never creates a key on a read', async () => {
    const store = new InMemoryKeyStore();
    const sealed = (await new ReadModelSeal(new InMemoryKeyStore()).forSealing(['ds-1'])).seal('ds-1', 'words', at(1));
    const keys = await new ReadModelSeal(store).forOpening(['ds-1']);
    expect(() => keys.open('ds-1', sealed, at(1))).toThrow(/unknown-key/);
    expect(await store.findKey('ds-1')).toBeUndefined();
  });
});
