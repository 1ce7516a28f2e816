export * from './complaint-received';
export * from './stage-events';
export * from './after-events';
export * from './retention-events';
export * from './stage-two-panel-events';
export * from './related-issue-events';
export * from './representative-events';
