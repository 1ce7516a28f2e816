import type { SqlQueryable } from '@complaints/adapter-postgres';

/** The first answer to a request, as it will be replayed. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'conflict' }
  | { kind: 'in_progress' };

/**
 * A reservation left unfinished this long belongs to a request that died (process killed
 * mid-way): a retry may take it over. The complaint id is derived from the key, so even then
 * the retry cannot create a second complaint.
 */
const ABANDONED_AFTER_SECONDS = 60;

/**
 * Idempotency keys, durable in SQL. A key is reserved before the work (so two concurrent
 * requests with one key cannot both run), then completed with the answer, or released when
 * the work failed (a failed request appended nothing, so retrying it is safe).
 */
export class IdempotencyStore {
  constructor(private readonly sql: SqlQueryable) {}

  async reserve(key: string, requestHash: string): Promise<Reservation> {
    const inserted = await this.sql.query(
      `INSERT INTO api_idempotency_keys (idempotency_key, request_hash) VALUES ($1, $2)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [key, requestHash],
    );
    if (inserted.length === 1) return { kind: 'reserved' };

    const [row] = await this.sql.query<{ request_hash: string; status: number | null; response_body: string | null; response_headers: string | null }>(
      'SELECT request_hash, status, response_body, response_headers FROM api_idempotency_keys WHERE idempotency_key = $1',
      [key],
    );
    // Released between our insert and select: try once more from the start.
    if (!row) return this.reserve(key, requestHash);
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
      `UPDATE api_idempotency_keys SET created_at = now()
       WHERE idempotency_key = $1 AND status IS NULL AND created_at < now() - interval '${ABANDONED_AFTER_SECONDS} seconds'
       RETURNING idempotency_key`,
      [key],
    );
    return takenOver.length === 1 ? { kind: 'reserved' } : { kind: 'in_progress' };
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    await this.sql.query(
      `UPDATE api_idempotency_keys SET status = $2, response_body = $3, response_headers = $4, completed_at = now()
       WHERE idempotency_key = $1`,
      [key, response.status, JSON.stringify(response.body), JSON.stringify(response.headers)],
    );
  }

  async release(key: string): Promise<void> {
    await this.sql.query('DELETE FROM api_idempotency_keys WHERE idempotency_key = $1 AND status IS NULL', [key]);
  }
}
