import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 15's casework through the API: stage 2 panel participation, heads added to a stage, a
 * new complaint for an unrelated issue linked both ways, and the representative's authority
 * that contact with the representative needs.
 */
let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;

const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1/complaints${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const get = (path: string, token = officer) => t.http.get(`/api/v1/complaints${path}`).auth(token, { type: 'bearer' });
const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

async function acknowledged(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await post('', complaintBody(overrides));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const ack = await post(`/${id}/acknowledgements`, {
    acknowledgedAt: '2026-03-04T10:00:00Z',
    handler: { id: 'u-017', name: 'Sam Officer' },
    headsOfComplaint: ['Repeated mould'],
    outcomesSought: ['Permanent fix'],
  });
  expect(ack.status).toBe(200);
  return id;
}

const respond = (id: string, respondedAt: string, heads: string[], token = officer) =>
  post(
    `/${id}/responses`,
    {
      respondedAt,
      decisions: heads.map((head) => ({ head, outcome: 'not_upheld', reasons: 'Checked the records' })),
      remedies: { apology: false },
    },
    token,
  );

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager', 'mgr-2');
  auditor = await t.token('auditor');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('stage 2 panel participation', () => {
  it('is requested at stage 2, held once, shown on the case and in the chronology; refused at stage 1 and twice', async () => {
    const id = await acknowledged();
    const early = await post(`/${id}/panel-participation/request`, {
      requestedAt: '2026-03-05T10:00:00Z',
      requestedBy: 'resident',
    });
    expect(early.status).toBe(409);
    expect(early.body.rule).toBe('panel-needs-stage-2');

    expect((await respond(id, '2026-03-10T10:00:00Z', ['Repeated mould'])).status).toBe(200);
    expect((await post(`/${id}/escalations`, { requestedAt: '2026-03-12T10:00:00Z' })).status).toBe(200);
    const requested = await post(
      `/${id}/panel-participation/request`,
      { requestedAt: '2026-03-13T10:00:00Z', requestedBy: 'representative' },
      manager,
    );
    expect(requested.status).toBe(200);
    expect(requested.body.events).toEqual(['PanelParticipationRequested']);
    const held = await post(
      `/${id}/panel-participation/meeting`,
      { recordedAt: '2026-03-20T16:00:00Z', heldOn: '2026-03-20', panelMembers: ['Ann Hughes'] },
      manager,
    );
    expect(held.status).toBe(200);
    const again = await post(
      `/${id}/panel-participation/decline`,
      { declinedAt: '2026-03-21T10:00:00Z', reason: 'Changed their mind' },
      manager,
    );
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('panel-meeting-already-held');
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);

    const view = (await get(`/${id}`)).body;
    expect(view.panelParticipation).toEqual({
      status: 'held',
      requestedAt: '2026-03-13T10:00:00Z',
      requestedBy: 'representative',
      heldOn: '2026-03-20',
      panelMembers: ['Ann Hughes'],
      outcomeNotes: null,
    });
    const chronology = (await get(`/${id}/chronology`, auditor)).body.entries as {
      event: string;
      description: string;
    }[];
    expect(chronology.map((e) => e.event)).toContain('PanelMeetingHeld');
  });

  it('refuses bad input, naming the fields', async () => {
    const id = await acknowledged();
    const bad = await post(`/${id}/panel-participation/meeting`, { heldOn: '20 March', panelMembers: [] }, manager);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['heldOn', 'panelMembers']);
    const who = await post(`/${id}/panel-participation/request`, { requestedBy: 'the neighbour' }, manager);
    expect(who.status).toBe(400);
    expect(fieldsOf(who)).toEqual(['requestedBy']);
  });
});

