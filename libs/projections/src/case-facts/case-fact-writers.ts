import type { CaseFactWriter } from './case-fact-writer';
import { caseMeasuresWriter } from './measures/case-measures.writer';

/** Every facts table family the case files projection keeps (case-fact-writer.ts). */
export const CASE_FACT_WRITERS: readonly CaseFactWriter[] = [caseMeasuresWriter];
