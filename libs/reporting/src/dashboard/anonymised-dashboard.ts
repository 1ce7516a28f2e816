import type { SlaDashboard } from './dashboard-shape';

/**
 * What a scrutiny panel may see of the dashboard: the counts. Handler names and the list of
 * overdue cases (references tie back to residents) are left out.
 */
export function anonymisedDashboard(dashboard: SlaDashboard) {
  const { byHandler: _byHandler, overdue: _overdue, ...rest } = dashboard;
  return rest;
}
