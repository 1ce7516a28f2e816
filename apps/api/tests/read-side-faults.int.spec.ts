import { randomUUID } from 'node:crypto';
import { queryChronology, ReadModelSeal, withActiveTables } from '@complaints/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModels } from '../src/read-models/read-models.service';
import { complaintBody, startTestApp, TEST_METRICS_TOKEN, type TestApp } from './support/test-app';

let t: TestApp;
let admin: string;
let officer: string;
let manager: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.token('admin');
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager');
});
afterAll(() => t?.close());

interface ReadModelView {
  name: string;
  lagEvents: string;
  checkpoint: string;
  head: string;
  failing: boolean;
  deadLetters: number;
}

async function readModels(): Promise<ReadModelView[]> {
  const res = await t.http.get('/api/v1/admin/read-models').auth(admin, { type: 'bearer' });
  expect(res.status).toBe(200);
  return res.body.readModels as ReadModelView[];
}

/** Ask the admin view until every read model has applied the log up to `position` (bounded by the test's timeout, not timed). */
async function allReach(position: bigint): Promise<ReadModelView[]> {
  for (;;) {
    const models = await readModels();
    if (models.every((m) => BigInt(m.checkpoint) >= position)) return models;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function engineOf(app: TestApp) {
  return app.app.get(ReadModels).engine;
}

async function createComplaint(overrides: Record<string, unknown> = {}): Promise<{ id: string; position: string }> {
  const res = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody(overrides));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, position: res.body.position as string };
}

describe('an event carrying U+0000 stops no read model and no read', () => {
  it('appended straight to the store (past the HTTP edge), every read model reaches the head and reads answer at once, current', async () => {
    const { id } = await createComplaint();
    const { revision } = await t.infrastructure.complaints.load(id);
    const context = {
      actor: { id: 'u-officer', name: 'Test Officer', role: 'complaints_officer' as const },
      correlationId: randomUUID(),
      dataSubjectId: `ds-${id}`,
    };
    // A non-personal field goes into the store's jsonb in the clear: the store itself refuses a NUL there.
    await expect(
      t.infrastructure.complaints.append(
        id,
        [
          {
            type: 'LessonRecorded',
            data: {
              occurredAt: '2026-03-03T10:00:00Z',
              lessonId: 'L9',
              lesson: 'Call back',
              serviceArea: 'Rep\u0000airs',
            },
          },
        ],
        {
          ...context,
          expectedRevision: revision,
        },
      ),
    ).rejects.toThrow(/NUL/);
    // A personal field is encrypted in the store, so it is taken; the read models get it back in the clear.
    const appended = await t.infrastructure.complaints.append(
      id,
      [
        {
          type: 'ContactLogged',
          data: {
            occurredAt: '2026-03-03T10:00:00Z',
            direction: 'outbound',
            channel: 'phone',
            reached: true,
            summary: 'Mould \u0000 again \uD800',
          },
        },
      ],
      { ...context, expectedRevision: revision },
    );
    engineOf(t).wake();

    const models = await allReach(appended.lastPosition);
    for (const model of models) expect(model, model.name).toMatchObject({ failing: false, deadLetters: 0 });
    const entries = await queryChronology(t.infrastructure.sql, new ReadModelSeal(t.infrastructure.keys), id);
    expect(entries.at(-1)!.description).toContain('Mould \uFFFD again \uFFFD');

    const list = await t.http.get('/api/v1/complaints').auth(officer, { type: 'bearer' });
    expect(list.status).toBe(200);
    expect(list.headers['x-read-model-lag']).toBe('0');
    const chronology = await t.http.get(`/api/v1/complaints/${id}/chronology`).auth(officer, { type: 'bearer' });
    expect(chronology.status).toBe(200);
    expect(chronology.headers['x-read-model-lag']).toBe('0');
  });
});

