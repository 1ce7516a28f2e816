/**
 * Every project's vitest configuration in one run, for `npm run test:unit`: the unit specs
 * (`*.unit.spec.ts`: no database, network, browser, child process or file system) of all
 * projects in seconds. `npm test` still runs every kind per project through Nx.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'apps/*/vitest.config.mts',
      'libs/*/vitest.config.mts',
      'libs/adapters/*/vitest.config.mts',
      'test/*/vitest.config.mts',
      'infra/vitest.config.mts',
    ],
  },
});
