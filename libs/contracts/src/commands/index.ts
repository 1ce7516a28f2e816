export * from './commands';
export * from './restriction-commands';
export * from './circumstances-commands';
export * from './casework-commands';
export * from './document-commands';
export * from './feedback-commands';
