import type { SqlQueryable } from '@complaints/adapter-postgres';
import { withActiveTables } from '../engine/active-tables';
import { CHRONOLOGY, CHRONOLOGY_TABLE } from './chronology.projection';
import type { ChronologyEntry } from './chronology-entry';

/**
 * One complaint's chronology, in the order the steps happened (then by revision): empty when
 * the read model has no rows for it. `upToRevision` leaves out steps recorded after the
 * revision the caller's header was read at, so the document shows one consistent state.
 */
export async function queryChronology(sql: SqlQueryable, complaintId: string, options: { upToRevision?: number } = {}): Promise<ChronologyEntry[]> {
  return withActiveTables(sql, CHRONOLOGY, async (tables) => {
    const rows = await sql.query<{
      occurred_on: string;
      occurred_at: string;
      recorded_at: string;
      revision: number | string;
      event_type: string;
      description: string;
      recorded_by: string;
      sla_note: string | null;
    }>(
      `SELECT to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, occurred_at, recorded_at, revision, event_type, description, recorded_by, sla_note
         FROM ${tables.table(CHRONOLOGY_TABLE)}
        WHERE complaint_id = $1 AND revision <= $2
        ORDER BY occurred_instant, revision`,
      [complaintId, options.upToRevision ?? 2_147_483_647],
    );
    return rows.map((row) => ({
      date: row.occurred_on,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      revision: Number(row.revision),
      event: row.event_type,
      description: row.description,
      by: row.recorded_by,
      slaNote: row.sla_note,
    }));
  });
}
