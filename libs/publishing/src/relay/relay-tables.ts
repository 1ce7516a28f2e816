import type { SqlExecutor, SqlQueryable } from '@complaints/adapter-postgres';
import type { GlobalPosition } from '@complaints/event-store';

/** Transaction-scoped advisory lock for creating the relay's tables (CREATE TABLE IF NOT EXISTS races on PostgreSQL). */
export const RELAY_STRUCTURE_LOCK_KEY = 7_406_210_877;

/**
 * The relay's own tables, beside the store's (created here, idempotently, not by the store's
 * migrations: the relay is optional and other deployments never need them).
 * - relay_state: per relay (one per topic), the checkpoint — the global position up to which
 *   the broker has acknowledged everything — and the lease: who may publish, until when, and a
 *   fence that grows with each change of holder. The checkpoint only moves under the current
 *   holder and fence, so a relay that was paused past its lease (a "zombie") cannot move it.
 *   Lease times are the database's `now()`, one clock for every instance.
 * - relay_dead_letters: events the broker refused as messages (too large, invalid) after a few
 *   attempts; the relay moved past them. Subscribers see a revision gap for that complaint and
 *   fetch the event from the HTTP feed by position.
 */
const RELAY_TABLES = `
  CREATE TABLE IF NOT EXISTS relay_state (
    relay             text        PRIMARY KEY,
    position          bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
    events_published  bigint      NOT NULL DEFAULT 0,
    holder            text,
    fence             bigint      NOT NULL DEFAULT 0,
    lease_expires_at  timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS relay_dead_letters (
    relay            text        NOT NULL,
    position         bigint      NOT NULL,
    event_id         text        NOT NULL,
    complaint_id     text        NOT NULL,
    event_type       text        NOT NULL,
    revision         integer     NOT NULL,
    error            text        NOT NULL,
    attempts         integer     NOT NULL,
    dead_lettered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (relay, position)
  );
`;

export async function ensureRelayTables(sql: SqlExecutor): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${RELAY_STRUCTURE_LOCK_KEY})`);
    await tx.execScript(RELAY_TABLES);
  });
}

/** A lease this instance holds: the fence its checkpoint writes must present. */
export interface HeldLease {
  fence: bigint;
  /** The checkpoint when the lease was taken: where publishing resumes. */
  position: GlobalPosition;
}

/**
 * Take the lease if nobody holds it, it expired, or we already hold it. A change of holder
 * increments the fence. Returns undefined while another instance holds a live lease.
 */
export async function acquireLease(
  sql: SqlQueryable,
  relay: string,
  holder: string,
  leaseMs: number,
): Promise<HeldLease | undefined> {
  const rows = await sql.query<{ fence: string; position: string }>(
    `INSERT INTO relay_state (relay, holder, fence, lease_expires_at)
       VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
     ON CONFLICT (relay) DO UPDATE
       SET holder = EXCLUDED.holder,
           lease_expires_at = EXCLUDED.lease_expires_at,
           fence = relay_state.fence + CASE WHEN relay_state.holder IS NOT DISTINCT FROM EXCLUDED.holder THEN 0 ELSE 1 END,
           updated_at = now()
       WHERE relay_state.holder IS NULL OR relay_state.holder = EXCLUDED.holder OR relay_state.lease_expires_at <= now()
     RETURNING fence::text AS fence, position::text AS position`,
    [relay, holder, leaseMs],
  );
  const row = rows[0];
  return row ? { fence: BigInt(row.fence), position: BigInt(row.position) } : undefined;
}

/** Extend a held lease; false when it was lost (taken over: the fence moved). */
export async function renewLease(
  sql: SqlQueryable,
  relay: string,
  holder: string,
  fence: bigint,
  leaseMs: number,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE relay_state SET lease_expires_at = now() + $4 * interval '1 millisecond', updated_at = now()
      WHERE relay = $1 AND holder = $2 AND fence = $3::bigint RETURNING 1 AS ok`,
    [relay, holder, fence.toString(), leaseMs],
  );
  return rows.length === 1;
}

/** Give the lease up at once (on stop), so another instance need not wait for it to expire. */
export async function releaseLease(sql: SqlQueryable, relay: string, holder: string, fence: bigint): Promise<void> {
  await sql.query(
    `UPDATE relay_state SET holder = NULL, lease_expires_at = now(), updated_at = now()
      WHERE relay = $1 AND holder = $2 AND fence = $3::bigint`,
    [relay, holder, fence.toString()],
  );
}

