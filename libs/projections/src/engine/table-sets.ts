import type { SqlExecutor, SqlQueryable } from '@complaints/adapter-postgres';
import { isUndefinedTable } from './active-tables';
import { dropDeadLetters } from './dead-letters';
import { lockStructure } from './engine-tables';
import { suffixOfGeneration, tableSet, type Projection } from './projection';

export interface RegistryRow {
  projection: string;
  activeSet: string;
  activeVersion: string;
  pendingSet: string | null;
  pendingVersion: string | null;
  generation: number;
}

interface RawRegistryRow {
  projection: string;
  active_set: string;
  active_version: string;
  pending_set: string | null;
  pending_version: string | null;
  generation: number | string;
}

const REGISTRY_COLUMNS = 'projection, active_set, active_version, pending_set, pending_version, generation';

function toRegistryRow(raw: RawRegistryRow): RegistryRow {
  return {
    projection: raw.projection,
    activeSet: raw.active_set,
    activeVersion: raw.active_version,
    pendingSet: raw.pending_set,
    pendingVersion: raw.pending_version,
    generation: Number(raw.generation),
  };
}

export async function readRegistry(sql: SqlQueryable, projection: string): Promise<RegistryRow | undefined> {
  const rows = await sql.query<RawRegistryRow>(
    `SELECT ${REGISTRY_COLUMNS} FROM projection_registry WHERE projection = $1`,
    [projection],
  );
  return rows[0] && toRegistryRow(rows[0]);
}

/** The suffix of the table set that serves reads of `projection`, or undefined before it is registered. */
export async function activeSuffix(sql: SqlQueryable, projection: string): Promise<string | undefined> {
  return (await readRegistry(sql, projection))?.activeSet;
}

async function createTableSet(tx: SqlQueryable, projection: Projection, generation: number): Promise<string> {
  const suffix = suffixOfGeneration(generation);
  // DDL is transactional in PostgreSQL: if registering fails, the new tables go with it.
  await projection.createTables(tx, tableSet(suffix));
  await tx.query('INSERT INTO projection_checkpoints (projection, table_set) VALUES ($1, $2)', [
    projection.name,
    suffix,
  ]);
  return suffix;
}

async function dropTableSet(tx: SqlQueryable, projection: Projection, suffix: string): Promise<void> {
  const set = tableSet(suffix);
  for (const base of projection.tables) await tx.query(`DROP TABLE IF EXISTS ${set.table(base)}`);
  await tx.query('DELETE FROM projection_checkpoints WHERE projection = $1 AND table_set = $2', [
    projection.name,
    suffix,
  ]);
  await dropDeadLetters(tx, projection.name, suffix);
}

/**
 * The projection's registry row; the first time, its first table set (empty, checkpoint 0) is
 * created and made active in the same transaction.
 */
export async function ensureRegistered(sql: SqlExecutor, projection: Projection): Promise<RegistryRow> {
  const existing = await readRegistry(sql, projection.name);
  if (existing) return existing;
  return sql.transaction(async (tx) => {
    await lockStructure(tx);
    const again = await readRegistry(tx, projection.name);
    if (again) return again;
    const suffix = await createTableSet(tx, projection, 1);
    await tx.query(
      `INSERT INTO projection_registry (projection, active_set, active_version, generation) VALUES ($1, $2, $3, 1)`,
      [projection.name, suffix, projection.version],
    );
    return {
      projection: projection.name,
      activeSet: suffix,
      activeVersion: projection.version,
      pendingSet: null,
      pendingVersion: null,
      generation: 1,
    };
  });
}

/**
 * The table set a rebuild fills. A rebuild of the same version already under way (started by
 * this or another instance, perhaps before a restart) is joined, not restarted: its checkpoint
 * is as good as any. One of another version is abandoned and its tables dropped.
 */
export async function beginRebuild(sql: SqlExecutor, projection: Projection): Promise<string> {
  return sql.transaction(async (tx) => {
    await lockStructure(tx);
    const row = await readRegistry(tx, projection.name);
    if (!row) throw new Error(`Projection ${projection.name} is not registered`);
    if (row.pendingSet !== null && row.pendingVersion === projection.version) return row.pendingSet;
    if (row.pendingSet !== null) await dropTableSet(tx, projection, row.pendingSet);
    const generation = row.generation + 1;
    const suffix = await createTableSet(tx, projection, generation);
    await tx.query(
      'UPDATE projection_registry SET pending_set = $2, pending_version = $3, generation = $4 WHERE projection = $1',
      [projection.name, suffix, projection.version, generation],
    );
    return suffix;
  });
}

export type SwapOutcome =
  /** The rebuilt set now serves reads; the old one is gone. */
  | { kind: 'swapped'; retired: string }
  /** The rebuilt set is behind the live one: catch up further and try again. */
  | { kind: 'behind'; pendingPosition: bigint; activePosition: bigint }
  /** This set is no longer the pending one (another instance swapped it in, or a newer rebuild replaced it). */
  | { kind: 'not_pending' };

