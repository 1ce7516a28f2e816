// The pages people use, rendered to strings from what the read side answered: no Nest, no HTTP platform.
export * from './branding';
export * from './assets/stylesheet';
export * from './render/page-renderer';
export * from './layout/navigation';
export * from './views/dashboard/dashboard-page';
export * from './views/case-forms/case-actions';
export * from './views/case-forms/case-steps';
export * from './views/case-forms/form-fields';
export * from './views/case-forms/step-forms';
export * from './views/case-forms/step-page';
export * from './views/case-forms/receive-form';
export * from './views/attention/attention-page';
