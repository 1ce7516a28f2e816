export * from './commands';
export * from './document-commands';
