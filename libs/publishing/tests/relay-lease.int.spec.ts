import { PGlite } from '@electric-sql/pglite';
import { PgliteExecutor, type SqlExecutor } from '@complaints/adapter-postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RelayLease, type Lease } from '../src/relay/relay-lease';
import { advanceCheckpoint, ensureRelayTables, readRelayState } from '../src/relay/relay-tables';

/** The relay's single-instance lease on its table in PGlite: who may publish, and what fences a zombie out. */
describe('RelayLease', () => {
  let sql: SqlExecutor;
  let relay = '';
  let relays = 0;
  const lost: Lease[] = [];
  const errors: unknown[] = [];
  const leaseFor = (holder: string, over: SqlExecutor = sql) =>
    new RelayLease({
      sql: over,
      relay,
      holder,
      leaseMs: 60_000,
      onError: (error) => errors.push(error),
      onLost: (lease) => lost.push(lease),
    });
  const expireTheLease = () =>
    sql.query(`UPDATE relay_state SET lease_expires_at = now() - interval '1 second' WHERE relay = $1`, [relay]);

  beforeAll(async () => {
    sql = new PgliteExecutor(await PGlite.create());
    await ensureRelayTables(sql);
  }, 60_000);
  afterAll(async () => {
    await sql.close();
  });
  beforeEach(() => {
    relay = `relay-${++relays}`; // each case on a relay of its own
    lost.length = 0;
    errors.length = 0;
  });

  it('lets one instance hold it at a time, and the next take it as soon as it is released', async () => {
    const a = leaseFor('a');
    const b = leaseFor('b');
    expect(await a.acquire()).toBe(0n);
    expect(await b.acquire()).toBeUndefined();
    expect(b.current).toBeUndefined();
    expect(await a.acquire()).toBe(0n); // the holder may take it again, under the same fence
    const fenceOfA = a.current?.fence;

    await advanceCheckpoint(sql, a.current as Lease, 7n, 7);
    await a.release();
    expect(a.current).toBeUndefined();
    expect(await b.acquire()).toBe(7n); // where publishing resumes
    expect(b.current?.fence).toBeGreaterThan(fenceOfA ?? 0n);
  });

  it('is taken over once expired; the old holder then finds it lost and can no longer move the checkpoint', async () => {
    const zombie = leaseFor('zombie');
    const next = leaseFor('next');
    await zombie.acquire();
    const stale = zombie.current as Lease;
    await expireTheLease();
    expect(await next.acquire()).toBe(0n);

    expect(await advanceCheckpoint(sql, stale, 5n, 5)).toBe(false);
    await zombie.renew();
    expect(zombie.current).toBeUndefined();
    expect(lost).toEqual([stale]);
    expect(zombie.isHeldIn(await readRelayState(sql, relay))).toBe(false);
    expect(next.isHeldIn(await readRelayState(sql, relay))).toBe(true);
  });

  it('renewal keeps it live past its expiry; a renewal the database cannot answer is reported and the lease kept', async () => {
    let down = false;
    const flaky = new Proxy(sql, {
      get: (target, key) => {
        if (key === 'query' && down) return () => Promise.reject(new Error('connection refused'));
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const a = leaseFor('a', flaky);
    await a.acquire();
    await expireTheLease();
    await a.renew();
    expect((await readRelayState(sql, relay))?.leaseLive).toBe(true);
    expect(await leaseFor('b').acquire()).toBeUndefined();

    down = true;
    const held = a.current;
    await a.renew();
    expect(errors).toHaveLength(1);
    expect(a.current).toBe(held);
    expect(lost).toEqual([]);
  });
});
