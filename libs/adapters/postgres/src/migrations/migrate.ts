import type { SqlExecutor } from '../sql/sql-executor';
import { migrations as allMigrations, type Migration, type MigrationContext } from './migrations';

/**
 * An arbitrary, fixed advisory-lock key for "migrating the complaints schema". Every instance
 * uses the same one, so two instances starting at once against the same database take turns:
 * the second waits, then finds the steps already applied and does nothing.
 */
export const MIGRATION_LOCK_KEY = 7_406_210_331;

/** Told which steps are about to be applied (only when there are any), before the first runs: the start-up log names them. */
export type OnMigrating = (steps: readonly Pick<Migration, 'version' | 'name'>[]) => void;

export interface MigrationReport {
  applied: number[];
  current: number;
}

/**
 * Apply every step not yet recorded in schema_migrations, in order, in ONE transaction that
 * first takes a transaction-scoped advisory lock. The lock is taken before anything else —
 * even before `CREATE TABLE IF NOT EXISTS schema_migrations`, which is itself not safe to race
 * (two concurrent creators can both pass the IF NOT EXISTS check and one fails on the catalog's
 * unique index). Being transaction-scoped, the lock is released on commit or rollback, also when
 * the process dies mid-way.
 */
export async function migrate(
  sql: SqlExecutor,
  steps: readonly Migration[] = allMigrations,
  context: Partial<MigrationContext> = {},
  onMigrating?: OnMigrating,
): Promise<MigrationReport> {
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer     PRIMARY KEY,
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => Number(row.version)),
    );
    const applied: number[] = [];
    const pending = [...steps].sort((a, b) => a.version - b.version).filter((step) => !done.has(step.version));
    if (pending.length > 0) onMigrating?.(pending.map(({ version, name }) => ({ version, name })));
    for (const step of pending) {
      await tx.execScript(step.sql);
      await step.run?.(tx, { keyEncryptionFor: context.keyEncryptionFor, now: context.now ?? new Date() });
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      applied.push(step.version);
    }
    const current = Math.max(0, ...done, ...applied);
    return { applied, current };
  });
}
