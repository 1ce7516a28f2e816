// PGlite's contrib extensions are exported under "./contrib/*", which this repository's node10
// module resolution cannot see (it ignores package exports); their shape, for the raw scans.
declare module '@electric-sql/pglite/contrib/pageinspect' {
  import type { Extension } from '@electric-sql/pglite';
  export const pageinspect: Extension;
}
