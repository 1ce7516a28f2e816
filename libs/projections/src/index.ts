/**
 * @complaints/projections — the read side: a projection engine over the global log (checkpoint
 * in the same transaction as the rows, restart-safe, live, rebuild-and-swap, lag and metrics)
 * and the read models it maintains, in the same SQL database as the store (PGlite or PostgreSQL).
 */
export * from './engine/projection';
export * from './engine/projection-source';
export { ensureEngineTables, PROJECTION_STRUCTURE_LOCK_KEY } from './engine/engine-tables';
export { activeSuffix, readRegistry, readCheckpoint, type RegistryRow, type CheckpointRow } from './engine/table-sets';
export { withActiveTables, isUndefinedTable, ProjectionNotReadyError } from './engine/active-tables';
export * from './engine/projection-engine';
export { deadLetterFields, isTransientFailure, type DeadLetter } from './engine/dead-letters';
export type { OnParked } from './engine/apply-batch';
export { storableText, REPLACEMENT_CHARACTER } from './engine/storable-text';
export * from './metrics/projection-metrics';
export * from './calendar/calendar-fingerprint';
export * from './complaint-summaries/summary-state';
export * from './complaint-summaries/summary-row';
export * from './complaint-summaries/complaint-summaries.projection';
export * from './complaint-summaries/query-complaint-summaries';
export * from './case-files/redact-event';
export * from './case-files/case-files.projection';
export * from './case-files/query-case-files';
export * from './case-facts/case-fact-writer';
export * from './case-facts/case-fact-writers';
export * from './case-facts/measures';
export * from './screening';
export * from './sealing';
export * from './lessons/lessons.projection';
export * from './lessons/query-lessons';
export * from './chronology/describe-event';
export * from './chronology/describe-document';
export * from './chronology/describe-feedback';
export * from './chronology/chronology-entry';
export * from './chronology/chronology.projection';
export * from './chronology/query-chronology';
export * from './retention/retention.projection';
export * from './retention/query-retention-due';
export * from './subject-access/blind-index';
export * from './subject-access/subject-index.projection';
export * from './subject-access/find-subject-complaints';
export * from './transparency-log';
export * from './equality-monitoring';
export * from './feedback/feedback-items.projection';
export * from './feedback/query-feedback';
