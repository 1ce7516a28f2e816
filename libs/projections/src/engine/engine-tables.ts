import type { SqlExecutor, SqlQueryable } from '@complaints/adapter-postgres';

/**
 * Transaction-scoped advisory lock taken by every change to the engine's structure (creating
 * its tables, registering a table set, starting a rebuild, swapping). Those are rare; taking
 * turns makes two instances starting at once agree instead of racing. Batches never take it.
 */
export const PROJECTION_STRUCTURE_LOCK_KEY = 7_406_210_332;

/**
 * The engine's own tables:
 * - projection_registry: per projection, the table set that serves reads (and the version of
 *   the code that wrote it), and the set a rebuild is filling, if any;
 * - projection_checkpoints: per table set, the global position applied and how many events
 *   that took; updated in the same transaction as the rows (separate from the event store's
 *   subscription checkpoints, which commit after their handler);
 * - projection_dead_letters: per table set, the events its projection could not apply while
 *   their neighbours applied (dead-letters.ts), written in the transaction that moved the
 *   checkpoint past them; dropped with the set, so a rebuild tries them again.
 */
const ENGINE_TABLES = `
  CREATE TABLE IF NOT EXISTS projection_registry (
    projection      text        PRIMARY KEY,
    active_set      text        NOT NULL,
    active_version  text        NOT NULL,
    pending_set     text,
    pending_version text,
    generation      integer     NOT NULL,
    activated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((pending_set IS NULL) = (pending_version IS NULL))
  );
  CREATE TABLE IF NOT EXISTS projection_checkpoints (
    projection     text        NOT NULL,
    table_set      text        NOT NULL,
    position       bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
    events_applied bigint      NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, table_set)
  );
  -- Set by the process running a table set while its batches fail, cleared when one applies:
  -- observers (the API beside a worker) read it, so their reads do not wait on a failing worker.
  ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS failing_since timestamptz;
  -- When the set was created: with updated_at, a rebuild's rate and time left, whichever instance runs it.
  ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
  CREATE TABLE IF NOT EXISTS projection_dead_letters (
    projection      text        NOT NULL,
    table_set       text        NOT NULL,
    global_position bigint      NOT NULL,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    complaint_id    text        NOT NULL,
    error           text        NOT NULL,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, table_set, global_position)
  );
`;

export async function lockStructure(tx: SqlQueryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${PROJECTION_STRUCTURE_LOCK_KEY})`);
}

export async function ensureEngineTables(sql: SqlExecutor): Promise<void> {
  await sql.transaction(async (tx) => {
    // Under the lock: CREATE TABLE IF NOT EXISTS is not safe to race on PostgreSQL.
    await lockStructure(tx);
    await tx.execScript(ENGINE_TABLES);
  });
}
