export * from './without-personal-properties';
export * from './event-schemas';
export * from './outbound-envelope';
export * from './published-documents';
