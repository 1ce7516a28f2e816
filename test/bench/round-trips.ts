/**
 * Round trips to PostgreSQL, counted where they happen: every `client.query` of the `pg` driver
 * (a pool's query, BEGIN, COMMIT and each statement in a transaction alike) is one message
 * exchange with the server — a named statement's first run sends Parse, Bind, Execute and Sync
 * together. Counting in the driver rather than in the store's executor keeps the figure true
 * whatever path an append takes to the server. Emmett brings its own copy of `pg` when it is
 * resolved from a separate prefix: its Client class is counted as well when passed in.
 */
import { Client } from 'pg';

type QueryFn = ((...args: unknown[]) => unknown) & { countsRoundTrips?: true };

let tally = 0;

/** Count every query of these `pg` Client classes from now on (once per class; the cost is one increment). */
export function countRoundTrips(clients: readonly unknown[] = []): void {
  for (const clientClass of new Set([Client, ...clients])) {
    const proto = (clientClass as { prototype: { query: QueryFn } }).prototype;
    const original = proto.query;
    if (original.countsRoundTrips) continue;
    const counted: QueryFn = function (this: unknown, ...args: unknown[]) {
      tally++;
      return original.apply(this, args);
    };
    counted.countsRoundTrips = true;
    proto.query = counted;
  }
}

/** `work`'s result and the round trips made while it ran (exact only when nothing else talks to the server meanwhile). */
export async function roundTripsDuring<T>(work: () => Promise<T>): Promise<[T, number]> {
  const before = tally;
  const result = await work();
  return [result, tally - before];
}
