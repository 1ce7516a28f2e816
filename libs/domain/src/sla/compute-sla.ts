import type { CalendarDate, ComplaintEvent, Stage } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import { CODE_2024, type PolicyProfile, type StagePolicy } from './policy-profiles';
import { collectStageFacts, type ExtensionFacts, type StageFacts } from './stage-facts';

/** How one extension counted towards the two targets (docs/domain.md, "Timescales"). */
export interface ExtensionSla {
  readonly agreedOn: CalendarDate;
  readonly workingDays: number;
  /** Working days it added to the Code target: 0 when agreed after that target, or beyond the limit. */
  readonly countedTowardsCodeWorkingDays: number;
  /** Whether it moved the organisation's own target (only an extension agreed on or before that target does). */
  readonly movedOrganisationTarget: boolean;
  /** Agreed after the Code target it would have moved had already passed: it cures nothing. */
  readonly agreedAfterCodeTarget: boolean;
  readonly goodReason: boolean;
}

export interface StageSla {
  readonly stage: Stage;
  /** Receipt date (stage 1) or escalation request date (stage 2), in London. */
  readonly startedOn: CalendarDate;
  readonly acknowledgementDue: CalendarDate;
  readonly acknowledgedOn: CalendarDate | null;
  /** 0 when on time; null until acknowledged. */
  readonly acknowledgementLateByWorkingDays: number | null;
  /**
   * The organisation's own target: every extension agreed in time, beyond the Code's limit too.
   * What staff work to; never what "within Code timescales" is judged by.
   */
  readonly responseDue: CalendarDate;
  /**
   * True while the response due dates may still move when the stage is acknowledged: until then
   * they are counted from the acknowledgement due date. Always false when the profile counts the
   * response from the start of the stage, since the acknowledgement cannot move it.
   */
  readonly responseDueIsProvisional: boolean;
  /**
   * The Code target: counted from the acknowledgement (Code 6.3, 6.14), moved only by extensions
   * agreed on or before it and only up to the profile's limit (Code 6.4-6.5).
   */
  readonly codeResponseDue: CalendarDate;
  /** Every working day of extension agreed, whether or not it counted. */
  readonly extensionWorkingDays: number;
  /** The working days of extension that moved the Code target. */
  readonly codeExtensionWorkingDays: number;
  /** More extension agreed than the profile's limit (the rest moved only the organisation's target). */
  readonly extensionsBeyondLimit: boolean;
  readonly extensions: readonly ExtensionSla[];
  readonly respondedOn: CalendarDate | null;
  /** Against codeResponseDue; 0 when on time; null until responded. */
  readonly responseLateByWorkingDays: number | null;
  /** respondedOn <= codeResponseDue (for this profile); null before the response. */
  readonly withinCodeTimescales: boolean | null;
}

export interface SlaReport {
  readonly profileId: string;
  /** One entry per stage the complaint has entered, stage 1 first. */
  readonly stages: readonly StageSla[];
}

export function computeSla(
  events: readonly ComplaintEvent[],
  calendar: WorkingDayCalendar,
  profile: PolicyProfile = CODE_2024,
): SlaReport {
  return slaFromStageFacts(collectStageFacts(events), calendar, profile);
}

/** The same figures from stage facts already folded (see nextStageFacts), without the events. */
export function slaFromStageFacts(
  facts: readonly StageFacts[],
  calendar: WorkingDayCalendar,
  profile: PolicyProfile = CODE_2024,
): SlaReport {
  return {
    profileId: profile.id,
    stages: facts.map((stageFacts) => stageSla(stageFacts, profile.stages[stageFacts.stage], calendar)),
  };
}

/** The same history timed under several profiles (the Code and a local policy), in the order given. */
export function compareProfiles(
  events: readonly ComplaintEvent[],
  calendar: WorkingDayCalendar,
  profiles: readonly PolicyProfile[],
): SlaReport[] {
  // The stream is read once; only the arithmetic differs per profile.
  const facts = collectStageFacts(events);
  return profiles.map((profile) => slaFromStageFacts(facts, calendar, profile));
}

