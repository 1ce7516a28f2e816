export * from './primitives';
export * from './envelope';
export * from './define-event';
export * from './events';
export * from './registry';
export * from './upcasting';
export * from './personal-data';
export * from './commands';
