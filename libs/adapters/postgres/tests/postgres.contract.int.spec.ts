import { describeEventStoreContract, provisionTestDatabase, testKeyEncryption } from '@complaints/testing';
import { openPostgresStore, type SqlStoreHandle } from '../src';

describeEventStoreContract('PostgreSQL', async () => {
  const database = await provisionTestDatabase();
  if ('skip' in database) return database;
  const open = () => openPostgresStore({ ...testKeyEncryption(), connectionString: database.connectionString });
  let handle: SqlStoreHandle = await open();
  return {
    store: handle.eventStore,
    reopen: async () => {
      await handle.close();
      handle = await open();
      return handle.eventStore;
    },
    teardown: async () => {
      await handle.close();
      await database.dispose();
    },
  };
});
