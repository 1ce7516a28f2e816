import type { CalendarDate, ComplaintEvent, RefusalGround } from '@complaints/contracts';
import { toLondonDate, type WorkingDayCalendar } from '@complaints/domain';
import { caseAsOf } from '../case-as-of/case-as-of';
import { longUkDate } from '../format/uk-dates';

/**
 * Who a resident can take their complaint to once the landlord's procedure has finished with it
 * (Code 6.18, 5.9), or when the landlord has missed a Code date or extended one (Code 6.4-6.5).
 */
export const HOUSING_OMBUDSMAN = {
  name: 'Housing Ombudsman Service',
  website: 'https://www.housing-ombudsman.org.uk',
  telephone: '0300 111 3000',
  email: 'info@housing-ombudsman.org.uk',
} as const;

/** When a Code timescale other than the response's has been missed (the acknowledgement). */
/** Why we refused, in the resident's words (the refusal grounds of Code section 2 and 5.11). */
const REFUSAL_GROUNDS: Readonly<Record<RefusalGround, string>> = {
  older_than_12_months: 'it was made more than 12 months after you first became aware of the issue',
  legal_proceedings: 'the matter is the subject of legal proceedings',
  already_considered: 'the matter has already been considered through our complaints procedure',
  other: 'of the reason we gave you in writing',
};

const CODE_MISSED =
  'We have not kept to the Complaint Handling Code timescales. You can contact the Housing Ombudsman, who can step in when a landlord does not respond in time.';

/**
 * What a resident sees of their own complaint, and nothing else: the reference, where it stands
 * in plain words, the stage, the key dates (received, acknowledged, response due, responded)
 * and what happens next, with how to escalate or go to the Ombudsman when that is the next step.
 * Built field by field: no handler, no internal note, no decision text, no other person.
 *
 * The dates keep the meanings they have everywhere (docs/domain.md, "Timescales"):
 * `codeResponseDue` is the Code's date, `responseDue` the organisation's own target, later when
 * an extension went beyond the Code's limit. Whether the Code date has passed is the domain's
 * caseSlaStatus, as for the list filter and the dashboards. Once it has, the page says so and
 * gives the Ombudsman's details at once: the later target is mentioned as what we have told the
 * resident, never as a date they must wait for.
 */
