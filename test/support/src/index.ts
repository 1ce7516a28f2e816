/**
 * @complaints/testing — the one place for test code shared between projects: the event-store
 * contract suite every adapter runs, small builders for store-level tests, and running a
 * TypeScript fixture as a child process for crash tests, and the raw-store scans (raw-store/)
 * behind the "nothing personal in clear at rest" tests. Imported only
 * from spec files.
 */
export * from './event-factory';
export * from './event-store-contract';
export * from './blob-store-contract';
export * from './free-port';
export * from './postgres-test-database';
export * from './describe-on-postgres';
export * from './ts-fixture-process';
export * from './test-key-encryption';
export * from './raw-store';
export * from './service-process';
