export * from './not-personal';
export * from './staff-text';
export * from './string-fields';
export * from './unclassified-fields';
