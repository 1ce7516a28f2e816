export * from './not-personal';
export * from './string-fields';
export * from './unclassified-fields';
