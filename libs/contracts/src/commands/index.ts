export * from './commands';
export * from './restriction-commands';
