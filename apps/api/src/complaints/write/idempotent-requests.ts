import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson } from '@complaints/event-store';
import { INFRASTRUCTURE } from '../../app/tokens';
import { ProblemException, problems } from '../../http/problem';
import { IdempotencyStore, LEASE_RENEW_EVERY_MS, type ScopedKey, type StoredResponse } from '../../infrastructure/idempotency-store';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/**
 * Run a request at most once per caller and Idempotency-Key, replaying its first answer to that
 * caller's repeats. Keys are the caller's own: another caller's same key is another request.
 */
@Injectable()
export class IdempotentRequests {
  private readonly store: IdempotencyStore;

  constructor(@Inject(INFRASTRUCTURE) infrastructure: Infrastructure) {
    this.store = new IdempotencyStore(infrastructure.sql);
  }

  static validKey(key: string): string {
    if (!KEY_FORMAT.test(key)) {
      throw new ProblemException(
        problems.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters (a UUID is ideal)' }], 'The Idempotency-Key header is not valid.'),
      );
    }
    return key;
  }

  /** The fingerprint of a request: the same body (whatever its key order or spacing) gives the same one. */
  static fingerprint(route: string, body: unknown): string {
    return createHash('sha256').update(route).update('\n').update(canonicalJson(body ?? {})).digest('hex');
  }

  async run(key: ScopedKey, fingerprint: string, work: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
    const reservation = await this.store.reserve(key, fingerprint);
    switch (reservation.kind) {
      case 'replay':
        return { ...reservation.response, replayed: true };
      case 'conflict':
        throw new ProblemException(problems.idempotencyKeyReused());
      case 'in_progress':
        throw new ProblemException(problems.idempotencyInProgress(), { 'Retry-After': '1' });
      case 'reserved':
        break;
    }
    let response: StoredResponse;
    // Renewed while the work runs, so the reservation outlives a slow request but not a dead process.
    // A failed renewal is harmless: the lease lapses, and the key-derived complaint id still prevents a duplicate.
    const lease = setInterval(() => void this.store.renew(key).catch(() => undefined), LEASE_RENEW_EVERY_MS);
    try {
      response = await work();
    } catch (error) {
      // Nothing was appended (or the append is found again through the key-derived id), so the
      // key is free for a corrected retry.
      await this.store.release(key);
      throw error;
    } finally {
      clearInterval(lease);
    }
    await this.store.complete(key, response);
    return { ...response, replayed: false };
  }
}

/**
 * The complaint id for a create with an Idempotency-Key, derived from the caller and the key
 * (UUID layout, version 8 = "custom"): if the process dies after appending but before storing
 * the answer, the retry addresses the same complaint and finds it, instead of creating a second
 * one; two callers who happen to pick the same key create two complaints.
 */
export function complaintIdForKey({ caller, key }: ScopedKey): string {
  // Length-prefixed, so no caller/key split can collide with another.
  const hex = createHash('sha256').update('complaints/idempotency-key/v2/').update(`${caller.length}:${caller}/`).update(key).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
