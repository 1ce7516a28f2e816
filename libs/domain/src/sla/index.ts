export * from './policy-profiles';
export * from './compute-sla';
export * from './sla-status';
export { nextStageFacts, collectStageFacts, type ExtensionFacts, type StageFacts } from './stage-facts';
