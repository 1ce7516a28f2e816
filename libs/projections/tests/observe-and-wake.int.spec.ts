import { afterEach, expect, it } from 'vitest';
import { ProjectionEngine, type Projection, type WakeSource } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, record, recordCaseload } from './support/complaint-history';
import { complaintPositions, ledgerPositions, ledgerProjection } from './support/ledger-projection';

/**
 * Observe mode (the API when a worker runs the projections) and wake-up sources other than a
 * LISTEN channel (an EventStoreDB `$all` subscription). Polling is set to a minute, so only
 * a wake or a waiter can make anything happen within a test.
 */
describeOnBothBackends('projection engine: observe mode and wake sources', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (
    projections: Projection[],
    options: Partial<ConstructorParameters<typeof ProjectionEngine>[0]> = {},
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

  it('an observer applies nothing itself, yet its waitForPosition answers once another engine (the worker) applied the write', async () => {
    backend = await open();
    const observer = engineFor([ledgerProjection()], { mode: 'observe' });
    await observer.start();
    const position = await record(backend.complaints, 'c-observed', [event.received('c-observed', '2026-03-02')]);

    // Nobody runs the projection yet: the observer waits and gives up, and wrote nothing.
    expect(await observer.waitForPosition(position, 200)).toBe(false);
    expect(await ledgerPositions(backend.sql)).toEqual([]);

    const waiting = observer.waitForPosition(position, 20_000);
    const worker = new ProjectionEngine({
      sql: backend.openAnotherExecutor(),
      source: backend.source,
      projections: [ledgerProjection()],
    });
    engines.push(worker);
    await worker.catchUp();

    expect(await waiting).toBe(true);
    expect(await ledgerPositions(backend.sql)).toEqual([position]);
    const [status] = await observer.status();
    expect(status).toMatchObject({ checkpoint: position, lagEvents: 0n, state: 'live' });
  });

  it('an observer does not wait on a projection whose batches fail in the worker: it answers false at once, and waits again once the worker recovers', async () => {
    backend = await open();
    const observer = engineFor([ledgerProjection()], { mode: 'observe', observeIntervalMs: 10 });
    await observer.start();
    const broken = ledgerProjection();
    broken.failEverything = true;
    const worker = new ProjectionEngine({
      sql: backend.openAnotherExecutor(),
      source: backend.source,
      projections: [broken],
      pollIntervalMs: 10,
    });
    engines.push(worker);
    await worker.start();
    const position = await record(backend.complaints, 'c-stuck', [event.received('c-stuck', '2026-03-02')]);
    worker.wake();

    // A waiter parked before the failure is known is released with false once the observer sees the mark, not after its hour.
    expect(await observer.waitForPosition(position, 3_600_000)).toBe(false);
    expect(observer.isFailing('ledger')).toBe(true);
    expect(await observer.waitForPosition(position, 3_600_000)).toBe(false);

    broken.failEverything = false;
    worker.wake();
    while (!(await observer.waitForPosition(position, 60_000))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(observer.isFailing('ledger')).toBe(false);
    expect(await ledgerPositions(backend.sql)).toEqual([position]);
  }, 30_000);

  it('a wake source wakes the runners: appends are applied without waiting for the poll, and it is stopped with the engine', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 3));
    let announce: (() => void) | undefined;
    let stopped = 0;
    const source: WakeSource = async (wake) => {
      announce = wake;
      return async () => {
        stopped++;
      };
    };
    const engine = engineFor([ledgerProjection()], { wakeOn: source });
    await engine.start();
    expect(await engine.waitForPosition(3n, 20_000)).toBe(true);

    const last = await recordCaseload(backend.complaints, CASELOAD.slice(3));
    announce!();
    // The runner woke on the announcement: the rows are there before any poll (a minute away).
    await expect
      .poll(() => ledgerPositions(backend.sql), { timeout: 20_000 })
      .toEqual(await complaintPositions(backend.source));
    expect(await engine.waitForPosition(last, 0)).toBe(true);

    await engine.stop();
    expect(stopped).toBe(1);
  });
});
