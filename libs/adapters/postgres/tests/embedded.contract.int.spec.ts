import { describeEventStoreContract, testKeyEncryption } from '@complaints/testing';
import { openEmbeddedStore, type SqlStoreHandle } from '../src';
import { makeTempDir } from './support/temp-dir';

describeEventStoreContract('embedded (PGlite)', async () => {
  const dir = makeTempDir('contract');
  let handle: SqlStoreHandle = await openEmbeddedStore({
    dataDir: dir.path,
    pollIntervalMs: 50,
    ...testKeyEncryption(),
  });
  return {
    store: handle.eventStore,
    // Close and open the same directory: events and checkpoints must have been persisted.
    reopen: async () => {
      await handle.close();
      handle = await openEmbeddedStore({ dataDir: dir.path, pollIntervalMs: 50, ...testKeyEncryption() });
      return handle.eventStore;
    },
    teardown: async () => {
      await handle.close();
      dir.remove();
    },
  };
});
