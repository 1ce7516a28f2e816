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
  appendToStream(
    streamName: string,
    events: { type: string; data: unknown; metadata?: Record<string, unknown> }[],
    options: { expectedStreamVersion: bigint },
  ): Promise<unknown>;
  /** Emmett's store, its connection pools and what it changed in `pg` undone. Idempotent. */
  close(): Promise<void>;
}

export interface Emmett {
  open(connectionString: string): EmmettStore;
  /** Where it was loaded from, for the table. */
  from: string;
  /** The `pg` Client class Emmett's driver uses (its own copy when loaded from the prefix), for counting round trips. */
  pgClient: unknown;
}

interface PgTypes {
  getTypeParser(oid: number, format: 'text'): unknown;
  setTypeParser(oid: number, parser: unknown): void;
}

/**
 * What Dumbo (Emmett's SQL layer) sets for every user of its `pg` module when it opens a pool:
 * int8 as BigInt, json and jsonb through its own parser. Installed beside the product, `pg` is one
 * module for both, and the product's queries must not run on Emmett's parsers.
 */
const DUMBO_TYPE_OIDS = [20, 114, 3802];

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
    const emmett = place.require(path) as { getPostgreSQLEventStore: (connectionString: string) => EmmettStore };
    // pg is Dumbo's dependency: the Client class its pools create, and the type parsers it sets.
    const dumboPath = createRequire(path).resolve('@event-driven-io/dumbo');
    const dumbo = createRequire(path)(dumboPath) as { endAllPools: () => Promise<unknown> };
    const pg = createRequire(dumboPath)('pg') as { Client: unknown; types: PgTypes };
    const open = (connectionString: string): EmmettStore => {
      const parsers = DUMBO_TYPE_OIDS.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')] as const);
      const store = emmett.getPostgreSQLEventStore(connectionString);
      let closing: Promise<void> | undefined;
      return {
        appendToStream: (streamName, events, options) => store.appendToStream(streamName, events, options),
        close: () =>
          (closing ??= (async () => {
            try {
              await store.close();
              // Dumbo counts the users of a pool and ends it only at none: its schema migration takes one too, never given back.
              await dumbo.endAllPools();
            } finally {
              for (const [oid, parser] of parsers) pg.types.setTypeParser(oid, parser);
            }
          })()),
      };
    };
    return { open, from: place.from, pgClient: pg.Client };
  }
  return { skip: `${PACKAGE} is not installed (${failures.join(', ')})` };
}