describe('an event a read model cannot apply is parked, shown to admins, and the read model goes on', () => {
  it('the chronology parks it, applies the next event, and the admin view counts and lists it', async () => {
    // The database refuses this one row (as it refused a NUL before): the chronology cannot apply that event, the others can.
    const marker = `POISON-${randomUUID().slice(0, 8)}`;
    await withActiveTables(t.infrastructure.sql, 'chronology', (tables) =>
      // On the clear (redacted) text: the text as written is sealed. The service area is no personal field, so it is in both.
      t.infrastructure.sql.query(
        `ALTER TABLE ${tables.table('chronology')} ADD CONSTRAINT refuses_marker CHECK (strpos(description_redacted, '${marker}') = 0)`,
      ),
    );
    const poisoned = await createComplaint({ serviceArea: `leaks-${marker}` });
    // Parked only once a later event applies (proof the fault is that event's): write another.
    const after = await createComplaint();

    const models = await allReach(BigInt(after.position));
    const chronology = models.find((m) => m.name === 'chronology')!;
    expect(chronology).toMatchObject({ deadLetters: 1, failing: false, lagEvents: '0' });
    for (const model of models.filter((m) => m.name !== 'chronology')) expect(model.deadLetters, model.name).toBe(0);

    const letters = await t.http
      .get('/api/v1/admin/read-models/chronology/dead-letters')
      .auth(admin, { type: 'bearer' });
    expect(letters.status).toBe(200);
    expect(letters.body).toMatchObject({ readModel: 'chronology', count: 1 });
    expect(letters.body.deadLetters).toEqual([
      expect.objectContaining({
        position: poisoned.position,
        eventType: 'ComplaintReceived',
        complaintId: poisoned.id,
        error: expect.stringContaining('refuses_marker'),
      }),
    ]);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        msg: 'projection event parked',
        projection: 'chronology',
        position: poisoned.position,
      }),
    );
    const metrics = (await t.http.get('/metrics').auth(TEST_METRICS_TOKEN, { type: 'bearer' })).text;
    expect(metrics).toContain('projection_dead_letters{projection="chronology"} 1\n');

    // Admins only: a manager sees the counts but not the list.
    expect(
      (await t.http.get('/api/v1/admin/read-models/chronology/dead-letters').auth(manager, { type: 'bearer' })).status,
    ).toBe(403);
    expect(
      (await t.http.get('/api/v1/admin/read-models/nonesuch/dead-letters').auth(admin, { type: 'bearer' })).status,
    ).toBe(404);

    // Reads of the complaint behind the parked event answer, current with the log.
    const read = await t.http
      .get(`/api/v1/complaints?waitForPosition=${after.position}`)
      .auth(officer, { type: 'bearer' });
    expect(read.status).toBe(200);
    expect(read.headers['x-read-model-lag']).toBe('0');
  });
});

describe('a read never waits on a read model that is failing', () => {
  it('while one fails on every batch, reads answer at once from what the read models hold, saying how far behind they are', async () => {
    await allReach(BigInt((await readModels())[0]!.head));
    // Lessons' complaints table gone: every lessons batch fails (nothing to park: no event applies), the others go on.
    const lessonsTable = await withActiveTables(t.infrastructure.sql, 'lessons', async (tables) =>
      tables.table('lesson_complaints'),
    );
    await t.infrastructure.sql.query(`ALTER TABLE ${lessonsTable} RENAME TO ${lessonsTable}_away`);
    try {
      const created = await createComplaint();
      const engine = engineOf(t);
      while (!engine.isFailing('lessons')) await new Promise((resolve) => setTimeout(resolve, 20));

      // A wait far longer than the test's own timeout: it can only pass by not waiting.
      const read = await t.http
        .get(`/api/v1/complaints?waitForPosition=${created.position}&waitMs=10000`)
        .auth(officer, { type: 'bearer' });
      expect(read.status).toBe(200);
      expect(BigInt(read.headers['x-read-model-lag'] as string)).toBeGreaterThan(0n);
      const list = await t.http.get('/api/v1/complaints').auth(officer, { type: 'bearer' });
      expect(list.status).toBe(200);
      expect(BigInt(list.headers['x-read-model-lag'] as string)).toBeGreaterThan(0n);

      const lessons = (await readModels()).find((m) => m.name === 'lessons')!;
      expect(lessons).toMatchObject({ failing: true, deadLetters: 0 });
      expect(BigInt(lessons.lagEvents)).toBeGreaterThan(0n);
    } finally {
      await t.infrastructure.sql.query(`ALTER TABLE ${lessonsTable}_away RENAME TO ${lessonsTable}`);
    }
    const head = BigInt((await readModels())[0]!.head);
    const models = await allReach(head);
    expect(models.find((m) => m.name === 'lessons')).toMatchObject({ deadLetters: 0 });
  }, 8_000);
});
