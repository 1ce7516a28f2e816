import { ERASED, LETTER_TITLES, type ComplaintEvent, type Stage } from '@complaints/contracts';
import { channel, human } from './chronology-words';
import { describeCaseworkEvent } from './describe-casework';
import { describeDocumentAttached } from './describe-document';
import { CODE_2024, toLondonDate, type ExtensionSla, type PolicyProfile, type StageSla } from '@complaints/domain';
import { describeRestrictionOrEnquiry } from './describe-restriction';
import { describeCircumstances } from './describe-circumstances';
import { describeFeedbackEvent } from './describe-feedback';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const money = (pence: number) => pounds.format(pence / 100);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/**
 * A person held whole as one personal field (the complainant, a representative) reads as the
 * ERASED string once redacted or shredded, not as an object with an erased name.
 */
const nameOf = (person: { name: string } | string | undefined) => (typeof person === 'object' ? person.name : ERASED);

const ERASURE_BASES: Record<string, string> = {
  data_subject_request: "at the data subject's request",
  retention_schedule: 'under the retention schedule',
  other: 'on another basis',
};

const REFUSAL_GROUNDS: Record<string, string> = {
  older_than_12_months: 'the issue was raised more than 12 months after it arose',
  legal_proceedings: 'legal proceedings have started',
  already_considered: 'the issue has already been considered under the complaints process',
  other: 'another exclusion in the complaints policy',
};

/**
 * What happened, in plain English, for the Ombudsman-ready chronology. Personal fields are
 * quoted as the event holds them, so the same function gives the redacted text from a
 * redacted event.
 */
