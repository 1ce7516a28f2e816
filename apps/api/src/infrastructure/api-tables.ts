import type { SqlExecutor } from '@complaints/adapter-postgres';

/**
 * Tables the API itself owns, beside the event store's (or, with EventStoreDB, in the
 * read-model database). Created idempotently at start, under an advisory lock of their own:
 * `CREATE TABLE IF NOT EXISTS` is not safe when two instances start at the same moment.
 */
export const API_TABLES_LOCK_KEY = 7_406_210_332;

export const API_TABLES_SQL = `
  CREATE TABLE IF NOT EXISTS api_idempotency_keys (
    idempotency_key  text        PRIMARY KEY,
    request_hash     text        NOT NULL,
    -- NULL while the first request is still being handled
    status           integer,
    response_body    text,
    response_headers text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz
  );
  CREATE TABLE IF NOT EXISTS api_reference_counters (
    year    integer PRIMARY KEY,
    last    integer NOT NULL
  );
  -- Secrets the API generates once for all its instances (the residents' access-code key)
  CREATE TABLE IF NOT EXISTS api_secrets (
    name       text        PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
`;

export async function ensureApiTables(sql: SqlExecutor): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${API_TABLES_LOCK_KEY})`);
    await tx.execScript(API_TABLES_SQL);
  });
}
