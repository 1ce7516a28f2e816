import { currentEvents, mapPersonalFields, STAFF_TEXT, stripPersonalFields, type ComplaintEvent } from '@complaints/contracts';
import { WITHHELD } from './markers';
import type { PersonalTerms } from './personal-terms';
import { screenText } from './screen-text';

/**
 * What a read model serving panel views keeps of an event: every personal field ERASED except
 * the staff free text the contracts name (STAFF_TEXT, libs/contracts/src/classification: one
 * classification of every event field, there), which is screened against the complaint's own
 * names and contact details instead (screenText). A panel never sees the resident's own words.
 */
export function screenForPanels(event: ComplaintEvent, terms: PersonalTerms): ComplaintEvent {
  const staff = STAFF_TEXT[event.type] ?? [];
  const others = currentEvents[event.type].personal.filter((path) => !staff.includes(path));
  const redacted = { type: event.type, data: stripPersonalFields(event.data, others) } as ComplaintEvent;
  return screenStaffText(redacted, terms);
}

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
