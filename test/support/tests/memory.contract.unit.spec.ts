import { InMemoryEventStore } from '@complaints/event-store';
import { describeEventStoreContract } from '../src/event-store-contract';

// The in-memory store is what the application layers are unit-tested on, so it must keep the
// same contract as the production adapters. Its events live only as long as the store, so
// there is no reopen here.
describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, teardown: () => store.close() };
});
