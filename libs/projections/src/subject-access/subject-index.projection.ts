import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import type { Projection, TableSet } from '../engine/projection';
import { subjectTermsOf, type BlindIndexKey } from './blind-index';

export const SUBJECT_INDEX = 'subject_index';
export const SUBJECT_TERMS_TABLE = 'subject_terms';

/** Bump when the table or the rules that fill it change (the key's fingerprint is in the version too). */
const SCHEMA_VERSION = 1;

interface TermRow {
  /** HMAC-SHA256 (hex) of a normalised email or phone under the blind index key. */
  term: string;
  complaint_id: string;
}

const COLUMNS: ColumnTypes<TermRow> = [
  ['term', 'text'],
  ['complaint_id', 'text'],
];

/**
 * Which complaints one data subject made, kept without anything personal in clear: one row per
 * (blind term, complaint) from the complainant's email and phone at receipt. Each complaint has
 * its own data subject id and key, so this is the only way to gather one person's complaints
 * for a subject-access request. A complaint's rows are deleted when its PersonalDataErased is
 * applied, so an erased complaint is never found again (and a rebuild, reading the ERASED
 * complainant, writes none).
 */
export function subjectIndexProjection(options: { key: BlindIndexKey }): Projection {
  const { key } = options;
  return {
    name: SUBJECT_INDEX,
    version: `${SCHEMA_VERSION}/${key.fingerprint}`,
    tables: [SUBJECT_TERMS_TABLE],
    needsClearText: true,

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(SUBJECT_TERMS_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          term         text NOT NULL,
          complaint_id text NOT NULL,
          PRIMARY KEY (term, complaint_id)
        );
        CREATE INDEX ${t}_complaint_idx ON ${t} (complaint_id);
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(SUBJECT_TERMS_TABLE);
      // In log order: terms of a receipt, then (perhaps in the same batch) its erasure.
      let rows: TermRow[] = [];
      const flush = async () => {
        await upsertRecordset(tx, t, COLUMNS, ['term', 'complaint_id'], rows);
        rows = [];
      };
      for (const { event, complaintId } of envelopes) {
        if (event.type === 'ComplaintReceived') {
          for (const term of subjectTermsOf(key, event.data)) rows.push({ term, complaint_id: complaintId });
        } else if (event.type === 'PersonalDataErased') {
          await flush();
          await tx.query(`DELETE FROM ${t} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [
            jsonIds([complaintId]),
          ]);
        }
      }
      await flush();
    },
  };
}
