import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolve, initialState, toLondonDate } from '@complaints/domain';
import { caseActionsOf } from '@complaints/pages';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { expectRefusedOn } from './form-refusal';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const revisionOf = (html: string) => /name="_revision" value="(\d+)"/.exec(html)?.[1] ?? '';

describe('pages: the Housing Ombudsman on the case page (referral, determination, orders complied with)', () => {
  let t: TestApp;
  let officer: string;
  let id: string;
  const today = toLondonDate(new Date());
  const inDays = (days: number) => toLondonDate(new Date(Date.now() + days * 86_400_000));

  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${await t.token('complaints_officer', 'officer-ann')}`;
    const created = await t.http
      .post('/api/v1/complaints')
      .set('Authorization', officer)
      .send(complaintBody({ receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() }));
    id = created.body.id as string;
  });
  afterAll(async () => t?.close());

  async function submit(step: string, fields: Record<string, string>) {
    const path = `/complaints/${id}/steps/${step}`;
    const form = await t.http.get(path).set('Authorization', officer);
    expect(form.status, `GET ${path}: ${form.text.slice(0, 300)}`).toBe(200);
    return t.http
      .post(path)
      .set('Authorization', officer)
      .type('form')
      .send({ _csrf: csrfOf(form.text), _revision: revisionOf(form.text), ...fields });
  }

  async function offered(): Promise<string[]> {
    const { envelopes } = await t.infrastructure.complaints.load(id);
    const state = envelopes.reduce((s, e) => evolve(s, e.event), initialState());
    return caseActionsOf(state, ['complaints_officer'], id).map((a) => a.href.split('/').at(-1)!);
  }

  it('offers the referral first, and neither the determination nor compliance before it', async () => {
    const steps = await offered();
    expect(steps).toContain('ombudsman-referral');
    expect(steps).not.toContain('ombudsman-determination');
    expect(steps).not.toContain('ombudsman-order-complied');
    expect(
      (await t.http.get(`/complaints/${id}/steps/ombudsman-determination`).set('Authorization', officer)).status,
    ).toBe(409);
    const page = await t.http.get(`/complaints/${id}`).set('Authorization', officer);
    expect(page.text).toContain(`href="/complaints/${id}/steps/ombudsman-referral"`);
  });

  it('records the referral, then the determination; a wrong reference is refused on its field with the rule’s words, keeping what was typed', async () => {
    const blank = await submit('ombudsman-referral', { ombudsmanReference: '' });
    expect(blank.status).toBe(400);
    expectRefusedOn(blank.text, 'ombudsmanReference', 'Enter the Ombudsman’s case reference');
    expect((await submit('ombudsman-referral', { ombudsmanReference: '202412345' })).status).toBe(303);
    expect(await offered()).toEqual(expect.arrayContaining(['ombudsman-determination']));
    expect(await offered()).not.toContain('ombudsman-referral');

    const wrong = await submit('ombudsman-determination', {
      ombudsmanReference: '209999999',
      'element-0': 'Handling of the damp repairs',
      'finding-0': 'maladministration',
      'order-0': 'Pay £300 for distress and inconvenience',
      'orderDue-0': inDays(28),
    });
    expect(wrong.status).toBe(409);
    expectRefusedOn(
      wrong.text,
      'ombudsmanReference',
      'The Ombudsman reference does not match the referral recorded for this complaint.',
      [
        'value="209999999"',
        'value="Handling of the damp repairs"',
        'Pay £300 for distress and inconvenience',
        `value="${inDays(28)}"`,
      ],
    );

    const noFinding = await submit('ombudsman-determination', {
      ombudsmanReference: '202412345',
      'element-0': 'Handling of the damp repairs',
    });
    expect(noFinding.status).toBe(400);
    expectRefusedOn(noFinding.text, 'finding-0', 'Choose the Ombudsman’s finding on element 1', [
      'value="Handling of the damp repairs"',
    ]);

    const done = await submit('ombudsman-determination', {
      ombudsmanReference: '202412345',
      'element-0': 'Handling of the damp repairs',
      'finding-0': 'maladministration',
      'element-1': 'Complaint handling',
      'finding-1': 'service_failure',
      'order-0': 'Pay £300 for distress and inconvenience',
      'orderDue-0': inDays(28),
      'order-1': 'Review the damp and mould policy',
      'orderDue-1': inDays(56),
    });
    expect(done.status, done.text.slice(0, 500)).toBe(303);
    const view = (await t.http.get(`/api/v1/complaints/${id}`).set('Authorization', officer)).body as {
      ombudsman: {
        reference: string;
        determination: { findings: { finding: string }[]; orders: { orderId: string; dueBy: string }[] };
      };
    };
    expect(view.ombudsman.reference).toBe('202412345');
    expect(view.ombudsman.determination.findings.map((f) => f.finding)).toEqual([
      'maladministration',
      'service_failure',
    ]);
    expect(view.ombudsman.determination.orders).toMatchObject([
      { orderId: 'O1', dueBy: inDays(28) },
      { orderId: 'O2', dueBy: inDays(56) },
    ]);
  });

  it('records compliance with each order from its form, and the case page says where each order stands', async () => {
    expect(await offered()).toContain('ombudsman-order-complied');
    const none = await submit('ombudsman-order-complied', { evidence: 'Paid by BACS' });
    expect(none.status).toBe(400);
    expectRefusedOn(none.text, 'orderId', 'Choose the order complied with', ['Paid by BACS']);
    expect(
      (
        await submit('ombudsman-order-complied', {
          orderId: 'O1',
          evidence: 'Paid £300 by BACS, remittance 88121',
          compliedOn: today,
        })
      ).status,
    ).toBe(303);

    const page = await t.http.get(`/complaints/${id}`).set('Authorization', officer);
    expect(page.text).toContain('Investigating as 202412345');
    expect(page.text).toContain('Handling of the damp repairs: Maladministration');
    expect(page.text).toMatch(/Ombudsman order O1[\s\S]*?complied with/);
    expect(page.text).toMatch(/Ombudsman order O2[\s\S]*?not yet complied with/);
    // Only the order still open is offered.
    const form = await t.http.get(`/complaints/${id}/steps/ombudsman-order-complied`).set('Authorization', officer);
    expect(form.text).toContain('value="O2"');
    expect(form.text).not.toContain('value="O1"');
    expect(
      (await submit('ombudsman-order-complied', { orderId: 'O2', evidence: 'Policy reviewed and published' })).status,
    ).toBe(303);
    expect(await offered()).not.toContain('ombudsman-order-complied');
  });
});
