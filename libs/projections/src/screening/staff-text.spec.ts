import { ERASED, STAFF_TEXT, type ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { NO_TERMS, REDACTED, screenForPanels, screenStaffText, WITHHELD, withholdStaffText } from '.';

describe('which event text a panel-serving read model screens (the contracts classify it: STAFF_TEXT)', () => {
  it('keeps staff free text screened and every other personal field ERASED: the owner and the resident\'s words never reach a panel', () => {
    const lesson: ComplaintEvent = {
      type: 'LessonRecorded',
      data: { occurredAt: '2026-03-02T10:00:00Z', lessonId: 'L1', lesson: 'Call Mr Tenant back on 07700 900123', rootCause: 'No call-back log', owner: 'Priya Shah, Repairs' },
    };
    expect(screenForPanels(lesson, { ...NO_TERMS, names: ['Bob Tenant'] }).data).toEqual({
      ...lesson.data,
      lesson: `Call ${REDACTED} back on ${REDACTED}`,
      owner: ERASED,
    });
    const contact: ComplaintEvent = { type: 'ContactLogged', data: { occurredAt: '2026-03-02T10:00:00Z', direction: 'inbound', channel: 'phone', reached: true, summary: 'Ordinary words' } };
    expect(screenForPanels(contact, NO_TERMS).data).toEqual({ ...contact.data, summary: ERASED });
    expect(STAFF_TEXT.LessonRecorded).toContain('lesson');
  });

  it('screens and withholds the staff text of an event, leaving the rest (and erased fields) as they are', () => {
    const determination: ComplaintEvent = {
      type: 'OmbudsmanDeterminationRecorded',
      data: {
        occurredAt: '2026-03-02T10:00:00Z',
        ombudsmanReference: '202612345',
        findings: [{ element: 'Call Mr Tenant on 07700 900123', finding: 'service_failure' }],
        orders: [{ orderId: 'order-1', description: 'Apologise to bob@example.org', dueBy: '2026-03-20' }],
      },
    };
    const screened = screenStaffText(determination, { ...NO_TERMS, names: ['Bob Tenant'] });
    expect(screened.data).toEqual({
      ...determination.data,
      findings: [{ element: `Call ${REDACTED} on ${REDACTED}`, finding: 'service_failure' }],
      orders: [{ orderId: 'order-1', description: `Apologise to ${REDACTED}`, dueBy: '2026-03-20' }],
    });
    expect(withholdStaffText(determination).data).toMatchObject({ ombudsmanReference: '202612345', findings: [{ element: WITHHELD }], orders: [{ orderId: 'order-1', description: WITHHELD }] });
    // An absent optional field stays absent; an event without staff text is returned as it is.
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { occurredAt: '2026-03-02T10:00:00Z', outcome: 'Resolved', closedBy: { id: 'u', name: 'Sam' }, lessonsRecorded: 1 } };
    expect(withholdStaffText(closed).data).toEqual({ ...closed.data, outcome: WITHHELD });
    const contact: ComplaintEvent = { type: 'ContactLogged', data: { occurredAt: '2026-03-02T10:00:00Z', direction: 'outbound', channel: 'phone', reached: true, summary: ERASED } };
    expect(withholdStaffText(contact)).toBe(contact);
  });
});
