import type { Clock } from '@complaints/event-store';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

export interface OpenEventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false` (EVENTSTORE_URL). */
  connectionString: string;
  clock?: Clock;
  /** The streams of this store. Default: `complaint-`. */
  streamPrefixes?: readonly string[];
}

/** Connect to EventStoreDB / KurrentDB. The returned store owns the client: `close()` disposes of it. */
export function openEventStoreDb(options: OpenEventStoreDbOptions): EventStoreDbEventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  return new EventStoreDbEventStore({
    client,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {}),
  });
}
