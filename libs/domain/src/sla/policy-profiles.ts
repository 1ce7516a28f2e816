import type { Stage } from '@complaints/contracts';

export interface StagePolicy {
  /** Working days after the stage started (receipt / escalation request) to acknowledge. */
  readonly acknowledgeWithinWorkingDays: number;
  readonly respondWithinWorkingDays: number;
  /**
   * Where the response clock starts: the acknowledgement (the 2024 Code, 6.3 and 6.15: the day it was
   * acknowledged, late or not; until then, provisionally the acknowledgement due date) or the start
   * of the stage (policies that say "within N days of receipt").
   */
  readonly respondFrom: 'acknowledgement' | 'start';
  /** Extensions counted towards the Code target; any more move only the organisation's own target. */
  readonly maxExtensionWorkingDays: number;
}

export interface PolicyProfile {
  readonly id: string;
  readonly name: string;
  readonly stages: { readonly [S in Stage]: StagePolicy };
}

/** The Housing Ombudsman's Complaint Handling Code, in force 1 April 2024 (sections 5 and 6). */
export const CODE_2024: PolicyProfile = Object.freeze({
  id: 'code-2024',
  name: 'Housing Ombudsman Complaint Handling Code 2024',
  stages: Object.freeze({
    1: Object.freeze({
      acknowledgeWithinWorkingDays: 5,
      respondWithinWorkingDays: 10,
      respondFrom: 'acknowledgement',
      maxExtensionWorkingDays: 10,
    }),
    2: Object.freeze({
      acknowledgeWithinWorkingDays: 5,
      respondWithinWorkingDays: 20,
      respondFrom: 'acknowledgement',
      maxExtensionWorkingDays: 20,
    }),
  }),
});

/**
 * A stricter local policy (Salix Homes, 2021, from the seeds): acknowledge within 2 WD and
 * respond within 10 WD of receipt; a review (stage 2) acknowledged within 2 WD and answered within
 * 15 WD of the request. The policy states no extension limit of its own, so the Code's apply.
 */
export const SALIX_HOMES_2021: PolicyProfile = Object.freeze({
  id: 'salix-homes-2021',
  name: 'Salix Homes complaints policy 2021',
  stages: Object.freeze({
    1: Object.freeze({
      acknowledgeWithinWorkingDays: 2,
      respondWithinWorkingDays: 10,
      respondFrom: 'start',
      maxExtensionWorkingDays: 10,
    }),
    2: Object.freeze({
      acknowledgeWithinWorkingDays: 2,
      respondWithinWorkingDays: 15,
      respondFrom: 'start',
      maxExtensionWorkingDays: 20,
    }),
  }),
});
