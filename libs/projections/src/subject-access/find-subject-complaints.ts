import type { SqlQueryable } from '@complaints/adapter-postgres';
import { jsonIds } from '../case-files/recordset';
import { withActiveTables } from '../engine/active-tables';
import { blindTerm, type BlindIndexKey, type SubjectTermKind } from './blind-index';
import { SUBJECT_INDEX, SUBJECT_TERMS_TABLE } from './subject-index.projection';

/** What a subject-access request identifies the person by (at least one). */
export interface SubjectIdentifiers {
  email?: string;
  phone?: string;
}

export interface SubjectMatch {
  complaintId: string;
  /** Which of the identifiers matched it. */
  matchedOn: SubjectTermKind[];
}

/** The complaints whose complainant has the given email or phone, by complaint id. Erased complaints are not found. */
export async function findSubjectComplaints(
  sql: SqlQueryable,
  key: BlindIndexKey,
  identifiers: SubjectIdentifiers,
): Promise<SubjectMatch[]> {
  const byTerm = new Map<string, SubjectTermKind>();
  for (const kind of ['email', 'phone'] as const) {
    const value = identifiers[kind];
    const term = value === undefined ? null : blindTerm(key, kind, value);
    if (term !== null) byTerm.set(term, kind);
  }
  if (byTerm.size === 0) return [];
  return withActiveTables(sql, SUBJECT_INDEX, async (tables) => {
    const rows = await sql.query<{ term: string; complaint_id: string }>(
      `SELECT term, complaint_id FROM ${tables.table(SUBJECT_TERMS_TABLE)}
        WHERE term IN (SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY complaint_id COLLATE "C", term COLLATE "C"`,
      [jsonIds(byTerm.keys())],
    );
    const matches = new Map<string, SubjectTermKind[]>();
    for (const row of rows) {
      const kinds = matches.get(row.complaint_id) ?? [];
      const kind = byTerm.get(row.term);
      if (kind && !kinds.includes(kind)) kinds.push(kind);
      matches.set(row.complaint_id, kinds);
    }
    return [...matches].map(([complaintId, matchedOn]) => ({ complaintId, matchedOn: matchedOn.sort() }));
  });
}
