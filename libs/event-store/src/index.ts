export * from './port/event-store.port';
export * from './port/key-store.port';
export * from './integrity/hash-chain';
