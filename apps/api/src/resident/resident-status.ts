import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import { CODE_2024, complaintDecider, computeSla, fold, isReceived, toLondonDate, type WorkingDayCalendar } from '@complaints/domain';

/** Where a resident can take a complaint the landlord's procedure has finished with (Code 6.18, 5.9). */
export const HOUSING_OMBUDSMAN = {
  name: 'Housing Ombudsman Service',
  website: 'https://www.housing-ombudsman.org.uk',
  telephone: '0300 111 3000',
  email: 'info@housing-ombudsman.org.uk',
} as const;

/**
 * What a resident sees of their own complaint, and nothing else: the reference, where it stands
 * in plain words, the stage, the key dates (received, acknowledged, response due, responded)
 * and what happens next, with how to escalate or go to the Ombudsman when that is the next step.
 * Built field by field: no handler, no internal note, no decision text, no other person.
 */
export function residentStatus(events: readonly ComplaintEvent[], calendar: WorkingDayCalendar, today: CalendarDate) {
  const state = fold(complaintDecider, events);
  if (!isReceived(state)) return null;
  const sla = computeSla(events, calendar, CODE_2024);
  const current = sla.stages.find((s) => s.stage === state.stage) ?? sla.stages[0];
  if (!current) return null; // every received complaint has a stage 1
  const stageName = state.stage === 1 ? 'stage 1' : 'stage 2 (our review)';
  let ombudsmanWhen = 'You can ask the Housing Ombudsman to look at your complaint now that our complaints procedure has finished.';

  let status: string;
  let nextStep: string;
  let escalation: string | null = null;
  let showOmbudsman = false;

  switch (state.status) {
    case 'refused':
      status = 'not taken on';
      nextStep = 'We wrote to you to explain why we could not take your complaint through our complaints procedure.';
      showOmbudsman = true;
      break;
    case 'withdrawn':
      status = 'withdrawn';
      nextStep = `You withdrew this complaint on ${toLondonDate(state.endedAt ?? state.lastActivityAt)}. Contact us quoting your reference if you want to raise it again.`;
      break;
    case 'closed':
      status = 'closed';
      nextStep = `Your complaint was closed on ${toLondonDate(state.endedAt ?? state.lastActivityAt)}.`;
      if (state.stage === 1) {
        escalation = 'If you are not happy with our stage 1 response, contact us quoting your reference and ask for your complaint to go to stage 2. You do not have to give a reason.';
      }
      showOmbudsman = state.stage === 2;
      break;
    case 'open':
      if (current.acknowledgedOn === null) {
        status = state.stage === 1 ? 'received' : 'review requested';
        nextStep =
          current.acknowledgementDue < today
            ? `We should have acknowledged your ${stageName} complaint by ${current.acknowledgementDue} and have not yet. We are sorry: we will contact you as soon as possible.`
            : `We will acknowledge your ${stageName} complaint by ${current.acknowledgementDue}.`;
        showOmbudsman = current.acknowledgementDue < today;
      } else if (current.respondedOn === null) {
        status = state.stage === 1 ? 'being investigated' : 'being reviewed';
        const response = state.stage === 1 ? 'response' : 'final response';
        nextStep =
          current.responseDue < today
            ? `Our ${response} was due by ${current.responseDue} and is late. We are sorry: we will send it as soon as we can.`
            : `We will send you our ${response} by ${current.responseDue}.`;
        showOmbudsman = current.responseDue < today;
      } else if (state.stage === 1) {
        status = 'response sent';
        nextStep = `We sent our stage 1 response on ${current.respondedOn}.`;
        escalation = 'If you are not happy with our response, contact us quoting your reference and ask for your complaint to go to stage 2. You do not have to give a reason.';
      } else {
        status = 'final response sent';
        nextStep = `We sent our final response on ${current.respondedOn}.`;
        showOmbudsman = true;
      }
      break;
  }

  if (state.status === 'open' && showOmbudsman) {
    // The Code's timescales are the resident's too: a landlord that misses them can be reported.
    ombudsmanWhen = 'We have not kept to the Complaint Handling Code timescales. You can contact the Housing Ombudsman, who can step in when a landlord does not respond in time.';
  }
  return {
    reference: state.reference,
    status,
    stage: state.stage,
    receivedOn: toLondonDate(state.receivedAt),
    acknowledgedOn: current.acknowledgedOn,
    responseDue: state.status === 'open' && current.respondedOn === null ? current.responseDue : null,
    respondedOn: current.respondedOn,
    nextStep,
    howToEscalate: escalation,
    ombudsman: showOmbudsman ? { ...HOUSING_OMBUDSMAN, when: ombudsmanWhen } : null,
  };
}
