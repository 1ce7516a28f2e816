import { projectConfig } from '../../vitest.shared.mts';

// Each spec file starts one Nest app on a fresh embedded store (PGlite needs ~4 s to create a
// data directory), so hooks get more time than vitest's default. With DATABASE_URL the files
// share one PostgreSQL database, so they run one after another (their reports count deltas).
export default projectConfig(import.meta.dirname, {
  hookTimeout: 60_000,
  testTimeout: 30_000,
  fileParallelism: !process.env['DATABASE_URL'],
});