export function describeEvent(event: ComplaintEvent): string {
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      const about = d.category ? `${d.serviceArea} (${d.category})` : d.serviceArea;
      const by = d.representative
        ? ` from ${nameOf(d.complainant)}, through their representative ${nameOf(d.representative)}`
        : ` from ${nameOf(d.complainant)}`;
      return `Complaint ${d.reference} received by ${channel(d.channel)}${by}, about ${about}: ${d.description}${d.outcomeSought ? ` Outcome sought: ${d.outcomeSought}` : ''}`;
    }
    case 'ComplaintRefused':
      return `Complaint not accepted because ${REFUSAL_GROUNDS[event.data.ground] ?? human(event.data.ground)}: ${event.data.explanation} Ombudsman referral right given: ${yesNo(event.data.ombudsmanReferralRightGiven)}.`;
    case 'ComplaintAcknowledged': {
      const d = event.data;
      const heads = d.headsOfComplaint.length ? ` Heads of complaint: ${d.headsOfComplaint.join('; ')}.` : '';
      const outcomes = d.outcomesSought.length ? ` Outcomes sought: ${d.outcomesSought.join('; ')}.` : '';
      return `Stage ${d.stage} complaint acknowledged${d.method ? ` by ${channel(d.method)}` : ''}; handled by ${d.handler.name}.${heads}${outcomes}`;
    }
    case 'ComplaintAssigned':
      return `Stage ${event.data.stage} reassigned to ${event.data.handler.name}: ${event.data.reason}`;
    case 'ExtensionAgreed': {
      const d = event.data;
      const good = d.goodReason ? ` Good reason for going beyond the Code's limit: ${sentence(d.goodReason)}` : '';
      return `Stage ${d.stage} response time extended by ${plural(d.additionalWorkingDays, 'working day')}: ${sentence(d.reason)}${good} Resident told in writing: ${yesNo(d.residentInformed)}; Ombudsman's details given: ${yesNo(d.ombudsmanDetailsGiven)}.`;
    }
    case 'StageResponseIssued': {
      const d = event.data;
      const decisions = d.decisions.map((x) => `${x.head}: ${human(x.outcome)} (${x.reasons})`).join('; ');
      const remedies = [
        d.remedies.apology ? 'an apology' : null,
        d.remedies.actions.length
          ? `${plural(d.remedies.actions.length, 'action')} (${d.remedies.actions.map((a) => `${a.description}, by ${a.dueBy}`).join('; ')})`
          : null,
        d.remedies.compensation.length
          ? `compensation of ${d.remedies.compensation.map((c) => `${money(c.amountPence)} for ${human(c.kind)}`).join(', ')}`
          : null,
      ].filter((x): x is string => x !== null);
      return `Stage ${d.stage}${d.stage === 2 ? ' (final)' : ''} response issued. Decisions: ${decisions}. Remedies: ${remedies.length ? remedies.join('; ') : 'none'}.`;
    }
    case 'ComplaintEscalated': {
      const window = event.data.reviewRequestWindow;
      const late = window?.late
        ? ` The request came after the review-request window (${plural(window.calendarDays, 'day')}, to ${window.lastDay}); it was accepted.`
        : '';
      return `Resident asked for the complaint to be escalated to stage 2${event.data.reason ? `: ${sentence(event.data.reason)}` : '.'}${late}`;
    }
    case 'EscalationRefused':
      return `Escalation to stage 2 (asked for ${toLondonDate(event.data.requestedAt)}) not accepted because ${REFUSAL_GROUNDS[event.data.ground] ?? human(event.data.ground)}: ${event.data.explanation} Ombudsman referral right given: ${yesNo(event.data.ombudsmanReferralRightGiven)}.`;
    case 'ComplaintClosed': {
      const d = event.data;
      const lessons =
        d.lessonsRecorded > 0
          ? `${plural(d.lessonsRecorded, 'lesson')} recorded`
          : `no lessons: ${d.lessonsNotApplicableReason ?? 'no reason recorded'}`;
      return `Complaint closed by ${d.closedBy.name}. Outcome: ${d.outcome}. ${lessons.charAt(0).toUpperCase()}${lessons.slice(1)}.`;
    }
    case 'ComplaintWithdrawn':
      return `Complaint withdrawn by the resident${event.data.reason ? `: ${event.data.reason}` : '.'}`;
    case 'LessonRecorded': {
      const d = event.data;
      const parts = [
        d.rootCause ? `root cause: ${d.rootCause}` : null,
        d.improvementAction ? `improvement: ${d.improvementAction}` : null,
        d.owner ? `owner: ${d.owner}` : null,
        d.dueBy ? `due by ${d.dueBy}` : null,
      ].filter((x): x is string => x !== null);
      return `Lesson recorded${d.serviceArea ? ` for ${d.serviceArea}` : ''}: ${d.lesson}${parts.length ? ` (${parts.join('; ')})` : ''}`;
    }
    case 'ContactLogged': {
      const d = event.data;
      const by = channel(d.channel);
      const who = d.with === 'representative' ? "the resident's representative" : 'the resident';
      const what =
        d.direction === 'inbound'
          ? `Contact from ${who} by ${by}`
          : d.reached
            ? `Contacted ${who} by ${by}`
            : `Tried to contact ${who} by ${by}, without reaching them`;
      return `${what}.${d.summary ? ` ${d.summary}` : ''}`;
    }
    case 'ImprovementActionPlanned':
      return `Improvement action of lesson ${event.data.lessonId} planned: owner ${event.data.owner}, due by ${event.data.dueBy}.`;
    case 'ImprovementActionCompleted':
      return `Improvement action of lesson ${event.data.lessonId} made. What changed: ${event.data.whatChanged} Evidence: ${event.data.evidence}${event.data.documentId ? ` (document ${event.data.documentId})` : ''}`;
    case 'RemedyActionCompleted':
      return `Remedy action ${event.data.actionId} completed.${event.data.evidence ? ` Evidence: ${event.data.evidence}` : ''}`;
    case 'CompensationPaid':
      return `Compensation of ${money(event.data.amountPence)}${event.data.kind ? ` for ${human(event.data.kind)}` : ''} paid by ${event.data.method}.`;
    case 'SatisfactionRecorded':
      return `Resident's satisfaction${event.data.stage ? ` with stage ${event.data.stage}` : ''} recorded: with the handling, ${human(event.data.withHandling)}; with the outcome, ${human(event.data.withOutcome)}.${event.data.comment ? ` Comment: ${event.data.comment}` : ''}`;
    case 'OmbudsmanReferralRecorded':
      return `The Housing Ombudsman is investigating (reference ${event.data.ombudsmanReference}).`;
    case 'OmbudsmanDeterminationRecorded': {
      const d = event.data;
      const findings = d.findings.map((f) => `${f.element}: ${human(f.finding)}`).join('; ');
      const orders = d.orders.length
        ? ` Orders: ${d.orders.map((o) => `${o.description} (by ${o.dueBy})`).join('; ')}.`
        : '';
      return `Housing Ombudsman determination (${d.ombudsmanReference}). Findings: ${findings}.${orders}`;
    }
    case 'OmbudsmanOrderComplied':
      return `Ombudsman order ${event.data.orderId} complied with. Evidence: ${event.data.evidence}`;
    case 'PersonalDataErased': {
      // The reason is personal: it reads as erased once recorded (the key it is encrypted under is destroyed).
      const basis = event.data.basis ? ` ${ERASURE_BASES[event.data.basis] ?? human(event.data.basis)}` : '';
      return `Personal data erased${basis}${event.data.reason ? `: ${sentence(event.data.reason)}` : '.'}`;
    }
    case 'LegalHoldPlaced':
      return `Legal hold ${event.data.holdId} placed (${human(event.data.category)}): the personal data is kept until it is lifted.`;
    case 'LegalHoldLifted':
      return `Legal hold ${event.data.holdId} lifted.`;
    case 'RetentionErasureApproved':
      return `Erasure approved on retention grounds: ${plural(event.data.retentionYears, 'year')} from ${event.data.retentionFrom}, due ${event.data.dueOn}.`;
    case 'RestrictionImposed':
    case 'RestrictionReviewed':
    case 'RestrictionLifted':
    case 'EnquiryReceived':
    case 'EnquiryAnswered':
      return describeRestrictionOrEnquiry(event);
    case 'VulnerabilityRecorded':
    case 'VulnerabilityEnded':
    case 'ReasonableAdjustmentAgreed':
    case 'ReasonableAdjustmentReviewed':
    case 'EqualityMonitoringRecorded':
    case 'UpdateIntervalAgreed':
      return describeCircumstances(event);
    case 'PanelParticipationRequested':
    case 'PanelMeetingHeld':
    case 'PanelParticipationDeclined':
    case 'HeadsOfComplaintAdded':
    case 'ComplaintLinked':
    case 'RepresentativeAuthorityRecorded':
    case 'RepresentativeAuthorityWithdrawn':
      return describeCaseworkEvent(event);
    case 'DocumentAttached':
      return describeDocumentAttached(event);
    case 'LetterSent':
      return `${LETTER_TITLES[event.data.letter] ?? human(event.data.letter)} letter sent by ${channel(event.data.channel)} to the ${event.data.recipient}, by ${event.data.sentBy.name}.`;
    // A reporting year's governance record (never on a complaint's stream, so never in a complaint's chronology).
    case 'GoverningBodyResponseRecorded':
      return `The ${event.data.body}'s response to the annual complaints report ${event.data.year} to ${event.data.year + 1} recorded.`;
    case 'AnnualReportPublished':
      return `The annual complaints report ${event.data.year} to ${event.data.year + 1} published with the governing body's response.`;
    // A governance record's event, never in a complaint's chronology (docs/complaint-handling-code.md).
    case 'SelfAssessmentStatementRecorded':
      return `Self-assessment statement recorded against Code provision ${event.data.provision}.`;
    case 'ComplaintRaisedFromFeedback':
    case 'FeedbackReceived':
    case 'FeedbackShared':
    case 'FeedbackPassedToManager':
    case 'ServiceRequestCompleted':
    case 'FeedbackConvertedToComplaint':
      return describeFeedbackEvent(event);
  }
}

