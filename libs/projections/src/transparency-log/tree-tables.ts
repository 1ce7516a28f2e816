import type { SqlQueryable } from '@complaints/adapter-postgres';
import { nodeKey, type NodeId, type PerfectNodeStore, type PlacedLeaf } from '@complaints/transparency';
import type { TableSet } from '../engine/projection';

/** One row per leaf: which event it is, where it sits in the log. */
export const TLOG_LEAVES_TABLE = 'tlog_leaves';
/** The hash of every perfect subtree (level 0: the leaves), so any root or proof is O(log n) lookups. */
export const TLOG_NODES_TABLE = 'tlog_nodes';
const LEAVES = TLOG_LEAVES_TABLE;
const NODES = TLOG_NODES_TABLE;

/** How many leaves the tree in these tables has. */
export async function treeSizeIn(sql: SqlQueryable, tables: TableSet): Promise<number> {
  const rows = await sql.query<{ size: string }>(
    `SELECT coalesce(max(leaf_index) + 1, 0)::text AS size FROM ${tables.table(LEAVES)}`,
  );
  return Number(rows[0]?.size ?? 0);
}

/** The stored perfect subtrees asked for, keyed `level:index`; a missing one is an error (the tree is smaller than the caller thinks). */
export async function readNodes(
  sql: SqlQueryable,
  tables: TableSet,
  ids: readonly NodeId[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (ids.length === 0) return found;
  const rows = await sql.query<{ level: number | string; idx: string; hash: string }>(
    `SELECT n.level, n.idx::text AS idx, encode(n.hash, 'hex') AS hash
       FROM ${tables.table(NODES)} n
       JOIN jsonb_to_recordset($1::text::jsonb) AS w(level smallint, idx bigint) ON n.level = w.level AND n.idx = w.idx`,
    [JSON.stringify(ids.map((id) => ({ level: id.level, idx: id.index })))],
  );
  for (const row of rows)
    found.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), Buffer.from(row.hash, 'hex'));
  const missing = ids.find((id) => !found.has(nodeKey(id)));
  if (missing) throw new Error(`The transparency log has no node ${nodeKey(missing)}: its tables are incomplete`);
  return found;
}

/** The tree in one table set, as the pure library's proofs read it. */
export function sqlNodeStore(sql: SqlQueryable, tables: TableSet): PerfectNodeStore {
  return { readNodes: (ids) => readNodes(sql, tables, ids) };
}

/** Every leaf of one stream below `treeSize`, in revision order. */
export async function leavesOfStream(
  sql: SqlQueryable,
  tables: TableSet,
  streamId: string,
  treeSize: number,
): Promise<PlacedLeaf[]> {
  const rows = await sql.query<{
    leaf_index: string;
    stream_id: string;
    revision: number | string;
    event_id: string;
    chain_hash: string;
  }>(
    `SELECT leaf_index::text AS leaf_index, stream_id, revision, event_id, chain_hash
       FROM ${tables.table(LEAVES)} WHERE stream_id = $1 AND leaf_index < $2 ORDER BY revision`,
    [streamId, treeSize],
  );
  return rows.map((row) => ({
    leafIndex: Number(row.leaf_index),
    streamId: row.stream_id,
    revision: Number(row.revision),
    eventId: row.event_id,
    hash: row.chain_hash,
  }));
}
