import { describeEventStoreContract, testKeyEncryption } from '@complaints/testing';
import { openEmbeddedStore, type SqlStoreHandle } from '../src';
import { makeTempDir } from './support/temp-dir';

describeEventStoreContract('embedded (PGlite)', async () => {
  const dir = makeTempDir('contract');
  let handle: SqlStoreHandle = await openEmbeddedStore({
    dataDir: dir.path,
    ...testKeyEncryption(),
  });
  return {
    store: handle.eventStore,
    // Close and open the same directory: the events must have been persisted.
    reopen: async () => {
      await handle.close();
      handle = await openEmbeddedStore({ dataDir: dir.path, ...testKeyEncryption() });
      return handle.eventStore;
    },
    teardown: async () => {
      await handle.close();
      dir.remove();
    },
  };
});
