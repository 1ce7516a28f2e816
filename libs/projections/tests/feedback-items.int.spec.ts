import { randomUUID } from 'node:crypto';
import type { ComplaintEvent, FeedbackKind } from '@complaints/contracts';
import { afterEach, expect, it } from 'vitest';
import {
  describeEvent,
  FEEDBACK_ITEMS,
  FEEDBACK_ITEMS_TABLE,
  feedbackItemsProjection,
  ProjectionEngine,
  queryFeedback,
  queryFeedbackCounts,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, OFFICER, record } from './support/complaint-history';
import { tableDump } from './support/table-dump';

const at = (date: string) => `${date}T10:00:00Z`;
const PERSONAL = [
  'Ada Lovelace',
  'ada@example.org',
  'Priya Shah',
  'The boiler was fixed the same day',
  'Sam Head',
  'Gutter cleared at 4 Elm Road',
];
const received = (
  id: string,
  kind: FeedbackKind,
  date: string,
  extra: Record<string, unknown> = {},
): ComplaintEvent => ({
  type: 'FeedbackReceived',
  data: {
    occurredAt: at(date),
    feedbackId: id,
    dataSubjectId: `ds-${id}`,
    kind,
    channel: 'phone',
    serviceArea: 'Repairs',
    summary: 'The boiler was fixed the same day',
    from: { name: 'Ada Lovelace', contact: 'ada@example.org' },
    ...extra,
  } as Extract<ComplaintEvent, { type: 'FeedbackReceived' }>['data'],
});

async function recordFeedback(backend: Backend, id: string, events: readonly ComplaintEvent[]): Promise<void> {
  const feedback = backend.complaints.inCategory('feedback');
  let { revision } = await feedback.load(id);
  for (const e of events) {
    revision = (
      await feedback.append(id, [e], {
        expectedRevision: revision,
        actor: OFFICER,
        correlationId: randomUUID(),
        dataSubjectId: `ds-${id}`,
      })
    ).nextRevision;
  }
}

