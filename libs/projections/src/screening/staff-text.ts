import { mapPersonalFields, type ComplaintEvent, type ComplaintEventType } from '@complaints/contracts';
import { WITHHELD } from './markers';
import type { PersonalTerms } from './personal-terms';
import { screenText } from './screen-text';

/**
 * The free text staff type about a complaint that is not a personal field of its event (paths
 * as in an event definition's `personal`): what a read model serving panel views must screen.
 * Personal fields are ERASED in those read models already; ids, the organisation's labels
 * (service area, category, channel) and staff identities are not free text about anyone. A
 * new event field must be sorted into one of these (staff-text.spec.ts fails until it is).
 */
export const STAFF_TEXT: Readonly<Partial<Record<ComplaintEventType, readonly string[]>>> = {
  ComplaintAssigned: ['reason'],
  ExtensionAgreed: ['reason', 'goodReason'],
  ComplaintClosed: ['outcome', 'lessonsNotApplicableReason'],
  LessonRecorded: ['lesson', 'rootCause', 'improvementAction'],
  CompensationPaid: ['method'],
  OmbudsmanDeterminationRecorded: ['findings[].element', 'orders[].description'],
  OmbudsmanOrderComplied: ['evidence'],
  PersonalDataErased: ['reason'],
};

/** The event with its staff free text screened against the complaint's own terms (screenText). */
export function screenStaffText(event: ComplaintEvent, terms: PersonalTerms): ComplaintEvent {
  return mapStaffText(event, (text) => screenText(text, terms));
}

/** The event with its staff free text WITHHELD: the complaint's personal data was erased. */
export function withholdStaffText(event: ComplaintEvent): ComplaintEvent {
  return mapStaffText(event, () => WITHHELD);
}

function mapStaffText(event: ComplaintEvent, fn: (text: string) => string): ComplaintEvent {
  const paths = STAFF_TEXT[event.type];
  if (!paths) return event;
  return { type: event.type, data: mapPersonalFields(event.data, paths, (value) => (typeof value === 'string' ? fn(value) : value)) } as ComplaintEvent;
}
