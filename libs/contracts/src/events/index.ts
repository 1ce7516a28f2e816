export * from './complaint-received';
export * from './stage-events';
export * from './after-events';
export * from './retention-events';
export * from './restriction-events';
export * from './enquiry-events';
export * from './circumstances-events';
