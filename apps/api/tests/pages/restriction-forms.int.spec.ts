import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, evolve, initialState, toLondonDate } from '@complaints/domain';
import { caseActionsOf } from '@complaints/pages';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const revisionOf = (html: string) => /name="_revision" value="(\d+)"/.exec(html)?.[1] ?? '';

describe('pages: restrictions on contact (managers) and enquiries on the case page', () => {
  let t: TestApp;
  let officer: string;
  let manager: string;
  let id: string;
  const today = toLondonDate(new Date());

  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${await t.token('complaints_officer', 'officer-ann')}`;
    manager = `Bearer ${await t.token('complaints_manager', 'manager-mo')}`;
    const created = await t.http
      .post('/api/v1/complaints')
      .set('Authorization', officer)
      .send(complaintBody({ receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }));
    id = created.body.id as string;
  });
  afterAll(async () => t?.close());

  async function submit(path: string, fields: Record<string, string>, auth: string) {
    const form = await t.http.get(path).set('Authorization', auth);
    expect(form.status, `GET ${path}`).toBe(200);
    return t.http
      .post(path)
      .set('Authorization', auth)
      .type('form')
      .send({ _csrf: csrfOf(form.text), _revision: revisionOf(form.text), ...fields });
  }

  async function offered(roles: Parameters<typeof caseActionsOf>[1]): Promise<string[]> {
    const { envelopes } = await t.infrastructure.complaints.load(id);
    const state = envelopes.reduce((s, e) => evolve(s, e.event), initialState());
    return caseActionsOf(state, roles, id).map((a) => a.href.split('/').at(-1)!);
  }

  it('offers restrictions to managers only; an officer is refused the form', async () => {
    expect(await offered(['complaints_officer'])).not.toContain('restrict');
    expect(await offered(['complaints_officer'])).toContain('enquiry');
    expect(await offered(['complaints_manager'])).toContain('restrict');
    expect((await t.http.get(`/complaints/${id}/steps/restrict`).set('Authorization', officer)).status).toBe(403);
  });

  it('a manager imposes one from the form; the case page shows it with its review date', async () => {
    const tooFar = await submit(
      `/complaints/${id}/steps/restrict`,
      { kind: 'contact_limits', reason: 'Daily calls to several teams', reviewDue: addCalendarMonths(today, 8) },
      manager,
    );
    expect(tooFar.status).toBe(409);
    expect(tooFar.text).toContain('must be reviewed within 6 months');
    const done = await submit(
      `/complaints/${id}/steps/restrict`,
      {
        kind: 'contact_limits',
        reason: 'Daily calls to several teams',
        terms: 'One call a week',
        reviewDue: addCalendarMonths(today, 1),
      },
      manager,
    );
    expect(done.status).toBe(303);
    const page = await t.http.get(`/complaints/${id}`).set('Authorization', officer);
    expect(page.text).toContain('Restriction R1: Limits on contact');
    expect(page.text).toContain('does not limit the resident&#39;s use of the complaints procedure');
    expect(await offered(['complaints_manager'])).toEqual(
      expect.arrayContaining(['review-restriction', 'lift-restriction']),
    );
  });

  it('records an enquiry and its answer from the forms', async () => {
    expect(
      (
        await submit(
          `/complaints/${id}/steps/enquiry`,
          { from: 'councillor', who: 'Cllr Patel', summary: 'Asks about the repair' },
          officer,
        )
      ).status,
    ).toBe(303);
    const missing = await submit(`/complaints/${id}/steps/answer-enquiry`, { channel: 'email' }, officer);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Choose the enquiry answered');
    expect(
      (await submit(`/complaints/${id}/steps/answer-enquiry`, { enquiryId: 'E1', channel: 'email' }, officer)).status,
    ).toBe(303);
    const view = (await t.http.get(`/api/v1/complaints/${id}`).set('Authorization', officer)).body as {
      enquiries: { enquiryId: string; answeredBy: string }[];
    };
    expect(view.enquiries).toMatchObject([{ enquiryId: 'E1', answeredBy: 'email' }]);
  });
});