describeOnBothBackends('feedback items read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engine = () => {
    const e = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [feedbackItemsProjection()],
      batchSize: 3,
      pollIntervalMs: 60_000,
    });
    engines.push(e);
    return e;
  };
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await backend?.close();
  });

  /**
   * - f-1: a compliment to Priya Shah of Repairs north, 2 June 2026, shared twice.
   * - f-2: a comment, 3 June, passed to the manager.   f-3: a concern resolved at first contact, 4 June, turned into complaint c-9.
   * - f-4: a service request, 5 June, completed.   f-5: a service request, 1 July (Housing), open.   f-6: a compliment, 31 May: before the period.
   * - c-1: a complaint: never in the feedback read model.
   */
  const load = async () => {
    backend = await open();
    await recordFeedback(backend, 'f-1', [
      received('f-1', 'compliment', '2026-06-02', { staffMember: 'Priya Shah', team: 'Repairs north' }),
      {
        type: 'FeedbackShared',
        data: { occurredAt: at('2026-06-03'), sharedWith: 'Priya Shah', sharedBy: 'u-officer' },
      },
      {
        type: 'FeedbackShared',
        data: { occurredAt: at('2026-06-04'), sharedWith: 'Repairs north', sharedBy: 'u-officer' },
      },
    ]);
    await recordFeedback(backend, 'f-2', [
      received('f-2', 'comment', '2026-06-03'),
      {
        type: 'FeedbackPassedToManager',
        data: { occurredAt: at('2026-06-04'), manager: 'Sam Head', passedBy: 'u-officer' },
      },
    ]);
    await record(backend.complaints, 'c-1', [event.received('c-1', '2026-06-03')]);
    await recordFeedback(backend, 'f-3', [
      received('f-3', 'resolved_at_first_contact', '2026-06-04'),
      {
        type: 'FeedbackConvertedToComplaint',
        data: { occurredAt: at('2026-06-05'), complaintId: 'c-9', reference: 'CMP-2026-00009' },
      },
    ]);
    await recordFeedback(backend, 'f-4', [
      received('f-4', 'service_request', '2026-06-05'),
      {
        type: 'ServiceRequestCompleted',
        data: { occurredAt: at('2026-06-08'), outcome: 'Gutter cleared at 4 Elm Road', completedBy: 'u-officer' },
      },
    ]);
    await recordFeedback(backend, 'f-5', [
      received('f-5', 'service_request', '2026-07-01', { serviceArea: 'Housing' }),
    ]);
    await recordFeedback(backend, 'f-6', [received('f-6', 'compliment', '2026-05-31')]);
  };

  it('lists feedback newest first with what became of it, filtered by kind, service area and period, paged; nothing personal is kept', async () => {
    await load();
    await engine().catchUp();
    const all = await queryFeedback(backend.sql, { limit: 100, offset: 0 });
    expect(all.total).toBe(6);
    expect(all.items.map((i) => i.id)).toEqual(['f-5', 'f-4', 'f-3', 'f-2', 'f-1', 'f-6']);
    expect(all.items.find((i) => i.id === 'f-1')).toMatchObject({
      kind: 'compliment',
      team: 'Repairs north',
      namesStaffMember: true,
      sharedCount: 2,
      firstSharedAt: at('2026-06-03'),
      revision: 3,
      receivedOn: '2026-06-02',
      channel: 'phone',
    });
    expect(all.items.find((i) => i.id === 'f-3')?.complaint).toEqual({
      id: 'c-9',
      reference: 'CMP-2026-00009',
      convertedAt: at('2026-06-05'),
    });
    expect(all.items.find((i) => i.id === 'f-4')?.completedAt).toBe(at('2026-06-08'));
    expect(all.items.find((i) => i.id === 'f-2')?.passedToManagerAt).toBe(at('2026-06-04'));

    expect(
      (await queryFeedback(backend.sql, { kind: 'service_request', limit: 100, offset: 0 })).items.map((i) => i.id),
    ).toEqual(['f-5', 'f-4']);
    expect(
      (await queryFeedback(backend.sql, { serviceArea: 'housing', limit: 100, offset: 0 })).items.map((i) => i.id),
    ).toEqual(['f-5']);
    expect(
      (await queryFeedback(backend.sql, { from: '2026-06-01', to: '2026-06-30', limit: 100, offset: 0 })).items.map(
        (i) => i.id,
      ),
    ).toEqual(['f-4', 'f-3', 'f-2', 'f-1']);
    const page = await queryFeedback(backend.sql, { limit: 2, offset: 2 });
    expect([page.total, page.items.map((i) => i.id)]).toEqual([6, ['f-3', 'f-2']]);

    const rows = (await tableDump(backend.sql, FEEDBACK_ITEMS, FEEDBACK_ITEMS_TABLE, 'feedback_id')).join('\n');
    for (const text of PERSONAL) expect(rows).not.toContain(text);
  });

  it('counts a period by kind and service area, with what became of each', async () => {
    await load();
    await engine().catchUp();
    expect(await queryFeedbackCounts(backend.sql, { from: '2026-06-01', to: '2026-07-31' })).toEqual([
      {
        kind: 'service_request',
        serviceArea: 'Housing',
        received: 1,
        shared: 0,
        passedToManager: 0,
        completed: 0,
        convertedToComplaint: 0,
        open: 1,
      },
      {
        kind: 'comment',
        serviceArea: 'Repairs',
        received: 1,
        shared: 0,
        passedToManager: 1,
        completed: 0,
        convertedToComplaint: 0,
        open: 1,
      },
      {
        kind: 'compliment',
        serviceArea: 'Repairs',
        received: 1,
        shared: 1,
        passedToManager: 0,
        completed: 0,
        convertedToComplaint: 0,
        open: 1,
      },
      {
        kind: 'resolved_at_first_contact',
        serviceArea: 'Repairs',
        received: 1,
        shared: 0,
        passedToManager: 0,
        completed: 0,
        convertedToComplaint: 1,
        open: 0,
      },
      {
        kind: 'service_request',
        serviceArea: 'Repairs',
        received: 1,
        shared: 0,
        passedToManager: 0,
        completed: 1,
        convertedToComplaint: 0,
        open: 0,
      },
    ]);
  });

  it('a rebuild from the log gives the same rows', async () => {
    await load();
    await engine().catchUp();
    const live = await tableDump(backend.sql, FEEDBACK_ITEMS, FEEDBACK_ITEMS_TABLE, 'feedback_id');
    await engine().rebuild(FEEDBACK_ITEMS);
    expect(await tableDump(backend.sql, FEEDBACK_ITEMS, FEEDBACK_ITEMS_TABLE, 'feedback_id')).toEqual(live);
  });
});

it('the chronology says where a complaint raised from feedback came from, and a feedback item its steps', () => {
  expect(
    describeEvent({
      type: 'ComplaintRaisedFromFeedback',
      data: { occurredAt: at('2026-06-05'), feedbackId: 'f-3', kind: 'resolved_at_first_contact' },
    }),
  ).toBe(
    'Raised as a formal complaint from a concern resolved at first contact (feedback f-3) the resident was still unhappy about.',
  );
  expect(
    describeEvent(received('f-1', 'compliment', '2026-06-02', { staffMember: 'Priya Shah', team: 'Repairs north' })),
  ).toBe(
    'Compliment received by phone from Ada Lovelace, about Repairs: The boiler was fixed the same day It praises Priya Shah of Repairs north.',
  );
  expect(
    describeEvent({
      type: 'FeedbackConvertedToComplaint',
      data: { occurredAt: at('2026-06-05'), complaintId: 'c-9', reference: 'CMP-2026-00009' },
    }),
  ).toBe('Turned into formal complaint CMP-2026-00009.');
});
