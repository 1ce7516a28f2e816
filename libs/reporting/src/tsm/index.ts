export * from './tsm-figures';
export * from './tsm-from-facts';
export * from './tsm-complaints-from-facts';
