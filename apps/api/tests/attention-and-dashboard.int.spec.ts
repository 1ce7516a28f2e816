import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * The SLA dashboard on a past date and the attention queue. With DATABASE_URL the database may
 * hold other complaints, so assertions look at this file's own service areas or at differences.
 */
let t: TestApp;
let officer: string;
let panel: string;
let auditor: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  panel = await t.token('scrutiny_panel');
  auditor = await t.token('auditor');
});
afterAll(() => t?.close());

async function post(path: string, body: Record<string, unknown>) {
  const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { id: string; reference: string };
}
const get = (path: string, token = officer) => t.http.get(path).auth(token, { type: 'bearer' });
const ack = (id: string, at: string, handler = { id: 'u-1', name: 'Sam Handler' }) =>
  post(`/api/v1/complaints/${id}/acknowledgements`, { acknowledgedAt: at, handler, headsOfComplaint: ['Repair'] });

describe('SLA dashboard as of a past date', () => {
  const area = uniqueServiceArea('past');
  const rowOf = (body: { byServiceArea: { serviceArea: string }[] }) =>
    body.byServiceArea.find((r) => r.serviceArea === area);

  it('a complaint closed after the date still counts as open that day; one received after it does not', async () => {
    const closedLater = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-03-02T09:00:00Z' }),
    );
    await ack(closedLater.id, '2026-03-03T09:00:00Z');
    await post(`/api/v1/complaints/${closedLater.id}/responses`, {
      respondedAt: '2026-03-10T10:00:00Z',
      decisions: [{ head: 'Repair', outcome: 'upheld', reasons: 'Late' }],
      remedies: { apology: true },
    });
    await post(`/api/v1/complaints/${closedLater.id}/closure`, {
      closedAt: '2026-03-12T10:00:00Z',
      outcome: 'Resolved',
      lessonsNotApplicableReason: 'One-off',
    });
    await post('/api/v1/complaints', complaintBody({ serviceArea: area, receivedAt: '2026-03-09T09:00:00Z' }));

    expect(rowOf((await get('/api/v1/dashboards/sla?asOf=2026-03-05')).body)).toMatchObject({ open: 1 });
    // On 11 March both were open; from 12 March only the later one.
    expect(rowOf((await get('/api/v1/dashboards/sla?asOf=2026-03-11')).body)).toMatchObject({ open: 2 });
    expect(rowOf((await get('/api/v1/dashboards/sla?asOf=2026-03-12')).body)).toMatchObject({ open: 1 });
    // Before anything was received, the area has no row at all.
    expect(rowOf((await get('/api/v1/dashboards/sla?asOf=2026-02-27')).body)).toBeUndefined();
  });

  it('shows the Code and the local policy side by side, milestone by milestone', async () => {
    const day = '2026-03-25';
    const before = (await get(`/api/v1/dashboards/sla?asOf=${day}`)).body;
    // Received Mon 23 March, not acknowledged: Code due Mon 30 March (3 WD left: pending);
    // Salix Homes due Wed 25 March (due today: due soon). Code response due provisionally 13 April; Salix 6 April.
    await post('/api/v1/complaints', complaintBody({ serviceArea: area, receivedAt: '2026-03-23T09:00:00Z' }));
    // Received Thu 19 March: Code ack due Thu 26 March (1 WD left: due soon); Salix due Mon 23 March: overdue.
    await post('/api/v1/complaints', complaintBody({ serviceArea: area, receivedAt: '2026-03-19T09:00:00Z' }));
    const after = (await get(`/api/v1/dashboards/sla?asOf=${day}`)).body;

    expect(after.codePolicy.profile).toBe('code-2024');
    expect(after.localPolicy.profile).toBe('salix-homes-2021');
    const diff = (
      policy: 'codePolicy' | 'localPolicy',
      milestone: 'acknowledgements' | 'responses',
      field: 'overdue' | 'dueWithin2WorkingDays',
    ) => after[policy][milestone][field] - before[policy][milestone][field];
    expect(diff('codePolicy', 'acknowledgements', 'overdue')).toBe(0);
    expect(diff('codePolicy', 'acknowledgements', 'dueWithin2WorkingDays')).toBe(1);
    expect(diff('localPolicy', 'acknowledgements', 'overdue')).toBe(1);
    expect(diff('localPolicy', 'acknowledgements', 'dueWithin2WorkingDays')).toBe(1);
    // The Code block is the same figures as the top-level (fixed) fields.
    expect(after.codePolicy.acknowledgements).toEqual(after.acknowledgements);
    expect(after.codePolicy.responses).toEqual(after.responses);
    expect(after.localPolicy.acknowledgementsOverdue).toBe(after.localPolicy.acknowledgements.overdue);
  });

  it('without a local policy (LOCAL_SLA_PROFILE=none) shows the Code alone', async () => {
    const plain = await startTestApp({ LOCAL_SLA_PROFILE: 'none' });
    try {
      const body = (
        await plain.http
          .get('/api/v1/dashboards/sla?asOf=2026-03-25')
          .auth(await plain.token('auditor'), { type: 'bearer' })
      ).body;
      expect(body.localPolicy).toBeNull();
      expect(body.codePolicy.profile).toBe('code-2024');
    } finally {
      await plain.close();
    }
  });
});

