export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
export { openEventStoreDb, type OpenEventStoreDbOptions } from './open-eventstoredb';
export { COMPLAINT_STREAM_PREFIXES, StreamScope } from './mapping/stream-scope';
export {
  ForeignEventError,
  ENVELOPE_VERSION,
  fromEsdbRecord,
  toEsdbMetadata,
  type EsdbEventMetadata,
} from './mapping/esdb-envelope';
export * from './mapping/revisions';
export { AppendWatch, type AppendWatchOptions, type SubscriptionStream } from './subscription/append-watch';
