// The read side's reports, without Nest: controllers parse, call one of these, respond.
export * from './organisation';
export * from './case-view/complaint-view';
export * from './dashboard/sla-dashboard';
export * from './attention/attention-queue';
export * from './period/period-figures';
export * from './period/annual-report';
export * from './panel/monthly-report';
export * from './panel/panel-period';
export * from './panel/panel-sample';
export * from './panel/panel-cases';
export * from './panel/lessons-register';
export * from './resident/resident-status';
export * from './format/uk-dates';
export * from './period/period-figures-from-facts';
export * from './period/annual-report-from-facts';
export * from './tsm';