describe('related issues', () => {
  it('heads added to the stage must be decided by its response, and cannot be added after it', async () => {
    const id = await acknowledged();
    const added = await post(`/${id}/heads-of-complaint`, {
      addedAt: '2026-03-05T10:00:00Z',
      heads: ['Surveyor did not attend'],
    });
    expect(added.status).toBe(200);
    expect((await get(`/${id}`)).body.stages[0].headsOfComplaint).toEqual([
      'Repeated mould',
      'Surveyor did not attend',
    ]);
    const undecided = await respond(id, '2026-03-10T10:00:00Z', ['Repeated mould']);
    expect(undecided.status).toBe(409);
    expect(undecided.body.rule).toBe('head-of-complaint-undecided');
    expect((await respond(id, '2026-03-10T10:00:00Z', ['Repeated mould', 'Surveyor did not attend'])).status).toBe(200);
    const late = await post(`/${id}/heads-of-complaint`, { addedAt: '2026-03-11T10:00:00Z', heads: ['Another'] });
    expect(late.status).toBe(409);
    expect(late.body.rule).toBe('heads-added-after-response');
    const empty = await post(`/${id}/heads-of-complaint`, { heads: [] });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty)).toEqual(['heads']);
  });

  it('an unrelated issue becomes a new complaint; each case view and chronology names the other', async () => {
    const original = await acknowledged();
    const originalRef = (await get(`/${original}`)).body.reference as string;
    const created = await post(
      `/${original}/related-complaints`,
      complaintBody({
        receivedAt: '2026-03-06T10:00:00Z',
        serviceArea: 'neighbourhoods',
        description: 'Noise from the flat above at night.',
      }),
    );
    expect(created.status).toBe(201);
    const newId = created.body.id as string;
    expect(newId).not.toBe(original);
    expect(created.body.events).toEqual(['ComplaintReceived', 'ComplaintLinked']);
    expect(created.headers['location']).toBe(`/api/v1/complaints/${newId}`);

    const originalView = (await get(`/${original}`)).body;
    const newView = (await get(`/${newId}`)).body;
    expect(originalView.linkedComplaints).toEqual([
      {
        relation: 'new_complaint_logged',
        complaintId: newId,
        reference: newView.reference,
        stage: 1,
        linkedAt: '2026-03-06T10:00:00Z',
      },
    ]);
    expect(newView.linkedComplaints).toEqual([
      {
        relation: 'logged_from',
        complaintId: original,
        reference: originalRef,
        stage: 1,
        linkedAt: '2026-03-06T10:00:00Z',
      },
    ]);

    const chronology = (await get(`/${original}/chronology`, auditor)).body.entries as {
      event: string;
      description: string;
    }[];
    expect(chronology.find((e) => e.event === 'ComplaintLinked')?.description).toBe(
      `New complaint ${newView.reference} logged for an unrelated issue raised during stage 1.`,
    );
    const newChronology = (await get(`/${newId}/chronology`, auditor)).body.entries as {
      event: string;
      description: string;
    }[];
    expect(newChronology.find((e) => e.event === 'ComplaintLinked')?.description).toBe(
      `Logged for an unrelated issue raised during stage 1 of complaint ${originalRef}.`,
    );
  });

  it('records nothing for an ended complaint, an unknown one, or a bad new complaint', async () => {
    const ended = await acknowledged();
    expect((await post(`/${ended}/withdrawal`, { withdrawnAt: '2026-03-05T10:00:00Z' })).status).toBe(200);
    const refused = await post(`/${ended}/related-complaints`, complaintBody({ receivedAt: '2026-03-06T10:00:00Z' }));
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('complaint-ended');
    expect((await get(`/${ended}`)).body.linkedComplaints).toEqual([]);
    expect((await post('/00000000-0000-4000-8000-000000000000/related-complaints', complaintBody())).status).toBe(404);
    const bad = await post(
      `/${ended}/related-complaints`,
      complaintBody({ description: undefined, relatedTo: { complaintId: ended } }),
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['description', 'relatedTo']);
  });
});

describe("the representative's authority", () => {
  const REPRESENTATIVE = { name: 'Leanne Resident', relationship: 'Daughter' };
  const callRepresentative = (id: string, at: string) =>
    post(`/${id}/contacts`, { at, direction: 'outbound', channel: 'phone', reached: true, with: 'representative' });

  it('is needed, current, to contact the representative; the receipt’s confirmation counts as written consent', async () => {
    const unconfirmed = await acknowledged({ representative: { ...REPRESENTATIVE, authorityConfirmed: false } });
    const refused = await callRepresentative(unconfirmed, '2026-03-05T10:00:00Z');
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('contact-with-representative-needs-authority');
    expect(refused.body.detail).toContain('authority to act for the resident');

    const granted = await post(`/${unconfirmed}/representative-authority`, {
      confirmedAt: '2026-03-05T11:00:00Z',
      basis: 'power_of_attorney',
      expiresOn: '2026-03-31',
    });
    expect(granted.status).toBe(200);
    expect((await callRepresentative(unconfirmed, '2026-03-06T10:00:00Z')).status).toBe(200);
    expect((await callRepresentative(unconfirmed, '2026-04-01T10:00:00Z')).status).toBe(409);
    const view = (await get(`/${unconfirmed}`)).body;
    expect(view.representativeAuthority).toMatchObject([
      { basis: 'power_of_attorney', expiresOn: '2026-03-31', withdrawnAt: null },
    ]);
    expect(view.contacts.map((c: { with: string }) => c.with)).toEqual(['representative']);

    const confirmedAtReceipt = await acknowledged({ representative: { ...REPRESENTATIVE, authorityConfirmed: true } });
    expect((await callRepresentative(confirmedAtReceipt, '2026-03-05T10:00:00Z')).status).toBe(200);
    expect(
      (
        await post(`/${confirmedAtReceipt}/representative-authority/withdrawal`, {
          withdrawnAt: '2026-03-06T10:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect((await callRepresentative(confirmedAtReceipt, '2026-03-07T10:00:00Z')).status).toBe(409);
    const twice = await post(`/${confirmedAtReceipt}/representative-authority/withdrawal`, {
      withdrawnAt: '2026-03-08T10:00:00Z',
    });
    expect(twice.body.rule).toBe('representative-authority-not-in-place');
  });

  it('refuses a basis that is not one, and a contact with someone else, naming the fields', async () => {
    const id = await acknowledged();
    const bad = await post(`/${id}/representative-authority`, { basis: 'a letter from Mr Smith', expiresOn: 'never' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['basis', 'expiresOn']);
    const withWhom = await post(`/${id}/contacts`, {
      direction: 'outbound',
      channel: 'phone',
      reached: true,
      with: 'neighbour',
    });
    expect(withWhom.status).toBe(400);
    expect(fieldsOf(withWhom)).toEqual(['with']);
  });
});
