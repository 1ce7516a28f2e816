import { complaintEventTypes, currentEvents, ERASED, type ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { NO_TERMS, REDACTED, screenStaffText, STAFF_TEXT, WITHHELD, withholdStaffText } from '.';

/**
 * The string fields of events that are neither personal nor staff free text: ids and references,
 * the organisation's own labels (service area, category, channel, method), and staff identities
 * (a handler or owner is a member of staff, which panel views leave out).
 */
const NOT_FREE_TEXT: Readonly<Record<string, readonly string[]>> = {
  ComplaintReceived: ['complaintId', 'reference', 'dataSubjectId', 'channel', 'serviceArea', 'category'],
  ComplaintAcknowledged: ['handler.id', 'handler.name', 'method', 'recordedBy.id'],
  ComplaintAssigned: ['handler.id', 'handler.name', 'recordedBy.id'],
  StageResponseIssued: ['remedies.actions[].actionId', 'recordedBy.id'],
  ComplaintClosed: ['closedBy.id', 'closedBy.name'],
  LessonRecorded: ['lessonId', 'serviceArea', 'owner'],
  ContactLogged: ['channel'],
  RemedyActionCompleted: ['actionId'],
  OmbudsmanReferralRecorded: ['ombudsmanReference'],
  OmbudsmanDeterminationRecorded: ['ombudsmanReference', 'orders[].orderId'],
  OmbudsmanOrderComplied: ['orderId'],
  PersonalDataErased: ['dataSubjectId'],
  LegalHoldPlaced: ['holdId', 'placedBy'],
  LegalHoldLifted: ['holdId', 'liftedBy'],
  RetentionErasureApproved: ['approvedBy'],
};

interface ZodNode {
  _zod: { def: { type: string; format?: string; shape?: Record<string, ZodNode>; innerType?: ZodNode; element?: ZodNode; options?: ZodNode[]; in?: ZodNode } };
}

/** Every plain string field of a schema (no date, instant or email format), as a path like 'orders[].description'. */
function stringPaths(node: ZodNode, path = ''): string[] {
  const def = node._zod.def;
  switch (def.type) {
    case 'string':
      return def.format === undefined ? [path] : [];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) => stringPaths(child, path === '' ? key : `${path}.${key}`));
    case 'optional':
    case 'nullable':
    case 'default':
      return stringPaths(def.innerType!, path);
    case 'array':
      return stringPaths(def.element!, `${path}[]`);
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => stringPaths(option, path)))];
    case 'pipe':
      return stringPaths(def.in!, path);
    default:
      return [];
  }
}

const coveredBy = (path: string, parents: readonly string[]) => parents.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`));

describe('which event text a panel-serving read model screens', () => {
  it('every string field of every current event is personal, staff free text, or an id, label or staff identity — exactly one', () => {
    const unsorted: string[] = [];
    for (const type of complaintEventTypes) {
      const definition = currentEvents[type];
      const staff = STAFF_TEXT[type] ?? [];
      const other = NOT_FREE_TEXT[type] ?? [];
      for (const path of stringPaths(definition.schema as unknown as ZodNode)) {
        const classes = [coveredBy(path, definition.personal), staff.includes(path), other.includes(path)].filter(Boolean).length;
        if (classes !== 1) unsorted.push(`${type}.${path} (${classes === 0 ? 'unsorted' : 'in more than one'})`);
      }
      // And nothing listed that the schema does not have.
      const paths = stringPaths(definition.schema as unknown as ZodNode);
      for (const listed of [...staff, ...other]) if (!paths.includes(listed)) unsorted.push(`${type}.${listed} (not in the schema)`);
    }
    expect(unsorted, 'sort each into STAFF_TEXT (screened for panels) or NOT_FREE_TEXT').toEqual([]);
    // Not vacuous: the walk finds the nested fields too.
    expect(stringPaths(currentEvents.StageResponseIssued.schema as unknown as ZodNode)).toEqual(
      expect.arrayContaining(['decisions[].head', 'decisions[].reasons', 'remedies.actions[].actionId', 'remedies.actions[].description']),
    );
    expect(stringPaths(currentEvents.ComplaintReceived.schema as unknown as ZodNode)).toEqual(expect.arrayContaining(['complainant.name', 'representative.relationship']));
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
