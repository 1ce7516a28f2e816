export * from './read-model-seal';
export * from './data-subject';
