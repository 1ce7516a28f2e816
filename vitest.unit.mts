/**
 * `npm run test:unit`: every project's unit specs (`*.unit.spec.ts`: no database, network,
 * browser, child process or file system) in seconds. `npm test` still runs every kind per
 * project through Nx, each file in its own module graph.
 *
 * One configuration over all the projects rather than vitest's `projects` (each project's config
 * is `projectConfig` of its folder, so the options are the same): one Vite server transforms
 * each library once, where twenty did it twenty times. And files share a worker's modules
 * (`isolate: false`): importing the libraries anew for each of a hundred files was most of the
 * run. Unit specs hold no state outside their tests; one that did would still be caught by
 * `npm test`, which isolates every file.
 */
import { projectConfig } from './vitest.shared.mts';

export default projectConfig(import.meta.dirname, {
  include: [
    'apps/*/{src,tests}/**/*.unit.spec.ts',
    'libs/*/{src,tests}/**/*.unit.spec.ts',
    'libs/adapters/*/{src,tests}/**/*.unit.spec.ts',
    'test/*/{src,tests}/**/*.unit.spec.ts',
    'infra/{src,tests}/**/*.unit.spec.ts',
  ],
  isolate: false,
});
