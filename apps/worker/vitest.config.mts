import { projectConfig } from '../../vitest.shared.mts';

// The tests start the worker (and the API) as child processes compiling TypeScript on load,
// so starting takes seconds; each test gets its own PostgreSQL database.
export default projectConfig(import.meta.dirname, { hookTimeout: 120_000, testTimeout: 120_000 });
