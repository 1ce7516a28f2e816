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
 * harmless. The table keeps which blobs each complaint holds (nothing personal: digests).
 */
export function documentBlobErasureProjection(blobs: BlobStore): Projection {
  return {
    name: DOCUMENT_BLOB_ERASURE,
    version: '1',
    tables: [DOCUMENT_BLOBS_TABLE],
    parksEvents: false,

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(DOCUMENT_BLOBS_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id text NOT NULL,
          sha256       text NOT NULL,
          erased       boolean NOT NULL DEFAULT false,
          PRIMARY KEY (complaint_id, sha256)
        );
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(DOCUMENT_BLOBS_TABLE);
      for (const { event, complaintId } of envelopes) {
        if (event.type === 'DocumentAttached') {
          await tx.query(`INSERT INTO ${t} (complaint_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [complaintId, event.data.sha256]);
        } else if (event.type === 'PersonalDataErased') {
          const rows = await tx.query<{ sha256: string }>(`SELECT sha256 FROM ${t} WHERE complaint_id = $1`, [complaintId]);
          // Deleted before the rows are marked: if a delete fails, the batch (and the marking) is retried.
          for (const { sha256 } of rows) await blobs.delete(documentBlobKey(complaintId, sha256));
          await tx.query(`UPDATE ${t} SET erased = true WHERE complaint_id = $1`, [complaintId]);
        }
      }
    },
  };
}