function stageSla(facts: StageFacts, policy: StagePolicy, calendar: WorkingDayCalendar): StageSla {
  const acknowledgementDue = calendar.addWorkingDays(facts.startedOn, policy.acknowledgeWithinWorkingDays);
  const { acknowledgedOn, respondedOn } = facts;
  // The Code's words: "within 10 working days of the complaint being acknowledged". A late
  // acknowledgement is its own breach (acknowledgementLateByWorkingDays), not a shorter clock.
  const responseClockStart = policy.respondFrom === 'start' ? facts.startedOn : (acknowledgedOn ?? acknowledgementDue);
  const targets = extendedTargets(responseClockStart, policy, facts.extensions, calendar);
  const extensionWorkingDays = facts.extensions.reduce((sum, e) => sum + e.workingDays, 0);
  return {
    stage: facts.stage,
    startedOn: facts.startedOn,
    acknowledgementDue,
    acknowledgedOn,
    acknowledgementLateByWorkingDays:
      acknowledgedOn === null ? null : calendar.workingDaysBetween(acknowledgementDue, acknowledgedOn),
    responseDue: targets.organisationDue,
    responseDueIsProvisional: policy.respondFrom === 'acknowledgement' && acknowledgedOn === null,
    codeResponseDue: targets.codeDue,
    extensionWorkingDays,
    codeExtensionWorkingDays: targets.codeExtensionWorkingDays,
    extensionsBeyondLimit: extensionWorkingDays > policy.maxExtensionWorkingDays,
    extensions: targets.extensions,
    respondedOn,
    responseLateByWorkingDays: respondedOn === null ? null : calendar.workingDaysBetween(targets.codeDue, respondedOn),
    withinCodeTimescales: respondedOn === null ? null : respondedOn <= targets.codeDue,
  };
}

/**
 * Both response targets, the extensions applied in the order agreed. An extension counts only
 * if agreed on or before the target it moves (a missed deadline cannot be cured afterwards), and
 * towards the Code target only up to the profile's limit, whatever reason is recorded.
 */
function extendedTargets(
  clockStart: CalendarDate,
  policy: StagePolicy,
  extensions: readonly ExtensionFacts[],
  calendar: WorkingDayCalendar,
): {
  codeDue: CalendarDate;
  organisationDue: CalendarDate;
  codeExtensionWorkingDays: number;
  extensions: ExtensionSla[];
} {
  let codeDays = policy.respondWithinWorkingDays;
  let organisationDays = policy.respondWithinWorkingDays;
  let codeExtensionWorkingDays = 0;
  let codeDue = calendar.addWorkingDays(clockStart, codeDays);
  let organisationDue = codeDue;
  const counted = extensions.map((extension): ExtensionSla => {
    const agreedAfterCodeTarget = extension.agreedOn > codeDue;
    const towardsCode = agreedAfterCodeTarget
      ? 0
      : Math.min(extension.workingDays, policy.maxExtensionWorkingDays - codeExtensionWorkingDays);
    const movedOrganisationTarget = extension.agreedOn <= organisationDue;
    if (towardsCode > 0) {
      codeExtensionWorkingDays += towardsCode;
      codeDays += towardsCode;
      codeDue = calendar.addWorkingDays(clockStart, codeDays);
    }
    if (movedOrganisationTarget) {
      organisationDays += extension.workingDays;
      organisationDue = calendar.addWorkingDays(clockStart, organisationDays);
    }
    return {
      agreedOn: extension.agreedOn,
      workingDays: extension.workingDays,
      countedTowardsCodeWorkingDays: towardsCode,
      movedOrganisationTarget,
      agreedAfterCodeTarget,
      goodReason: extension.goodReason,
    };
  });
  return { codeDue, organisationDue, codeExtensionWorkingDays, extensions: counted };
}
