import { StoreUnavailableError } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../sql/sql-executor';
import { WakeUpSignal } from './wake-up-signal';

const AN_HOUR = 3_600_000;

/** An executor whose first LISTEN fails (the database is down) and whose later ones succeed. */
function flakyListener() {
  const state = { attempts: 0, notify: undefined as ((payload: string) => void) | undefined };
  const sql = {
    dialect: 'postgres',
    listen: async (_channel: string, onNotify: (payload: string) => void) => {
      state.attempts++;
      if (state.attempts === 1) throw new StoreUnavailableError('The database is unavailable: connect ECONNREFUSED');
      state.notify = onNotify;
      return async () => undefined;
    },
  } as unknown as SqlExecutor;
  return { sql, state };
}

describe('WakeUpSignal', () => {
  it('tries LISTEN again when the first attempt failed, so notifications wake sleepers once the database is back', async () => {
    const { sql, state } = flakyListener();
    const signal = new WakeUpSignal(sql, 'events_appended', AN_HOUR);
    const never = new AbortController();

    const first = new AbortController();
    const firstSleep = signal.wait(signal.generation, first.signal);
    while (state.attempts < 1) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    first.abort();
    await firstSleep;

    // The next sleeper listens again; the poll interval is an hour, so only a notification can wake it.
    const sleep = signal.wait(signal.generation, never.signal);
    while (!state.notify) await new Promise((resolve) => setImmediate(resolve));
    state.notify('42');
    await sleep;
    expect(state.attempts).toBe(2);
    expect(signal.generation).toBe(1);
    await signal.close();
  });
});
