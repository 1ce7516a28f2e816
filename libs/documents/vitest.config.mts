import { projectConfig } from '../../vitest.shared.mts';

// Every PDF embeds and subsets the DejaVu fonts and is read back with pdf.js: seconds each on a
// busy machine, more than vitest's 5 s default for the tests that lay out several.
export default projectConfig(import.meta.dirname, { testTimeout: 60_000 });
