import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { TableSet } from '../../engine/projection';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../../case-files/recordset';
import type { CaseFactWriter } from '../case-fact-writer';
import { versionRows, type VersionRow } from './version-row';

export const CASE_FACT_VERSIONS_TABLE = 'case_fact_versions';

/** 1: the case as it stood, per interval of its event dates (docs: libs/projections/README.md). */
const VERSION = '1';

const COLUMNS: ColumnTypes<VersionRow> = [
  ['complaint_id', 'text'],
  ['valid_from', 'date'],
  ['valid_to', 'date'],
  ['reference', 'text'],
  ['received_at', 'timestamptz'],
  ['status', 'text'],
  ['stage', 'smallint'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['tenure', 'text'],
  ['handler_id', 'text'],
  ['handler_name', 'text'],
  ['last_activity_on', 'date'],
  ['started_on', 'date'],
  ['acknowledgement_due', 'date'],
  ['acknowledged_on', 'date'],
  ['code_response_due', 'date'],
  ['response_due', 'date'],
  ['responded_on', 'date'],
  ['extensions_agreed', 'integer'],
  ['extension_working_days', 'integer'],
  ['code_extension_working_days', 'integer'],
  ['extensions_beyond_limit', 'boolean'],
  ['extension_good_reason', 'boolean'],
  ['extensions_agreed_after_code_target', 'integer'],
  ['local_acknowledgement_due', 'date'],
  ['local_response_due', 'date'],
  ['open_remedy_actions', 'jsonb'],
  ['compensation_outstanding_pence', 'bigint'],
  ['compensation_offered_on', 'date'],
];

/**
 * `case_fact_versions`: each complaint as it stood, with its validity, so "as it stood on D" is
 * `valid_from <= D AND (valid_to IS NULL OR valid_to > D)` instead of a replay. A touched
 * complaint's rows are all replaced from its whole redacted history (versionRows), so a
 * back-dated step rewrites exactly what a rebuild would write.
 */
export const caseFactVersions: CaseFactWriter = {
  version: VERSION,
  tables: [CASE_FACT_VERSIONS_TABLE],

  async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
    const t = tables.table(CASE_FACT_VERSIONS_TABLE);
    await tx.execScript(`
      CREATE TABLE ${t} (
        complaint_id                        text     NOT NULL,
        valid_from                          date     NOT NULL,
        valid_to                            date,
        reference                           text     NOT NULL,
        received_at                         timestamptz NOT NULL,
        status                              text     NOT NULL,
        stage                               smallint NOT NULL,
        service_area                        text     NOT NULL,
        category                            text,
        tenure                              text,
        handler_id                          text,
        handler_name                        text,
        last_activity_on                    date     NOT NULL,
        started_on                          date,
        acknowledgement_due                 date,
        acknowledged_on                     date,
        code_response_due                   date,
        response_due                        date,
        responded_on                        date,
        extensions_agreed                   integer  NOT NULL,
        extension_working_days              integer  NOT NULL,
        code_extension_working_days         integer  NOT NULL,
        extensions_beyond_limit             boolean  NOT NULL,
        extension_good_reason               boolean  NOT NULL,
        extensions_agreed_after_code_target integer  NOT NULL,
        local_acknowledgement_due           date,
        local_response_due                  date,
        open_remedy_actions                 jsonb    NOT NULL,
        compensation_outstanding_pence      bigint   NOT NULL,
        compensation_offered_on             date,
        PRIMARY KEY (complaint_id, valid_from)
      );
      -- "As it stood on D": the versions still valid after D, of those the ones valid from D or before.
      CREATE INDEX ${t}_as_of_idx ON ${t} ((coalesce(valid_to, 'infinity'::date)), valid_from);
    `);
  },

  async write(tx, tables, cases, settings): Promise<void> {
    const t = tables.table(CASE_FACT_VERSIONS_TABLE);
    await tx.query(`DELETE FROM ${t} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [
      jsonIds(cases.map((c) => c.complaintId)),
    ]);
    const rows = cases.flatMap((c) => versionRows(c.complaintId, c.events, settings));
    await upsertRecordset(tx, t, COLUMNS, ['complaint_id', 'valid_from'], rows);
  },
};
