import type { SqlQueryable } from '@complaints/adapter-postgres';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Projection, TableSet } from '../engine/projection';
import { dataSubjectOf, sealingKeysFor } from '../sealing/data-subject';
import { preparedKeys, sealBinding, type ReadModelSeal } from '../sealing/read-model-seal';

export const EQUALITY_MONITORING = 'equality_monitoring';
export const EQUALITY_MONITORING_TABLE = 'equality_monitoring';

/** Bump when the table or the rules that fill it change: the engine then rebuilds it. */
const SCHEMA_VERSION = 1;

export const equalityBinding = (complaintId: string) =>
  sealBinding(EQUALITY_MONITORING_TABLE, [complaintId], 'answers');

/**
 * Equality monitoring for the aggregate report (docs/data-protection.md, "Circumstances and
 * equality monitoring"): one row per complaint, with the London date it was received (the
 * report's year) and the latest answers given, sealed under the data subject's key, never in
 * clear. The complaint's erasure drops the answers at once; a destroyed key leaves a sealed
 * value nobody can open, so an erased complaint drops out of the aggregates either way.
 */
export function equalityMonitoringProjection(options: { seal: ReadModelSeal }): Projection {
  return {
    name: EQUALITY_MONITORING,
    version: String(SCHEMA_VERSION),
    tables: [EQUALITY_MONITORING_TABLE],
    needsClearText: true,
    prepare: sealingKeysFor(options.seal),

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(EQUALITY_MONITORING_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id    text    PRIMARY KEY,
          data_subject_id text,
          received_on     date    NOT NULL,
          answers_sealed  jsonb,
          erased          boolean NOT NULL
        );
        CREATE INDEX ${t}_received_idx ON ${t} (received_on);
      `);
    },

    async apply(
      tx: SqlQueryable,
      envelopes: readonly ComplaintEnvelope[],
      tables: TableSet,
      prepared?: unknown,
    ): Promise<void> {
      const keys = preparedKeys(prepared, EQUALITY_MONITORING);
      const t = tables.table(EQUALITY_MONITORING_TABLE);
      // In stream order, one statement per event that concerns the report: receipts, answers and erasures are few.
      for (const envelope of envelopes) {
        const { event, complaintId } = envelope;
        if (event.type === 'ComplaintReceived') {
          await tx.query(
            `INSERT INTO ${t} (complaint_id, data_subject_id, received_on, answers_sealed, erased) VALUES ($1, $2, $3::date, NULL, false)
             ON CONFLICT (complaint_id) DO NOTHING`,
            [complaintId, dataSubjectOf(envelope) ?? null, toLondonDate(event.data.occurredAt)],
          );
        } else if (event.type === 'EqualityMonitoringRecorded') {
          if (envelope.personalDataErased) continue;
          const sealed = keys.seal(dataSubjectOf(envelope), event.data.answers, equalityBinding(complaintId));
          await tx.query(`UPDATE ${t} SET answers_sealed = $2::text::jsonb WHERE complaint_id = $1 AND NOT erased`, [
            complaintId,
            sealed === null ? null : JSON.stringify(sealed),
          ]);
        } else if (event.type === 'PersonalDataErased') {
          await tx.query(`UPDATE ${t} SET answers_sealed = NULL, erased = true WHERE complaint_id = $1`, [complaintId]);
        }
      }
    },
  };
}
