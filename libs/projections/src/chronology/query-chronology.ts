import type { SqlQueryable } from '@complaints/adapter-postgres';
import { withActiveTables } from '../engine/active-tables';
import { sealBinding, sealedFromColumn, type ReadModelSeal } from '../sealing/read-model-seal';
import { CHRONOLOGY, CHRONOLOGY_STATE_TABLE, CHRONOLOGY_TABLE } from './chronology.projection';
import type { ChronologyEntry } from './chronology-entry';

/**
 * One complaint's chronology, in the order the steps happened (then by revision): empty when
 * the read model has no rows for it. `upToRevision` leaves out steps recorded after the
 * revision the caller's header was read at, so the document shows one consistent state. The
 * text as written is opened here (one key lookup for the complaint's subject); once the key is
 * destroyed each entry reads as its redacted text.
 */
export async function queryChronology(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  complaintId: string,
  options: { upToRevision?: number } = {},
): Promise<ChronologyEntry[]> {
  const rows = await withActiveTables(sql, CHRONOLOGY, (tables) =>
    sql.query<{
      occurred_on: string;
      occurred_at: string;
      recorded_at: string;
      revision: number | string;
      event_type: string;
      data_subject_id: string | null;
      description_sealed: string | null;
      description_redacted: string;
      recorded_by: string;
      sla_note: string | null;
      erased: boolean | null;
    }>(
      // The erasure reads as erased as soon as it is projected, before its key is destroyed too.
      `SELECT to_char(t.occurred_on, 'YYYY-MM-DD') AS occurred_on, t.occurred_at, t.recorded_at, t.revision, t.event_type,
              t.data_subject_id, t.description_sealed::text AS description_sealed, t.description_redacted, t.recorded_by, t.sla_note, s.erased
         FROM ${tables.table(CHRONOLOGY_TABLE)} AS t LEFT JOIN ${tables.table(CHRONOLOGY_STATE_TABLE)} AS s USING (complaint_id)
        WHERE t.complaint_id = $1 AND t.revision <= $2
        ORDER BY t.occurred_instant, t.revision`,
      [complaintId, options.upToRevision ?? 2_147_483_647],
    ),
  );
  const keys = await seal.forOpening(
    rows.filter((row) => row.erased !== true).map((row) => row.data_subject_id ?? undefined),
  );
  return rows.map((row) => {
    const revision = Number(row.revision);
    const opened = keys.open<string>(
      row.data_subject_id,
      row.erased === true ? null : sealedFromColumn(row.description_sealed),
      sealBinding(CHRONOLOGY_TABLE, [complaintId, revision], 'description'),
    );
    return {
      date: row.occurred_on,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      revision,
      event: row.event_type,
      description: opened.erased ? row.description_redacted : opened.value,
      by: row.recorded_by,
      slaNote: row.sla_note,
    };
  });
}
