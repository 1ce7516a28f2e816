import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { backoffDelay, canonicalJson, type BackoffOptions } from '@complaints/event-store';
import { INFRASTRUCTURE } from '../../app/tokens';
import { ProblemException, problems } from '../../http/problem';
import { IdempotencyStore, type StoredResponse } from '../../infrastructure/idempotency-store';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/**
 * Giving a key back after a failed request: the failure was often a lost connection, which the
 * first release may meet too (the pool connects afresh for the next), so a few quick attempts,
 * and never longer than the deadline in all before the client hears the work's own error.
 */
const RELEASE_ATTEMPTS = 3;
const RELEASE_BACKOFF: BackoffOptions = { initialMs: 50, maxMs: 400 };
const RELEASE_DEADLINE_MS = 2_000;

/** Run a request at most once per Idempotency-Key, replaying its first answer to repeats. */
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

  async run(key: string, fingerprint: string, work: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
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
    try {
      response = await work();
    } catch (error) {
      // Nothing was appended (or the append is found again through the key-derived id), so the
      // key is free for a corrected retry.
      await this.releaseAfterFailure(key);
      throw error;
    }
    await this.store.complete(key, response);
    return { ...response, replayed: false };
  }

  /**
   * Best effort, and never an error of its own: the client must hear why the work failed (a
   * rule, a 503), not that the release failed after it. A key that could not be given back stays
   * reserved until it counts as abandoned: a retry meanwhile gets 409 idempotency-key-in-use
   * with Retry-After, never a second run.
   */
  private async releaseAfterFailure(key: string): Promise<void> {
    const attempts = (async () => {
      for (let attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt++) {
        try {
          await this.store.release(key);
          return;
        } catch {
          if (attempt < RELEASE_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RELEASE_BACKOFF)));
        }
      }
    })();
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([attempts, new Promise((resolve) => (deadline = setTimeout(resolve, RELEASE_DEADLINE_MS).unref()))]);
    clearTimeout(deadline);
  }
}

/**
 * The complaint id for a create with an Idempotency-Key, derived from the key (UUID layout,
 * version 8 = "custom"): if the process dies after appending but before storing the answer, the
 * retry addresses the same complaint and finds it, instead of creating a second one.
 */
export function complaintIdForKey(key: string): string {
  const hex = createHash('sha256').update('complaints/idempotency-key/').update(key).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
