export * from './commands';
export * from './casework-commands';
