import { PGlite } from '@electric-sql/pglite';
import { StoreUnavailableError } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { isConnectionLost, unavailableOr } from './connection-lost';
import { PgliteExecutor } from './pglite-executor';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which errors mean the database is unavailable', () => {
  it.each([
    ['terminated backend (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown (57P02)', withCode('57P02')],
    ['starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['connection failure (08006)', withCode('08006')],
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', withCode('ECONNRESET')],
    ['broken pipe', withCode('EPIPE')],
    ['timed out', withCode('ETIMEDOUT')],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
    ['socket ended', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['client already broken', new Error('Client has encountered a connection error and is not queryable')],
    ['pool ended', new Error('Cannot use a pool after calling end on the pool')],
    ['PGlite closed', new Error('PGlite is closed')],
    ['PGlite aborted', new Error('Aborted(RuntimeError: unreachable)')],
  ])('%s: unavailable', (_name, error) => {
    expect(isConnectionLost(error)).toBe(true);
    const translated = unavailableOr(error);
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as Error).cause).toBe(error);
  });

  it.each([
    ['unique violation (23505)', withCode('23505', 'duplicate key value violates unique constraint')],
    ['serialization failure (40001)', withCode('40001')],
    ['syntax error (42601)', withCode('42601')],
    ['undefined table (42P01)', withCode('42P01')],
    ['invalid text (22P05)', withCode('22P05', 'unsupported Unicode escape sequence')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s: left as it is', (_name, error) => {
    expect(isConnectionLost(error)).toBe(false);
    expect(unavailableOr(error)).toBe(error);
  });

  // Creating a PGlite instance takes seconds on a busy machine.
  it('a closed PGlite answers StoreUnavailableError; SQL errors stay SQL errors', { timeout: 60_000 }, async () => {
    const db = await PGlite.create();
    const sql = new PgliteExecutor(db);
    await expect(sql.query('SELECT * FROM missing_table')).rejects.toMatchObject({ code: '42P01' });
    await sql.close();
    await expect(sql.query('SELECT 1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(sql.transaction((tx) => tx.query('SELECT 1'))).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
