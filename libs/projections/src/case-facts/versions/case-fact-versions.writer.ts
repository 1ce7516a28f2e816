import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { TableSet } from '../../engine/projection';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../../case-files/recordset';
import type { CaseFactWriter } from '../case-fact-writer';
import { versionRows, type VersionRow } from './version-row';

export const CASE_FACT_VERSIONS_TABLE = 'case_fact_versions';

/** A version the attention queue can list: open, or with a follow-up that outlives closure (Code 6.6). */
export const CASE_FACT_VERSIONS_FOLLOW_UP = `(status = 'open' OR compensation_outstanding_pence > 0 OR open_remedy_actions <> '[]'::jsonb OR follow_ups <> '[]'::jsonb)`;

/**
 * 1: the case as it stood, per interval of its event dates (docs: libs/projections/README.md).
 * 2: with its dated follow-ups (adjustment and restriction reviews, promised updates).
 * 3: lessons' improvement actions due and not made among the follow-ups (closed complaints too).
 */
const VERSION = '3';

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
  ['follow_ups', 'jsonb'],
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
        follow_ups                          jsonb    NOT NULL,
        PRIMARY KEY (complaint_id, valid_from)
      );
      -- "As it stood on D" is daterange(valid_from, valid_to) @> D (a NULL valid_to is unbounded):
      -- a GiST index finds the versions holding D without scanning every later one. Partial, so a
      -- report reads only the rows it can count: open complaints (the dashboard), and those plus
      -- the follow-ups that outlive closure (the attention queue). CASE_FACT_VERSIONS_FOLLOW_UP is the predicate
      -- the queries repeat, so the planner can use it.
      CREATE INDEX ${t}_open_as_of_idx ON ${t} USING gist (daterange(valid_from, valid_to)) WHERE status = 'open';
      CREATE INDEX ${t}_follow_up_as_of_idx ON ${t} USING gist (daterange(valid_from, valid_to)) WHERE ${CASE_FACT_VERSIONS_FOLLOW_UP};
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
