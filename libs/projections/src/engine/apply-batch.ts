import type { SqlExecutor } from '@complaints/adapter-postgres';
import type { GlobalPosition } from '@complaints/event-store';
import { tableSet, type Projection } from './projection';
import type { ProjectionSource } from './projection-source';
import { advanceCheckpoint, readCheckpoint } from './table-sets';

export type BatchOutcome =
  /** A batch was committed (possibly by another instance first: then `applied` is 0). */
  | { kind: 'applied'; position: GlobalPosition; head: GlobalPosition; applied: number; eventsApplied: bigint }
  /** Nothing to do: the set had reached the head of the log when asked. */
  | { kind: 'caught_up'; position: GlobalPosition; head: GlobalPosition; eventsApplied: bigint }
  /** The table set no longer exists (swapped out or abandoned): read the registry again. */
  | { kind: 'retired' };

/**
 * Apply the next batch of the log to one table set of one projection.
 *
 * The events are read outside any transaction (the read may take a while; the transaction stays
 * short). Then, in ONE transaction: lock the set's checkpoint row, apply only the events past
 * the checkpoint found under the lock, and move the checkpoint. Two instances running the same
 * projection therefore take turns on the row, and the second applies only what the first did
 * not — never an event twice. If `apply` throws, the rows and the checkpoint roll back together
 * and the same batch is read again next time — never an event skipped.
 *
 * The checkpoint moves to the last complaint event applied, or — when the read reached the end
 * of the log — to the head read BEFORE it, so other streams' events at the end do not count as lag.
 */
export async function applyNextBatch(
  sql: SqlExecutor,
  source: ProjectionSource,
  projection: Projection,
  suffix: string,
  batchSize: number,
): Promise<BatchOutcome> {
  const checkpoint = await readCheckpoint(sql, projection.name, suffix);
  if (!checkpoint) return { kind: 'retired' };
  const head = await source.headPosition();
  if (head <= checkpoint.position) {
    return { kind: 'caught_up', position: checkpoint.position, head, eventsApplied: checkpoint.eventsApplied };
  }
  const envelopes = await source.readAll(checkpoint.position, batchSize);
  const last = envelopes.at(-1)?.globalPosition ?? checkpoint.position;
  const reachedEnd = envelopes.length < batchSize;
  const target = reachedEnd && head > last ? head : last;
  if (target <= checkpoint.position) {
    return { kind: 'caught_up', position: checkpoint.position, head, eventsApplied: checkpoint.eventsApplied };
  }

  return sql.transaction(async (tx): Promise<BatchOutcome> => {
    const current = await readCheckpoint(tx, projection.name, suffix, true);
    if (!current) return { kind: 'retired' };
    if (current.position >= target) {
      return { kind: 'applied', position: current.position, head, applied: 0, eventsApplied: current.eventsApplied };
    }
    const fresh = envelopes.filter((envelope) => envelope.globalPosition > current.position);
    if (fresh.length > 0) await projection.apply(tx, fresh, tableSet(suffix));
    await advanceCheckpoint(tx, projection.name, suffix, target, fresh.length);
    return { kind: 'applied', position: target, head, applied: fresh.length, eventsApplied: current.eventsApplied + BigInt(fresh.length) };
  });
}
