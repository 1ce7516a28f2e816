import {
  decryptField,
  encryptField,
  isEncryptedField,
  KeyDestroyedError,
  type EncryptedField,
  type KeyStore,
} from '@complaints/event-store';
import { storableJson } from '../engine/storable-text';

/**
 * A personal value as a read-model row holds it: AES-256-GCM ciphertext under the complaint's
 * data-subject key (the same key and cipher as the event store's personal fields), or null when
 * nothing personal could be kept (no data subject, or its key already destroyed). Destroying the
 * key is the erasure: no row is rewritten, so no clear text is left behind in dead rows or WAL.
 */
export type Sealed = EncryptedField | null;

/** What opening a sealed value gives: the value, or that it reads as erased (the key was destroyed, or nothing was kept). */
export type Opened<T> = { erased: false; value: T } | { erased: true };

const ERASED_OPENING: Opened<never> = { erased: true };

export type SealProblem = 'not-sealed' | 'undecryptable' | 'unknown-key' | 'key-not-loaded';

/** A sealed value cannot be read back as written: altered, moved to another row or column, or its key lost. Never shown as if it were the value. */
export class SealedValueError extends Error {
  constructor(
    readonly binding: string,
    readonly problem: SealProblem,
  ) {
    super(`The sealed read-model value at ${binding} cannot be read: ${problem}`);
    this.name = 'SealedValueError';
  }
}

/**
 * The additional authenticated data of a sealed value: its table (base name, so a rebuilt
 * generation binds alike), the row's key and the column. GCM refuses the ciphertext anywhere
 * else, so a value copied into another complaint's row reads as an error, not as their words.
 * The leading tag keeps these apart from the event store's field bindings.
 */
export function sealBinding(table: string, row: readonly (string | number)[], column: string): Buffer {
  return Buffer.from(JSON.stringify(['read-model', table, row, column]), 'utf8');
}

/**
 * The one way read models keep personal text (docs/data-protection.md, "The read side"): sealed
 * under the data subject's key when projected, opened at read time for the roles entitled to
 * it. Keys are looked up once per subject for a whole batch or request (SubjectKeys), and
 * outside any transaction: the embedded store serialises a query issued inside a transaction
 * behind it, and the key store is a port of its own.
 */
export class ReadModelSeal {
  constructor(private readonly keys: KeyStore) {}

  /**
   * For a projection batch: each subject's key, created on first use as the event store does;
   * null once destroyed. `keys`: the batch's own (BatchKeys), instead of the seal's store.
   */
  async forSealing(subjects: Iterable<string | undefined>, keys: KeyStore = this.keys): Promise<SubjectKeys> {
    return this.load(subjects, async (subject) => {
      const key = await keys.findKey(subject);
      if (key !== undefined) return key;
      try {
        return await keys.getOrCreateKey(subject);
      } catch (error) {
        if (error instanceof KeyDestroyedError) return null;
        throw error;
      }
    });
  }

  /** For a read: each subject's key as it stands (never created); null once destroyed, undefined when it never existed. */
  async forOpening(subjects: Iterable<string | undefined>): Promise<SubjectKeys> {
    return this.load(subjects, (subject) => this.keys.findKey(subject));
  }

  private async load(
    subjects: Iterable<string | undefined>,
    keyOf: (subject: string) => Promise<Buffer | null | undefined>,
  ): Promise<SubjectKeys> {
    const keys = new Map<string, Buffer | null | undefined>();
    for (const subject of new Set(subjects)) {
      if (subject !== undefined) keys.set(subject, await keyOf(subject));
    }
    return new SubjectKeys(keys);
  }
}

/** The keys of the subjects of one batch or one request. */
export class SubjectKeys {
  constructor(private readonly keys: ReadonlyMap<string, Buffer | null | undefined>) {}

  /** The value sealed for its row and column, or null when its subject has no live key (erased: nothing is kept). */
  seal(subject: string | undefined, value: unknown, binding: Buffer): Sealed {
    if (subject === undefined) return null;
    const key = this.keyOf(subject, binding);
    // The same text the clear columns would hold (storableText): opened values read alike whichever way a row keeps them.
    return key ? encryptField(key, JSON.parse(storableJson(value)) as unknown, binding) : null;
  }

  /** The value, or erased when nothing was kept or the subject's key was destroyed. Throws SealedValueError when it was altered or moved. */
  open<T>(subject: string | null | undefined, sealed: unknown, binding: Buffer): Opened<T> {
    if (sealed === null || sealed === undefined || subject === null || subject === undefined) return ERASED_OPENING;
    const key = this.keyOf(subject, binding);
    if (key === null) return ERASED_OPENING;
    if (key === undefined) throw new SealedValueError(binding.toString('utf8'), 'unknown-key');
    if (!isEncryptedField(sealed)) throw new SealedValueError(binding.toString('utf8'), 'not-sealed');
    try {
      return { erased: false, value: decryptField(key, sealed, binding) as T };
    } catch {
      throw new SealedValueError(binding.toString('utf8'), 'undecryptable');
    }
  }

  private keyOf(subject: string, binding: Buffer): Buffer | null | undefined {
    if (!this.keys.has(subject)) throw new SealedValueError(binding.toString('utf8'), 'key-not-loaded');
    return this.keys.get(subject);
  }
}

/** A sealed column as SQL hands it back (jsonb read as text): the parsed ciphertext, or null. */
export function sealedFromColumn(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** The SubjectKeys a sealing projection's `prepare` resolved to, as `apply` receives them. */
export function preparedKeys(prepared: unknown, projection: string): SubjectKeys {
  if (prepared instanceof SubjectKeys) return prepared;
  throw new Error(`${projection}: apply was called without the subject keys its prepare loads`);
}
