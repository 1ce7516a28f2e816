import { dirname, join } from 'node:path';

/** `node_modules/govuk-frontend/dist`: its Nunjucks macros (`govuk/components/*`) and compiled CSS. */
export function govukFrontendDir(): string {
  return join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
}
