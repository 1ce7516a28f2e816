export * from './transparency-log.projection';
export * from './tree-tables';
export * from './checkpoint-tables';
export * from './transparency-log';
export * from './complaint-evidence';
export * from './signed-checkpoint-store';
export * from './stream-against-log';
export * from './complaint-integrity';
