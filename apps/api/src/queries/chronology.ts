/**
 * The Ombudsman-ready chronology's entries and their plain-English text: one implementation,
 * shared with the chronology read model, in @complaints/projections.
 */
export { buildChronology, type ChronologyEntry, type TimelineEvent } from '@complaints/projections';
