export * from './decider';
export * from './calendar';
export * from './sla';
export * from './measures';
export * from './complaint';
export * from './governance';
export * from './feedback';
