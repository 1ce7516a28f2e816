import { afterEach, expect, it } from 'vitest';
import { ProjectionEngine, readCheckpoint, readRegistry, type DeadLetter, type Projection } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, PERSONAL_TEXT, record, recordCaseload } from './support/complaint-history';
import { complaintPositions, ledgerPositions, ledgerProjection } from './support/ledger-projection';

describeOnBothBackends('an event a projection cannot apply', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const parked: Omit<DeadLetter, 'parkedAt'>[] = [];
  const engineFor = (projections: Projection[], options: { batchSize?: number; pollIntervalMs?: number } = {}) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections,
      pollIntervalMs: 60_000,
      onParked: (letter) => parked.push(letter),
      ...options,
    });
    engines.push(engine);
    return engine;
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    parked.splice(0);
    await backend?.close();
  });

  it('is parked in the dead letters with the checkpoint moving past it; every other event is applied once, and other projections are untouched', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const poisoned = ledgerProjection();
    const bad = positions[7]!;
    poisoned.failAtPosition = bad;
    const healthy = ledgerProjection({ name: 'healthy_ledger' });
    const engine = engineFor([poisoned, healthy], { batchSize: 5 });

    await engine.catchUp();

    expect(await ledgerPositions(backend.sql)).toEqual(positions.filter((p) => p !== bad));
    expect(await ledgerPositions(backend.sql, 'healthy_ledger')).toEqual(positions);
    const [status, healthyStatus] = await engine.status();
    expect(status).toMatchObject({
      lagEvents: 0n,
      deadLetters: 1,
      failing: false,
      eventsApplied: BigInt(positions.length - 1),
    });
    expect(healthyStatus).toMatchObject({ lagEvents: 0n, deadLetters: 0 });
    const [letter] = await engine.deadLetters('ledger');
    const [envelope] = await backend.source.readAll(bad - 1n, 1);
    expect(letter).toMatchObject({
      projection: 'ledger',
      tableSet: status!.activeTableSet,
      globalPosition: bad,
      eventId: envelope!.eventId,
      eventType: envelope!.type,
      complaintId: envelope!.complaintId,
      error: `InjectedFailure: injected failure at position ${bad}`,
    });
    expect(letter!.parkedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(parked.map((p) => p.globalPosition)).toEqual([bad]);
    expect(await engine.deadLetters('healthy_ledger')).toEqual([]);
  });

  it('keeps no personal value the failure quoted: the dead letter and the letter handed to the log read [redacted] there', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const poisoned = ledgerProjection();
    // The first event of the log is a receipt: it names the complainant and quotes her words.
    poisoned.failAtPosition = positions[0]!;
    poisoned.quoteInFailure = true;
    await engineFor([poisoned], { batchSize: 5 }).catchUp();

    const [letter] = await engines[0]!.deadLetters('ledger');
    for (const error of [letter!.error, parked[0]!.error]) {
      expect(error).toContain('cannot apply {');
      expect(error).toContain('[redacted]');
      for (const text of PERSONAL_TEXT) expect(error).not.toContain(text);
      expect(error).toContain('CMP-'); // the reference is no personal data: the rest of the message stays
    }
  });

  it('a background runner parks it and reaches the head: a reader waiting for the head gets true', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const poisoned = ledgerProjection();
    poisoned.failAtPosition = positions[2]!;
    const engine = engineFor([poisoned], { batchSize: 10, pollIntervalMs: 10 });
    await engine.start();

    expect(await engine.waitForPosition(positions.at(-1)!, 60_000)).toBe(true);
    expect((await engine.status())[0]).toMatchObject({
      deadLetters: 1,
      lagEvents: 0n,
      lastError: null,
      failing: false,
    });
  });

  it("a rebuild meets it again: parked again while it still fails, applied once it can be; the old set's dead letters go with it", async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const poisoned = ledgerProjection();
    poisoned.failAtPosition = positions[4]!;
    const engine = engineFor([poisoned], { batchSize: 3 });
    await engine.catchUp();
    const first = (await engine.status())[0]!;
    expect(first.deadLetters).toBe(1);

    expect((await engine.rebuild('ledger')).outcome).toBe('swapped');
    const second = (await engine.status())[0]!;
    expect(second.activeTableSet).not.toBe(first.activeTableSet);
    expect((await engine.deadLetters('ledger')).map((l) => [l.tableSet, l.globalPosition])).toEqual([
      [second.activeTableSet, positions[4]],
    ]);

    poisoned.failAtPosition = null;
    expect((await engine.rebuild('ledger')).outcome).toBe('swapped');
    expect(await ledgerPositions(backend.sql)).toEqual(positions);
    expect(await engine.deadLetters('ledger')).toEqual([]);
    const rows = await backend.sql.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM projection_dead_letters WHERE projection = 'ledger'",
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('a transient failure (a lost connection) of one event is never parked: the batch fails, the checkpoint stays, and the event is applied once the fault is gone', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const flaky = ledgerProjection();
    flaky.failAtPosition = positions[6]!;
    flaky.failure = 'connection';

    await expect(engineFor([flaky], { batchSize: 5 }).catchUp()).rejects.toThrow(/connection/);
    const registry = await readRegistry(backend.sql, 'ledger');
    expect((await readCheckpoint(backend.sql, 'ledger', registry!.activeSet))?.position).toBe(positions[4]);
    expect(await engines[0]!.deadLetters('ledger')).toEqual([]);

    flaky.failAtPosition = null;
    await engines[0]!.catchUp();
    expect(await ledgerPositions(backend.sql)).toEqual(positions);
    expect(parked).toEqual([]);
  });

  it('an event that fails at the very end of the log is parked only once a later event applies: until then the projection is failing', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const poisoned = ledgerProjection();
    const last = positions.at(-1)!;
    poisoned.failAtPosition = last;
    const engine = engineFor([poisoned], { batchSize: 100 });

    await expect(engine.catchUp()).rejects.toThrow(/injected failure/);
    expect(await engine.deadLetters('ledger')).toEqual([]);

    const later = await record(backend.complaints, 'c-after', [event.received('c-after', '2026-05-01')]);
    await engine.catchUp();
    expect((await engine.deadLetters('ledger')).map((letter) => letter.globalPosition)).toEqual([last]);
    expect(await ledgerPositions(backend.sql)).toEqual([...positions.slice(0, -1), later]);
  });

  it('a failure that is not parked (the last event of the log) leaves without the personal values it quoted', async () => {
    backend = await open();
    const last = await record(backend.complaints, 'c-last', [event.received('c-last', '2026-05-01')]);
    const poisoned = ledgerProjection();
    poisoned.failAtPosition = last;
    poisoned.quoteInFailure = true;
    const failure = await engineFor([poisoned])
      .catchUp()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain('cannot apply {');
    for (const text of PERSONAL_TEXT) expect(message).not.toContain(text);
  });

  it('two events in a row that cannot be applied are both parked with the next one that can', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const poisoned = ledgerProjection();
    const bad = [positions[3]!, positions[4]!];
    const apply = poisoned.apply.bind(poisoned);
    poisoned.apply = async (tx, envelopes, tables) => {
      if (envelopes.some((envelope) => bad.includes(envelope.globalPosition))) throw new Error('cannot apply this one');
      await apply(tx, envelopes, tables);
    };
    const engine = engineFor([poisoned], { batchSize: 100 });

    await engine.catchUp();

    expect((await engine.deadLetters('ledger')).map((letter) => letter.globalPosition)).toEqual(bad);
    expect(await ledgerPositions(backend.sql)).toEqual(positions.filter((p) => !bad.includes(p)));
    expect(parked.map((letter) => letter.globalPosition)).toEqual(bad);
  });

  it('while a projection fails on everything, a reader does not wait for it: waitForPosition answers false at once, and a parked waiter is released', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const positions = await complaintPositions(backend.source);
    const broken = ledgerProjection();
    const healthy = ledgerProjection({ name: 'healthy_ledger' });
    const engine = engineFor([broken, healthy], { batchSize: 100, pollIntervalMs: 10 });
    await engine.start();
    // Everything applied first, then the database "goes away" for this projection.
    expect(await engine.waitForPosition(positions.at(-1)!, 60_000)).toBe(true);
    broken.failEverything = true;

    // A waiter parked before the failure is known...
    const beyond = positions.at(-1)! + 1n;
    const parkedWaiter = engine.waitForPosition(beyond, 3_600_000);
    expect(await record(backend.complaints, 'c-late', [event.received('c-late', '2026-05-01')])).toBe(beyond);
    engine.wake();
    // ...is released with false once the runner fails, not after its hour; later callers get false at once.
    expect(await parkedWaiter).toBe(false);
    expect(await engine.waitForPosition(beyond, 3_600_000)).toBe(false);
    expect(await engine.waitForPosition(beyond, 3_600_000, 'healthy_ledger')).toBe(true);
    const [status] = await engine.status();
    expect(status).toMatchObject({ failing: true, deadLetters: 0 });
    expect(engine.lagBehind(beyond, 'ledger')).toBeGreaterThan(0n);
    expect(engine.lagBehind(beyond, 'healthy_ledger')).toBe(0n);
    // Nothing parked: every event failed alike.
    expect(parked).toEqual([]);

    broken.failEverything = false;
    // Still "failing" until its next batch succeeds: ask until then.
    while (!(await engine.waitForPosition(beyond, 60_000))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await engine.status())[0]).toMatchObject({ failing: false, deadLetters: 0 });
  });

  it('past maxWaiters callers, another wait answers false at once instead of parking', async () => {
    backend = await open();
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [ledgerProjection()],
      pollIntervalMs: 60_000,
      maxWaiters: 2,
    });
    engines.push(engine);
    await engine.start();
    const waiting = [engine.waitForPosition(100n, 3_600_000), engine.waitForPosition(100n, 3_600_000)];
    expect(await engine.waitForPosition(100n, 3_600_000)).toBe(false);
    await engine.stop();
    expect(await Promise.all(waiting)).toEqual([false, false]);
  });
});
