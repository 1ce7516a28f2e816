import type { CaseFactWriter } from './case-fact-writer';
import { caseFactVersions } from './versions/case-fact-versions.writer';
import { caseMeasuresWriter } from './measures/case-measures.writer';

export {
  CASE_FACT_VERSIONS_TABLE,
  CASE_FACT_VERSIONS_FOLLOW_UP,
  caseFactVersions,
} from './versions/case-fact-versions.writer';
export type { OpenRemedyAction } from './versions/version-row';

/** Every facts table family the case files projection keeps (case-fact-writer.ts). */
export const CASE_FACT_WRITERS: readonly CaseFactWriter[] = [caseFactVersions, caseMeasuresWriter];
