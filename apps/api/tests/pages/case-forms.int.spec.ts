import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintRules, evolve, initialState } from '@complaints/domain';
import { caseActionsOf } from '@complaints/pages';
import { startTestApp, uniqueServiceArea, type TestApp } from '../support/test-app';
import { expectRefusedOn } from './form-refusal';

/** The form's CSRF token and the revision it was shown at. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const revisionOf = (html: string) => /name="_revision" value="(\d+)"/.exec(html)?.[1] ?? '';
const keyOf = (html: string) => /name="_key" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** A London calendar date some days back (the forms date steps by day). */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('pages: the officer’s forms (receive a complaint, one page per step) and the work queue', () => {
  let t: TestApp;
  let officer: string;
  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${await t.token('complaints_officer', 'officer-ann')}`;
  });
  afterAll(async () => t?.close());

  /** GET the step's form, then POST it with its CSRF token and revision plus the given fields. */
  async function submit(path: string, fields: Record<string, string | string[]>, auth = officer) {
    const form = await t.http.get(path).set('Authorization', auth);
    expect(form.status, `GET ${path}`).toBe(200);
    return t.http
      .post(path)
      .set('Authorization', auth)
      .type('form')
      .send({ _csrf: csrfOf(form.text), _revision: revisionOf(form.text), _key: keyOf(form.text), ...fields });
  }

  async function receive(fields: Record<string, string> = {}): Promise<string> {
    const response = await submit('/complaints/new', {
      name: 'Jane Resident',
      channel: 'phone',
      serviceArea: 'repairs',
      description: 'Black mould in the back bedroom keeps coming back.',
      ...fields,
    });
    expect(response.status).toBe(303);
    return /^\/complaints\/([^/]+)\/received$/.exec(response.headers['location'] ?? '')?.[1] ?? '';
  }

  /** The steps the case page offers an officer now (caseActionsOf over the case's own events), by slug. */
  async function offered(
    id: string,
    roles: Parameters<typeof caseActionsOf>[1] = ['complaints_officer'],
  ): Promise<string[]> {
    const { envelopes } = await t.infrastructure.complaints.load(id);
    const state = envelopes.reduce((s, e) => evolve(s, e.event), initialState());
    return caseActionsOf(state, roles, id).map((a) => a.href.split('/').at(-1)!);
  }

  const stateOf = async (id: string) =>
    (await t.http.get(`/api/v1/complaints/${id}`).set('Authorization', officer)).body as Record<string, unknown>;

  it('receives a complaint from the form, then shows its reference and the resident’s access code', async () => {
    const id = await receive({ email: 'jane@example.org', tenure: 'LCRA' });
    const confirmation = await t.http.get(`/complaints/${id}/received`).set('Authorization', officer);
    expect(confirmation.status).toBe(200);
    const view = await stateOf(id);
    expect(view['status']).toBe('open');
    expect(confirmation.text).toContain(String(view['reference']));
    expect(confirmation.text).toMatch(/Access code: <strong[^>]*>[^<]{6,}<\/strong>/);
    // The handling team reads how to reach the resident on the case page.
    const casePage = await t.http.get(`/complaints/${id}`).set('Authorization', officer);
    expect(casePage.text).toContain('jane@example.org');
  });

  it('sends the same receipt form twice and records one complaint', async () => {
    const form = await t.http.get('/complaints/new').set('Authorization', officer);
    const fields = {
      _csrf: csrfOf(form.text),
      _key: keyOf(form.text),
      name: 'Sam Twice',
      channel: 'email',
      serviceArea: uniqueServiceArea('twice'),
      description: 'The same form sent twice by a double click.',
    };
    const first = await t.http.post('/complaints/new').set('Authorization', officer).type('form').send(fields);
    const second = await t.http.post('/complaints/new').set('Authorization', officer).type('form').send(fields);
    expect(first.status).toBe(303);
    expect(second.headers['location']).toBe(first.headers['location']);
  });

  it('answers a receipt the rules refuse (the issue known after receipt) with the form again, as typed, in plain words', async () => {
    const area = uniqueServiceArea('known-later');
    const response = await submit('/complaints/new', {
      name: 'Ruth Later',
      channel: 'phone',
      serviceArea: area,
      description: 'The boiler keeps failing.',
      receivedOn: daysAgo(10),
      issueKnownSince: daysAgo(2),
    });
    expect(response.status).toBe(409);
    expect(response.text).toContain('govuk-error-summary');
    expect(response.text).toContain('href="#issueKnownSince"');
    expect(response.text).toContain(
      'The date the resident first knew about the issue cannot be after the complaint was received.',
    );
    expect(response.text).not.toContain('issueKnownSince)');
    expect(response.text).toContain('value="Ruth Later"');
    const list = await t.http.get(`/api/v1/complaints?serviceArea=${area}`).set('Authorization', officer);
    expect(list.body.items ?? []).toHaveLength(0);
  });

  it('says what a too-long field must be in plain words, not the validator’s', async () => {
    const response = await submit('/complaints/new', {
      name: 'Len Long',
      channel: 'phone',
      serviceArea: 'x'.repeat(201),
      description: 'A long service area.',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('must be 200 characters or fewer');
    expect(response.text).not.toContain('Too big');
  });

  it('answers a receipt form with missing fields with a GOV.UK error summary linking to each field, and records nothing', async () => {
    const area = uniqueServiceArea('nothing');
    const response = await submit('/complaints/new', { name: '', serviceArea: area, description: '' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('govuk-error-summary');
    expect(response.text).toContain('href="#name"');
    expect(response.text).toContain('Enter the resident’s full name');
    expect(response.text).toContain('href="#description"');
    expect(response.text).toContain(`value="${area}"`);
    expect(response.text).toMatch(/<title>Error: [^E]/);
    const list = await t.http.get(`/api/v1/complaints?serviceArea=${area}`).set('Authorization', officer);
    expect(list.body.items ?? []).toHaveLength(0);
  });

  it('takes a complaint from acknowledgement to closure, showing the domain’s refusals in plain English on the form', async () => {
    const id = await receive();
    const steps = (step: string) => `/complaints/${id}/steps/${step}`;

    const noHeads = await submit(steps('acknowledge'), {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
      headsOfComplaint: '',
    });
    expect(noHeads.status).toBe(400);
    expectRefusedOn(noHeads.text, 'headsOfComplaint', 'Enter at least one head of complaint, one per line', [
      'value="Ann Officer"',
      'value="officer-ann"',
    ]);

    const acknowledged = await submit(steps('acknowledge'), {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
      method: 'email',
      headsOfComplaint: 'The mould keeps coming back\nThe repair was late',
    });
    expect(acknowledged.status).toBe(303);
    expect(acknowledged.headers['location']).toBe(`/complaints/${id}?done=acknowledge`);

    // Upheld without an apology or a reason: the decider's rule, its message, on the apology field.
    const refused = await submit(steps('respond'), {
      'outcome-0': 'upheld',
      'reasons-0': 'The first repair did not treat the cause.',
      'outcome-1': 'not_upheld',
      'reasons-1': 'It was on time.',
      apology: 'no',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(
      'A response that upholds or partially upholds a head of complaint needs an apology, or a recorded reason why none was given.',
    );
    expectRefusedOn(
      refused.text,
      'apology',
      'A response that upholds or partially upholds a head of complaint needs an apology, or a recorded reason why none was given.',
      ['The first repair did not treat the cause.', 'It was on time.'],
    );

    const responded = await submit(steps('respond'), {
      'outcome-0': 'upheld',
      'reasons-0': 'The first repair did not treat the cause.',
      'outcome-1': 'not_upheld',
      'reasons-1': 'It was on time.',
      apology: 'yes',
      'action-0': 'Treat the wall and fit an extractor fan',
      'actionDue-0': daysAgo(-14),
      compensationPounds: '75.50',
      compensationKind: 'time_and_trouble',
    });
    expect(responded.status).toBe(303);
    const afterResponse = await stateOf(id);
    expect((afterResponse['compensation'] as { offeredPence: number }).offeredPence).toBe(7550);
    const actions = afterResponse['remedyActions'] as { actionId: string }[];
    expect(actions).toHaveLength(1);

    const closeWithoutLessons = await submit(steps('close'), { outcome: 'Repair done' });
    expect(closeWithoutLessons.status).toBe(409);
    expectRefusedOn(
      closeWithoutLessons.text,
      'lessonsNotApplicableReason',
      complaintRules.closureNeedsLessonsOrReason.message,
      ['value="Repair done"'],
    );

    expect(
      (await submit(steps('remedy-completed'), { actionId: actions[0]!.actionId, evidence: 'Job 4471' })).status,
    ).toBe(303);
    expect(
      (
        await submit(steps('compensation'), {
          amountPounds: '75.50',
          kind: 'time_and_trouble',
          method: 'bank transfer',
        })
      ).status,
    ).toBe(303);
    expect(
      (await submit(steps('lesson'), { lesson: 'Treat the cause of mould, not the stain.', serviceArea: 'repairs' }))
        .status,
    ).toBe(303);
    expect(
      (
        await submit(steps('contact'), {
          direction: 'outbound',
          channel: 'phone',
          reached: 'yes',
          summary: 'Explained the response.',
        })
      ).status,
    ).toBe(303);
    expect((await submit(steps('close'), { outcome: 'Repair done and compensation paid' })).status).toBe(303);
    expect(
      (await submit(steps('satisfaction'), { withHandling: 'fairly_satisfied', withOutcome: 'very_satisfied' })).status,
    ).toBe(303);

    const closed = await stateOf(id);
    expect(closed['status']).toBe('closed');
    expect((closed['compensation'] as { paidPence: number }).paidPence).toBe(7550);
    // A closed case offers no acknowledgement any more: the page says so instead of showing the form.
    const late = await t.http.get(steps('acknowledge')).set('Authorization', officer);
    expect(late.status).toBe(409);
  });

  it("plans a lesson's improvement action and records it made from the forms, after closure too", async () => {
    const id = await receive();
    const steps = (slug: string) => `/complaints/${id}/steps/${slug}`;
    await submit(steps('acknowledge'), {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
      headsOfComplaint: 'Mould',
    });
    await submit(steps('respond'), { 'outcome-0': 'upheld', 'reasons-0': 'Too slow.', apology: 'yes' });
    expect(
      (
        await submit(steps('lesson'), {
          lesson: 'Treat the cause of mould.',
          improvementAction: 'Survey on a second report',
        })
      ).status,
    ).toBe(303);
    expect((await submit(steps('close'), { outcome: 'Upheld' })).status).toBe(303);
    expect(await offered(id)).toEqual(expect.arrayContaining(['improvement-planned', 'improvement-made']));

    const noOwner = await submit(steps('improvement-planned'), { lessonId: 'L1', dueBy: daysAgo(-30) });
    expect(noOwner.status).toBe(400);
    expect(noOwner.text).toContain('href="#owner"');
    expect(
      (await submit(steps('improvement-planned'), { lessonId: 'L1', owner: 'Head of Repairs', dueBy: daysAgo(-30) }))
        .status,
    ).toBe(303);
    expect(
      (
        await submit(steps('improvement-made'), {
          lessonId: 'L1',
          whatChanged: 'Surveys booked on second reports',
          evidence: 'Rule DS-2',
        })
      ).status,
    ).toBe(303);
    const lessons = (await stateOf(id))['lessons'] as {
      owner: string;
      dueBy: string;
      completion: { whatChanged: string } | null;
    }[];
    expect(lessons[0]).toMatchObject({
      owner: 'Head of Repairs',
      dueBy: daysAgo(-30),
      completion: { whatChanged: 'Surveys booked on second reports' },
    });
    expect(await offered(id)).not.toContain('improvement-made');
  });

  it('offers, at each point of a case, only the steps its rules allow, each opening its form', async () => {
    const id = await receive();
    expect(await offered(id)).toEqual([
      'acknowledge',
      'extend',
      'lesson',
      'contact',
      'withdraw',
      'refuse',
      'enquiry',
      'ombudsman-referral',
      'vulnerability',
      'adjustment',
      'equality-monitoring',
      'update-interval',
    ]);
    expect(await offered(id, ['auditor'])).toEqual([]);
    // An administrator records the data-protection steps only (legal holds, erasure once ended).
    expect(await offered(id, ['admin'])).toEqual(['legal-hold']);
    for (const slug of await offered(id))
      expect((await t.http.get(`/complaints/${id}/steps/${slug}`).set('Authorization', officer)).status, slug).toBe(
        200,
      );
    expect((await t.http.get(`/complaints/${id}/steps/respond`).set('Authorization', officer)).status).toBe(409);

    await submit(`/complaints/${id}/steps/acknowledge`, {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
      headsOfComplaint: 'Mould',
    });
    expect(await offered(id)).toEqual([
      'extend',
      'reassign',
      'respond',
      'lesson',
      'contact',
      'withdraw',
      'refuse',
      'enquiry',
      'ombudsman-referral',
      'vulnerability',
      'adjustment',
      'equality-monitoring',
      'update-interval',
      'add-heads',
      'letter-sent',
    ]);
    await submit(`/complaints/${id}/steps/respond`, {
      'outcome-0': 'not_upheld',
      'reasons-0': 'The repair was done on time.',
      apology: 'no',
    });
    expect(await offered(id)).toEqual([
      'reassign',
      'escalate',
      'refuse-escalation',
      'close',
      'lesson',
      'contact',
      'compensation',
      'satisfaction',
      'withdraw',
      'enquiry',
      'ombudsman-referral',
      'vulnerability',
      'adjustment',
      'equality-monitoring',
      'update-interval',
      'letter-sent',
    ]);
    await submit(`/complaints/${id}/steps/close`, {
      outcome: 'Not upheld',
      lessonsNotApplicableReason: 'The service worked as it should.',
    });
    expect(await offered(id)).toEqual([
      'escalate',
      'refuse-escalation',
      'lesson',
      'contact',
      'compensation',
      'satisfaction',
      'enquiry',
      'ombudsman-referral',
      'equality-monitoring',
      'letter-sent',
    ]);

    // Reopened at stage 2: the stage 1 handler cannot acknowledge it, and the form says why in the Code's words.
    expect((await submit(`/complaints/${id}/steps/escalate`, { reason: 'The mould is back.' })).status).toBe(303);
    const sameHandler = await submit(`/complaints/${id}/steps/acknowledge`, {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
    });
    expect(sameHandler.status).toBe(409);
    expectRefusedOn(sameHandler.text, 'handlerName', complaintRules.stageTwoHandlerMustDiffer.message, [
      'value="Ann Officer"',
    ]);
    expect(sameHandler.text).toContain('Code 6.13');
  });

  it('records an extension, a reassignment and a withdrawal; refuses a refusal that does not tell the resident of the Ombudsman', async () => {
    const id = await receive();
    const tooLong = await submit(`/complaints/${id}/steps/extend`, {
      additionalWorkingDays: '99',
      reason: 'Surveyor needed',
    });
    expect(tooLong.status).toBe(400);
    expectRefusedOn(tooLong.text, 'additionalWorkingDays', 'Enter a whole number of working days from 1 to 60', [
      'value="99"',
      'Surveyor needed',
    ]);
    expect(
      (
        await submit(`/complaints/${id}/steps/extend`, {
          additionalWorkingDays: '5',
          reason: 'Surveyor needed',
          residentInformed: 'yes',
          ombudsmanDetailsGiven: 'yes',
        })
      ).status,
    ).toBe(303);
    await submit(`/complaints/${id}/steps/acknowledge`, {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
      headsOfComplaint: 'Noise',
    });
    expect(
      (
        await submit(`/complaints/${id}/steps/reassign`, {
          handlerName: 'Bo Officer',
          handlerId: 'officer-bo',
          reason: 'Ann is on leave',
        })
      ).status,
    ).toBe(303);
    expect((await submit(`/complaints/${id}/steps/withdraw`, { reason: 'Sorted out with the neighbour' })).status).toBe(
      303,
    );
    const withdrawn = await stateOf(id);
    expect(withdrawn['status']).toBe('withdrawn');
    expect((withdrawn['handler'] as { id: string }).id).toBe('officer-bo');

    const other = await receive();
    const form = await t.http.get(`/complaints/${other}/steps/refuse`).set('Authorization', officer);
    expect(form.text).toMatch(/name="ombudsmanReferralRightGiven" type="checkbox" value="yes" checked/);
    const noRight = await t.http
      .post(`/complaints/${other}/steps/refuse`)
      .set('Authorization', officer)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        _revision: revisionOf(form.text),
        ground: 'legal_proceedings',
        explanation: 'A claim is in court.',
      });
    expect(noRight.status).toBe(409);
    expectRefusedOn(
      noRight.text,
      'ombudsmanReferralRightGiven',
      complaintRules.ombudsmanReferralRightRequired.message,
      ['A claim is in court.'],
    );
    expect((await stateOf(other))['status']).toBe('open');
  });

  it('refuses a request for stage 2 on a recorded ground, leaving the complaint at stage 1', async () => {
    const id = await receive();
    await submit(`/complaints/${id}/steps/acknowledge`, {
      handlerName: 'Ann Officer',
      handlerId: 'officer-ann',
      headsOfComplaint: 'Parking',
    });
    await submit(`/complaints/${id}/steps/respond`, {
      'outcome-0': 'not_upheld',
      'reasons-0': 'Parking is not managed by us.',
      apology: 'no',
    });
    const refused = await submit(`/complaints/${id}/steps/refuse-escalation`, {
      ground: 'legal_proceedings',
      explanation: 'The resident has taken this to court.',
      ombudsmanReferralRightGiven: 'yes',
    });
    expect(refused.status).toBe(303);
    const state = await stateOf(id);
    expect(state['stage']).toBe(1);
    expect(state['escalationRefusals']).toHaveLength(1);
  });

  it('sends a form shown at an old revision back with a warning, recording nothing', async () => {
    const id = await receive();
    const form = await t.http.get(`/complaints/${id}/steps/contact`).set('Authorization', officer);
    expect(
      (await submit(`/complaints/${id}/steps/contact`, { direction: 'inbound', channel: 'phone', reached: 'yes' }))
        .status,
    ).toBe(303);
    const stale = await t.http
      .post(`/complaints/${id}/steps/contact`)
      .set('Authorization', officer)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        _revision: revisionOf(form.text),
        direction: 'outbound',
        channel: 'email',
        reached: 'no',
      });
    expect(stale.status).toBe(412);
    expect(stale.text).toContain('Someone else recorded a step on this complaint');
    expect(((await stateOf(id))['contacts'] as unknown[]).length).toBe(1);
  });

  it('refuses a step form without its CSRF token, and keeps the forms to officers and managers', async () => {
    const id = await receive();
    const noCsrf = await t.http
      .post(`/complaints/${id}/steps/withdraw`)
      .set('Authorization', officer)
      .type('form')
      .send({ reason: 'x' });
    expect(noCsrf.status).toBe(403);
    expect((await stateOf(id))['status']).toBe('open');
    const auditor = `Bearer ${await t.token('auditor')}`;
    expect((await t.http.get(`/complaints/${id}/steps/withdraw`).set('Authorization', auditor)).status).toBe(403);
    expect((await t.http.get('/complaints/new').set('Authorization', auditor)).status).toBe(403);
    expect((await t.http.get(`/complaints/${id}/steps/no-such-step`).set('Authorization', officer)).status).toBe(404);
  });

  it('shows the work queue: mine, my team and all, with the API’s query', async () => {
    const area = uniqueServiceArea('queue');
    // Received three weeks ago and never acknowledged: overdue, with no handler yet.
    const unacknowledged = await receive({ serviceArea: area, receivedOn: daysAgo(21) });
    // Acknowledged by this officer long ago and never answered: their response is overdue.
    const mine = await receive({ serviceArea: area, receivedOn: daysAgo(40) });
    expect(
      (
        await submit(`/complaints/${mine}/steps/acknowledge`, {
          handlerName: 'Ann Officer',
          handlerId: 'officer-ann',
          headsOfComplaint: 'Mould',
          acknowledgedOn: daysAgo(39),
        })
      ).status,
    ).toBe(303);

    const all = await t.http.get(`/attention?view=all&serviceArea=${area}`).set('Authorization', officer);
    expect(all.status).toBe(200);
    expect(all.text).toContain(`/complaints/${unacknowledged}`);
    expect(all.text).toContain(`/complaints/${mine}`);
    const api = await t.http.get(`/api/v1/attention?serviceArea=${area}`).set('Authorization', officer);
    expect(all.text).toContain(`${api.body.count} things to act on`);

    const own = await t.http.get('/attention').set('Authorization', officer);
    expect(own.text).toContain(`/complaints/${mine}`);
    expect(own.text).not.toContain(`/complaints/${unacknowledged}`);

    // A manager starts at everyone's cases; "my team" is a service area's.
    const manager = `Bearer ${await t.token('complaints_manager')}`;
    expect((await t.http.get('/attention').set('Authorization', manager)).text).toContain(
      `/complaints/${unacknowledged}`,
    );
    const teamOfArea = await t.http
      .get(`/attention?view=team&serviceArea=${area}&reason=acknowledgement_overdue`)
      .set('Authorization', manager);
    expect(teamOfArea.text).toContain(`/complaints/${unacknowledged}`);
    expect(teamOfArea.text).not.toContain(`/complaints/${mine}`);

    const team = await t.http.get('/attention?view=team').set('Authorization', officer);
    expect(team.status).toBe(400);
    expect(team.text).toContain('href="#serviceArea"');

    const panel = `Bearer ${await t.token('scrutiny_panel')}`;
    expect((await t.http.get('/attention').set('Authorization', panel)).status).toBe(403);
  });
});
