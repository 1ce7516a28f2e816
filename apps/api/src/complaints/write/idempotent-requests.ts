import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { backoffDelay, canonicalJson, StoreUnavailableError, type BackoffOptions } from '@complaints/event-store';
import { INFRASTRUCTURE } from '../../app/tokens';
import { ProblemException, problems } from '../../http/problem';
import {
  IdempotencyStore,
  LEASE_RENEW_EVERY_MS,
  type Reservation,
  type ScopedKey,
  type StoredResponse,
} from '../../infrastructure/idempotency-store';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/**
 * Storing the answer, or giving the key back after a failure: the failure was often a lost
 * connection, which the next statement may meet too (the pool connects afresh after it), so a
 * few quick attempts, and never longer than the deadline in all before the client is answered.
 */
const BOOKKEEPING_ATTEMPTS = 3;
const BOOKKEEPING_BACKOFF: BackoffOptions = { initialMs: 50, maxMs: 400 };
const BOOKKEEPING_DEADLINE_MS = 2_000;

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
        problems.validation(
          [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters (a UUID is ideal)' }],
          'The Idempotency-Key header is not valid.',
        ),
      );
    }
    return key;
  }

  /** The fingerprint of a request: the same body (whatever its key order or spacing) gives the same one. */
  static fingerprint(route: string, body: unknown): string {
    return createHash('sha256')
      .update(route)
      .update('\n')
      .update(canonicalJson(body ?? {}))
      .digest('hex');
  }

  /**
   * `work` must be safe to run again after a failure that may have come after it recorded
   * something (a connection lost at COMMIT, or while storing the answer): the create is, since
   * its complaint id is derived from the key and a retry finds the complaint instead of adding one.
   */
  async run(
    key: ScopedKey,
    fingerprint: string,
    work: () => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    let reservation: Reservation;
    try {
      reservation = await this.store.reserve(key, fingerprint);
    } catch (error) {
      // The reservation may have been recorded before the connection was lost: give it back, or
      // the client's retry would find its own key "in use".
      if (error instanceof StoreUnavailableError) await this.bestEffort(() => this.store.release(key));
      throw error;
    }
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
      if (!(await this.bestEffort(() => this.store.complete(key, response)))) {
        throw new StoreUnavailableError('The answer to an idempotent request could not be stored');
      }
    } catch (error) {
      // Nothing was appended, or the append is found again by the retry (see above): the key is
      // free for it. The client hears why the work failed (a rule, a 503), never that this failed.
      await this.bestEffort(() => this.store.release(key));
      throw error;
    } finally {
      clearInterval(lease);
    }
    return { ...response, replayed: false };
  }

  /**
   * A few attempts at `operation`, bounded by the deadline; true once one succeeded. Never
   * throws. A key that could not be given back stays reserved until it counts as abandoned: a
   * retry meanwhile gets 409 idempotency-key-in-use with Retry-After, never a second run.
   */
  private async bestEffort(operation: () => Promise<void>): Promise<boolean> {
    const attempts = (async () => {
      for (let attempt = 1; attempt <= BOOKKEEPING_ATTEMPTS; attempt++) {
        try {
          await operation();
          return true;
        } catch {
          if (attempt < BOOKKEEPING_ATTEMPTS)
            await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, BOOKKEEPING_BACKOFF)));
        }
      }
      return false;
    })();
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>(
      (resolve) => (deadline = setTimeout(() => resolve(false), BOOKKEEPING_DEADLINE_MS).unref()),
    );
    try {
      return await Promise.race([attempts, timedOut]);
    } finally {
      clearTimeout(deadline);
    }
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
  const hex = createHash('sha256')
    .update('complaints/idempotency-key/v2/')
    .update(`${caller.length}:${caller}/`)
    .update(key)
    .digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