export function residentStatus(events: readonly ComplaintEvent[], calendar: WorkingDayCalendar, today: CalendarDate) {
  const complaint = caseAsOf(events, today, calendar);
  if (!complaint) return null;
  const { state } = complaint;
  const { report: sla, status: standing } = complaint.code;
  const current = sla.stages.find((s) => s.stage === state.stage) ?? sla.stages[0];
  if (!current) return null; // every received complaint has a stage 1
  const asOf = standing.current;
  const stageName = state.stage === 1 ? 'stage 1' : 'stage 2 (our review)';
  let ombudsmanWhen =
    'You can ask the Housing Ombudsman to look at your complaint now that our complaints procedure has finished.';

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
      nextStep = `You withdrew this complaint on ${longUkDate(toLondonDate(state.endedAt ?? state.lastActivityAt))}. Contact us quoting your reference if you want to raise it again.`;
      break;
    case 'closed':
      status = 'closed';
      nextStep = `Your complaint was closed on ${longUkDate(toLondonDate(state.endedAt ?? state.lastActivityAt))}.`;
      if (state.stage === 1) {
        escalation =
          'If you are not happy with our stage 1 response, contact us quoting your reference and ask for your complaint to go to stage 2. You do not have to give a reason.';
      }
      showOmbudsman = state.stage === 2;
      break;
    case 'open':
      if (current.acknowledgedOn === null) {
        status = state.stage === 1 ? 'received' : 'review requested';
        const late = asOf?.acknowledgement.state === 'overdue';
        nextStep = late
          ? `We should have acknowledged your ${stageName} complaint by ${longUkDate(current.acknowledgementDue)} and have not yet. We are sorry: we will contact you as soon as possible.`
          : `We will acknowledge your ${stageName} complaint by ${longUkDate(current.acknowledgementDue)}.`;
        if (late) {
          showOmbudsman = true;
          ombudsmanWhen = CODE_MISSED;
        }
      } else if (current.respondedOn === null) {
        status = state.stage === 1 ? 'being investigated' : 'being reviewed';
        const response = state.stage === 1 ? 'response' : 'final response';
        const codeDue = longUkDate(current.codeResponseDue);
        const ownTargetLater = current.responseDue > current.codeResponseDue;
        if (asOf?.codeResponseDatePassed) {
          const wait =
            ownTargetLater && asOf.organisationResponse.state !== 'overdue'
              ? ` We have told you we aim to send it by ${longUkDate(current.responseDue)}, but you do not have to wait for it: you can contact the Housing Ombudsman now.`
              : ' We will send it as soon as we can. You can contact the Housing Ombudsman now.';
          nextStep = `We should have sent you our ${response} by ${codeDue} under the Housing Ombudsman's Complaint Handling Code, and have not. We are sorry.${wait}`;
          showOmbudsman = true;
          ombudsmanWhen = `Under the Housing Ombudsman's Complaint Handling Code we should have sent you our ${response} by ${codeDue}. You can contact the Housing Ombudsman now: they can step in when a landlord does not respond in time.`;
        } else if (ownTargetLater) {
          nextStep = `We have told you we need until ${longUkDate(current.responseDue)} to send you our ${response}. Under the Housing Ombudsman's Complaint Handling Code it is due by ${codeDue}: if you have not had it by then, you can contact the Housing Ombudsman.`;
        } else {
          nextStep = `We will send you our ${response} by ${codeDue}.`;
        }
        // The resident is given the Ombudsman's details with every extension (Code 6.4-6.5), to challenge it.
        if (!showOmbudsman && current.extensions.length > 0) {
          showOmbudsman = true;
          ombudsmanWhen = `We have extended the time for our ${response}. If you are unhappy about that, or have not had it by ${codeDue}, you can contact the Housing Ombudsman.`;
        }
      } else if (state.stage === 1) {
        status = 'response sent';
        nextStep = `We sent our stage 1 response on ${longUkDate(current.respondedOn)}.`;
        escalation =
          'If you are not happy with our response, contact us quoting your reference and ask for your complaint to go to stage 2. You do not have to give a reason.';
      } else {
        status = 'final response sent';
        nextStep = `We sent our final response on ${longUkDate(current.respondedOn)}.`;
        showOmbudsman = true;
      }
      break;
  }

  // A request for stage 2 that we refused (Code 5.11): say so, why, and where the resident can go (Code 2.4).
  const refusedReview = state.stage === 1 ? state.escalationRefusals.at(-1) : undefined;
  if (refusedReview && (state.status === 'open' || state.status === 'closed')) {
    nextStep = `${nextStep} You asked for your complaint to go to stage 2 on ${longUkDate(toLondonDate(refusedReview.requestedAt))}. On ${longUkDate(toLondonDate(refusedReview.refusedAt))} we decided not to take it to stage 2, because ${REFUSAL_GROUNDS[refusedReview.ground]}. We wrote to you to explain.`;
    escalation = null;
    showOmbudsman = true;
    ombudsmanWhen =
      'We decided not to take your complaint to stage 2. You can ask the Housing Ombudsman to look at your complaint and at that decision.';
  }

  const unanswered = state.status === 'open' && current.respondedOn === null;
  return {
    reference: state.reference,
    status,
    stage: state.stage,
    receivedOn: toLondonDate(state.receivedAt),
    acknowledgedOn: current.acknowledgedOn,
    /** The Code's date for the current stage's response. */
    codeResponseDue: unanswered ? current.codeResponseDue : null,
    /** The organisation's own target: the Code's date, or later after an extension beyond the Code's limit. */
    responseDue: unanswered ? current.responseDue : null,
    /** The acknowledgement or the response is overdue against the Code today (the domain's caseSlaStatus, as every view). */
    overdueAgainstCode: standing.overdueAgainstCode,
    /** The Code's date has passed without a response: the resident can go to the Ombudsman now. */
    codeResponseDatePassed: asOf?.codeResponseDatePassed ?? false,
    respondedOn: current.respondedOn,
    nextStep,
    howToEscalate: escalation,
    ombudsman: showOmbudsman ? { ...HOUSING_OMBUDSMAN, when: ombudsmanWhen } : null,
  };
}
