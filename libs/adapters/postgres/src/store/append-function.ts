import type { ChainedEvent, GlobalPosition, StreamTip } from '@complaints/event-store';
import type { SqlQueryable } from '../sql/sql-executor';

/**
 * One append as the database function complaints_append (migration 5) takes it: the events,
 * already numbered and hash-chained in this process from the stream tip they expect to find.
 */
export interface AppendRequest {
  streamId: string;
  /** Where the events were chained from: the append applies only if the stream is exactly here. */
  from: StreamTip;
  /** The events in order; at least one. */
  events: readonly ChainedEvent[];
}

export type AppendOutcome =
  | { outcome: 'appended'; firstPosition: GlobalPosition }
  /** The stream was not at `from` (another writer got there first); nothing of this append was written. */
  | { outcome: 'conflict'; actualRevision: number };

/**
 * Appends to any number of streams in ONE statement, so in one round trip and one commit:
 * complaints_append locks each stream's row, compares it with the tip the events were chained
 * from, moves it, then takes the positions of every accepted event from global_head at once,
 * inserts them and queues the notification.
 *
 * WHY the chain is computed before the lock, from a tip the caller already knows (the stream
 * it just read, or the append before): the hash of each event needs the previous one, and
 * fetching it under the lock was a round trip of its own inside a transaction (BEGIN, lock,
 * write, COMMIT: four). The function checks the tip's revision AND hash under the lock, so a
 * stale tip can only ever produce a conflict, never a forked chain.
 *
 * WHY several streams per call: global_head's row lock is held to COMMIT (that is what keeps
 * the log gap-free in commit order), so concurrent writers queue behind each other's commit and
 * disk sync. Sending what queued up meanwhile as one call (GroupCommit) pays that wait once.
 *
 * Requests are sent in stream-id order so that two instances locking the same streams always
 * lock them in the same order (no deadlock); appends to one stream keep their relative order.
 */
export async function appendInOneStatement(
  sql: SqlQueryable,
  requests: readonly AppendRequest[],
  channel: string,
): Promise<AppendOutcome[]> {
  const sorted = requests
    .map((request, i) => ({ request, i }))
    .sort((a, b) => compareText(a.request.streamId, b.request.streamId) || a.i - b.i);
  const order = sorted.map(({ i }) => i);
  const rows = await sql.query<{
    idx: number;
    outcome: string;
    actual_revision: number | null;
    first_position: string | null;
  }>(
    'SELECT idx, outcome, actual_revision, first_position FROM complaints_append($1, $2)',
    [`[${sorted.map(({ request }) => requestJson(request)).join(',')}]`, channel],
    { preparedAs: 'complaints_append' },
  );
  const outcomes: (AppendOutcome | undefined)[] = new Array(requests.length);
  for (const row of rows) {
    const request = order[Number(row.idx) - 1];
    if (request === undefined)
      throw new Error(`complaints_append answered for append ${row.idx} of ${requests.length}`);
    outcomes[request] =
      row.outcome === 'appended' && row.first_position !== null
        ? { outcome: 'appended', firstPosition: BigInt(row.first_position) }
        : { outcome: 'conflict', actualRevision: Number(row.actual_revision ?? 0) };
  }
  return requests.map((request, i) => {
    const outcome = outcomes[i];
    if (!outcome)
      throw new Error(
        `complaints_append gave no answer for the append to ${request.streamId}: is the schema migrated?`,
      );
    return outcome;
  });
}

/** Byte order, as the database's "C" collation and the lock order need; localeCompare would differ between machines. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One JSON document per append, written by hand: the stored data and metadata are JSON text already. */
function requestJson(request: AppendRequest): string {
  const last = request.events.at(-1);
  if (!last) throw new RangeError(`An append to ${request.streamId} needs at least one event`);
  const events = request.events.map(
    (event, i) =>
      `{"i":${i + 1},"revision":${event.revision},"event_id":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},` +
      `"schema_version":${event.schemaVersion},"data":${event.dataJson},"metadata":${event.metadataJson},` +
      `"hash":"${event.hash}","previous_hash":"${event.previousHash}"}`,
  );
  return (
    `{"stream":${JSON.stringify(request.streamId)},"from":${request.from.revision},"fromHash":${JSON.stringify(request.from.hash)},` +
    `"to":${last.revision},"toHash":"${last.hash}","recordedAt":"${last.recordedAt}","events":[${events.join(',')}]}`
  );
}
