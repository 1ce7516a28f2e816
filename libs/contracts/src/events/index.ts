export * from './complaint-received';
export * from './stage-events';
export * from './after-events';
export * from './retention-events';
export * from './letter-events';
