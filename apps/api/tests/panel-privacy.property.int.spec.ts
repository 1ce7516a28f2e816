import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * Property: whatever personal text a complaint carries — names, contact details, the complaint
 * in the resident's words, heads, reasons, remedy descriptions, evidence, comments, contact
 * summaries, staff names, Ombudsman references and notes — no response a scrutiny panel can get
 * contains any of it, nor a complaint reference or id. Complaints are written through the API
 * (so the whole path is covered: encryption, redaction, read models, reports), each generated
 * value carries a distinctive random marker, and after every new complaint every panel-facing
 * response is searched for every marker written so far.
 *
 * Lesson text, root cause and improvement action are published to panels on purpose (lessons
 * register, monthly report), screened; here staff type the complainant's name, address and email
 * into them, which must not come through (panel-screening.property.int.spec.ts covers phones,
 * postcodes and erasure). Service area / category are the organisation's own labels, so those
 * are not markers.
 */
let t: TestApp;
let officer: string;
let panel: string;
/** Records stage 2: independent of stage 1 (Code 6.13). */
let reviewer: string;
const area = uniqueServiceArea('privacy');
const markers: string[] = [];
const identifiers: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  panel = await t.token('scrutiny_panel');
  reviewer = await t.token('complaints_manager');
});
afterAll(() => t?.close());

/** A personal value: a unique marker, then arbitrary text (any Unicode) to exercise encoding on the way. */
const personal = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{12}$/), fc.string({ maxLength: 12, unit: 'grapheme' }))
  .map(([marker, tail]) => ({ marker: `PD${marker}`, value: `PD${marker} ${tail.replace(/\p{Cc}/gu, '')}`.trim() }));

