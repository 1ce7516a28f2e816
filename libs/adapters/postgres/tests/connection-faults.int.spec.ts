import { randomBytes } from 'node:crypto';
import { StoreUnavailableError } from '@complaints/event-store';
import { Client, Pool } from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { PgExecutor } from '../src';
import { describeWithPostgres } from './support/describe-with-postgres';

/**
 * Backends terminated under the executor (pg_terminate_backend, as a failover or an operator
 * does): the operation in flight fails with StoreUnavailableError, nothing crashes the process
 * (an unheard 'error' event on a pg client is an uncaught exception, which fails this run), a
 * broken connection is never handed out again, and LISTEN comes back by itself.
 */
describeWithPostgres('PostgreSQL connection faults', (database) => {
  // Our own backends only: other suites share the server.
  const applicationName = `faults_${randomBytes(4).toString('hex')}`;
  let admin: Client;
  let pool: Pool;
  let sql: PgExecutor;
  const listenErrors: Error[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: database().connectionString });
    await admin.connect();
    await admin.query('CREATE TABLE fault_rows (id text PRIMARY KEY)');
  });
  afterAll(() => admin.end());

  const open = () => {
    const url = new URL(database().connectionString);
    url.searchParams.set('application_name', applicationName);
    pool = new Pool({ connectionString: url.toString(), max: 4 });
    sql = new PgExecutor(pool, {
      listenBackoff: { initialMs: 20, maxMs: 200 },
      onListenError: (_channel, error) => listenErrors.push(error),
    });
  };
  afterEach(() => sql.close());

  /** Terminate a backend of ours and wait until it is gone. */
  async function terminate(pid: number): Promise<void> {
    const { rows } = await admin.query<{ done: boolean }>(
      'SELECT pg_terminate_backend($1) AS done FROM pg_stat_activity WHERE pid = $1 AND application_name = $2',
      [pid, applicationName],
    );
    expect(rows).toEqual([{ done: true }]);
    while ((await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rows.length > 0) await pause();
  }

  async function listeningPid(channel: string): Promise<number> {
    for (;;) {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query = $2 AND state = 'idle'`,
        [applicationName, `LISTEN "${channel}"`],
      );
      if (rows[0]) return rows[0].pid;
      await pause();
    }
  }

  it('a backend terminated between two statements of a transaction: StoreUnavailableError, rolled back, the connection destroyed, the pool goes on', async () => {
    open();
    let terminatedPid = 0;
    const outcome = sql.transaction(async (tx) => {
      await tx.query("INSERT INTO fault_rows (id) VALUES ('between-statements')");
      const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      terminatedPid = row!.pid;
      // Idle in the transaction while the backend goes: the client hears the FATAL with no query running.
      await terminate(terminatedPid);
      await tx.query('SELECT 1');
    });
    await expect(outcome).rejects.toBeInstanceOf(StoreUnavailableError);

    expect(await admin.query("SELECT id FROM fault_rows WHERE id = 'between-statements'")).toMatchObject({ rows: [] });
    // Every connection the pool hands out now works, and none is the dead one.
    const pids = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql.transaction((tx) => tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')),
      ),
    );
    expect(pids.flat().map((row) => row.pid)).not.toContain(terminatedPid);
    await sql.transaction((tx) => tx.query("INSERT INTO fault_rows (id) VALUES ('after-the-fault')"));
    expect(await admin.query("SELECT id FROM fault_rows WHERE id = 'after-the-fault'")).toMatchObject({
      rows: [{ id: 'after-the-fault' }],
    });
  });

  it('a backend terminated during a statement, in a transaction and outside one: StoreUnavailableError each time', async () => {
    open();
    const inTransaction = outcomeOf(sql.transaction((tx) => tx.query('SELECT pg_sleep(30)')));
    const plain = outcomeOf(sql.query('SELECT pg_sleep(30)'));
    const { rows } = await waitForRows(
      () =>
        admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query = 'SELECT pg_sleep(30)' AND state = 'active'`,
          [applicationName],
        ),
      2,
    );
    for (const { pid } of rows) await terminate(pid);

    expect(await inTransaction).toBeInstanceOf(StoreUnavailableError);
    expect(await plain).toBeInstanceOf(StoreUnavailableError);
    expect(await sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('the LISTEN backend terminated, three times: LISTEN again by itself, a wake-up after each, then every NOTIFY arrives', async () => {
    open();
    listenErrors.length = 0;
    const channel = `faults_${randomBytes(3).toString('hex')}`;
    const received: string[] = [];
    let arrived: (() => void) | undefined;
    const unlisten = await sql.listen(channel, (payload) => {
      received.push(payload);
      arrived?.();
    });
    const next = async (count: number) => {
      while (received.length < count) await new Promise<void>((resolve) => (arrived = resolve));
    };

    for (let round = 1; round <= 3; round++) {
      const pid = await listeningPid(channel);
      await terminate(pid);
      // Listening again, it calls back once with no payload: appends made meanwhile announced themselves to no one.
      await next(2 * round - 1);
      expect(received.at(-1)).toBe('');
      const newPid = await listeningPid(channel);
      expect(newPid).not.toBe(pid);
      await admin.query('SELECT pg_notify($1, $2)', [channel, `after-round-${round}`]);
      await next(2 * round);
      expect(received.at(-1)).toBe(`after-round-${round}`);
    }
    expect(listenErrors.length).toBeGreaterThanOrEqual(3);

    await unlisten();
    // Unlistened: the connection went back to the pool after UNLISTEN, so no session of ours is still listening.
    expect(
      (
        await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%' AND state = 'idle'`,
          [applicationName],
        )
      ).rows,
    ).toEqual([]);
  });

  it('close() while LISTEN is being re-established: no connection is left listening', async () => {
    open();
    const channel = `faults_${randomBytes(3).toString('hex')}`;
    await sql.listen(channel, () => undefined);
    await terminate(await listeningPid(channel));
    await sql.close();
    // A backend leaves pg_stat_activity a moment after its client hung up: wait for ours to go, and none to come back.
    await waitForRows(
      async () => ({
        rows:
          (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1`, [applicationName])).rows
            .length === 0
            ? [1]
            : [],
      }),
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1`, [applicationName])).rows,
    ).toEqual([]);
    // afterEach closes it again: close() is idempotent.
  });

  it('a client of the pool checked out and idle, with no listener of its own, whose backend is terminated: nothing crashes', async () => {
    open();
    // Outside the executor's own paths (which listen): the guarantee is the pool's, for every client it ever makes.
    const client = await pool.connect();
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
    await terminate(pid);
    // The 'error' event arrives with the server's FATAL message or the socket's end; an unheard one would fail this run.
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.release(true);
    expect(await sql.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('close() with statements stuck on a lock held elsewhere: it ends their connections after the grace period instead of waiting for ever', async () => {
    const url = new URL(database().connectionString);
    url.searchParams.set('application_name', applicationName);
    pool = new Pool({ connectionString: url.toString(), max: 4 });
    sql = new PgExecutor(pool, { closeGraceMs: 200 });
    // The lock is held on a connection of its own: inside a transaction pg_stat_activity is a snapshot, so admin keeps looking.
    const holder = new Client({ connectionString: database().connectionString });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE fault_rows IN ACCESS EXCLUSIVE MODE');
    try {
      const stuckInTransaction = outcomeOf(sql.transaction((tx) => tx.query('SELECT count(*) FROM fault_rows')));
      const stuckQuery = outcomeOf(sql.query('SELECT count(*) FROM fault_rows'));
      await waitForRows(
        async () =>
          admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [
            applicationName,
          ]),
        2,
      );
      await sql.close();
      expect(await stuckInTransaction).toBeInstanceOf(StoreUnavailableError);
      expect(await stuckQuery).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});

/** The error a promise rejects with (or 'resolved'), handled from the start. */
function outcomeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

async function waitForRows<T>(query: () => Promise<{ rows: T[] }>, count: number): Promise<{ rows: T[] }> {
  for (;;) {
    const result = await query();
    if (result.rows.length >= count) return result;
    await pause();
  }
}

/** Between two looks at pg_stat_activity: not to spin on a shared server. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 10));
