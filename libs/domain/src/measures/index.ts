export * from './reporting-year';
export * from './compute-tsm';