describe('the attention queue', () => {
  const area = uniqueServiceArea('attention');
  const asOf = '2026-03-20';
  const complaints: Record<string, { id: string; reference: string }> = {};
  type Item = {
    reason: string;
    complaintId: string;
    reference: string;
    due: string | null;
    since: string | null;
    workingDaysOverdue: number;
    workingDaysSince: number;
    amountOutstandingPence?: number;
    handler: { id: string } | null;
    serviceArea: string;
    actionId?: string;
  };

  beforeAll(async () => {
    // Received Mon 2 March, never acknowledged: due 9 March, 9 WD overdue on Fri 20 March.
    complaints['unacknowledged'] = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-03-02T09:00:00Z' }),
    );
    // Received Mon 16 March: acknowledgement due Mon 23 March, 1 WD away on 20 March.
    complaints['dueSoon'] = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-03-16T09:00:00Z' }),
    );
    // Answered and closed in February with a remedy action due Fri 6 March (not done) and £50 not yet paid.
    const closed = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-02-02T09:00:00Z' }),
    );
    await ack(closed.id, '2026-02-03T09:00:00Z', { id: 'h-closed', name: 'Closing Handler' });
    await post(`/api/v1/complaints/${closed.id}/responses`, {
      respondedAt: '2026-02-10T10:00:00Z',
      decisions: [{ head: 'Repair', outcome: 'upheld', reasons: 'Missed appointments' }],
      remedies: {
        apology: true,
        actions: [{ description: 'Fix the gutter', dueBy: '2026-03-06' }],
        compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
      },
    });
    await post(`/api/v1/complaints/${closed.id}/closure`, {
      closedAt: '2026-02-11T10:00:00Z',
      outcome: 'Upheld',
      lessonsNotApplicableReason: 'One-off',
    });
    complaints['closed'] = closed;
    // Acknowledged Tue 6 January by h-quiet and nothing since: response overdue and quiet for far more than 20 WD.
    const quiet = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-01-05T09:00:00Z' }),
    );
    await ack(quiet.id, '2026-01-06T09:00:00Z', { id: 'h-quiet', name: 'Quiet Handler' });
    complaints['quiet'] = quiet;
  });

  const queue = async (query = '', token = officer) => {
    const res = await get(`/api/v1/attention?asOf=${asOf}&serviceArea=${area}${query}`, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { asOf: string; inactivityWorkingDays: number; count: number; items: Item[] };
  };
  const label = (item: Item) =>
    `${Object.entries(complaints).find(([, c]) => c.id === item.complaintId)?.[0]}:${item.reason}`;

  it('lists every kind of item, most urgent first: missed deadlines, then quiet cases and unpaid compensation, then what is coming up', async () => {
    const body = await queue();
    expect(body.asOf).toBe(asOf);
    expect(body.inactivityWorkingDays).toBe(20);
    expect(body.items.map(label)).toEqual([
      'quiet:response_overdue',
      'closed:remedy_action_overdue',
      'unacknowledged:acknowledgement_overdue',
      'quiet:inactive',
      'closed:compensation_unpaid',
      // Its response is due (provisionally, from the acknowledgement due date) on 23 March too.
      'unacknowledged:response_due_soon',
      'dueSoon:acknowledgement_due_soon',
    ]);
    const byLabel = new Map(body.items.map((i) => [label(i), i]));
    expect(byLabel.get('unacknowledged:acknowledgement_overdue')).toMatchObject({
      due: '2026-03-09',
      workingDaysOverdue: 9,
      reference: complaints['unacknowledged']!.reference,
      serviceArea: area,
    });
    expect(byLabel.get('closed:remedy_action_overdue')).toMatchObject({
      due: '2026-03-06',
      workingDaysOverdue: 10,
      actionId: 'S1-A1',
      handler: { id: 'h-closed' },
    });
    expect(byLabel.get('closed:compensation_unpaid')).toMatchObject({
      since: '2026-02-10',
      amountOutstandingPence: 5000,
      workingDaysSince: 28,
    });
    expect(byLabel.get('quiet:inactive')).toMatchObject({
      since: '2026-01-06',
      handler: { id: 'h-quiet', name: 'Quiet Handler' },
    });
    expect(byLabel.get('dueSoon:acknowledgement_due_soon')).toMatchObject({ due: '2026-03-23', workingDaysOverdue: 0 });
  });

  it('drops an item once it is dealt with: a payment clears the compensation, completion clears the action', async () => {
    const closed = complaints['closed']!;
    await post(`/api/v1/complaints/${closed.id}/compensation-payments`, {
      paidAt: '2026-03-18T10:00:00Z',
      amountPence: 5000,
      kind: 'time_and_trouble',
      method: 'bank transfer',
    });
    await post(`/api/v1/complaints/${closed.id}/remedy-actions/S1-A1/completion`, {
      completedAt: '2026-03-19T10:00:00Z',
    });
    const reasons = (await queue()).items.filter((i) => i.complaintId === closed.id).map((i) => i.reason);
    expect(reasons).toEqual([]);
    // As of the day before the payment, both were still outstanding.
    const earlier = (await get(`/api/v1/attention?asOf=2026-03-17&serviceArea=${area}`)).body.items as Item[];
    expect(
      earlier
        .filter((i) => i.complaintId === closed.id)
        .map((i) => i.reason)
        .sort(),
    ).toEqual(['compensation_unpaid', 'remedy_action_overdue']);
  });

  it('filters by handler, reason and service area; the inactivity threshold comes from the configuration', async () => {
    expect((await queue('&handlerId=h-quiet')).items.map(label)).toEqual(['quiet:response_overdue', 'quiet:inactive']);
    expect((await queue('&reason=acknowledgement_overdue')).items.map(label)).toEqual([
      'unacknowledged:acknowledgement_overdue',
    ]);
    expect(
      (await get(`/api/v1/attention?asOf=${asOf}&serviceArea=${uniqueServiceArea('nothing')}`)).body.items,
    ).toEqual([]);

    const strict = await startTestApp({ ATTENTION_INACTIVITY_WORKING_DAYS: '3' });
    try {
      const token = await strict.token('complaints_manager');
      // Its own service area: on a shared PostgreSQL database this app sees the other complaints too.
      const strictArea = uniqueServiceArea('strict');
      const c = await strict.http
        .post('/api/v1/complaints')
        .auth(token, { type: 'bearer' })
        .send(complaintBody({ serviceArea: strictArea, receivedAt: '2026-03-02T09:00:00Z' }));
      const res = await strict.http
        .get(`/api/v1/attention?asOf=2026-03-05&reason=inactive&serviceArea=${strictArea}`)
        .auth(token, { type: 'bearer' });
      expect(res.body.inactivityWorkingDays).toBe(3);
      expect(res.body.items).toEqual([
        expect.objectContaining({ complaintId: c.body.id, since: '2026-03-02', workingDaysSince: 3 }),
      ]);
    } finally {
      await strict.close();
    }
  });

  it('is for the complaints team and auditors, not panels; bad filters are 400 naming each field', async () => {
    expect((await get(`/api/v1/attention?asOf=${asOf}`, auditor)).status).toBe(200);
    expect((await get('/api/v1/attention', panel)).status).toBe(403);
    const bad = await get('/api/v1/attention?asOf=20/03/2026&reason=late');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'reason']);
  });
});

