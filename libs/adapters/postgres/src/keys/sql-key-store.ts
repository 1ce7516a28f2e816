import { randomBytes } from 'node:crypto';
import {
  KekUnavailableError,
  KeyDestroyedError,
  systemClock,
  type Clock,
  type KeyEncryption,
  type KeyStore,
} from '@complaints/event-store';
import type { SqlExecutor } from '../sql/sql-executor';
import { lockCurrentKek, storeIdOf, type KeyEncryptionFor } from './current-kek';
import { destroyUnreferencedKeks, rotateKek, type KekRotationResult } from './kek-rotation';
import { KekRotationSchedule, type KekRotationPolicy } from './kek-rotation-schedule';
import { SUBJECT_KEY_DESTROYED_CHANNEL, SubjectKeyCache } from './subject-key-cache';

/** AES-256 needs 32 bytes. */
export const SUBJECT_KEY_BYTES = 32;

export interface SqlKeyStoreOptions {
  clock?: Clock | undefined;
  /** When the KEK is rotated after an erasure. Default: immediately, before destroyKey resolves. */
  rotation?: KekRotationPolicy | undefined;
  /** A rotation that failed (tried again at the next sweep, and at the next start): for the log. */
  onRotationError?: ((error: unknown) => void) | undefined;
}

/**
 * Per-data-subject keys for crypto-shredding, in the subject_keys table beside the events, each
 * stored only WRAPPED under a key-encryption key (KEK) that lives outside the database
 * (KeyEncryption: KEYS_DIR/kek/<store id>/). A destroyed key is a row with wrapped_key NULL and
 * destroyed_at set: the row stays, so the subject can never silently get a fresh key (which
 * would let new personal data in after erasure).
 *
 * Destroying a row's wrapped key leaves copies in dead tuples, the WAL and backups. They stay
 * useless only once the KEK they were wrapped under is gone, so every erasure is followed by a
 * KEK rotation (now, or within the configured delay; docs/data-protection.md). The row keeps the
 * id of the KEK its key was wrapped under when destroyed: an erasure whose KEK is still current
 * is an unfinished one, and start() finishes it.
 */
