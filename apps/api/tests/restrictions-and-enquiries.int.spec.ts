import { addCalendarMonths, toLondonDate } from '@complaints/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * Restrictions on contact (managers only, at the edge and in the domain) and enquiries from MPs,
 * councillors and representative bodies, end to end: the writes, the case view with each
 * restriction's status today, the chronology's wording, and the annual report's enquiry figures.
 */
let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;
let id: string;

const post = (path: string, body: unknown, token = manager) =>
  t.http
    .post(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const get = (path: string, token = manager) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });
const today = toLondonDate(new Date());
const inAMonth = addCalendarMonths(today, 1);
const REASON = 'Forty calls in a week to different staff, some abusive';

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager', 'mgr-1');
  auditor = await t.token('auditor');
  const created = await post(
    '/complaints',
    complaintBody({ receivedAt: new Date(Date.now() - 7 * 86_400_000).toISOString() }),
    officer,
  );
  expect(created.status).toBe(201);
  id = created.body.id as string;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('restrictions on contact', () => {
  it('are refused to an officer (403) and an auditor, and imposed by a manager, who is the approver', async () => {
    const body = {
      kind: 'single_point_of_contact',
      reason: REASON,
      terms: 'The case handler only',
      reviewDue: inAMonth,
    };
    expect((await post(`/complaints/${id}/restrictions`, body, officer)).status).toBe(403);
    expect((await post(`/complaints/${id}/restrictions`, body, auditor)).status).toBe(403);
    const imposed = await post(`/complaints/${id}/restrictions`, body);
    expect(imposed.status).toBe(200);
    expect(imposed.body.events).toEqual(['RestrictionImposed']);
    const view = await get(`/complaints/${id}`);
    expect(view.body.restrictions).toMatchObject([
      {
        restrictionId: 'R1',
        kind: 'single_point_of_contact',
        reason: REASON,
        approvedBy: { id: 'mgr-1' },
        reviewDue: inAMonth,
        status: 'active',
        liftedAt: null,
      },
    ]);
  });

  it('name the field and why for bad input (400), and answer a broken rule with its id (409)', async () => {
    const bad = await post(`/complaints/${id}/restrictions`, { kind: 'banned', reviewDue: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'reason', 'reviewDue']);
    const tooFar = await post(`/complaints/${id}/restrictions`, {
      kind: 'written_contact_only',
      reason: REASON,
      reviewDue: addCalendarMonths(today, 7),
    });
    expect(tooFar.status).toBe(409);
    expect(tooFar.body.rule).toBe('restriction-review-too-far');
    const twice = await post(`/complaints/${id}/restrictions`, {
      kind: 'single_point_of_contact',
      reason: REASON,
      reviewDue: inAMonth,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.rule).toBe('restriction-already-in-place');
  });

  it('are reviewed and lifted by managers only, by their id', async () => {
    const review = { outcome: 'varied', terms: 'Email only', nextReviewDue: addCalendarMonths(today, 2) };
    expect((await post(`/complaints/${id}/restrictions/R1/reviews`, review, officer)).status).toBe(403);
    const reviewed = await post(`/complaints/${id}/restrictions/R1/reviews`, review);
    expect(reviewed.status).toBe(200);
    expect((await get(`/complaints/${id}`)).body.restrictions[0]).toMatchObject({
      terms: 'Email only',
      reviewDue: review.nextReviewDue,
      status: 'active',
    });
    const unknown = await post(`/complaints/${id}/restrictions/R7/lifting`, {});
    expect(unknown.status).toBe(409);
    expect(unknown.body.rule).toBe('restriction-not-in-place');
    expect((await post(`/complaints/${id}/restrictions/R1/lifting`, {}, officer)).status).toBe(403);
    expect(
      (await post(`/complaints/${id}/restrictions/R1/lifting`, { reason: 'Contact is reasonable now' })).status,
    ).toBe(200);
    expect((await get(`/complaints/${id}`)).body.restrictions[0]).toMatchObject({ status: 'lifted' });
  });

  it('never stop a step of the complaint, and the chronology says so with the review date', async () => {
    expect(
      (
        await post(`/complaints/${id}/restrictions`, {
          kind: 'contact_limits',
          reason: 'Daily calls',
          reviewDue: inAMonth,
        })
      ).status,
    ).toBe(200);
    const contact = await post(
      `/complaints/${id}/contacts`,
      { direction: 'inbound', channel: 'phone', reached: true, summary: 'Asked about the repair' },
      officer,
    );
    expect(contact.status).toBe(200);
    const chronology = await get(`/complaints/${id}/chronology`);
    expect(chronology.status).toBe(200);
    const entries = (chronology.body.entries ?? chronology.body) as { event: string; description: string }[];
    const imposed = entries.find((e) => e.event === 'RestrictionImposed');
    expect(imposed?.description).toContain("does not limit the resident's use of the complaints procedure");
    expect(imposed?.description).toContain(`review due ${inAMonth}`);
  });

  it('are in the attention queue as a review due soon, by restriction id', async () => {
    const created = await post(
      '/complaints',
      complaintBody({ receivedAt: new Date(Date.now() - 86_400_000).toISOString() }),
      officer,
    );
    const other = created.body.id as string;
    const tomorrow = toLondonDate(new Date(Date.now() + 86_400_000));
    expect(
      (
        await post(`/complaints/${other}/restrictions`, {
          kind: 'written_contact_only',
          reason: REASON,
          reviewDue: tomorrow,
        })
      ).status,
    ).toBe(200);
    const queue = await get('/attention?reason=restriction_review_due_soon');
    expect(queue.status).toBe(200);
    expect((queue.body.items as { complaintId: string }[]).filter((i) => i.complaintId === other)).toMatchObject([
      { reason: 'restriction_review_due_soon', due: tomorrow, ref: 'R1' },
    ]);
  });
});

describe('enquiries', () => {
  it('are recorded and answered once, counted in the annual report by kind with the median working days to answer', async () => {
    const year = 2019;
    const before = (await get(`/reports/annual?year=${year}`)).body.enquiries;
    const old = await post('/complaints', complaintBody({ receivedAt: '2019-05-01T10:00:00Z' }), officer);
    const oldId = old.body.id as string;
    const bad = await post(`/complaints/${oldId}/enquiries`, { from: 'senator', who: '', summary: 'x' }, officer);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'who']);
    // Mon 3 June 2019, answered Fri 7 June: 4 working days. A councillor's, Mon 3 June, answered Mon 17 June: 10.
    expect(
      (
        await post(
          `/complaints/${oldId}/enquiries`,
          { receivedAt: '2019-06-03T10:00:00Z', from: 'mp', who: 'Jane Smith MP', summary: 'Asks about the damp' },
          officer,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          `/complaints/${oldId}/enquiries`,
          {
            receivedAt: '2019-06-03T11:00:00Z',
            from: 'councillor',
            who: 'Cllr Patel',
            summary: 'Asks about the repair',
          },
          officer,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          `/complaints/${oldId}/enquiries/E1/answer`,
          { answeredAt: '2019-06-07T10:00:00Z', channel: 'letter' },
          officer,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          `/complaints/${oldId}/enquiries/E2/answer`,
          { answeredAt: '2019-06-17T10:00:00Z', channel: 'email' },
          officer,
        )
      ).status,
    ).toBe(200);
    const again = await post(
      `/complaints/${oldId}/enquiries/E1/answer`,
      { answeredAt: '2019-06-08T10:00:00Z', channel: 'letter' },
      officer,
    );
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('enquiry-already-answered');
    const early = await post(`/complaints/${oldId}/enquiries/E9/answer`, { channel: 'letter' }, officer);
    expect(early.body.rule).toBe('enquiry-unknown');

    const report = await get(`/reports/annual?year=${year}`);
    expect(report.status).toBe(200);
    const after = report.body.enquiries;
    expect(after.received - before.received).toBe(2);
    expect(after.answered - before.answered).toBe(2);
    expect(after.byKind.mp.received - before.byKind.mp.received).toBe(1);
    expect(after.byKind.councillor.answered - before.byKind.councillor.answered).toBe(1);
    // Only this file records enquiries: the two answered here are the year's, 4 and 10 working days.
    expect(after.medianWorkingDaysToAnswer).toBe(7);
  });
});