/**
 * Issue 11: "overdue" means overdue against the Code target (docs/domain.md, "Timescales"), in the
 * queue and on the dashboard alike. Each case has its own service area, so its row and items are
 * its own whatever else a shared database holds.
 */
describe('overdue against the Code, in the queue and on the dashboard', () => {
  type Item = {
    reason: string;
    complaintId: string;
    due: string | null;
    organisationDue?: string;
    workingDaysOverdue: number;
    workingDaysRemaining: number;
  };
  type Overdue = {
    id: string;
    milestone: string;
    due: string;
    organisationDue: string | null;
    workingDaysOverdue: number;
  };
  const heads = { headsOfComplaint: ['Damp and mould not treated'], outcomesSought: ['A permanent fix'] };
  const extend = (id: string, agreedAt: string, additionalWorkingDays: number, extra: Record<string, unknown> = {}) =>
    post(`/api/v1/complaints/${id}/extensions`, {
      agreedAt,
      additionalWorkingDays,
      reason: 'Specialist damp survey',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
      ...extra,
    });
  const itemsOf = async (id: string, area: string, asOf: string) =>
    ((await get(`/api/v1/attention?asOf=${asOf}&serviceArea=${area}`)).body.items as Item[]).filter(
      (i) => i.complaintId === id,
    );
  const dashboard = async (asOf: string) => (await get(`/api/v1/dashboards/sla?asOf=${asOf}`)).body;
  const rowOf = (body: { byServiceArea: { serviceArea: string }[] }, area: string) =>
    body.byServiceArea.find((r) => r.serviceArea === area);

  it('defect 1: an extension beyond the Code’s limit does not hide the breach. Received 12 Oct 2026, acknowledged 13 Oct, +30 WD agreed 20 Oct with a good reason: on 1 Dec the queue says response_overdue against the Code (due 10 Nov, 15 WD), with the own target (8 Dec) beside it, not only "inactive"', async () => {
    const area = uniqueServiceArea('beyond-limit');
    const before = await dashboard('2026-12-01');
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-10-12T09:00:00Z' }),
    );
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-10-13T09:00:00Z',
      handler: { id: 'u-beyond', name: 'Sam Handler' },
      ...heads,
    });
    await extend(c.id, '2026-10-20T09:00:00Z', 30, {
      goodReason: 'The only damp specialist has a six-week waiting list',
    });

    const items = await itemsOf(c.id, area, '2026-12-01');
    expect(items.map((i) => i.reason)).toEqual(['response_overdue', 'inactive']);
    expect(items[0]).toMatchObject({ due: '2026-11-10', organisationDue: '2026-12-08', workingDaysOverdue: 15 });
    expect(
      (await get(`/api/v1/attention?asOf=2026-12-01&serviceArea=${area}&reason=response_overdue`)).body.count,
    ).toBe(1);
    // On the Code date itself it is due, not yet overdue.
    expect((await itemsOf(c.id, area, '2026-11-10')).map((i) => i.reason)).toEqual(['response_due_soon']);

    const after = await dashboard('2026-12-01');
    expect(rowOf(after, area)).toEqual({
      serviceArea: area,
      open: 1,
      acknowledgementsOverdue: 0,
      acknowledgementsDueSoon: 0,
      responsesOverdue: 1,
      responsesDueSoon: 0,
    });
    expect(after.responses.overdue - before.responses.overdue).toBe(1);
    expect(after.complaintsOverdue.againstCode - before.complaintsOverdue.againstCode).toBe(1);
    // Against its own target (8 Dec) it is still 5 WD away: counted apart, under its own name.
    expect(after.organisationTarget.responses.overdue - before.organisationTarget.responses.overdue).toBe(0);
    expect(after.complaintsOverdue.againstOrganisationTarget - before.complaintsOverdue.againstOrganisationTarget).toBe(
      0,
    );
    expect((after.overdue as Overdue[]).filter((o) => o.id === c.id)).toEqual([
      expect.objectContaining({
        milestone: 'response',
        due: '2026-11-10',
        organisationDue: '2026-12-08',
        workingDaysOverdue: 15,
      }),
    ]);
    expect(after.extensions.beyondCodeLimit - before.extensions.beyondCodeLimit).toBe(1);
    expect(after.extensions.beyondCodeLimitWithGoodReason - before.extensions.beyondCodeLimitWithGoodReason).toBe(1);
    expect(after.extensions.workingDaysAdded - before.extensions.workingDaysAdded).toBe(30);
    expect(after.extensions.workingDaysCountedTowardsCode - before.extensions.workingDaysCountedTowardsCode).toBe(10);
    // A panel sees the same counts.
    const forPanel = (await get('/api/v1/dashboards/sla?asOf=2026-12-01', panel)).body;
    expect(rowOf(forPanel, area)).toMatchObject({ responsesOverdue: 1 });
    expect(forPanel.complaintsOverdue).toBeDefined();
  });

  it('defect 2: a back-dated extension cures nothing. Code due Wed 18 Mar 2026, +5 WD agreed Fri 20 Mar: on Mon 23 Mar the response is overdue by 3 WD against 18 Mar, not due soon against 25 Mar', async () => {
    const area = uniqueServiceArea('back-dated');
    const before = await dashboard('2026-03-23');
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-03-02T09:00:00Z' }),
    );
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-04T09:00:00Z',
      handler: { id: 'u-back', name: 'Sam Handler' },
      ...heads,
    });
    await extend(c.id, '2026-03-20T09:00:00Z', 5);

    const items = await itemsOf(c.id, area, '2026-03-23');
    expect(items.map((i) => i.reason)).toEqual(['response_overdue']);
    // Agreed after both targets had passed, it moved neither.
    expect(items[0]).toMatchObject({ due: '2026-03-18', organisationDue: '2026-03-18', workingDaysOverdue: 3 });

    const after = await dashboard('2026-03-23');
    expect(rowOf(after, area)).toMatchObject({ open: 1, responsesOverdue: 1, responsesDueSoon: 0 });
    expect(after.organisationTarget.responses.overdue - before.organisationTarget.responses.overdue).toBe(1);
    expect(after.extensions.agreedAfterCodeTarget - before.extensions.agreedAfterCodeTarget).toBe(1);
    expect(after.extensions.workingDaysCountedTowardsCode - before.extensions.workingDaysCountedTowardsCode).toBe(0);
  });

  it('defect 3: the response clock starts at the acknowledgement. Ack due Mon 9 Mar 2026, made Thu 12 Mar: on Tue 24 Mar the response is due soon (Thu 26 Mar, 2 WD), not overdue against Mon 23 Mar; the late acknowledgement is no open item', async () => {
    const area = uniqueServiceArea('late-ack');
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: '2026-03-02T09:00:00Z' }),
    );
    // Before it is made, the acknowledgement is what is overdue.
    expect((await itemsOf(c.id, area, '2026-03-10')).map((i) => i.reason)).toEqual(['acknowledgement_overdue']);
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-12T09:00:00Z',
      handler: { id: 'u-late', name: 'Sam Handler' },
      ...heads,
    });

    const items = await itemsOf(c.id, area, '2026-03-24');
    expect(items.map((i) => i.reason)).toEqual(['response_due_soon']);
    expect(items[0]).toMatchObject({ due: '2026-03-26', organisationDue: '2026-03-26', workingDaysRemaining: 2 });
    expect(rowOf(await dashboard('2026-03-24'), area)).toMatchObject({
      open: 1,
      responsesOverdue: 0,
      responsesDueSoon: 1,
    });
    expect(rowOf(await dashboard('2026-03-27'), area)).toMatchObject({ responsesOverdue: 1 });
  });
});
