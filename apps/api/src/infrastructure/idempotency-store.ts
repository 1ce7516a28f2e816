import type { SqlQueryable } from '@complaints/adapter-postgres';

/** The first answer to a request, as it will be replayed. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Reservation =
  { kind: 'reserved' } | { kind: 'replay'; response: StoredResponse } | { kind: 'conflict' } | { kind: 'in_progress' };

/** Whose key it is (the token's sub) and the key itself: keys are scoped by caller. */
export interface ScopedKey {
  caller: string;
  key: string;
}

/**
 * A reservation is a lease: the process handling the request renews it every
 * LEASE_RENEW_EVERY_MS while the work runs (IdempotentRequests), so it lapses LEASE_SECONDS
 * after that process died (killed, crashed, power lost), and a retry then takes it over:
 * seconds after a crash, not a minute. If a live but stalled process loses its lease, the retry
 * still cannot create a second complaint: the complaint id is derived from the caller and key.
 */
export const LEASE_SECONDS = 5;
export const LEASE_RENEW_EVERY_MS = 1500;

/**
 * Idempotency keys, durable in SQL. A key is reserved before the work (so two concurrent
 * requests with one key cannot both run), then completed with the answer, or released when
 * the work failed (a failed request appended nothing, so retrying it is safe).
 */
export class IdempotencyStore {
  constructor(
    private readonly sql: SqlQueryable,
    private readonly leaseSeconds: number = LEASE_SECONDS,
  ) {}

  async reserve({ caller, key }: ScopedKey, requestHash: string): Promise<Reservation> {
    const inserted = await this.sql.query(
      `INSERT INTO api_idempotency_requests (caller, idempotency_key, request_hash, lease_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (caller, idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [caller, key, requestHash, this.leaseSeconds],
    );
    if (inserted.length === 1) return { kind: 'reserved' };

    const [row] = await this.sql.query<{
      request_hash: string;
      status: number | null;
      response_body: string | null;
      response_headers: string | null;
    }>(
      'SELECT request_hash, status, response_body, response_headers FROM api_idempotency_requests WHERE caller = $1 AND idempotency_key = $2',
      [caller, key],
    );
    // Released between our insert and select: try once more from the start.
    if (!row) return this.reserve({ caller, key }, requestHash);
    if (row.request_hash !== requestHash) return { kind: 'conflict' };
    if (row.status !== null) {
      return {
        kind: 'replay',
        response: {
          status: Number(row.status),
          body: JSON.parse(row.response_body ?? 'null') as unknown,
          headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
        },
      };
    }
    const takenOver = await this.sql.query(
      `UPDATE api_idempotency_requests SET lease_until = now() + make_interval(secs => $3)
       WHERE caller = $1 AND idempotency_key = $2 AND status IS NULL AND lease_until < now()
       RETURNING idempotency_key`,
      [caller, key, this.leaseSeconds],
    );
    return takenOver.length === 1 ? { kind: 'reserved' } : { kind: 'in_progress' };
  }

  /** The handling process is alive: keep the reservation for another lease. */
  async renew({ caller, key }: ScopedKey): Promise<void> {
    await this.sql.query(
      `UPDATE api_idempotency_requests SET lease_until = now() + make_interval(secs => $3)
       WHERE caller = $1 AND idempotency_key = $2 AND status IS NULL`,
      [caller, key, this.leaseSeconds],
    );
  }

  async complete({ caller, key }: ScopedKey, response: StoredResponse): Promise<void> {
    await this.sql.query(
      `UPDATE api_idempotency_requests SET status = $3, response_body = $4, response_headers = $5, completed_at = now()
       WHERE caller = $1 AND idempotency_key = $2`,
      [caller, key, response.status, JSON.stringify(response.body), JSON.stringify(response.headers)],
    );
  }

  async release({ caller, key }: ScopedKey): Promise<void> {
    await this.sql.query(
      'DELETE FROM api_idempotency_requests WHERE caller = $1 AND idempotency_key = $2 AND status IS NULL',
      [caller, key],
    );
  }
}