/**
 * The timescale note of a step: what fell due and whether it was met, from the SLA as it stood
 * right after the step (later extensions must not rewrite earlier notes). No personal data.
 * Under the Code's conventions (docs/domain.md, "Timescales"): a late acknowledgement is its own
 * breach; the response is counted from the acknowledgement; an extension agreed after the date
 * it would move, or beyond the Code's limit, is said to move nothing (or only the organisation's
 * own target), so a note never reads as if a missed date had been cured.
 */
export function slaNote(
  event: ComplaintEvent,
  stages: readonly StageSla[],
  profile: PolicyProfile = CODE_2024,
): string | null {
  const stageOf = (stage: Stage) => stages.find((s) => s.stage === stage);
  switch (event.type) {
    case 'ComplaintReceived': {
      const s = stageOf(1);
      return s
        ? `Stage 1 acknowledgement due ${s.acknowledgementDue}; response due ${s.codeResponseDue} (provisional until acknowledged).`
        : null;
    }
    case 'ComplaintEscalated': {
      const s = stageOf(2);
      return s
        ? `Stage 2 acknowledgement due ${s.acknowledgementDue}; response due ${s.codeResponseDue} (provisional until acknowledged).`
        : null;
    }
    case 'ComplaintAcknowledged': {
      const s = stageOf(event.data.stage);
      if (!s) return null;
      const late = s.acknowledgementLateByWorkingDays ?? 0;
      if (late === 0) return `Acknowledgement was due ${s.acknowledgementDue}: met. Response due ${targets(s)}.`;
      const policy = profile.stages[s.stage];
      const counted =
        policy.respondFrom === 'acknowledgement'
          ? ` (${plural(policy.respondWithinWorkingDays, 'working day')} from the acknowledgement)`
          : '';
      return `Acknowledgement was due ${s.acknowledgementDue}: late by ${plural(late, 'working day')}, a breach of the timescale in its own right. Response due ${targets(s)}${counted}.`;
    }
    case 'ExtensionAgreed': {
      const s = stageOf(event.data.stage);
      // The facts after this step end with the extension just agreed.
      const extension = s?.extensions.at(-1);
      if (!s || !extension) return null;
      return extensionNote(s, extension, profile.stages[s.stage].maxExtensionWorkingDays);
    }
    case 'StageResponseIssued': {
      const s = stageOf(event.data.stage);
      if (!s) return null;
      const late = s.responseLateByWorkingDays ?? 0;
      const code = `Response was due ${s.codeResponseDue} under the Code: ${late === 0 ? 'met' : `late by ${plural(late, 'working day')}`}.`;
      if (s.responseDue === s.codeResponseDue || s.respondedOn === null) return code;
      return `${code} The organisation's own target was ${s.responseDue}: ${s.respondedOn <= s.responseDue ? 'met' : 'missed'}.`;
    }
    default:
      return null;
  }
}

