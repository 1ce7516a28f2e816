import { FEEDBACK_STREAM_EVENT_TYPES } from './events/feedback-events';
import { complaintEventTypes, type ComplaintEventType } from './registry';

/**
 * Every record the landlord keeps is a stream of one log: complaints, and beside them the
 * feedback that is not a complaint (compliments, comments, concerns resolved at first contact,
 * service requests; Code 1.4) and the governance records of a reporting year (the
 * self-assessment against the Code, the annual report and the governing body's response; Code
 * sections 8 and 9). One log means one hash chain, one transparency log, one feed and one
 * projection engine for all of them; the category, the stream name's prefix, tells them apart.
 */
export const STREAM_CATEGORIES = ['complaint', 'feedback', 'governance'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

/** The events of a reporting year's governance records (libs/domain/src/governance). */
export const GOVERNANCE_STREAM_EVENT_TYPES = [
  'SelfAssessmentStatementRecorded',
  'GoverningBodyResponseRecorded',
  'AnnualReportPublished',
] as const satisfies readonly ComplaintEventType[];

const CATEGORY_OF_TYPE: ReadonlyMap<string, StreamCategory> = new Map<string, StreamCategory>([
  ...FEEDBACK_STREAM_EVENT_TYPES.map((type) => [type, 'feedback'] as const),
  ...GOVERNANCE_STREAM_EVENT_TYPES.map((type) => [type, 'governance'] as const),
]);

/** The category of record whose streams an event type belongs on: every type not named above is a complaint's. */
export function streamCategoryOf(type: ComplaintEventType): StreamCategory {
  return CATEGORY_OF_TYPE.get(type) ?? 'complaint';
}

/** The event types a category's streams hold. */
export function eventTypesOn(category: StreamCategory): ComplaintEventType[] {
  return complaintEventTypes.filter((type) => streamCategoryOf(type) === category);
}
