import type { SqlExecutor } from '@complaints/adapter-postgres';

/**
 * Tables the API itself owns, beside the event store's (or, with EventStoreDB, in the
 * read-model database). Created idempotently at start, under an advisory lock of their own:
 * `CREATE TABLE IF NOT EXISTS` is not safe when two instances start at the same moment.
 */
export const API_TABLES_LOCK_KEY = 7_406_210_332;

export const API_TABLES_SQL = `
  -- Idempotency keys, scoped by the caller (the token's sub): one caller's key never answers
  -- another. (Databases from before the scoping also hold api_idempotency_keys, with keys global:
  -- no longer read, left in place.)
  CREATE TABLE IF NOT EXISTS api_idempotency_requests (
    caller           text        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    -- NULL while the first request is still being handled
    status           integer,
    response_body    text,
    response_headers text,
    -- While status is NULL: the handling process renews this; once it has passed, that process is gone
    lease_until      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    PRIMARY KEY (caller, idempotency_key)
  );
  -- Unsuccessful resident lookups, counted per address and per reference ('address:…', 'reference:…'),
  -- in windows that start with the first attempt: shared by every instance.
  CREATE TABLE IF NOT EXISTS api_lookup_attempts (
    subject           text        PRIMARY KEY,
    window_started_at timestamptz NOT NULL,
    attempts          integer     NOT NULL
  );
  CREATE TABLE IF NOT EXISTS api_reference_counters (
    year    integer PRIMARY KEY,
    last    integer NOT NULL
  );
  -- Subject-access exports (UK GDPR art. 15): who exported which complaints, when, in which form,
  -- and by which kinds of identifier. Nothing personal: never the email, phone or reference asked
  -- with; the complaint ids are random, and the staff id is the exporter's.
  CREATE TABLE IF NOT EXISTS api_subject_access_exports (
    export_id     text        PRIMARY KEY,
    exported_at   timestamptz NOT NULL,
    exported_by   text        NOT NULL,
    acting_role   text        NOT NULL,
    identified_by jsonb       NOT NULL,
    complaint_ids jsonb       NOT NULL,
    format        text        NOT NULL
  );
  CREATE INDEX IF NOT EXISTS api_subject_access_exports_at_idx ON api_subject_access_exports (exported_at DESC);
  -- Page sessions ended by signing out, until they would have expired anyway: a copied session
  -- cookie stops working at sign-out, on every instance. Session ids only, nothing personal.
  CREATE TABLE IF NOT EXISTS api_ended_sessions (
    sid        text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
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
