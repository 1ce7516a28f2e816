import { currentEvents, mapPersonalFields, type EventDefinition } from '@complaints/contracts';
import { addCalendarMonths, toLondonDate } from '@complaints/domain';
import { MARKER_PATTERN, newDigitMarker, newMarker } from '@complaints/testing';
import { expect } from 'vitest';
import type { TestApp } from './test-app';

/**
 * A complaint's whole life through the HTTP API with a fresh marker (newMarker) in every piece
 * of free text a caller types, personal or not, for the raw-store tests. Which of them must
 * never be stored in clear is not listed here: personalMarkersOf reads it from the recorded
 * events through the contracts' personal paths, so a field the contracts come to call personal
 * is covered by these tests without touching them.
 */
export async function driveComplaintLife(
  t: TestApp,
): Promise<{ id: string; reference: string; serviceAreaMarker: string }> {
  const m = newMarker;
  // The organisation's own label, no personal data: stored in clear by design, so every scan must find it.
  const serviceAreaMarker = m();
  const officer = await t.token('complaints_officer', 'off-1');
  const manager = await t.token('complaints_manager', 'mgr-7');
  const post = async (
    path: string,
    body: Record<string, unknown>,
    token = officer,
    headers: Record<string, string> = {},
  ) => {
    const response = await t.http
      .post(`/api/v1/complaints${path}`)
      .auth(token, { type: 'bearer' })
      .set(headers)
      .send(body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body as { id: string; reference: string };
  };

  const received = await post(
    '',
    {
      receivedAt: '2026-03-02T10:00:00Z',
      channel: 'email',
      complainant: {
        name: `Jane ${m()} Resident`,
        email: `${m()}@example.org`,
        phone: newDigitMarker(),
        address: `${m()} Acacia Road, Salford M5 2JH`,
        preferredContact: `Evenings ${m()}`,
        reasonableAdjustments: `Large print ${m()}`,
      },
      representative: { name: `Rob ${m()} Advocate`, relationship: `Son ${m()}`, authorityConfirmed: true },
      serviceArea: `repairs-${serviceAreaMarker}`,
      category: `damp ${m()}`,
      description: `Mould in the bedroom ${m()} has not been treated`,
      outcomeSought: `A permanent fix ${m()}`,
      tenure: 'LCRA',
    },
    officer,
    // The idempotency store keeps this request's answer: the scan covers what it stores.
    { 'Idempotency-Key': `at-rest-${m()}` },
  );
  const id = received.id;
  const heads = [`Mould ${m()} not treated`, `Missed appointment ${m()}`];
  await post(`/${id}/acknowledgements`, {
    acknowledgedAt: '2026-03-04T09:00:00Z',
    handler: { id: 'off-1', name: 'Sam Officer' },
    headsOfComplaint: heads,
    outcomesSought: [`Treat the mould ${m()}`],
  });
  await post(`/${id}/contacts`, {
    at: '2026-03-05T09:00:00Z',
    direction: 'outbound',
    channel: 'phone',
    reached: true,
    summary: `Spoke about asthma ${m()}`,
  });
  await post(`/${id}/extensions`, {
    agreedAt: '2026-03-16T12:00:00Z',
    additionalWorkingDays: 5,
    reason: `Awaiting the damp surveyor ${m()}`,
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  });
  await post(`/${id}/responses`, {
    respondedAt: '2026-03-20T15:00:00Z',
    decisions: [
      { head: heads[0], outcome: 'upheld', reasons: `The job was never completed ${m()}` },
      { head: heads[1], outcome: 'partially_upheld', reasons: `Rearranged without notice ${m()}` },
    ],
    remedies: {
      apology: true,
      actions: [{ description: `Mould wash ${m()}`, dueBy: '2026-04-03' }],
      compensation: [{ amountPence: 15000, kind: 'time_and_trouble' }],
    },
  });
  await post(`/${id}/escalations`, {
    requestedAt: '2026-03-25T10:00:00Z',
    reason: `The treatment date is too late ${m()}`,
  });
  await post(
    `/${id}/acknowledgements`,
    { acknowledgedAt: '2026-03-27T10:00:00Z', handler: { id: 'mgr-7', name: 'Priya Manager' } },
    manager,
  );
  // Issue 15: a panel member at stage 2, by name, with notes.
  await post(
    `/${id}/panel-participation/request`,
    { requestedAt: '2026-03-30T10:00:00Z', requestedBy: 'resident' },
    manager,
  );
  await post(
    `/${id}/panel-participation/meeting`,
    {
      recordedAt: '2026-04-08T15:00:00Z',
      heldOn: '2026-04-08',
      panelMembers: [`Ann ${m()} Hughes`],
      outcomeNotes: `Asked for the survey ${m()}`,
    },
    manager,
  );
  await post(
    `/${id}/responses`,
    {
      respondedAt: '2026-04-20T10:00:00Z',
      decisions: [
        { head: heads[0], outcome: 'upheld', reasons: `Stage 1 finding confirmed ${m()}` },
        { head: heads[1], outcome: 'upheld', reasons: `No notice was given ${m()}` },
      ],
      remedies: { apology: true, actions: [], compensation: [{ amountPence: 5000, kind: 'goodwill' }] },
    },
    manager,
  );
  await post(
    `/${id}/lessons`,
    {
      recordedAt: '2026-04-21T10:00:00Z',
      lesson: `Damp jobs closed without a check ${m()}`,
      rootCause: `No post-inspection ${m()}`,
      improvementAction: `Add a post-inspection ${m()}`,
      owner: `Head of Repairs ${m()}`,
    },
    manager,
  );
  // A restriction on contact (imposed now: its review date must be after today) and an MP's enquiry.
  const today = toLondonDate(new Date());
  await post(
    `/${id}/restrictions`,
    {
      kind: 'contact_limits',
      reason: `Abusive calls ${m()}`,
      terms: `Tuesdays only ${m()}`,
      reviewDue: addCalendarMonths(today, 1),
    },
    manager,
  );
  await post(
    `/${id}/restrictions/R1/reviews`,
    {
      outcome: 'varied',
      terms: `Email only ${m()}`,
      notes: `Calmer now ${m()}`,
      nextReviewDue: addCalendarMonths(today, 2),
    },
    manager,
  );
  await post(`/${id}/restrictions/R1/lifting`, { reason: `Contact is reasonable ${m()}` }, manager);
  await post(`/${id}/enquiries`, {
    receivedAt: '2026-04-10T10:00:00Z',
    from: 'mp',
    who: `Jane ${m()} MP`,
    summary: `Asks about the mould ${m()}`,
  });
  await post(`/${id}/enquiries/E1/answer`, { answeredAt: '2026-04-15T10:00:00Z', channel: 'letter' });
  await post(`/${id}/closure`, { closedAt: '2026-04-21T11:00:00Z', outcome: `Upheld at stage 2 ${m()}` }, manager);
  await post(`/${id}/satisfaction`, {
    recordedAt: '2026-04-22T10:00:00Z',
    withHandling: 'fairly_satisfied',
    withOutcome: 'very_satisfied',
    comment: `Thanks ${m()}`,
  });
  await post(`/${id}/representative-authority/withdrawal`, {
    withdrawnAt: '2026-04-23T10:00:00Z',
    reason: `The resident ${m()} now deals with us directly`,
  });
  return { ...received, serviceAreaMarker };
}

/** A personal value shorter than this, without a marker, is not looked for (it would match by chance). */
const MIN_WHOLE_VALUE = 8;

/**
 * The markers of every value the complaint's events hold at a personal path of their
 * (current) definition, read through the store while the key is live: the list the raw scans
 * must never find in clear. A personal value with no marker is looked for whole (the phone).
 */
export async function personalMarkersOf(t: TestApp, complaintId: string): Promise<string[]> {
  const { envelopes } = await t.infrastructure.complaints.load(complaintId);
  const markers = new Set<string>();
  for (const envelope of envelopes) {
    const definition = (currentEvents as Record<string, EventDefinition>)[envelope.type];
    if (!definition) throw new Error(`${envelope.type} has no definition`);
    mapPersonalFields(envelope.event.data, definition.personal, (value) => {
      for (const text of stringsIn(value)) {
        const found = text.match(MARKER_PATTERN);
        if (found) for (const marker of found) markers.add(marker);
        else if (text.length >= MIN_WHOLE_VALUE) markers.add(text);
      }
      return value;
    });
  }
  return [...markers];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
