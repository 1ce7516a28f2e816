export * from './commands';
export * from './circumstances-commands';
