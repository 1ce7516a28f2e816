export * from './policy-profiles';
export * from './compute-sla';
export * from './sla-status';