const scenario = fc.record({
  ending: fc.constantFrom('closed-stage1', 'closed-stage2', 'refused', 'withdrawn', 'open'),
  name: personal,
  // An email must be one: the marker as its local part.
  email: personal.map(({ marker }) => ({ marker, value: `${marker.toLowerCase()}@example.org` })),
  phone: personal,
  address: personal,
  adjustments: personal,
  representative: personal,
  description: personal,
  outcomeSought: personal,
  handlerName: personal,
  reviewerName: personal,
  head: personal,
  outcomesSought: personal,
  extensionReason: personal,
  reasons: personal,
  actionDescription: personal,
  evidence: personal,
  escalationReason: personal,
  contactSummary: personal,
  comment: personal,
  closureOutcome: personal,
  lessonOwner: personal,
  refusalExplanation: personal,
  withdrawalReason: personal,
  paymentMethod: personal,
  // A reference must look like one (no spaces): the marker alone.
  ombudsmanReference: personal.map(({ marker }) => ({ marker, value: marker })),
  findingElement: personal,
  orderDescription: personal,
  complianceEvidence: personal,
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

async function post(path: string, body: Record<string, unknown>, token = officer) {
  const res = await t.http.post(path).auth(token, { type: 'bearer' }).send(body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body as { id: string; reference: string };
}

/** One complaint through the API, carrying every personal value of the scenario its path reaches. */
async function writeComplaint(s: Scenario): Promise<void> {
  const c = await post(
    '/api/v1/complaints',
    complaintBody({
      serviceArea: area,
      receivedAt: '2026-02-02T09:00:00Z',
      complainant: {
        name: s.name.value,
        email: s.email.value,
        phone: s.phone.value,
        address: s.address.value,
        reasonableAdjustments: s.adjustments.value,
      },
      representative: { name: s.representative.value, relationship: 'friend', authorityConfirmed: true },
      description: s.description.value,
      outcomeSought: s.outcomeSought.value,
    }),
  );
  identifiers.push(c.id, c.reference);
  const at = (date: string) => `${date}T10:00:00Z`;
  const step = (path: string, body: Record<string, unknown>, token = officer) =>
    post(`/api/v1/complaints/${c.id}/${path}`, body, token);
  await step('contacts', {
    at: at('2026-02-02'),
    direction: 'outbound',
    channel: 'phone',
    reached: false,
    summary: s.contactSummary.value,
  });
  if (s.ending === 'refused') {
    await step('refusal', { refusedAt: at('2026-02-03'), ground: 'other', explanation: s.refusalExplanation.value });
    return;
  }
  await step('acknowledgements', {
    acknowledgedAt: at('2026-02-03'),
    handler: { id: 'u-h', name: s.handlerName.value },
    headsOfComplaint: [s.head.value],
    outcomesSought: [s.outcomesSought.value],
  });
  await step('extensions', {
    agreedAt: at('2026-02-05'),
    additionalWorkingDays: 3,
    reason: s.extensionReason.value,
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  });
  if (s.ending === 'withdrawn') {
    await step('withdrawal', { withdrawnAt: at('2026-02-06'), reason: s.withdrawalReason.value });
    return;
  }
  await step('responses', {
    respondedAt: at('2026-02-10'),
    decisions: [{ head: s.head.value, outcome: 'partially_upheld', reasons: s.reasons.value }],
    remedies: {
      apology: true,
      actions: [{ description: s.actionDescription.value, dueBy: '2026-02-20' }],
      compensation: [{ amountPence: 1000, kind: 'goodwill' }],
    },
  });
  await step('remedy-actions/S1-A1/completion', { completedAt: at('2026-02-12'), evidence: s.evidence.value });
  await step('compensation-payments', {
    paidAt: at('2026-02-12'),
    amountPence: 1000,
    kind: 'goodwill',
    method: s.paymentMethod.value,
  });
  await step('lessons', {
    recordedAt: at('2026-02-12'),
    lesson: `Check the repair log weekly with ${s.name.value}`,
    rootCause: `No visit to ${s.address.value}`,
    improvementAction: `Email ${s.email.value} within 2 working days`,
    owner: s.lessonOwner.value,
  });
  if (s.ending === 'open') return;
  if (s.ending === 'closed-stage2') {
    await step('escalations', { requestedAt: at('2026-02-13'), reason: s.escalationReason.value });
    await step(
      'acknowledgements',
      { acknowledgedAt: at('2026-02-16'), handler: { id: 'u-r', name: s.reviewerName.value } },
      reviewer,
    );
    await step(
      'responses',
      {
        respondedAt: at('2026-02-20'),
        decisions: [{ head: s.head.value, outcome: 'upheld', reasons: s.reasons.value }],
        remedies: { apology: true },
      },
      reviewer,
    );
  }
  await step('closure', { closedAt: at('2026-02-23'), outcome: s.closureOutcome.value });
  await step('satisfaction', {
    recordedAt: at('2026-02-24'),
    withHandling: 'fairly_satisfied',
    withOutcome: 'neither',
    comment: s.comment.value,
  });
  await step('ombudsman/referral', { referredAt: at('2026-02-25'), ombudsmanReference: s.ombudsmanReference.value });
  await step('ombudsman/determination', {
    determinedAt: at('2026-03-02'),
    ombudsmanReference: s.ombudsmanReference.value,
    findings: [{ element: s.findingElement.value, finding: 'service_failure' }],
    orders: [{ orderId: 'order-1', description: s.orderDescription.value, dueBy: '2026-03-20' }],
  });
  await step('ombudsman/orders/order-1/compliance', {
    compliedAt: at('2026-03-03'),
    evidence: s.complianceEvidence.value,
  });
}

const PANEL_VIEWS = [
  '/api/v1/dashboards/sla?asOf=2026-02-04',
  '/api/v1/dashboards/sla?asOf=2026-03-10',
  '/api/v1/lessons',
  '/api/v1/panel/cases',
  '/api/v1/panel/cases?year=2025',
  '/api/v1/panel/sample?period=2025&size=100',
  '/api/v1/panel/sample?period=2026-02&size=100&seed=privacy',
  '/api/v1/panel/reports/monthly?month=2026-02',
  '/api/v1/panel/reports/monthly?month=2026-03',
  '/api/v1/reports/annual?year=2025',
  '/api/v1/reports/tsm?year=2025',
];

describe('no panel-facing response ever carries personal data, a reference or a complaint id', () => {
  it(
    'holds for complaints with arbitrary personal text along every path (refused, withdrawn, open, closed at stage 1 or 2)',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          markers.push(
            ...Object.entries(s).flatMap(([field, v]) =>
              typeof v !== 'object' ? [] : field === 'email' ? [v.value] : [v.marker],
            ),
          );
          await writeComplaint(s);
          for (const view of PANEL_VIEWS) {
            const res = await t.http.get(view).auth(panel, { type: 'bearer' });
            expect(res.status, view).toBe(200);
            const text = res.text;
            for (const secret of [...markers, ...identifiers]) {
              expect(text.includes(secret), `${view} contains ${secret}`).toBe(false);
            }
          }
        }),
        { numRuns: 25, endOnFailure: true },
      );
      // The property is not vacuous: the complaints are in the panel's views, just without what identifies anyone.
      const cases = (await t.http.get('/api/v1/panel/cases?year=2025').auth(panel, { type: 'bearer' })).body.cases as {
        serviceArea: string;
      }[];
      expect(cases.filter((c) => c.serviceArea === area).length).toBeGreaterThanOrEqual(25);
      // And officers reading the complaint do see the same values: the markers really were stored.
      const staff = (await t.http.get(`/api/v1/complaints/${identifiers[0]}`).auth(officer, { type: 'bearer' })).text;
      expect(markers.slice(0, 3).every((m) => staff.includes(m))).toBe(true);
    },
  );
});
