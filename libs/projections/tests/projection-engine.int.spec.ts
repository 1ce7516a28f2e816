import { testEvent } from '@complaints/testing';
import { EVENTS_APPENDED_CHANNEL } from '@complaints/adapter-postgres';
import type { ComplaintEvent } from '@complaints/contracts';
import { StoreUnavailableError } from '@complaints/event-store';
import { afterEach, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  ProjectionEngine,
  readCheckpoint,
  readRegistry,
  registerProjectionMetrics,
  type CatchUpProgress,
  type Projection,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, record, recordCaseload } from './support/complaint-history';
import {
  complaintPositions,
  InjectedConnectionFailure,
  ledgerPositions,
  ledgerProjection,
} from './support/ledger-projection';

describeOnBothBackends('projection engine', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (
    projections: Projection[],
    options: {
      batchSize?: number;
      pollIntervalMs?: number;
      wakeOnChannel?: string;
      onCaughtUp?: (progress: CatchUpProgress) => void;
    } = {},
  ) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections,
      pollIntervalMs: 60_000,
      ...options,
    });
    engines.push(engine);
    return engine;
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('applies the whole log in order, each complaint event exactly once, and checkpoints at the head', async () => {
    backend = await open();
    const head = await recordCaseload(backend.complaints);
    const engine = engineFor([ledgerProjection()], { batchSize: 4 });

    await engine.catchUp();

    const applied = await ledgerPositions(backend.sql);
    expect(applied).toEqual(await complaintPositions(backend.source));
    expect(applied).toHaveLength(CASELOAD.length);
    const [status] = await engine.status();
    expect(status).toMatchObject({
      projection: 'ledger',
      checkpoint: head,
      head,
      lagEvents: 0n,
      eventsApplied: BigInt(CASELOAD.length),
      state: 'live',
    });
  });

  it('gives each projection only the categories of record it declares, and moves every checkpoint past the others', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const compliment: ComplaintEvent = {
      type: 'FeedbackReceived',
      data: {
        occurredAt: '2026-03-04T09:00:00.000Z',
        feedbackId: 'f-1',
        dataSubjectId: 'ds-f-1',
        kind: 'compliment',
        channel: 'phone',
        serviceArea: 'Repairs',
        summary: 'Thanks to the plumber',
      },
    };
    await record(backend.complaints.inCategory('feedback'), 'f-1', [compliment]);
    await recordCaseload(backend.complaints, CASELOAD.slice(6, 8));
    const all = await backend.source.readAll(0n, 100);
    const byCategory = (category: string) =>
      all.filter((envelope) => envelope.category === category).map((envelope) => envelope.globalPosition);

    const engine = engineFor(
      [ledgerProjection(), { ...ledgerProjection({ name: 'feedback_ledger' }), categories: ['feedback'] }],
      { batchSize: 4 },
    );
    await engine.catchUp();

    expect(await ledgerPositions(backend.sql)).toEqual(byCategory('complaint'));
    expect(await ledgerPositions(backend.sql, 'feedback_ledger')).toEqual(byCategory('feedback'));
    expect(byCategory('feedback')).toHaveLength(1);
    const head = await backend.source.headPosition();
    expect((await engine.status()).map((status) => status.checkpoint)).toEqual([head, head]);
  });

  it('resumes from its checkpoint after a restart: events appended meanwhile are applied once, the earlier ones not again', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 10));
    await engineFor([ledgerProjection()], { batchSize: 3 }).catchUp();
    await engines[0]!.stop();

    await recordCaseload(backend.complaints, CASELOAD.slice(10));
    await engineFor([ledgerProjection()], { batchSize: 3 }).catchUp();

    expect(await ledgerPositions(backend.sql)).toEqual(await complaintPositions(backend.source));
  });

  it('a transient failure in the middle of a batch rolls back the rows already written in it, keeps the checkpoint, and the next run resumes with no duplicate and no gap', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const failing = ledgerProjection();
    // Batches of 5: the 8th event is the 3rd of the second batch, after two rows of that batch were inserted.
    failing.failAtPosition = positions[7]!;
    failing.failure = 'connection';

    // The executor reports a lost connection as StoreUnavailableError, with the driver's error as its cause.
    const failure = await engineFor([failing], { batchSize: 5 })
      .catchUp()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).cause).toBeInstanceOf(InjectedConnectionFailure);

    expect(await ledgerPositions(backend.sql)).toEqual(positions.slice(0, 5));
    const registry = await readRegistry(backend.sql, 'ledger');
    expect((await readCheckpoint(backend.sql, 'ledger', registry!.activeSet))?.position).toBe(positions[4]);

    // "Restart": a new engine with the fault gone.
    await engineFor([ledgerProjection()], { batchSize: 5 }).catchUp();
    expect(await ledgerPositions(backend.sql)).toEqual(positions);
  });

  it('a background runner records a transient failure, retries, and carries on once the fault is gone', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const flaky = ledgerProjection();
    flaky.failAtPosition = positions[3]!;
    flaky.failure = 'connection';
    const errors: unknown[] = [];
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [flaky],
      batchSize: 10,
      pollIntervalMs: 10,
      onError: (_name, error) => {
        errors.push(error);
        // Clear the fault after the second failure: the runner must then catch up on its own.
        if (errors.length === 2) flaky.failAtPosition = null;
      },
    });
    engines.push(engine);
    await engine.start();

    // While it fails, a reader does not wait for it (false at once): ask until it has recovered.
    while (!(await engine.waitForPosition(positions.at(-1)!, 20_000)))
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    expect((errors[0] as Error).cause).toBeInstanceOf(InjectedConnectionFailure);
    expect(await ledgerPositions(backend.sql)).toEqual(positions);
    const [status] = await engine.status();
    expect(status).toMatchObject({ lastError: null, lagEvents: 0n, failing: false, deadLetters: 0 });
    expect(status!.errors).toBeGreaterThanOrEqual(2);
  });

  it('two engines on the same database (two instances) share the work without applying anything twice', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const other = backend.openAnotherExecutor();
    const first = engineFor([ledgerProjection()], { batchSize: 2 });
    const second = new ProjectionEngine({
      sql: other,
      source: backend.source,
      projections: [ledgerProjection()],
      batchSize: 3,
    });
    engines.push(second);

    await Promise.all([first.catchUp(), second.catchUp()]);

    expect(await ledgerPositions(backend.sql)).toEqual(await complaintPositions(backend.source));
  });

  it('reports lag as head − checkpoint, and counts events of other streams at the end of the log as seen', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const engine = engineFor([ledgerProjection()]);
    const [before] = await engine.status();
    expect(before).toMatchObject({ checkpoint: 0n, head: 6n, lagEvents: 6n });

    await engine.catchUp();
    await backend.store.append('other-stream', [testEvent(), testEvent()], { expectedRevision: 'no_stream' });
    await recordCaseload(backend.complaints, CASELOAD.slice(6, 9));
    const [behind] = await engine.status();
    expect(behind).toMatchObject({ checkpoint: 6n, head: 11n, lagEvents: 5n });

    await backend.store.append('other-stream', [testEvent()], { expectedRevision: 2 });
    await engine.catchUp();
    const [caughtUp] = await engine.status();
    expect(caughtUp).toMatchObject({ checkpoint: 12n, head: 12n, lagEvents: 0n, eventsApplied: 9n });

    const registry = new Registry();
    registerProjectionMetrics(registry, async () => [behind!]);
    const metrics = await registry.metrics();
    expect(metrics).toContain('# TYPE projection_lag_events gauge\nprojection_lag_events{projection="ledger"} 5\n');
    expect(metrics).toContain('projection_checkpoint_position{projection="ledger"} 6\n');
    expect(metrics).toContain('event_log_head_position 11\n');
  });

  it('waitForPosition resolves once a live engine has applied the write, so the write can be read back', async () => {
    backend = await open();
    const engine = engineFor([ledgerProjection()], { wakeOnChannel: EVENTS_APPENDED_CHANNEL });
    await engine.start();

    const position = await record(backend.complaints, 'c-live', [
      event.received('c-live', '2026-03-02'),
      event.acknowledged(1, '2026-03-04'),
    ]);

    expect(await engine.waitForPosition(position, 20_000)).toBe(true);
    expect(await ledgerPositions(backend.sql)).toEqual([position - 1n, position]);
    // Already reached: answers at once.
    expect(await engine.waitForPosition(position, 0)).toBe(true);
  });

  it('waitForPosition times out cleanly with false for a position the log has not reached', async () => {
    backend = await open();
    const position = await record(backend.complaints, 'c-1', [event.received('c-1', '2026-03-02')]);
    const engine = engineFor([ledgerProjection()]);
    await engine.start();

    expect(await engine.waitForPosition(position + 10n, 50)).toBe(false);
    expect(await engine.waitForPosition(position, 20_000)).toBe(true);
  });

  it('waitForPosition refuses to wait on an engine that is not running, and stop() releases waiters with false', async () => {
    backend = await open();
    const engine = engineFor([ledgerProjection()]);
    await expect(engine.waitForPosition(1n, 10)).rejects.toThrow(/not running/);
    await engine.start();
    const waiting = engine.waitForPosition(1_000n, 60_000);
    await engine.stop();
    expect(await waiting).toBe(false);
  });

  it('follows the log live after catching up', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 5));
    const engine = engineFor([ledgerProjection()], { batchSize: 2, wakeOnChannel: EVENTS_APPENDED_CHANNEL });
    await engine.start();
    const last = await recordCaseload(backend.complaints, CASELOAD.slice(5));

    expect(await engine.waitForPosition(last, 20_000)).toBe(true);
    expect(await ledgerPositions(backend.sql)).toEqual(await complaintPositions(backend.source));
  });

  it('tells onCaughtUp once per projection, counting up, the first time each reaches the head after start (the start-up log)', async () => {
    backend = await open();
    const head = await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const reported: CatchUpProgress[] = [];
    const engine = engineFor([ledgerProjection(), ledgerProjection({ name: 'second_ledger' })], {
      batchSize: 2,
      wakeOnChannel: EVENTS_APPENDED_CHANNEL,
      onCaughtUp: (progress) => reported.push({ ...progress }),
    });
    await engine.start();
    expect(await engine.waitForPosition(head, 20_000)).toBe(true);
    await expect.poll(() => reported.length, { timeout: 20_000 }).toBe(2);
    expect(reported.map((progress) => [progress.caughtUp, progress.of])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(reported.map((progress) => progress.projection).sort()).toEqual(['ledger', 'second_ledger']);

    // Caught up again after later events: nothing more to say.
    const last = await recordCaseload(backend.complaints, CASELOAD.slice(6));
    expect(await engine.waitForPosition(last, 20_000)).toBe(true);
    expect(reported).toHaveLength(2);
  });
});
