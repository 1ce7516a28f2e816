/**
 * Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql) as an anchor on the same
 * server: another event store's append with an exact expected stream version, one event per
 * command, as ours is asked. Loaded from the project's dependencies; when it is not installed
 * there, from EMMETT_PREFIX (default /tmp/emmett-deps: `npm install --no-save --prefix
 * /tmp/emmett-deps @event-driven-io/emmett-postgresql@0.42.0`); when neither has it, the rows
 * that need it say so instead of a figure.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

const PACKAGE = '@event-driven-io/emmett-postgresql';
const FALLBACK_PREFIX = process.env['EMMETT_PREFIX'] ?? '/tmp/emmett-deps';

/** The part of Emmett's store the bench uses. */
export interface EmmettStore {
  appendToStream(streamName: string, events: { type: string; data: unknown; metadata?: Record<string, unknown> }[], options: { expectedStreamVersion: bigint }): Promise<unknown>;
  close(): Promise<void>;
}

export interface Emmett {
  open(connectionString: string): EmmettStore;
  /** Where it was loaded from, for the table. */
  from: string;
  /** The `pg` Client class Emmett's driver uses (its own copy when loaded from the prefix), for counting round trips. */
  pgClient: unknown;
}

export function loadEmmett(): Emmett | { skip: string } {
  const places = [
    { from: 'the project', require: createRequire(__filename) },
    { from: FALLBACK_PREFIX, require: createRequire(join(FALLBACK_PREFIX, 'node_modules', '.bench')) },
  ];
  const failures: string[] = [];
  for (const place of places) {
    let path: string;
    try {
      path = place.require.resolve(PACKAGE);
    } catch {
      failures.push(`not in ${place.from}`);
      continue;
    }
    const module = place.require(path) as { getPostgreSQLEventStore: (connectionString: string) => EmmettStore };
    // pg is Dumbo's dependency (Emmett's SQL layer): the Client class its pool creates.
    const dumbo = createRequire(path).resolve('@event-driven-io/dumbo');
    const pgClient = (createRequire(dumbo)('pg') as { Client: unknown }).Client;
    return { open: (connectionString) => module.getPostgreSQLEventStore(connectionString), from: place.from, pgClient };
  }
  return { skip: `${PACKAGE} is not installed (${failures.join(', ')})` };
}
