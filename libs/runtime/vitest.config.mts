import { projectConfig } from '../../vitest.shared.mts';

// Each test opens a store (PGlite needs a few seconds to create a data directory).
export default projectConfig(import.meta.dirname, { hookTimeout: 60_000, testTimeout: 60_000 });
