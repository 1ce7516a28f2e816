// The pages people use, rendered to strings from what the read side answered: no Nest, no HTTP platform.
export * from './branding';
export * from './assets/stylesheet';
export * from './render/page-renderer';
export * from './layout/navigation';
export * from './views/dashboard/dashboard-page';
export * from './views/case-forms/case-actions';
export * from './views/case-forms/case-steps';
