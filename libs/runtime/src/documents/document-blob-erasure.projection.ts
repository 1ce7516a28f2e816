import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { BlobStore, ComplaintEnvelope } from '@complaints/event-store';
import type { Projection, TableSet } from '@complaints/projections';
import { documentBlobKey } from './document-keys';

export const DOCUMENT_BLOB_ERASURE = 'document_blob_erasure';
const DOCUMENT_BLOBS_TABLE = 'document_blobs';

/**
 * Erasure deletes the bytes (docs/documents.md, "Erasure"). Run by the projection engine as a
 * reaction to the log, not in the erasure request: every erasure, whichever route wrote its
 * PersonalDataErased (on request, on retention grounds), is followed, and the engine's durable
 * checkpoint and retries mean a crash, or a document store that is down, only delays the
 * deletion — the batch is retried until it succeeds, never parked (a skipped erasure would keep
 * personal data). Deleting is idempotent, so a batch applied twice (a retry, a rebuild) is
 * harmless. The table keeps which blobs each complaint holds until its erasure (nothing
 * personal: digests). Version 2: one statement per batch of attachments, and erased rows deleted.
 */
export function documentBlobErasureProjection(blobs: BlobStore): Projection {
  return {
    name: DOCUMENT_BLOB_ERASURE,
    version: '2',
    tables: [DOCUMENT_BLOBS_TABLE],
    parksEvents: false,

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(DOCUMENT_BLOBS_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id text NOT NULL,
          sha256       text NOT NULL,
          PRIMARY KEY (complaint_id, sha256)
        );
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(DOCUMENT_BLOBS_TABLE);
      // In log order: the attachments so far written in one statement, before an erasure reads them.
      let attached: { complaint_id: string; sha256: string }[] = [];
      const flush = async () => {
        if (attached.length === 0) return;
        await tx.query(
          `INSERT INTO ${t} (complaint_id, sha256) SELECT complaint_id, sha256 FROM jsonb_to_recordset($1::text::jsonb) AS r(complaint_id text, sha256 text) ON CONFLICT DO NOTHING`,
          [JSON.stringify(attached)],
        );
        attached = [];
      };
      for (const { event, complaintId } of envelopes) {
        if (event.type === 'DocumentAttached') {
          attached.push({ complaint_id: complaintId, sha256: event.data.sha256 });
        } else if (event.type === 'PersonalDataErased') {
          await flush();
          const rows = await tx.query<{ sha256: string }>(`DELETE FROM ${t} WHERE complaint_id = $1 RETURNING sha256`, [
            complaintId,
          ]);
          // In the batch's transaction: if a delete fails, the rows come back and the batch is retried.
          for (const { sha256 } of rows) await blobs.delete(documentBlobKey(complaintId, sha256));
        }
      }
      await flush();
    },
  };
}
