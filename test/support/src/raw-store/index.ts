export * from './markers';
export * from './raw-sql';
export * from './scan-files';
export * from './scan-pages';
export * from './scan-wal';
export * from './clear-control';
export * from './pglite-pages';
