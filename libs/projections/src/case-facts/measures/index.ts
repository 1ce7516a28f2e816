export * from './overall-outcome';
export * from './measure-rows';
export * from './case-measures.writer';