/**
 * Make the rebuilt set the active one, in one transaction: the registry names it, the old set's
 * checkpoint and tables are dropped. Only when the rebuilt set has applied at least as much of
 * the log as the live one, so a reader who waited for a position never sees it vanish. Locking
 * the live checkpoint row holds back the live set's batches for the moment of the swap; a batch
 * that was about to write into the old set then finds its checkpoint gone and stops.
 */
export async function swapIn(sql: SqlExecutor, projection: Projection, pendingSet: string): Promise<SwapOutcome> {
  // Rebuilt tables have never been analysed (autovacuum may be off, or not have come by yet):
  // their first reads would be planned on guesses (a facts table's GROUP BY sorted 50k rows where
  // its statistics say to hash a thousand groups). Before the swap, outside its transaction: it
  // blocks neither the batches nor the readers. A set another instance already swapped in or
  // dropped is gone: the transaction below then answers not_pending.
  try {
    for (const base of projection.tables) await sql.query(`ANALYZE ${tableSet(pendingSet).table(base)}`);
  } catch (error) {
    if (!isUndefinedTable(error)) throw error;
  }
  return sql.transaction(async (tx) => {
    await lockStructure(tx);
    const row = await readRegistry(tx, projection.name);
    if (!row || row.pendingSet !== pendingSet) return { kind: 'not_pending' as const };
    const positions = await tx.query<{ table_set: string; position: string }>(
      `SELECT table_set, position::text AS position FROM projection_checkpoints
        WHERE projection = $1 AND table_set IN ($2, $3) ORDER BY table_set FOR UPDATE`,
      [projection.name, row.activeSet, pendingSet],
    );
    const positionOf = (set: string) => BigInt(positions.find((p) => p.table_set === set)?.position ?? '0');
    const pendingPosition = positionOf(pendingSet);
    const activePosition = positionOf(row.activeSet);
    if (pendingPosition < activePosition) return { kind: 'behind' as const, pendingPosition, activePosition };
    await tx.query(
      `UPDATE projection_registry
          SET active_set = pending_set, active_version = pending_version, pending_set = NULL, pending_version = NULL, activated_at = now()
        WHERE projection = $1`,
      [projection.name],
    );
    await dropTableSet(tx, projection, row.activeSet);
    return { kind: 'swapped' as const, retired: row.activeSet };
  });
}

export interface CheckpointRow {
  position: bigint;
  eventsApplied: bigint;
  /** The process running this set saw its batches fail since then (markFailing); null once one applied. */
  failingSince: string | null;
  /** Seconds from the set's creation to its last batch (the database's clock): how long its rows took to write so far. */
  secondsSinceCreated: number | null;
}

export async function readCheckpoint(
  sql: SqlQueryable,
  projection: string,
  suffix: string,
  forUpdate = false,
): Promise<CheckpointRow | undefined> {
  const rows = await sql.query<{
    position: string;
    events_applied: string;
    failing_since: string | null;
    seconds: number | string | null;
  }>(
    `SELECT position::text AS position, events_applied::text AS events_applied, failing_since::text AS failing_since,
            extract(epoch FROM updated_at - created_at)::float8 AS seconds
       FROM projection_checkpoints
      WHERE projection = $1 AND table_set = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [projection, suffix],
  );
  const row = rows[0];
  return (
    row && {
      position: BigInt(row.position),
      eventsApplied: BigInt(row.events_applied),
      failingSince: row.failing_since,
      secondsSinceCreated: row.seconds === null ? null : Number(row.seconds),
    }
  );
}

export async function advanceCheckpoint(
  tx: SqlQueryable,
  projection: string,
  suffix: string,
  position: bigint,
  applied: number,
): Promise<void> {
  await tx.query(
    `UPDATE projection_checkpoints SET position = $3::bigint, events_applied = events_applied + $4, updated_at = now(), failing_since = NULL
      WHERE projection = $1 AND table_set = $2`,
    [projection, suffix, position.toString(), applied],
  );
}

/**
 * Record (failing) or clear that the set's batches fail in the process running it, for observers
 * in other processes. Outside any batch: a failed batch's transaction is gone.
 */
export async function markFailing(
  sql: SqlQueryable,
  projection: string,
  suffix: string,
  failing: boolean,
): Promise<void> {
  await sql.query(
    failing
      ? 'UPDATE projection_checkpoints SET failing_since = COALESCE(failing_since, now()) WHERE projection = $1 AND table_set = $2'
      : 'UPDATE projection_checkpoints SET failing_since = NULL WHERE projection = $1 AND table_set = $2 AND failing_since IS NOT NULL',
    [projection, suffix],
  );
}

/** Drop a rebuild's tables that no code will finish (they were started under another version). */
export async function abandonRebuild(sql: SqlExecutor, projection: Projection, pendingSet: string): Promise<void> {
  await sql.transaction(async (tx) => {
    await lockStructure(tx);
    const row = await readRegistry(tx, projection.name);
    if (!row || row.pendingSet !== pendingSet) return;
    await dropTableSet(tx, projection, pendingSet);
    await tx.query('UPDATE projection_registry SET pending_set = NULL, pending_version = NULL WHERE projection = $1', [
      projection.name,
    ]);
  });
}
