import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@complaints/contracts';
import { evolve, initialState } from '@complaints/domain';
import { caseActionsOf } from '@complaints/pages';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { expectRefusedOn } from './form-refusal';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const revisionOf = (html: string) => /name="_revision" value="(\d+)"/.exec(html)?.[1] ?? '';

describe('pages: legal holds and erasure on the case page (administrators only)', () => {
  let t: TestApp;
  let officer: string;
  let admin: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${await t.token('complaints_officer', 'officer-ann')}`;
    admin = `Bearer ${await t.token('admin', 'admin-dee')}`;
    const created = await t.http
      .post('/api/v1/complaints')
      .set('Authorization', officer)
      .send(
        complaintBody({
          receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
          complainant: { name: 'Erin Erasable', email: 'erin@example.org' },
        }),
      );
    id = created.body.id as string;
  });
  afterAll(async () => t?.close());

  async function submit(step: string, fields: Record<string, string>, auth = admin) {
    const path = `/complaints/${id}/steps/${step}`;
    const form = await t.http.get(path).set('Authorization', auth);
    expect(form.status, `GET ${path}: ${form.text.slice(0, 300)}`).toBe(200);
    return t.http
      .post(path)
      .set('Authorization', auth)
      .type('form')
      .send({ _csrf: csrfOf(form.text), _revision: revisionOf(form.text), ...fields });
  }

  async function offered(roles: Role[]): Promise<string[]> {
    const { envelopes } = await t.infrastructure.complaints.load(id);
    const state = envelopes.reduce((s, e) => evolve(s, e.event), initialState());
    return caseActionsOf(state, roles, id).map((a) => a.href.split('/').at(-1)!);
  }

  it('offers an administrator the legal hold and nothing of the complaints team’s; an officer is refused the form with a page saying who may', async () => {
    expect(await offered(['admin'])).toEqual(['legal-hold']);
    expect(await offered(['complaints_officer'])).not.toContain('legal-hold');
    expect(await offered(['auditor'])).toEqual([]);
    const refused = await t.http.get(`/complaints/${id}/steps/legal-hold`).set('Authorization', officer);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You cannot see this page');
    expect(refused.text).toContain('Administrator');
    // And an administrator is refused the complaints team's steps.
    expect((await t.http.get(`/complaints/${id}/steps/contact`).set('Authorization', admin)).status).toBe(403);
    const page = await t.http.get(`/complaints/${id}`).set('Authorization', admin);
    expect(page.text).toContain(`href="/complaints/${id}/steps/legal-hold"`);
    expect(page.text).not.toContain(`/complaints/${id}/related-complaint`);
  });

  it('places a hold, refuses erasure while it holds, lifts it and erases, each from its form', async () => {
    expect((await submit('legal-hold', { category: 'pre_action_claim' })).status).toBe(303);
    const closed = await t.http
      .post(`/api/v1/complaints/${id}/withdrawal`)
      .set('Authorization', officer)
      .send({ reason: 'No longer needed' });
    expect(closed.status, JSON.stringify(closed.body)).toBeLessThan(300);
    // Held: erasure is not offered; a form sent anyway is refused on its field in the rule's words.
    expect(await offered(['admin'])).toEqual(['legal-hold', 'lift-legal-hold']);
    const held = await t.http.get(`/complaints/${id}/steps/erase-personal-data`).set('Authorization', admin);
    expect(held.status).toBe(409);

    expect((await submit('lift-legal-hold', { holdId: 'LH1' })).status).toBe(303);
    expect(await offered(['admin'])).toEqual(['legal-hold', 'erase-personal-data']);
    const unconfirmed = await submit('erase-personal-data', {
      basis: 'data_subject_request',
      reason: 'Asked by letter',
    });
    expect(unconfirmed.status).toBe(400);
    expectRefusedOn(unconfirmed.text, 'understood', 'Confirm that you understand the erasure cannot be undone', [
      'Asked by letter',
    ]);
    expect((await submit('erase-personal-data', { basis: 'data_subject_request', understood: 'yes' })).status).toBe(
      303,
    );

    const view = (await t.http.get(`/api/v1/complaints/${id}`).set('Authorization', admin)).body as {
      personalDataErased: unknown;
    };
    expect(view.personalDataErased).not.toBeNull();
    const page = await t.http.get(`/complaints/${id}`).set('Authorization', admin);
    expect(page.text).not.toContain('Erin Erasable');
    expect(await offered(['admin'])).toEqual([]);
  });
});
