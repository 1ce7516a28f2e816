import { projectConfig } from '../../vitest.shared.mts';

// Each spec file starts one Nest app on a fresh embedded store (PGlite needs ~4 s to create a
// data directory), so the hooks get more time than vitest's default 10 s.
export default projectConfig(import.meta.dirname, { hookTimeout: 60_000, testTimeout: 30_000 });
