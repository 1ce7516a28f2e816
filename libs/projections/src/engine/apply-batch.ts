import type { SqlExecutor } from '@complaints/adapter-postgres';
import type { StreamCategory } from '@complaints/contracts';
import type { GlobalPosition } from '@complaints/event-store';
import { tableSet, type BatchContext, type Projection } from './projection';
import type { ProjectionSource } from './projection-source';
import { advanceCheckpoint, readCheckpoint } from './table-sets';
import {
  isTransientFailure,
  messageOfFailure,
  parkEvent,
  withoutPersonalValuesIn,
  type DeadLetter,
} from './dead-letters';
import type { ComplaintEnvelope, ComplaintLogBatch } from '@complaints/event-store';

/** Told of each event parked while applying a batch (to log it as an error). */
export type OnParked = (letter: Omit<DeadLetter, 'parkedAt'>) => void;

export type BatchOutcome =
  /** A batch was committed (possibly by another instance first: then `applied` is 0). */
  | { kind: 'applied'; position: GlobalPosition; head: GlobalPosition; applied: number; eventsApplied: bigint }
  /** Nothing to do: the set had reached the head of the log when asked. */
  | { kind: 'caught_up'; position: GlobalPosition; head: GlobalPosition; eventsApplied: bigint }
  /** The table set no longer exists (swapped out or abandoned): read the registry again. */
  | { kind: 'retired' };

/** One table set of one projection that a batch is applied to. */
export interface BatchTarget {
  projection: Projection;
  suffix: string;
}

/** What applying a batch to one target came to: its outcome, or why it failed (the others went on). */
export type TargetResult = { ok: true; outcome: BatchOutcome } | { ok: false; error: unknown };

/**
 * Apply the next batch of the log to one table set of one projection (applyNextBatchToAll with
 * one target); a failure is thrown.
 */
export async function applyNextBatch(
  sql: SqlExecutor,
  source: ProjectionSource,
  projection: Projection,
  suffix: string,
  batchSize: number,
  onParked?: OnParked,
): Promise<BatchOutcome> {
  const [result] = await applyNextBatchToAll(sql, source, [{ projection, suffix }], batchSize, onParked);
  if (!result) throw new Error(`${projection.name}: a batch gave no result`);
  if (!result.ok) throw result.error;
  return result.outcome;
}

/**
 * Apply the next batch of the log to several table sets (the read models rebuilding or catching
 * up together), reading the log ONCE for all of them: from the lowest of their checkpoints, each
 * view of the batch computed once (the projections that need no clear text share the redacted
 * view, nothing decrypted; the others the revealed one, each data subject's key looked up once).
 *
 * The events are read outside any transaction (the read may take a while; the transaction stays
 * short). Then, for each target, in ONE transaction of its own: lock the set's checkpoint row,
 * apply only the events past the checkpoint found under the lock, and move the checkpoint. Two
 * instances running the same projection therefore take turns on the row, and the second applies
 * only what the first did not — never an event twice. If `apply` throws, the rows and the
 * checkpoint roll back together and the same batch is read again next time — never an event
 * skipped. One target failing does not stop the others (its result says why).
 *
 * The checkpoint moves to the last complaint event applied, or — when the read reached the end
 * of the log — to the head read BEFORE it, so other streams' events at the end do not count as lag.
 *
 * When a target's batch fails for a reason that is not transient (isTransientFailure), its
 * events are applied again one per transaction (applyOneByOne): one event that the projection
 * cannot apply must not hold back the rest of the log.
 *
 * On PostgreSQL the targets' transactions run side by side (each on a connection of its own, so
 * the database writes one read model while Node computes the next); on the embedded store, whose
 * one connection serialises them anyway, one after the other.
 */
export async function applyNextBatchToAll(
  sql: SqlExecutor,
  source: ProjectionSource,
  targets: readonly BatchTarget[],
  batchSize: number,
  onParked?: OnParked,
): Promise<TargetResult[]> {
  const results: (TargetResult | undefined)[] = targets.map(() => undefined);
  const pending: { index: number; target: BatchTarget; position: GlobalPosition; eventsApplied: bigint }[] = [];
  let head: GlobalPosition;
  try {
    for (const [index, target] of targets.entries()) {
      const checkpoint = await readCheckpoint(sql, target.projection.name, target.suffix);
      if (!checkpoint) results[index] = { ok: true, outcome: { kind: 'retired' } };
      else pending.push({ index, target, position: checkpoint.position, eventsApplied: checkpoint.eventsApplied });
    }
    head = await source.headPosition();
  } catch (error) {
    return targets.map(() => ({ ok: false, error }));
  }
  const behind = pending.filter((entry) => {
    if (entry.position < head) return true;
    results[entry.index] = {
      ok: true,
      outcome: { kind: 'caught_up', position: entry.position, head, eventsApplied: entry.eventsApplied },
    };
    return false;
  });
  if (behind.length > 0) {
    const from = behind.reduce((lowest, entry) => (entry.position < lowest ? entry.position : lowest), head);
    let batch: ComplaintLogBatch;
    try {
      batch = await source.readBatch(from, batchSize);
    } catch (error) {
      for (const entry of behind) results[entry.index] = { ok: false, error };
      return results as TargetResult[];
    }
    const last = batch.lastPosition ?? from;
    const reachedEnd = batch.size < batchSize;
    const target = reachedEnd && head > last ? head : last;
    const context: BatchContext = { keys: batch.keys };
    const applyTo = async (entry: (typeof behind)[number]): Promise<void> => {
      results[entry.index] = await applyBatchTo(sql, entry.target, batch, context, target, head, entry, onParked);
    };
    await inParallel(behind, sql.dialect === 'postgres' ? MAX_PARALLEL_TARGETS : 1, applyTo);
  }
  return results.map((result) => result ?? { ok: false, error: new Error('a batch target was left without a result') });
}

