import type { CheckpointStore } from '@complaints/event-store';
import type { SqlQueryable } from '../sql/sql-executor';

/** Subscription and projection checkpoints in the same database as the events. */
export class SqlCheckpointStore implements CheckpointStore {
  constructor(private readonly sql: SqlQueryable) {}

  async load(subscriptionId: string): Promise<bigint> {
    const rows = await this.sql.query<{ position: string }>(
      'SELECT position::text AS position FROM checkpoints WHERE subscription_id = $1',
      [subscriptionId],
    );
    return BigInt(rows[0]?.position ?? '0');
  }

  async store(subscriptionId: string, position: bigint): Promise<void> {
    if (position < 0n) throw new RangeError(`A checkpoint cannot be negative (${position})`);
    await this.sql.query(
      `INSERT INTO checkpoints (subscription_id, position, updated_at) VALUES ($1, $2::bigint, now())
       ON CONFLICT (subscription_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      [subscriptionId, position.toString()],
    );
  }
}
