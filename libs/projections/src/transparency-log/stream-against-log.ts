import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { RecordedEvent } from '@complaints/event-store';
import { logLeafHash, nodeKey, toHex, type Checkpoint } from '@complaints/transparency';
import type { TableSet } from '../engine/projection';
import { leavesOfStream, readNodes, TLOG_LEAVES_TABLE, treeSizeIn } from './tree-tables';

/** How one stream as stored compares with the transparency log's leaves for it. */
export interface StreamLogCheck {
  /** Leaves in the log when it was checked. */
  treeSize: number;
  /** Leaves of this stream found in the log (each compared with its event). */
  leavesChecked: number;
  /** Events of the stream recorded after the last event the log holds: not compared yet. */
  eventsNotYetInLog: number;
  problem?: StreamLogProblem;
}

export interface StreamLogProblem {
  revision?: number;
  kind:
    | 'log-mismatch' // an event's hash is not the one its leaf recorded: it was changed (and its chain recomputed)
    | 'missing-from-log' // an event the log has passed has no leaf: it was inserted afterwards
    | 'missing-event' // a leaf of the stream has no event: the event was deleted
    | 'log-incomplete' // the log's own leaves do not match its tree: a leaf row was deleted or changed
    | 'log-rolled-back'; // the log is shorter than a checkpoint it signed
  detail: string;
}

/**
 * Compare a stream's events with the log's leaves for it, in one table set: each event the log
 * has reached must have its leaf with the same event id and hash, each leaf of the stream its
 * event, and the leaves themselves must be the ones the tree hashes (so deleting a leaf row with
 * its event, or changing both, shows). `signed` is the latest checkpoint kept outside the
 * database, when there is one: a tree shorter than it was rolled back.
 */
export async function checkStreamAgainstLog(
  sql: SqlQueryable,
  tables: TableSet,
  streamId: string,
  events: readonly RecordedEvent[],
  signed: Checkpoint | undefined,
): Promise<StreamLogCheck> {
  const treeSize = await treeSizeIn(sql, tables);
  const [stats] = await sql.query<{ leaves: string; reached: string | null }>(
    `SELECT count(*)::text AS leaves, max(global_position)::text AS reached FROM ${tables.table(TLOG_LEAVES_TABLE)}`,
  );
  const reached = stats?.reached === null || stats?.reached === undefined ? -1n : BigInt(stats.reached);
  const leaves = await leavesOfStream(sql, tables, streamId, treeSize);
  const reachedEvents = events.filter((e) => e.globalPosition <= reached);
  const base = { treeSize, leavesChecked: leaves.length, eventsNotYetInLog: events.length - reachedEvents.length };
  const fail = (problem: StreamLogProblem): StreamLogCheck => ({ ...base, problem });

  if (signed && signed.treeSize > treeSize) {
    return fail({
      kind: 'log-rolled-back',
      detail: `the log holds ${treeSize} events but a checkpoint of ${signed.treeSize} was signed (${signed.issuedAt}): it was rolled back, so this case cannot be confirmed against it`,
    });
  }
  if (Number(stats?.leaves ?? 0) !== treeSize) {
    return fail({
      kind: 'log-incomplete',
      detail: `the log's tree has ${treeSize} leaves but only ${stats?.leaves ?? 0} leaf rows: leaves were deleted, so this case cannot be confirmed against it`,
    });
  }
  const nodes = await readNodes(
    sql,
    tables,
    leaves.map((leaf) => ({ level: 0, index: leaf.leafIndex })),
  );
  const byRevision = new Map(events.map((e) => [e.revision, e] as const));
  for (const leaf of leaves) {
    if (toHex(logLeafHash(leaf)) !== toHex(nodes.get(nodeKey({ level: 0, index: leaf.leafIndex }))!)) {
      return fail({
        revision: leaf.revision,
        kind: 'log-incomplete',
        detail: `leaf ${leaf.leafIndex} of the log is not the one its tree hashes: the leaf row was changed`,
      });
    }
    const event = byRevision.get(leaf.revision);
    if (!event)
      return fail({
        revision: leaf.revision,
        kind: 'missing-event',
        detail: `the log recorded revision ${leaf.revision} (leaf ${leaf.leafIndex}) but the stream no longer has it: the event was deleted`,
      });
    if (event.eventId !== leaf.eventId || event.hash !== leaf.hash) {
      return fail({
        revision: leaf.revision,
        kind: 'log-mismatch',
        detail: `revision ${leaf.revision} is not the event the log recorded at leaf ${leaf.leafIndex}: it was changed after it was recorded`,
      });
    }
  }
  const inLog = new Set(leaves.map((leaf) => leaf.revision));
  const unlogged = reachedEvents.find((e) => !inLog.has(e.revision));
  if (unlogged)
    return fail({
      revision: unlogged.revision,
      kind: 'missing-from-log',
      detail: `revision ${unlogged.revision} is older than the log's latest event but the log never recorded it: it was inserted afterwards`,
    });
  return base;
}
