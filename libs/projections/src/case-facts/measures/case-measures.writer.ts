import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { TableSet } from '../../engine/projection';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../../case-files/recordset';
import type { CaseFactWriter } from '../case-fact-writer';
import { measureRows, type MeasureRow } from './measure-rows';

export const CASE_MEASURES_TABLE = 'case_measures';

const COLUMNS: ColumnTypes<MeasureRow> = [
  ['complaint_id', 'text'],
  ['seq', 'integer'],
  ['measure', 'text'],
  ['on_date', 'date'],
  ['stage', 'smallint'],
  ['reference', 'text'],
  ['received_on', 'date'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['tenure', 'text'],
  ['escalated_on', 'date'],
  ['refused_on', 'date'],
  ['kind', 'text'],
  ['decision', 'text'],
  ['working_days', 'integer'],
  ['counted_days', 'integer'],
  ['pence', 'bigint'],
  ['orders', 'integer'],
  ['late', 'boolean'],
  ['within_code', 'boolean'],
  ['code_due', 'date'],
  ['escalated', 'boolean'],
  ['agreed_after_target', 'boolean'],
  ['beyond_limit', 'boolean'],
  ['good_reason', 'boolean'],
  ['with_improvement_action', 'boolean'],
  ['with_handling', 'text'],
  ['with_outcome', 'text'],
  ['defined', 'boolean'],
  ['outcomes_recorded', 'boolean'],
  ['apology', 'boolean'],
];

/**
 * case_measures: the dated facts of each complaint's whole current history (measureRows), one
 * row per countable thing, which the period figures, the annual report and the TSM (with its
 * drill-down) aggregate in SQL. A touched complaint's rows are replaced from its whole history,
 * so a back-dated step gives exactly the rows a rebuild gives.
 */
export const caseMeasuresWriter: CaseFactWriter = {
  // 2: ndistinct statistics on the labels the period figures group by. 3: enquiry_received / enquiry_answered rows.
  // 4: the self-assessment's evidence: defined / outcomes_recorded on acknowledgements, apology on responses.
  version: '4',
  tables: [CASE_MEASURES_TABLE],

  async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
    const t = tables.table(CASE_MEASURES_TABLE);
    await tx.execScript(`
      CREATE TABLE ${t} (
        ${COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n        ')},
        PRIMARY KEY (complaint_id, seq)
      );
      CREATE INDEX ${t}_measure_on_idx ON ${t} (measure, on_date);
      -- The period figures group a period's rows by these eight labels at once: without this the
      -- planner multiplies each column's distinct count (tens of thousands of groups, where a year
      -- of a large landlord has about a thousand) and sorts every row instead of hashing.
      CREATE STATISTICS ${t}_labels_nd (ndistinct) ON measure, stage, kind, with_handling, with_outcome, service_area, category, decision FROM ${t};
    `);
  },

  async write(tx, tables, cases, settings): Promise<void> {
    const t = tables.table(CASE_MEASURES_TABLE);
    await tx.query(`DELETE FROM ${t} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [
      jsonIds(cases.map((c) => c.complaintId)),
    ]);
    await upsertRecordset(
      tx,
      t,
      COLUMNS,
      ['complaint_id', 'seq'],
      cases.flatMap((file) => measureRows(file, settings.calendar)),
    );
  },
};
