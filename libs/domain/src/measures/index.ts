export * from './reporting-year';
export * from './compute-tsm';
export * from './tsm-membership';
