import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { BatchContext, TableSet } from '../engine/projection';
import type { ReadModelSeal, SubjectKeys } from './read-model-seal';

/**
 * Whose key seals what a read model keeps of this event: the subject the event store encrypted
 * it for (its metadata), else the one its receipt or erasure names.
 */
export function dataSubjectOf(envelope: ComplaintEnvelope): string | undefined {
  if (envelope.metadata.dataSubjectId) return envelope.metadata.dataSubjectId;
  const named = (envelope.event.data as { dataSubjectId?: unknown }).dataSubjectId;
  return typeof named === 'string' ? named : undefined;
}

/**
 * A sealing projection's `prepare`: the keys of the batch's subjects, looked up before its
 * transaction; with `storedIn`, also of the subjects that table's rows of the batch's complaints
 * were sealed for (its `data_subject_id`), which `apply` opens.
 */
export function sealingKeysFor(
  seal: ReadModelSeal,
  storedIn?: string,
): (
  envelopes: readonly ComplaintEnvelope[],
  sql: SqlQueryable,
  tables: TableSet,
  batch?: BatchContext,
) => Promise<SubjectKeys> {
  return async (envelopes, sql, tables, batch) => {
    const subjects: (string | undefined)[] = envelopes.map(dataSubjectOf);
    if (storedIn !== undefined && envelopes.length > 0) {
      const rows = await sql.query<{ data_subject_id: string }>(
        `SELECT DISTINCT data_subject_id FROM ${tables.table(storedIn)}
          WHERE data_subject_id IS NOT NULL AND complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
        [JSON.stringify([...new Set(envelopes.map((e) => e.complaintId))])],
      );
      subjects.push(...rows.map((row) => row.data_subject_id));
    }
    // The batch's keys when the engine hands them: looked up once for the decryption and every sealing read model of the batch.
    return seal.forSealing(subjects, batch?.keys);
  };
}