/** The response's due date: the Code target, and the organisation's own beside it when they differ. */
function targets(s: StageSla): string {
  return s.responseDue === s.codeResponseDue
    ? s.codeResponseDue
    : `${s.codeResponseDue} under the Code (the organisation's own target: ${s.responseDue})`;
}

function extensionNote(s: StageSla, extension: ExtensionSla, limit: number): string {
  const inAll = `${plural(s.extensionWorkingDays, 'working day')} of extension in all`;
  if (extension.agreedAfterCodeTarget && !extension.movedOrganisationTarget) {
    const own = s.responseDue === s.codeResponseDue ? '' : `; the organisation's own target ${s.responseDue}`;
    return `Agreed after the response was already due (${s.codeResponseDue}${own}): an extension cannot cure a missed date, so it moves no target. The response is outside Code timescales.`;
  }
  if (extension.agreedAfterCodeTarget) {
    return `Agreed after the Code target (${s.codeResponseDue}) had passed: it does not move it, and the response is outside Code timescales. The organisation's own target is now ${s.responseDue} (${inAll}).`;
  }
  if (extension.countedTowardsCodeWorkingDays < extension.workingDays) {
    const reason = extension.goodReason
      ? 'A good reason is recorded; it does not move the Code target.'
      : 'No good reason is recorded.';
    return `Beyond the Code's limit of ${plural(limit, 'working day')}: ${extension.countedTowardsCodeWorkingDays} of these ${plural(extension.workingDays, 'working day')} count towards the Code, so the Code target is ${s.codeResponseDue}; the organisation's own target is ${s.responseDue} (${inAll}). ${reason}`;
  }
  return `Response now due ${targets(s)} (${inAll}).`;
}

/** Free text as a sentence of the entry: it ends with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
