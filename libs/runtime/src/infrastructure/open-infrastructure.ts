import {
  EVENTS_APPENDED_CHANNEL,
  openEmbeddedStore,
  openPostgresStore,
  type KeyEncryptionOptions,
  type OnMigrating,
  type SqlExecutor,
  type SqlStoreHandle,
} from '@complaints/adapter-postgres';
import { ComplaintEventStore, fileKeyEncryption, type Clock, type KeyStore } from '@complaints/event-store';
import { complaintLogSource, type ProjectionSource, type WakeSource } from '@complaints/projections';
import { describeStore, type KekRotationAfterErasure, type StoreConfig } from '../config/shared-settings';
import type { Logger } from '../logging/logger';

/** Everything the API and the worker need from the outside world, opened from the configuration at start. */
export interface Infrastructure {
  /** For the start-up log: which engine, where (passwords masked). */
  readonly description: string;
  readonly complaints: ComplaintEventStore;
  /** The data subjects' keys (the complaints' store encrypts with them; the read models seal with them). */
  readonly keys: KeyStore;
  /** The SQL database for the API's own tables (idempotency keys, reference counters), the read models and the relay's state. */
  readonly sql: SqlExecutor;
  /** The global log as the read models and the relay consume it. */
  readonly projectionSource: ProjectionSource;
  /** The LISTEN channel on which `sql` announces appends, when the events live in it (not with EventStoreDB). */
  readonly appendChannel: string | undefined;
  /**
   * Announces appends made by any process, whatever the store: the LISTEN channel on the SQL
   * stores, a live `$all` subscription on EventStoreDB. A wake-up only: listeners read from
   * their own checkpoints.
   */
  readonly appendSignal: WakeSource;
  /** Resolves when the event store answers; rejects otherwise (GET /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** KEYS_DIR and KEK_ROTATION_AFTER_ERASURE, as parsed (docs/data-protection.md). */
export interface KeySettings {
  keysDir: string;
  kekRotationAfterErasure: KekRotationAfterErasure;
}

export interface OpenInfrastructureOptions {
  /** Where the key-encryption keys of the subject keys live, and when they rotate after an erasure. */
  keys: KeySettings;
  clock?: Clock;
  /** Run on the SQL database once it is open (the API creates its own tables here). A failure closes everything again. */
  prepare?: (sql: SqlExecutor) => Promise<void>;
  /** Failures of background connections that are retried by themselves (the EventStoreDB subscription, PostgreSQL's LISTEN). */
  onBackgroundError?: (what: string, error: unknown) => void;
  /** Told the schema steps this start applies to the SQL database, before they run (the start-up log). */
  onMigrating?: OnMigrating;
}

/**
 * The start-up log's lines about the store (docs/operations.md, "Start-up"): says now which store
 * is being opened, and returns the option that names the schema steps when a start applies any
 * (the first start applies them all).
 */
export function reportStoreOpening(
  logger: Pick<Logger, 'info'>,
  store: StoreConfig,
): Pick<OpenInfrastructureOptions, 'onMigrating'> {
  const description = describeStore(store);
  logger.info({ store: description }, `opening the store: ${description}`);
  return {
    onMigrating: (steps) => {
      const names = steps.map((step) => `${step.version} ${step.name}`);
      logger.info({ migrations: names }, `migrating: ${names.join(', ')}`);
    },
  };
}

export async function openInfrastructure(
  store: StoreConfig,
  options: OpenInfrastructureOptions,
): Promise<Infrastructure> {
  const clock = options.clock ? { clock: options.clock } : {};
  const keys = keyEncryptionOf(options);
  switch (store.kind) {
    case 'embedded':
      return fromSqlHandle(
        await openEmbeddedStore({ dataDir: store.dataDir, durability: store.durability, ...clock, ...keys }),
        describeStore(store),
        options,
      );
    case 'postgres':
      return fromSqlHandle(
        await openPostgresStore({ connectionString: store.url, ...clock, ...keys, ...listenErrors(options) }),
        describeStore(store),
        options,
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
  const keys = keyEncryptionOf(options);
  const sqlHandle =
    readModels.kind === 'postgres'
      ? await openPostgresStore({ connectionString: readModels.url, ...clock, ...keys, ...listenErrors(options) })
      : await openEmbeddedStore({ dataDir: readModels.dataDir, durability: readModels.durability, ...clock, ...keys });
  // The EventStoreDB adapter (and its gRPC client) is loaded only when EVENTSTOREDB_URL is set:
  // the SQL stores never load it (docs/operations.md, "Start-up").
  const { openEventStoreDb } = await import('@complaints/adapter-eventstoredb');
  const events = openEventStoreDb({ connectionString: url, ...clock });
  const close = async () => {
    try {
      await events.close();
    } finally {
      await sqlHandle.close();
    }
  };
  try {
    await options.prepare?.(sqlHandle.sql);
    await events.headPosition(); // fail at start, not on the first request, when it is unreachable
  } catch (error) {
    await close();
    throw error;
  }
  const complaints = new ComplaintEventStore({ store: events, keys: sqlHandle.keyStore });
  return {
    description,
    complaints,
    keys: sqlHandle.keyStore,
    sql: sqlHandle.sql,
    projectionSource: complaintLogSource(complaints, events),
    appendChannel: undefined,
    appendSignal: async (wake) => {
      const watch = events.watchAppends(wake, {
        onError: (error) =>
          options.onBackgroundError?.('EventStoreDB $all subscription failed; subscribing again', error),
      });
      return () => watch.stop();
    },
    ping: async () => {
      await events.headPosition();
    },
    close,
  };
}

async function fromSqlHandle(
  handle: SqlStoreHandle,
  description: string,
  options: OpenInfrastructureOptions,
): Promise<Infrastructure> {
  try {
    await options.prepare?.(handle.sql);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const complaints = new ComplaintEventStore({ store: handle.eventStore, keys: handle.keyStore });
  return {
    description,
    complaints,
    keys: handle.keyStore,
    sql: handle.sql,
    projectionSource: complaintLogSource(complaints, handle.eventStore),
    appendChannel: EVENTS_APPENDED_CHANNEL,
    appendSignal: (wake) => handle.sql.listen(EVENTS_APPENDED_CHANNEL, wake),
    ping: async () => {
      await handle.eventStore.headPosition();
    },
    close: () => handle.close(),
  };
}

/** KEKs as files in KEYS_DIR/kek/<store id>/, created on the first start like the development JWT secret. */
function keyEncryptionOf(options: OpenInfrastructureOptions): KeyEncryptionOptions {
  const report = options.onBackgroundError;
  return {
    ...(options.onMigrating ? { onMigrating: options.onMigrating } : {}),
    keyEncryptionFor: fileKeyEncryption(options.keys.keysDir),
    kekRotation: options.keys.kekRotationAfterErasure,
    ...(report
      ? {
          onKekRotationError: (error: unknown) =>
            report('rotating the key-encryption key after an erasure failed; trying again', error),
        }
      : {}),
  };
}

function listenErrors(options: OpenInfrastructureOptions): { onListenError?: (channel: string, error: Error) => void } {
  const report = options.onBackgroundError;
  return report ? { onListenError: (channel, error) => report(`LISTEN ${channel} lost; listening again`, error) } : {};
}
