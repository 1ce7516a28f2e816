import { expect } from 'vitest';
import { complaintBody, type TestApp } from './test-app';

/**
 * Reporting year 2025 (1 April 2025 to 31 March 2026) as the self-assessment's hand-worked
 * cases (June 2025 has no bank holiday; libs/reporting/tests/self-assessment.int.spec.ts works
 * the same cases through the read model):
 * - A: received Mon 2 June, acknowledged Wed 4 June, responded Tue 17 June (Code due 18 June), partially
 *   upheld with an apology and £50 offered.
 * - B: received Mon 2 June, acknowledged Tue 10 June (due 9 June: late) with no outcomes sought, 5 days
 *   agreed Mon 23 June, responded Fri 4 July (due 1 July: late), upheld without an apology (a reason given).
 * - C: received Mon 2 June, acknowledged Wed 4 June, 10 days agreed Mon 9 June and 5 more Tue 10 June
 *   (beyond the Code's 10, with a good reason); no response yet.
 * - D: received Mon 2 June, refused Tue 3 June (legal proceedings).
 * - E: received Mon 2 June, acknowledged Tue 3 June, responded Fri 6 June (not upheld), escalated Mon 9 June,
 *   stage 2 acknowledged Mon 16 June (no heads given: stage 1's; no outcomes), responded Fri 4 July, upheld
 *   with an apology; a lesson with an improvement action Mon 7 July.
 * Expected: 6.2 3 of 4 (75%); 6.11 1 of 1; 5.6 outcomes 3 of 5; 6.3 2 of 3; 6.14 1 of 1; 6.4 3 agreed, 1 beyond the
 * limit with a good reason; 2.4 1 refused; 7.1 3 upholding, 2 with an apology; 9.1 1 lesson.
 */
export async function recordSelfAssessmentYear(
  t: TestApp,
  officer: string,
  manager: string,
  serviceArea: string,
): Promise<Record<string, { id: string; reference: string }>> {
  const post = async (path: string, body: Record<string, unknown>, token = officer) => {
    const res = await t.http.post(path).auth(token, { type: 'bearer' }).send(body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body as { id: string; reference: string };
  };
  const at = (date: string) => `${date}T10:00:00Z`;
  const handler = { id: 'u-7', name: 'Robin Handler' };
  const reviewer = { id: 'u-207', name: 'Daniel Okafor' };
  const head = 'Damp in the back bedroom not treated';
  const receive = () => post('/api/v1/complaints', complaintBody({ serviceArea, receivedAt: at('2025-06-02') }));
  const acknowledge = (id: string, date: string, outcomesSought: string[] = ['A permanent repair']) =>
    post(`/api/v1/complaints/${id}/acknowledgements`, {
      acknowledgedAt: at(date),
      handler,
      headsOfComplaint: [head],
      outcomesSought,
    });
  const respond = (id: string, date: string, outcome: string, remedies: Record<string, unknown>, token = officer) =>
    post(
      `/api/v1/complaints/${id}/responses`,
      { respondedAt: at(date), decisions: [{ head, outcome, reasons: 'Found on inspection' }], remedies },
      token,
    );
  const extend = (id: string, date: string, days: number, goodReason?: string) =>
    post(`/api/v1/complaints/${id}/extensions`, {
      agreedAt: at(date),
      additionalWorkingDays: days,
      reason: 'Waiting for the surveyor',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
      ...(goodReason ? { goodReason } : {}),
    });

  const a = await receive();
  await acknowledge(a.id, '2025-06-04');
  await respond(a.id, '2025-06-17', 'partially_upheld', {
    apology: true,
    compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
  });

  const b = await receive();
  await acknowledge(b.id, '2025-06-10', []);
  await extend(b.id, '2025-06-23', 5);
  await respond(b.id, '2025-07-04', 'upheld', {
    apology: false,
    apologyNotGivenReason: 'Apologised in person at the visit',
  });

  const c = await receive();
  await acknowledge(c.id, '2025-06-04');
  await extend(c.id, '2025-06-09', 10);
  await extend(c.id, '2025-06-10', 5, 'Specialist damp survey booked');

  const d = await receive();
  await post(`/api/v1/complaints/${d.id}/refusal`, {
    refusedAt: at('2025-06-03'),
    ground: 'legal_proceedings',
    explanation: 'A disrepair claim is before the court',
  });

  const e = await receive();
  await acknowledge(e.id, '2025-06-03');
  await respond(e.id, '2025-06-06', 'not_upheld', { apology: false });
  await post(`/api/v1/complaints/${e.id}/escalations`, { requestedAt: at('2025-06-09'), reason: 'Still damp' });
  await post(
    `/api/v1/complaints/${e.id}/acknowledgements`,
    { acknowledgedAt: at('2025-06-16'), handler: reviewer, headsOfComplaint: [], outcomesSought: [] },
    manager,
  );
  await respond(e.id, '2025-07-04', 'upheld', { apology: true }, manager);
  await post(
    `/api/v1/complaints/${e.id}/lessons`,
    {
      recordedAt: at('2025-07-07'),
      lesson: 'Mould washes are not a fix',
      improvementAction: 'Damp survey on any second report',
    },
    manager,
  );
  return { a, b, c, d, e };
}
