export * from './port/event-store.port';
