import type { SqlQueryable } from '@complaints/adapter-postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryDedupStore, SqlDedupStore, type DedupStore } from '../src';
import { describeOnBothBackends, type Backend } from '@complaints/projections/testing';

const first = { eventId: 'e-1', complaintId: 'c-1', revision: 1 };
const second = { eventId: 'e-2', complaintId: 'c-1', revision: 2 };

async function sharedBehaviour<Tx>(store: DedupStore<Tx>): Promise<void> {
  const seen: number[] = [];
  expect(await store.processOnce(first, async (_tx, previous) => void seen.push(previous))).toBe('processed');
  expect(await store.processOnce(first, async () => void seen.push(-1))).toBe('duplicate');
  await expect(store.processOnce(second, async () => Promise.reject(new Error('handler failed')))).rejects.toThrow(
    'handler failed',
  );
  expect(await store.processOnce(second, async (_tx, previous) => void seen.push(previous))).toBe('processed');
  expect(
    await store.processOnce(
      { eventId: 'other', complaintId: 'c-2', revision: 1 },
      async (_tx, previous) => void seen.push(previous),
    ),
  ).toBe('processed');
  // The failed attempt recorded nothing: e-2 was processed on its retry, after revision 1.
  expect(seen).toEqual([0, 1, 0]);
}

describe('MemoryDedupStore', () => {
  it('runs work once per event id, passes the previous revision, and records nothing when work throws', async () => {
    await sharedBehaviour(new MemoryDedupStore());
  });
});

describeOnBothBackends('SqlDedupStore', (open) => {
  let backend: Backend;
  afterEach(async () => {
    await backend?.close();
  });

  it('runs work once per event id, passes the previous revision, and records nothing when work throws', async () => {
    backend = await open();
    await sharedBehaviour(new SqlDedupStore(backend.sql, 'crm'));
  });

  it("commits the handler's writes with the mark, and rolls them back with it", async () => {
    backend = await open();
    await backend.sql.query('CREATE TABLE letters (event_id text PRIMARY KEY)');
    const store = new SqlDedupStore(backend.sql, 'letters');
    const write = (tx: SqlQueryable, eventId: string) =>
      tx.query('INSERT INTO letters (event_id) VALUES ($1)', [eventId]);

    await expect(
      store.processOnce(first, async (tx) => {
        await write(tx, 'e-1');
        throw new Error('crash after the write');
      }),
    ).rejects.toThrow('crash after the write');
    expect(await backend.sql.query('SELECT event_id FROM letters')).toEqual([]);

    await store.processOnce(first, (tx) => write(tx, 'e-1').then(() => undefined));
    await store.processOnce(first, (tx) => write(tx, 'e-1').then(() => undefined));
    expect(await backend.sql.query('SELECT event_id FROM letters')).toEqual([{ event_id: 'e-1' }]);
  });

  it('keeps consumers apart: the same event is new to another consumer', async () => {
    backend = await open();
    expect(await new SqlDedupStore(backend.sql, 'crm').processOnce(first, async () => undefined)).toBe('processed');
    expect(await new SqlDedupStore(backend.sql, 'warehouse').processOnce(first, async () => undefined)).toBe(
      'processed',
    );
    expect(await new SqlDedupStore(backend.sql, 'crm').processOnce(first, async () => undefined)).toBe('duplicate');
  });
});
