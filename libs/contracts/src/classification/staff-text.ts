import type { PersonalPath } from '../define-event';
import type { ComplaintEventType } from '../registry';

/**
 * The personal fields that staff write about a case (reasons, outcomes, lessons, the
 * Ombudsman's words). Like every personal field they are encrypted, erased with the key and
 * left out of the outbound feed; unlike the resident's own words, a read model serving panel
 * views may show them screened (the complaint's own names and contact details, and any email,
 * phone or postcode, redacted) until the erasure, and withheld after it. Each path must be
 * personal in the type's current version (classification.spec.ts).
 */
export const STAFF_TEXT: Readonly<Partial<Record<ComplaintEventType, readonly PersonalPath[]>>> = {
  ComplaintAssigned: ['reason'],
  ExtensionAgreed: ['reason', 'goodReason'],
  ComplaintClosed: ['outcome', 'lessonsNotApplicableReason'],
  LessonRecorded: ['lesson', 'rootCause', 'improvementAction'],
  CompensationPaid: ['method'],
  OmbudsmanDeterminationRecorded: ['findings[].element', 'orders[].description'],
  OmbudsmanOrderComplied: ['evidence'],
};
