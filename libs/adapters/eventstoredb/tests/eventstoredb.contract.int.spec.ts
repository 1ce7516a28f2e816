import { randomBytes } from 'node:crypto';
import type { EventStore } from '@complaints/event-store';
import { describeEventStoreContract } from '@complaints/testing';
import { openEventStoreDb } from '../src';
import { provideEventStoreDb } from './support/eventstoredb-server';

describeEventStoreContract('eventstoredb', async () => {
  const server = await provideEventStoreDb();
  if ('skip' in server) return server;
  console.info(`[contract] eventstoredb: using ${server.source}`);

  // Our streams only: a unique prefix keeps this run apart from anything else on the server.
  const streamPrefix = `contract${randomBytes(4).toString('hex')}`;
  const open = (): EventStore =>
    openEventStoreDb({ connectionString: server.connectionString, streamPrefixes: [`${streamPrefix}-`] });
  let store = open();
  return {
    store,
    streamPrefix,
    reopen: async () => {
      await store.close();
      store = open();
      return store;
    },
    teardown: async () => {
      await store.close();
      await server.dispose();
    },
  };
});
