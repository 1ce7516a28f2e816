export * from './commands';
export * from './restriction-commands';
export * from './circumstances-commands';
export * from './casework-commands';
export * from './document-commands';
export * from './annual-report-commands';
export * from './governance-commands';
export * from './improvement-action-commands';
