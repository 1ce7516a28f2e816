import type { SqlExecutor } from '@complaints/adapter-postgres';
import type { GlobalPosition } from '@complaints/event-store';
import { tableSet, type Projection } from './projection';
import type { ProjectionSource } from './projection-source';
import { advanceCheckpoint, readCheckpoint } from './table-sets';
import { isTransientFailure, messageOfFailure, parkEvent, type DeadLetter } from './dead-letters';
import type { ComplaintEnvelope } from '@complaints/event-store';

/** Told of each event parked while applying a batch (to log it as an error). */
export type OnParked = (letter: Omit<DeadLetter, 'parkedAt'>) => void;

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
 *
 * When the batch fails for a reason that is not transient (isTransientFailure), its events are
 * applied again one per transaction (applyOneByOne): one event that the projection cannot apply
 * must not hold back the rest of the log.
 */
export async function applyNextBatch(
  sql: SqlExecutor,
  source: ProjectionSource,
  projection: Projection,
  suffix: string,
  batchSize: number,
  onParked?: OnParked,
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

  try {
    return await applyInOneTransaction(sql, projection, suffix, envelopes, target, head);
  } catch (error) {
    if (isTransientFailure(error) || envelopes.length === 0) throw error;
    return applyOneByOne(sql, projection, suffix, envelopes, target, head, onParked);
  }
}

async function applyInOneTransaction(
  sql: SqlExecutor,
  projection: Projection,
  suffix: string,
  envelopes: readonly ComplaintEnvelope[],
  target: GlobalPosition,
  head: GlobalPosition,
): Promise<BatchOutcome> {
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

/**
 * The failed batch, one event per transaction, each moving the checkpoint to its own position
 * (the last to the batch's target). An event that fails is tried once more on its own; if it
 * fails again — and not for a transient reason — while the database still answers (the park
 * itself is a transaction: if the database is gone, it fails and the whole batch is retried
 * later, as before), it is parked: recorded in projection_dead_letters in the same transaction
 * as the checkpoint moving past it. So only an event that fails where its neighbours succeed is
 * parked; a failure of everything stays a failure of the batch.
 */
async function applyOneByOne(
  sql: SqlExecutor,
  projection: Projection,
  suffix: string,
  envelopes: readonly ComplaintEnvelope[],
  target: GlobalPosition,
  head: GlobalPosition,
  onParked: OnParked | undefined,
): Promise<BatchOutcome> {
  let outcome: BatchOutcome | undefined;
  let applied = 0;
  for (const [index, envelope] of envelopes.entries()) {
    const to = index === envelopes.length - 1 ? target : envelope.globalPosition;
    let failure: unknown;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        outcome = await applyInOneTransaction(sql, projection, suffix, [envelope], to, head);
        failure = undefined;
        break;
      } catch (error) {
        if (isTransientFailure(error)) throw error;
        failure = error;
      }
    }
    if (failure !== undefined) outcome = await parkAndPass(sql, projection, suffix, envelope, to, head, failure, onParked);
    if (outcome?.kind === 'retired') return outcome;
    if (outcome?.kind === 'applied') applied += outcome.applied;
  }
  if (outcome?.kind !== 'applied') throw new Error(`${projection.name}: a failed batch gave no outcome`);
  return { ...outcome, applied };
}

async function parkAndPass(
  sql: SqlExecutor,
  projection: Projection,
  suffix: string,
  envelope: ComplaintEnvelope,
  to: GlobalPosition,
  head: GlobalPosition,
  failure: unknown,
  onParked: OnParked | undefined,
): Promise<BatchOutcome> {
  let parked = false;
  const outcome = await sql.transaction(async (tx): Promise<BatchOutcome> => {
    parked = false;
    const current = await readCheckpoint(tx, projection.name, suffix, true);
    if (!current) return { kind: 'retired' };
    if (current.position >= to) return { kind: 'applied', position: current.position, head, applied: 0, eventsApplied: current.eventsApplied };
    // Another instance may have moved past this event meanwhile: then there is nothing to park.
    if (current.position < envelope.globalPosition) {
      await parkEvent(tx, projection.name, suffix, envelope, failure);
      parked = true;
    }
    await advanceCheckpoint(tx, projection.name, suffix, to, 0);
    return { kind: 'applied', position: to, head, applied: 0, eventsApplied: current.eventsApplied };
  });
  if (parked) {
    onParked?.({
      projection: projection.name,
      tableSet: suffix,
      globalPosition: envelope.globalPosition,
      eventId: envelope.eventId,
      eventType: envelope.type,
      complaintId: envelope.complaintId,
      error: messageOfFailure(failure),
    });
  }
  return outcome;
}
