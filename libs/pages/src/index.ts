// The pages people use, rendered to strings from what the read side answered: no Nest, no HTTP platform.
export * from './branding';
export * from './assets/stylesheet';
export * from './render/page-renderer';
export * from './layout/navigation';
export * from './views/dashboard/dashboard-page';
export * from './render/escape-html';
export * from './charts/bar-chart';
export * from './views/panel/panel-months';
export * from './views/panel/panel-home';
export * from './views/panel/panel-lessons';
export * from './views/panel/panel-sample';
export * from './views/panel/panel-monthly';
export * from './views/case/as-at-date';
export * from './views/case/complaints-list-page';
export * from './views/case/case-page';
export * from './views/case/case-as-at-page';
export * from './views/resident/resident-page';
