import type { GlobalPosition } from '@complaints/event-store';
import type { SqlQueryable } from '../sql/sql-executor';

/** Global position of the stream's last event (0n when it has none), for an append of nothing. */
export async function lastPositionOf(sql: SqlQueryable, streamId: string): Promise<GlobalPosition> {
  const rows = await sql.query<{ position: string | null }>(
    'SELECT max(global_position)::text AS position FROM events WHERE stream_id = $1',
    [streamId],
  );
  return BigInt(rows[0]?.position ?? '0');
}