/** At most this many targets' transactions at once (each holds a pooled connection the API also needs). */
export const MAX_PARALLEL_TARGETS = 4;

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

const COMPLAINTS_ONLY: readonly StreamCategory[] = ['complaint'];

async function applyBatchTo(
  sql: SqlExecutor,
  { projection, suffix }: BatchTarget,
  batch: ComplaintLogBatch,
  context: BatchContext,
  target: GlobalPosition,
  head: GlobalPosition,
  checkpoint: { position: GlobalPosition; eventsApplied: bigint },
  onParked: OnParked | undefined,
): Promise<TargetResult> {
  // Ahead of this whole batch (the batch was read for a slower one): nothing for it here.
  if (target <= checkpoint.position) {
    return {
      ok: true,
      outcome: {
        kind: 'applied',
        position: checkpoint.position,
        head,
        applied: 0,
        eventsApplied: checkpoint.eventsApplied,
      },
    };
  }
  let envelopes: readonly ComplaintEnvelope[];
  try {
    const view = projection.needsClearText === true ? await batch.revealed() : batch.redacted();
    const categories = projection.categories ?? COMPLAINTS_ONLY;
    envelopes = view.filter(
      (envelope) => envelope.globalPosition > checkpoint.position && categories.includes(envelope.category),
    );
  } catch (error) {
    return { ok: false, error };
  }
  try {
    return {
      ok: true,
      outcome: await applyInOneTransaction(sql, projection, suffix, envelopes, target, head, context),
    };
  } catch (error) {
    if (isTransientFailure(error) || envelopes.length === 0 || projection.parksEvents === false)
      return { ok: false, error };
    try {
      return {
        ok: true,
        outcome: await applyOneByOne(sql, projection, suffix, envelopes, target, head, context, onParked),
      };
    } catch (failure) {
      return { ok: false, error: failure };
    }
  }
}

async function applyInOneTransaction(
  sql: SqlExecutor,
  projection: Projection,
  suffix: string,
  envelopes: readonly ComplaintEnvelope[],
  target: GlobalPosition,
  head: GlobalPosition,
  context: BatchContext,
): Promise<BatchOutcome> {
  // Before the transaction (Projection.prepare): the embedded store would queue its queries behind it.
  const prepared = await projection.prepare?.(envelopes, sql, tableSet(suffix), context);
  return sql.transaction(async (tx): Promise<BatchOutcome> => {
    const current = await readCheckpoint(tx, projection.name, suffix, true);
    if (!current) return { kind: 'retired' };
    if (current.position >= target) {
      return { kind: 'applied', position: current.position, head, applied: 0, eventsApplied: current.eventsApplied };
    }
    const fresh = envelopes.filter((envelope) => envelope.globalPosition > current.position);
    if (fresh.length > 0) await projection.apply(tx, fresh, tableSet(suffix), prepared);
    await advanceCheckpoint(tx, projection.name, suffix, target, fresh.length);
    return {
      kind: 'applied',
      position: target,
      head,
      applied: fresh.length,
      eventsApplied: current.eventsApplied + BigInt(fresh.length),
    };
  });
}

/** How many events after a failing one may be tried to prove the failure is the event's own (see applyOneByOne). */
export const MAX_PARK_LOOKAHEAD = 16;

type Attempt = { ok: true; outcome: BatchOutcome } | { ok: false; failure: unknown };

/**
 * The failed batch, one event per transaction, each moving the checkpoint to its own position
 * (the last to the batch's target). An event that fails is tried once more on its own. If it
 * fails again, not for a transient reason, it is parked ONLY in the transaction that also
 * applies a later event of the batch (the next that applies, at most MAX_PARK_LOOKAHEAD on):
 * the proof that the failure is the event's own and not the database's or the projection's as a
 * whole (a missing table fails every event, so nothing is parked and the batch fails as before).
 * The parked events go into projection_dead_letters in that transaction, with the checkpoint
 * moving past them. An event that cannot be applied at the very end of the log therefore waits,
 * failing, until the next event arrives; the projection counts as failing meanwhile, so no read
 * waits for it.
 */
