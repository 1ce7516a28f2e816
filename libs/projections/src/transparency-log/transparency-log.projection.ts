import type { SqlQueryable } from '@complaints/adapter-postgres';
import { STREAM_CATEGORIES } from '@complaints/contracts';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { grow, logLeafHash, perfectSubtrees, type PlacedLeaf } from '@complaints/transparency';
import type { Projection, TableSet } from '../engine/projection';
import { readNodes, TLOG_LEAVES_TABLE, TLOG_NODES_TABLE, treeSizeIn } from './tree-tables';

export const TRANSPARENCY_LOG = 'transparency_log';

/** Bump when the leaves or the hashing change: the engine then rebuilds the tree (and checkpoints issued before no longer match — never do it lightly). */
const SCHEMA_VERSION = 1;

/**
 * The store-wide transparency log (docs/integrity.md): an RFC 9162 Merkle tree with one leaf per
 * event of every record (complaints, feedback, governance records), in global order. A projection like the others — its rows and its checkpoint
 * commit in one transaction, its lag is on /metrics and in GET /api/v1/admin/read-models — with
 * one difference: it never parks an event (`parksEvents: false`). A leaf skipped would make every
 * later proof a lie, so an event it cannot apply stops it, failing and visible, until fixed.
 *
 * Each batch reads the tree's frontier (the ≤ log2 n perfect subtrees of its current size), adds
 * its leaves and the nodes they complete, and writes them: O(batch + log n) per batch.
 */
export function transparencyLogProjection(): Projection {
  return {
    name: TRANSPARENCY_LOG,
    version: String(SCHEMA_VERSION),
    tables: [TLOG_LEAVES_TABLE, TLOG_NODES_TABLE],
    parksEvents: false,
    categories: STREAM_CATEGORIES,

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const leaves = tables.table(TLOG_LEAVES_TABLE);
      const nodes = tables.table(TLOG_NODES_TABLE);
      await tx.execScript(`
        CREATE TABLE ${leaves} (
          leaf_index      bigint  PRIMARY KEY CHECK (leaf_index >= 0),
          stream_id       text    NOT NULL,
          revision        integer NOT NULL,
          event_id        text    NOT NULL,
          chain_hash      text    NOT NULL,
          global_position bigint  NOT NULL UNIQUE
        );
        CREATE UNIQUE INDEX ${leaves}_stream ON ${leaves} (stream_id, revision);
        CREATE TABLE ${nodes} (
          level smallint NOT NULL,
          idx   bigint   NOT NULL,
          hash  bytea    NOT NULL,
          PRIMARY KEY (level, idx)
        );
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const size = await treeSizeIn(tx, tables);
      const frontier = await readNodes(tx, tables, perfectSubtrees({ begin: 0, end: size }));
      const leaves: (PlacedLeaf & { globalPosition: string })[] = envelopes.map((envelope, i) => ({
        leafIndex: size + i,
        streamId: envelope.streamId,
        revision: envelope.revision,
        eventId: envelope.eventId,
        hash: envelope.hash,
        globalPosition: envelope.globalPosition.toString(),
      }));
      const created = grow(size, frontier, leaves.map(logLeafHash));
      await tx.query(
        `INSERT INTO ${tables.table(TLOG_LEAVES_TABLE)} (leaf_index, stream_id, revision, event_id, chain_hash, global_position)
         SELECT l.leaf_index, l.stream_id, l.revision, l.event_id, l.chain_hash, l.global_position
           FROM jsonb_to_recordset($1::text::jsonb) AS l(leaf_index bigint, stream_id text, revision integer, event_id text, chain_hash text, global_position bigint)`,
        [
          JSON.stringify(
            leaves.map((leaf) => ({
              leaf_index: leaf.leafIndex,
              stream_id: leaf.streamId,
              revision: leaf.revision,
              event_id: leaf.eventId,
              chain_hash: leaf.hash,
              global_position: leaf.globalPosition,
            })),
          ),
        ],
      );
      await tx.query(
        `INSERT INTO ${tables.table(TLOG_NODES_TABLE)} (level, idx, hash)
         SELECT n.level, n.idx, decode(n.hash, 'hex')
           FROM jsonb_to_recordset($1::text::jsonb) AS n(level smallint, idx bigint, hash text)`,
        [
          JSON.stringify(
            created.map(({ id, hash }) => ({
              level: id.level,
              idx: id.index,
              hash: Buffer.from(hash).toString('hex'),
            })),
          ),
        ],
      );
    },
  };
}
