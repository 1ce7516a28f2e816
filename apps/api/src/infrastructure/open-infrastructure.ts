import {
  openInfrastructure as openSharedInfrastructure,
  type Infrastructure,
  type OpenInfrastructureOptions,
  type StoreConfig,
} from '@complaints/runtime';
import { ensureApiTables } from './api-tables';

// Opening the store is shared with the worker (@complaints/runtime); the API adds its own tables.
export type { Infrastructure, OpenInfrastructureOptions } from '@complaints/runtime';

/** Everything the API needs from the outside world, opened from the configuration at start, with the API's own tables ensured. */
export function openInfrastructure(store: StoreConfig, options: OpenInfrastructureOptions): Promise<Infrastructure> {
  return openSharedInfrastructure(store, {
    ...options,
    prepare: async (sql) => {
      await ensureApiTables(sql);
      await options.prepare?.(sql);
    },
  });
}
