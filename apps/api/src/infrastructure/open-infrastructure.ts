import { EVENTS_APPENDED_CHANNEL, openEmbeddedStore, openPostgresStore, type SqlExecutor, type SqlStoreHandle } from '@complaints/adapter-postgres';
import { openEventStoreDb } from '@complaints/adapter-eventstoredb';
import { ComplaintEventStore, type Clock } from '@complaints/event-store';
import { complaintLogSource, type ProjectionSource } from '@complaints/projections';
import { describeStore, type StoreConfig } from '../config/app-config';
import { ensureApiTables } from './api-tables';

/** Everything the API needs from the outside world, opened from the configuration at start. */
export interface Infrastructure {
  /** For the start-up log: which engine, where (passwords masked). */
  readonly description: string;
  readonly complaints: ComplaintEventStore;
  /** The SQL database for the API's own tables (idempotency keys, reference counters) and the read models. */
  readonly sql: SqlExecutor;
  /** The global log as the read models consume it. */
  readonly projectionSource: ProjectionSource;
  /** The LISTEN channel on which `sql` announces appends, when the events live in it (not with EventStoreDB). */
  readonly appendChannel: string | undefined;
  /** Resolves when the event store answers; rejects otherwise (GET /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenInfrastructureOptions {
  clock?: Clock;
}

export async function openInfrastructure(store: StoreConfig, options: OpenInfrastructureOptions = {}): Promise<Infrastructure> {
  switch (store.kind) {
    case 'embedded':
      return fromSqlHandle(await openEmbeddedStore({ dataDir: store.dataDir, ...(options.clock ? { clock: options.clock } : {}) }), describeStore(store));
    case 'postgres':
      return fromSqlHandle(
        await openPostgresStore({ connectionString: store.url, ...(options.clock ? { clock: options.clock } : {}) }),
        describeStore(store),
      );
    case 'eventstoredb':
      return withEventStoreDb(store.url, store.readModels, describeStore(store), options);
  }
}

/**
 * Events in EventStoreDB; keys, checkpoints and the API's own tables in the read-model database
 * (PostgreSQL, or embedded when no DATABASE_URL), whose own event tables then stay empty.
 */
async function withEventStoreDb(
  url: string,
  readModels: Extract<StoreConfig, { kind: 'eventstoredb' }>['readModels'],
  description: string,
  options: OpenInfrastructureOptions,
): Promise<Infrastructure> {
  const clock = options.clock ? { clock: options.clock } : {};
  const sqlHandle =
    readModels.kind === 'postgres'
      ? await openPostgresStore({ connectionString: readModels.url, ...clock })
      : await openEmbeddedStore({ dataDir: readModels.dataDir, ...clock });
  const events = openEventStoreDb({ connectionString: url, checkpoints: sqlHandle.checkpoints, ...clock });
  const close = async () => {
    try {
      await events.close();
    } finally {
      await sqlHandle.close();
    }
  };
  try {
    await ensureApiTables(sqlHandle.sql);
    await events.headPosition(); // fail at start, not on the first request, when it is unreachable
  } catch (error) {
    await close();
    throw error;
  }
  const complaints = new ComplaintEventStore({ store: events, keys: sqlHandle.keyStore });
  return {
    description,
    complaints,
    sql: sqlHandle.sql,
    projectionSource: complaintLogSource(complaints, events),
    appendChannel: undefined,
    ping: async () => {
      await events.headPosition();
    },
    close,
  };
}

async function fromSqlHandle(handle: SqlStoreHandle, description: string): Promise<Infrastructure> {
  try {
    await ensureApiTables(handle.sql);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const complaints = new ComplaintEventStore({ store: handle.eventStore, keys: handle.keyStore });
  return {
    description,
    complaints,
    sql: handle.sql,
    projectionSource: complaintLogSource(complaints, handle.eventStore),
    appendChannel: EVENTS_APPENDED_CHANNEL,
    ping: async () => {
      await handle.eventStore.headPosition();
    },
    close: () => handle.close(),
  };
}
