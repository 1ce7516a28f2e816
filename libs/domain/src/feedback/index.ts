export * from './feedback-rules';
export * from './feedback-state';
export * from './feedback-decider';
