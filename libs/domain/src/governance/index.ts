export * from './complaint-handling-code';
export * from './self-assessment';
export * from './annual-report';