/**
 * Move the checkpoint forward, fenced by the lease: nothing happens (false) unless `holder` and
 * `fence` still hold it. The lease's expiry is deliberately not checked: an expired lease that
 * nobody took over still means nobody else published, so the position is true.
 */
export async function advanceCheckpoint(
  sql: SqlQueryable,
  lease: { relay: string; holder: string; fence: bigint },
  position: GlobalPosition,
  published: number,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE relay_state
        SET position = GREATEST(position, $4::bigint), events_published = events_published + $5, updated_at = now()
      WHERE relay = $1 AND holder = $2 AND fence = $3::bigint
      RETURNING 1 AS ok`,
    [lease.relay, lease.holder, lease.fence.toString(), position.toString(), published],
  );
  return rows.length === 1;
}

export interface DeadLetter {
  position: GlobalPosition;
  eventId: string;
  complaintId: string;
  eventType: string;
  revision: number;
  error: string;
  attempts: number;
  deadLetteredAt: string;
}

/** Record a refused event and move the checkpoint past it, in one transaction, fenced like any checkpoint write. */
export async function deadLetterAndAdvance(
  sql: SqlExecutor,
  lease: { relay: string; holder: string; fence: bigint },
  letter: Omit<DeadLetter, 'deadLetteredAt'>,
): Promise<boolean> {
  return sql.transaction(async (tx) => {
    if (!(await advanceCheckpoint(tx, lease, letter.position, 0))) return false;
    await tx.query(
      `INSERT INTO relay_dead_letters (relay, position, event_id, complaint_id, event_type, revision, error, attempts)
       VALUES ($1, $2::bigint, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (relay, position) DO NOTHING`,
      [
        lease.relay,
        letter.position.toString(),
        letter.eventId,
        letter.complaintId,
        letter.eventType,
        letter.revision,
        letter.error,
        letter.attempts,
      ],
    );
    return true;
  });
}

export interface RelayStateRow {
  position: GlobalPosition;
  eventsPublished: bigint;
  holder: string | null;
  fence: bigint;
  leaseExpiresAt: string;
  leaseLive: boolean;
}

export async function readRelayState(sql: SqlQueryable, relay: string): Promise<RelayStateRow | undefined> {
  const rows = await sql.query<{
    position: string;
    events_published: string;
    holder: string | null;
    fence: string;
    lease_expires_at: string;
    lease_live: boolean;
  }>(
    `SELECT position::text AS position, events_published::text AS events_published, holder, fence::text AS fence,
            to_char(lease_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS lease_expires_at,
            (holder IS NOT NULL AND lease_expires_at > now()) AS lease_live
       FROM relay_state WHERE relay = $1`,
    [relay],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    position: BigInt(row.position),
    eventsPublished: BigInt(row.events_published),
    holder: row.holder,
    fence: BigInt(row.fence),
    leaseExpiresAt: row.lease_expires_at,
    leaseLive: row.lease_live,
  };
}

export async function readDeadLetters(sql: SqlQueryable, relay: string): Promise<DeadLetter[]> {
  const rows = await sql.query<{
    position: string;
    event_id: string;
    complaint_id: string;
    event_type: string;
    revision: number;
    error: string;
    attempts: number;
    dead_lettered_at: string;
  }>(
    `SELECT position::text AS position, event_id, complaint_id, event_type, revision, error, attempts,
            to_char(dead_lettered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS dead_lettered_at
       FROM relay_dead_letters WHERE relay = $1 ORDER BY position`,
    [relay],
  );
  return rows.map((row) => ({
    position: BigInt(row.position),
    eventId: row.event_id,
    complaintId: row.complaint_id,
    eventType: row.event_type,
    revision: Number(row.revision),
    error: row.error,
    attempts: Number(row.attempts),
    deadLetteredAt: row.dead_lettered_at,
  }));
}

export async function countDeadLetters(sql: SqlQueryable, relay: string): Promise<number> {
  const rows = await sql.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM relay_dead_letters WHERE relay = $1`,
    [relay],
  );
  return Number(rows[0]?.count ?? 0);
}
