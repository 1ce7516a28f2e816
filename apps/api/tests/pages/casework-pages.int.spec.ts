import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';

/** The case page's forms and section for panel participation, related issues and the representative's authority. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const revisionOf = (html: string) => /name="_revision" value="(\d+)"/.exec(html)?.[1] ?? '';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const at = (n: number) => `${daysAgo(n)}T10:00:00Z`;
const randomKey = () => crypto.randomUUID();

describe('pages: panel participation, related issues and representative authority', () => {
  let t: TestApp;
  let officer: string;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${await t.token('complaints_officer', 'officer-ann')}`;
    manager = `Bearer ${await t.token('complaints_manager', 'manager-bo')}`;
  });
  afterAll(async () => t?.close());

  const api = (path: string, body: unknown, auth = officer) =>
    t.http
      .post(`/api/v1/complaints${path}`)
      .set('Authorization', auth)
      .send(body as object);
  const page = (path: string, auth = officer) => t.http.get(path).set('Authorization', auth);

  async function submit(path: string, fields: Record<string, string>, auth = officer) {
    const form = await page(path, auth);
    expect(form.status, `GET ${path}`).toBe(200);
    return t.http
      .post(path)
      .set('Authorization', auth)
      .type('form')
      .send({ _csrf: csrfOf(form.text), _revision: revisionOf(form.text), ...fields });
  }

  async function acknowledged(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await api('', complaintBody({ receivedAt: at(20), ...overrides }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const ack = await api(`/${id}/acknowledgements`, {
      acknowledgedAt: at(19),
      handler: { id: 'officer-ann', name: 'Ann Officer' },
      headsOfComplaint: ['Repeated mould'],
    });
    expect(ack.status).toBe(200);
    return id;
  }

  it('adds a related head from the form to the stage; no head at all is refused in plain words', async () => {
    const id = await acknowledged();
    const added = await submit(`/complaints/${id}/steps/add-heads`, {
      heads: 'Surveyor did not attend\n',
      addedOn: daysAgo(18),
    });
    expect(added.status).toBe(303);
    const view = (await t.http.get(`/api/v1/complaints/${id}`).set('Authorization', officer)).body;
    expect(view.stages[0].headsOfComplaint).toEqual(['Repeated mould', 'Surveyor did not attend']);
    const empty = await submit(`/complaints/${id}/steps/add-heads`, { heads: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter at least one head of complaint');
  });

  it('refuses a contact with the representative in plain words until their authority is recorded', async () => {
    const id = await acknowledged({ representative: { name: 'Leanne Resident', relationship: 'Daughter' } });
    const call = {
      direction: 'outbound',
      channel: 'phone',
      with: 'representative',
      reached: 'yes',
      contactOn: daysAgo(10),
    };
    const refused = await submit(`/complaints/${id}/steps/contact`, call);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('authority to act for the resident');
    const granted = await submit(`/complaints/${id}/steps/representative-authority`, {
      basis: 'power_of_attorney',
      confirmedOn: daysAgo(15),
    });
    expect(granted.status).toBe(303);
    expect((await submit(`/complaints/${id}/steps/contact`, call)).status).toBe(303);
    const casePage = await page(`/complaints/${id}`);
    expect(casePage.text).toContain('Power of attorney, confirmed');
    expect(casePage.text).toContain('Record that the representative&#39;s authority was withdrawn');
  });

  it('shows the link on both case pages, each pointing at the other', async () => {
    const original = await acknowledged();
    const created = await api(
      `/${original}/related-complaints`,
      complaintBody({ receivedAt: at(5), description: 'Noise from the flat above at night.' }),
    );
    expect(created.status).toBe(201);
    const newId = created.body.id as string;
    const originalRef = (await t.http.get(`/api/v1/complaints/${original}`).set('Authorization', officer)).body
      .reference as string;
    const originalPage = await page(`/complaints/${original}`);
    expect(originalPage.text).toContain(`href="/complaints/${newId}"`);
    expect(originalPage.text).toContain(
      `New complaint ${created.body.reference} logged for an unrelated issue raised during stage 1`,
    );
    const newPage = await page(`/complaints/${newId}`);
    expect(newPage.text).toContain(`href="/complaints/${original}"`);
    expect(newPage.text).toContain(`Logged for an unrelated issue raised during stage 1 of complaint ${originalRef}`);
  });

  it('logs an unrelated issue as a new complaint from the case page, once however often the button is pressed', async () => {
    const original = await acknowledged();
    const casePage = await page(`/complaints/${original}`);
    expect(casePage.text).toContain(`href="/complaints/${original}/related-complaint"`);
    const form = await page(`/complaints/${original}/related-complaint`);
    expect(form.status).toBe(200);
    const key = /name="_key" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const fields = {
      _csrf: csrfOf(form.text),
      _key: key,
      name: 'Jane Resident',
      channel: 'phone',
      serviceArea: 'neighbourhoods',
      description: 'Noise from the flat above at night.',
    };
    const first = await t.http
      .post(`/complaints/${original}/related-complaint`)
      .set('Authorization', officer)
      .type('form')
      .send(fields);
    expect(first.status).toBe(303);
    const second = await t.http
      .post(`/complaints/${original}/related-complaint`)
      .set('Authorization', officer)
      .type('form')
      .send(fields);
    expect(second.headers['location']).toBe(first.headers['location']);
    const newId = /^\/complaints\/([^/]+)\/received$/.exec(first.headers['location'] ?? '')?.[1] ?? '';
    const view = (await t.http.get(`/api/v1/complaints/${original}`).set('Authorization', officer)).body;
    expect(view.linkedComplaints.map((l: { complaintId: string }) => l.complaintId)).toEqual([newId]);
    const missing = await t.http
      .post(`/complaints/${original}/related-complaint`)
      .set('Authorization', officer)
      .type('form')
      .send({ ...fields, _key: randomKey(), description: '' });
    expect(missing.status).toBe(400);
  });

  it('records the stage 2 panel request and meeting from the forms, offered only at stage 2', async () => {
    const id = await acknowledged();
    expect((await page(`/complaints/${id}/steps/panel-request`)).status).toBe(409);
    expect(
      (
        await api(`/${id}/responses`, {
          respondedAt: at(15),
          decisions: [{ head: 'Repeated mould', outcome: 'not_upheld', reasons: 'Checked' }],
          remedies: { apology: false },
        })
      ).status,
    ).toBe(200);
    expect((await api(`/${id}/escalations`, { requestedAt: at(12) })).status).toBe(200);
    expect(
      (
        await submit(
          `/complaints/${id}/steps/panel-request`,
          { requestedBy: 'resident', requestedOn: daysAgo(11) },
          manager,
        )
      ).status,
    ).toBe(303);
    const held = await submit(
      `/complaints/${id}/steps/panel-meeting`,
      { heldOn: daysAgo(3), panelMembers: 'Ann Hughes\nJoe Bloggs', outcomeNotes: 'Asked for the survey' },
      manager,
    );
    expect(held.status).toBe(303);
    const casePage = await page(`/complaints/${id}`, manager);
    expect(casePage.text).toContain('with Ann Hughes, Joe Bloggs. Outcome: Asked for the survey');
    expect((await page(`/complaints/${id}/steps/panel-decline`, manager)).status).toBe(409);
  });
});
