import { InMemoryCheckpointStore, InMemoryEventStore } from '@complaints/event-store';
import { describeEventStoreContract } from '../src/event-store-contract';

// The in-memory store is what the application layers are unit-tested on, so it must keep the
// same contract as the production adapters. Checkpoints outlive a "reopen" as they would in a
// database; the events themselves live only as long as the store, so there is no reopen here.
describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore({ checkpoints: new InMemoryCheckpointStore() });
  return { store, teardown: () => store.close() };
});
