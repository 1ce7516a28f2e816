import type { SqlQueryable } from '@complaints/adapter-postgres';
import { selfAssessmentRecordId } from '@complaints/domain';
import type { ComplaintEventStore } from '@complaints/event-store';
import {
  recordedStatementsOf,
  selfAssessmentOf,
  type SelfAssessment,
  type SelfAssessmentAudience,
} from './self-assessment';

/**
 * A reporting year's self-assessment as one reader sees it: the statements its governance
 * stream holds, with the evidence computed from the case facts. The same for the report route,
 * the annual report that carries it and the published copy. The caller waits for the case
 * facts to catch up first.
 */
export async function yearSelfAssessment(
  sql: SqlQueryable,
  governance: ComplaintEventStore,
  year: number,
  audience: SelfAssessmentAudience,
): Promise<SelfAssessment> {
  const { envelopes } = await governance.load(selfAssessmentRecordId(year));
  return selfAssessmentOf(sql, year, recordedStatementsOf(envelopes), audience);
}