async function applyOneByOne(
  sql: SqlExecutor,
  projection: Projection,
  suffix: string,
  envelopes: readonly ComplaintEnvelope[],
  target: GlobalPosition,
  head: GlobalPosition,
  context: BatchContext,
  onParked: OnParked | undefined,
): Promise<BatchOutcome> {
  const at = (index: number): ComplaintEnvelope => {
    const envelope = envelopes[index];
    if (!envelope) throw new RangeError(`No event ${index} in the batch`);
    return envelope;
  };
  const toOf = (index: number) => (index === envelopes.length - 1 ? target : at(index).globalPosition);
  let outcome: BatchOutcome | undefined;
  let applied = 0;
  let index = 0;
  while (index < envelopes.length) {
    let attempt = await attemptTwice(() =>
      applyInOneTransaction(sql, projection, suffix, [at(index)], toOf(index), head, context),
    );
    if (attempt.ok) {
      outcome = attempt.outcome;
    } else {
      const failures: unknown[] = [attempt.failure];
      const firstFailure = attempt.failure;
      let next = index + 1;
      for (; next < envelopes.length && next <= index + MAX_PARK_LOOKAHEAD; next++) {
        const parked = envelopes.slice(index, next);
        attempt = await attemptOnce(() =>
          parkAndApply(sql, projection, suffix, parked, failures, at(next), toOf(next), head, context),
        );
        if (attempt.ok) break;
        failures.push(attempt.failure);
      }
      // It goes on to the log ("projection batch failed"): without the event's personal values in its message.
      if (!attempt.ok) throw withoutPersonalValuesIn(firstFailure, at(index));
      outcome = attempt.outcome;
      if (outcome.kind === 'applied' && onParked) {
        for (const [k, envelope] of envelopes.slice(index, next).entries())
          onParked(letterOf(projection.name, suffix, envelope, failures[k]));
      }
      index = next;
    }
    if (outcome.kind === 'retired') return outcome;
    if (outcome.kind === 'applied') applied += outcome.applied;
    index++;
  }
  if (outcome?.kind !== 'applied') throw new Error(`${projection.name}: a failed batch gave no outcome`);
  return { ...outcome, applied };
}

async function attemptOnce(run: () => Promise<BatchOutcome>): Promise<Attempt> {
  try {
    return { ok: true, outcome: await run() };
  } catch (error) {
    if (isTransientFailure(error)) throw error;
    return { ok: false, failure: error };
  }
}

async function attemptTwice(run: () => Promise<BatchOutcome>): Promise<Attempt> {
  const first = await attemptOnce(run);
  return first.ok ? first : attemptOnce(run);
}

/** Park `parked` (each with its failure) and apply `next`, in one transaction with the checkpoint moving to `to`. */
async function parkAndApply(
  sql: SqlExecutor,
  projection: Projection,
  suffix: string,
  parked: readonly ComplaintEnvelope[],
  failures: readonly unknown[],
  next: ComplaintEnvelope,
  to: GlobalPosition,
  head: GlobalPosition,
  context: BatchContext,
): Promise<BatchOutcome> {
  const prepared = await projection.prepare?.([next], sql, tableSet(suffix), context);
  return sql.transaction(async (tx): Promise<BatchOutcome> => {
    const current = await readCheckpoint(tx, projection.name, suffix, true);
    if (!current) return { kind: 'retired' };
    if (current.position >= to)
      return { kind: 'applied', position: current.position, head, applied: 0, eventsApplied: current.eventsApplied };
    // Another instance may have moved past some of them meanwhile: those are not parked here.
    for (const [k, envelope] of parked.entries()) {
      if (envelope.globalPosition > current.position)
        await parkEvent(tx, projection.name, suffix, envelope, failures[k]);
    }
    const fresh = next.globalPosition > current.position ? [next] : [];
    if (fresh.length > 0) await projection.apply(tx, fresh, tableSet(suffix), prepared);
    await advanceCheckpoint(tx, projection.name, suffix, to, fresh.length);
    return {
      kind: 'applied',
      position: to,
      head,
      applied: fresh.length,
      eventsApplied: current.eventsApplied + BigInt(fresh.length),
    };
  });
}

function letterOf(
  projection: string,
  suffix: string,
  envelope: ComplaintEnvelope,
  failure: unknown,
): Omit<DeadLetter, 'parkedAt'> {
  return {
    projection,
    tableSet: suffix,
    globalPosition: envelope.globalPosition,
    eventId: envelope.eventId,
    eventType: envelope.type,
    complaintId: envelope.complaintId,
    error: messageOfFailure(failure, envelope),
  };
}