export class SqlKeyStore implements KeyStore {
  private readonly clock: Clock;
  private readonly schedule: KekRotationSchedule;
  private readonly cache = new SubjectKeyCache();
  /** The KEK new keys are wrapped under, as last seen; a rotation since only costs one more round. */
  private currentKekId: string | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private readonly erasedListeners = new Set<(dataSubjectId: string | null) => void>();
  private kekPromise: Promise<KeyEncryption> | undefined;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly keyEncryptionFor: KeyEncryptionFor,
    options: SqlKeyStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.schedule = new KekRotationSchedule(
      options.rotation ?? { mode: 'immediate' },
      () => this.rotateAfterErasure(),
      options.onRotationError,
    );
  }

  /**
   * Finish what a crash or another instance left: destroy the KEK files no committed row needs,
   * and rotate now when an erasure happened under the current KEK. Then sweep for erasures of
   * any process (KekRotationSchedule).
   */
  async start(): Promise<void> {
    const kek = await this.kek();
    // Refuse to start without the KEK the keys are wrapped under (KEYS_DIR lost, or another one
    // given) — before touching any file in it: every personal field would fail to decrypt.
    const current = (await this.sql.query<{ kek_id: string }>('SELECT kek_id FROM kek_current'))[0]?.kek_id;
    if (current !== undefined && !(await kek.list()).includes(current)) throw new KekUnavailableError(current);
    await destroyUnreferencedKeks(this.sql, kek);
    // Whatever the delay: an erasure left over from before this start is overdue already.
    if (await this.erasureAwaitsRotation()) await this.schedule.rotateNow();
    this.unlisten = await this.sql.listen(SUBJECT_KEY_DESTROYED_CHANNEL, (payload) => this.heard(payload));
    this.schedule.start();
  }

  onErased(listener: (dataSubjectId: string | null) => void): () => void {
    this.erasedListeners.add(listener);
    return () => this.erasedListeners.delete(listener);
  }

  /** A NOTIFY of SUBJECT_KEY_DESTROYED_CHANNEL: a subject, or '' when some may have been missed. */
  private heard(payload: string): void {
    this.cache.heard(payload);
    this.tellErased(payload === '' ? null : payload);
  }

  private tellErased(dataSubjectId: string | null): void {
    for (const listener of this.erasedListeners) listener(dataSubjectId);
  }

  /** Stop sweeping and wait for a rotation under way (an overdue one runs at the next start, or in another process). */
  async close(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    this.cache.clear();
    try {
      await this.schedule.stop();
    } finally {
      await unlisten?.();
    }
  }

  async getOrCreateKey(dataSubjectId: string): Promise<Buffer> {
    const cached = this.cache.get(dataSubjectId);
    if (cached === null) throw new KeyDestroyedError(dataSubjectId);
    if (cached) return cached;
    const kek = await this.kek();
    // Three rounds at most: the KEK may have been rotated (and its file destroyed) since we last saw it.
    for (let round = 0; round < 3; round++) {
      const kekId = this.currentKekId ?? (await this.lockFirstKek(kek));
      const fresh = randomBytes(SUBJECT_KEY_BYTES);
      let created;
      try {
        let wrapped: Buffer;
        try {
          wrapped = await kek.wrap(fresh, dataSubjectId, kekId);
        } catch (error) {
          // Rotated away (by this process or another) since we saw it: ask which KEK is current.
          if (!(error instanceof KekUnavailableError)) throw error;
          this.currentKekId = undefined;
          continue;
        }
        created = await this.insertKey(dataSubjectId, wrapped, kekId);
        if (created.inserted) {
          const key = Buffer.from(fresh);
          this.cache.remember(dataSubjectId, key);
          return key;
        }
      } finally {
        fresh.fill(0);
      }
      if (created.currentKekId !== kekId) {
        this.currentKekId = created.currentKekId;
        continue;
      }
      // Someone else's key (or their erasure's tombstone) was there first: that is the key.
      break;
    }
    const key = await this.findKey(dataSubjectId);
    if (key === null) throw new KeyDestroyedError(dataSubjectId);
    if (key === undefined) throw new Error(`The key of data subject ${dataSubjectId} vanished after being created`);
    return key;
  }

  /**
   * Insert-if-absent in ONE statement, under the current KEK locked FOR SHARE (so that a
   * rotation, which locks it FOR UPDATE, waits for this key and then re-wraps it too). Not
   * inserted when the subject already has a row, or when the KEK is no longer `kekId` (the
   * caller wraps again under the one named).
   */
  private async insertKey(
    dataSubjectId: string,
    wrapped: Buffer,
    kekId: string,
  ): Promise<{ inserted: boolean; currentKekId: string | undefined }> {
    const rows = await this.sql.query<{ inserted: boolean; current_kek: string | null }>(
      `WITH kek AS (SELECT kek_id FROM kek_current WHERE id FOR SHARE),
            created AS (
              INSERT INTO subject_keys (data_subject_id, wrapped_key, kek_id, created_at)
              SELECT $1, $2, kek.kek_id, $4::timestamptz FROM kek WHERE kek.kek_id = $3
              ON CONFLICT (data_subject_id) DO NOTHING RETURNING 1
            )
       SELECT EXISTS (SELECT 1 FROM created) AS inserted, (SELECT kek_id FROM kek) AS current_kek`,
      [dataSubjectId, wrapped, kekId, this.clock.now().toISOString()],
      { preparedAs: 'complaints_create_subject_key' },
    );
    const row = rows[0];
    return { inserted: row?.inserted === true, currentKekId: row?.current_kek ?? undefined };
  }

  /** The current KEK's id, creating the first one on a fresh database (lockCurrentKek does, under its lock). */
  private async lockFirstKek(kek: KeyEncryption): Promise<string> {
    const kekId = await this.sql.transaction((tx) => lockCurrentKek(tx, kek, this.clock.now()));
    this.currentKekId = kekId;
    return kekId;
  }

  async findKey(dataSubjectId: string): Promise<Buffer | null | undefined> {
    const cached = this.cache.get(dataSubjectId);
    if (cached !== undefined) return cached;
    const key = await this.readKey(dataSubjectId);
    if (key !== undefined) this.cache.remember(dataSubjectId, key);
    return key;
  }

  private async readKey(dataSubjectId: string): Promise<Buffer | null | undefined> {
    const kek = await this.kek();
    // Twice at most: a rotation may re-wrap the row and destroy the KEK between our read and our unwrap.
    for (let round = 0; ; round++) {
      const rows = await this.sql.query<{ wrapped_key: Uint8Array | null }>(
        'SELECT wrapped_key FROM subject_keys WHERE data_subject_id = $1',
        [dataSubjectId],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      if (row.wrapped_key === null) return null;
      try {
        // pg hands back a Buffer, PGlite a Uint8Array.
        return await kek.unwrap(Buffer.from(row.wrapped_key), dataSubjectId);
      } catch (error) {
        if (error instanceof KekUnavailableError && round === 0) continue;
        throw error;
      }
    }
  }

  /** findKey for many subjects in one query (a batch of the log names hundreds); each as findKey answers. */
  async findKeys(dataSubjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer | null | undefined>> {
    const kek = await this.kek();
    const found = new Map<string, Buffer | null | undefined>(dataSubjectIds.map((id) => [id, this.cache.get(id)]));
    const unknown = dataSubjectIds.filter((id) => found.get(id) === undefined);
    if (unknown.length === 0) return found;
    // Identifiers travel as one JSON array: the executor's parameters are scalars on both drivers.
    const rows = await this.sql.query<{ data_subject_id: string; wrapped_key: Uint8Array | null }>(
      'SELECT data_subject_id, wrapped_key FROM subject_keys WHERE data_subject_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))',
      [JSON.stringify(unknown)],
    );
    for (const row of rows) {
      if (row.wrapped_key === null) {
        found.set(row.data_subject_id, null);
        this.cache.remember(row.data_subject_id, null);
        continue;
      }
      try {
        const key = await kek.unwrap(Buffer.from(row.wrapped_key), row.data_subject_id);
        found.set(row.data_subject_id, key);
        this.cache.remember(row.data_subject_id, key);
      } catch (error) {
        // A rotation re-wrapped the row and destroyed its KEK since the read: findKey reads it again.
        if (!(error instanceof KekUnavailableError)) throw error;
        found.set(row.data_subject_id, await this.findKey(row.data_subject_id));
      }
    }
    return found;
  }

  /**
   * Destroy for good. A subject that never had a key gets a tombstone, so erasure also holds
   * for data that arrives later. Returns true only when a live key was destroyed, and then
   * rotates the KEK (or schedules it) so that no copy of the wrapped key opens any more.
   */
  async destroyKey(dataSubjectId: string, at: Date): Promise<boolean> {
    const destroyed = await this.sql.transaction(async (tx) => {
      // At most two rounds: if a concurrent getOrCreateKey inserts between our look and our
      // tombstone, the tombstone's INSERT does nothing and the second round destroys that key.
      for (let round = 0; round < 2; round++) {
        const rows = await tx.query<{ live: boolean }>(
          'SELECT wrapped_key IS NOT NULL AS live FROM subject_keys WHERE data_subject_id = $1 FOR UPDATE',
          [dataSubjectId],
        );
        const existing = rows[0];
        // Every instance forgets the key it may hold, once this commits (SubjectKeyCache).
        await tx.query('SELECT pg_notify($1, $2)', [SUBJECT_KEY_DESTROYED_CHANNEL, dataSubjectId]);
        if (existing === undefined) {
          const inserted = await tx.query(
            `INSERT INTO subject_keys (data_subject_id, wrapped_key, kek_id, created_at, destroyed_at)
             VALUES ($1, NULL, NULL, $2::timestamptz, $2::timestamptz) ON CONFLICT (data_subject_id) DO NOTHING RETURNING 1`,
            [dataSubjectId, at.toISOString()],
          );
          if (inserted.length === 1) return false;
          continue;
        }
        if (!existing.live) return false;
        // kek_id stays: the KEK that must be destroyed before this erasure is complete.
        await tx.query(
          'UPDATE subject_keys SET wrapped_key = NULL, destroyed_at = $2::timestamptz WHERE data_subject_id = $1',
          [dataSubjectId, at.toISOString()],
        );
        return true;
      }
      throw new Error(`Could not destroy the key of data subject ${dataSubjectId}: its row keeps changing`);
    });
    this.cache.remember(dataSubjectId, null);
    this.tellErased(dataSubjectId);
    if (destroyed) await this.schedule.erased();
    return destroyed;
  }

  /** Rotate the KEK now, whether or not anything was erased (an operator's rotation; tests). */
  async rotateKek(): Promise<KekRotationResult> {
    const kek = await this.kek();
    const result = await rotateKek(this.sql, kek, this.clock.now(), { onlyIfErased: false });
    if (!result) throw new Error('the rotation did not run');
    await destroyUnreferencedKeks(this.sql, kek);
    return result;
  }

  /** The rotation an erasure calls for; nothing when another instance already did it. */
  async rotateAfterErasure(): Promise<KekRotationResult | undefined> {
    const kek = await this.kek();
    // A plain look first: the sweep runs every minute, and the rotation's lock blocks new keys.
    const result = (await this.erasureAwaitsRotation())
      ? await rotateKek(this.sql, kek, this.clock.now(), { onlyIfErased: true })
      : undefined;
    // Also when nothing was rotated: a process that died after a rotation's commit left its old KEK behind.
    await destroyUnreferencedKeks(this.sql, kek);
    return result;
  }

  /** Whether some key was destroyed while wrapped under the current KEK: its copies still open until the next rotation. */
  private async erasureAwaitsRotation(): Promise<boolean> {
    const rows = await this.sql.query(
      'SELECT 1 FROM subject_keys k JOIN kek_current c ON c.id AND k.kek_id = c.kek_id WHERE k.destroyed_at IS NOT NULL LIMIT 1',
    );
    return rows.length > 0;
  }

  private kek(): Promise<KeyEncryption> {
    this.kekPromise ??= storeIdOf(this.sql).then(this.keyEncryptionFor);
    this.kekPromise.catch(() => (this.kekPromise = undefined));
    return this.kekPromise;
  }
}
