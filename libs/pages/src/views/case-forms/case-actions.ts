import type { Role } from '@complaints/contracts';
import { isReceived, type ComplaintState } from '@complaints/domain';
import { CASE_STEPS, STEP_TITLES, stepAllowed, stepHref } from './case-steps';
import { stepRolesAllow } from './restriction-forms';

export interface CaseAction {
  text: string;
  href: string;
}

/**
 * "What you can do now" on the case page: a link to the form of every step the case allows
 * now that the viewer's roles may record (auditors get none: they read; administrators only the
 * data-protection steps).
 * Rendered by `templates/pages/case/actions.njk` (context key `actions`).
 */
export function caseActionsOf(state: ComplaintState, roles: readonly Role[], complaintId: string): CaseAction[] {
  if (!isReceived(state)) return [];
  return CASE_STEPS.filter((step) => stepAllowed(step, state) && stepRolesAllow(step, roles)).map((step) => ({
    text: STEP_TITLES[step],
    href: stepHref(complaintId, step),
  }));
}
