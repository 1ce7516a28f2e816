export * from './letter-case';
export * from './letter-blocks';
export * from './letter-model';
export * from './letter-formats';
export * from './letter-templates';
export * from './ombudsman';
export * from './sample-letter-case';
