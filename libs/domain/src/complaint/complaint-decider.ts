import type { ComplaintCommand, ComplaintEvent } from '@complaints/contracts';
import type { Decider } from '../decider';
import { decide } from './decide';
import { evolve } from './evolve';
import { initialState, type ComplaintState } from './state';

/** The complaint aggregate: one event stream per complaint, decided and folded purely. */
export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  decide,
  evolve,
  initialState,
};
