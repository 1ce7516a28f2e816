export { EQUALITY_MONITORING, equalityMonitoringProjection } from './equality-monitoring.projection';
export { queryEqualityAnswers } from './query-equality-monitoring';
