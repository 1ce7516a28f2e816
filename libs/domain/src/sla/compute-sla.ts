import type { CalendarDate, ComplaintEvent, Stage } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import { CODE_2024, type PolicyProfile, type StagePolicy } from './policy-profiles';
import { collectStageFacts, type StageFacts } from './stage-facts';

export interface StageSla {
  readonly stage: Stage;
  /** Receipt date (stage 1) or escalation request date (stage 2), in London. */
  readonly startedOn: CalendarDate;
  readonly acknowledgementDue: CalendarDate;
  readonly acknowledgedOn: CalendarDate | null;
  /** 0 when on time; null until acknowledged. */
  readonly acknowledgementLateByWorkingDays: number | null;
  /** The organisation's target, including every extension agreed. */
  readonly responseDue: CalendarDate;
  /**
   * True while the response due date may still move when the stage is acknowledged: until then
   * it is counted from the acknowledgement due date. Always false when the profile counts the
   * response from the start of the stage, since the acknowledgement cannot move it.
   */
  readonly responseDueIsProvisional: boolean;
  /** The Code target: extensions counted only up to the profile's maximum. */
  readonly codeResponseDue: CalendarDate;
  readonly extensionWorkingDays: number;
  readonly extensionsBeyondLimit: boolean;
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
  const { acknowledgedOn, respondedOn, extensionWorkingDays } = facts;

  const responseClockStart = (() => {
    if (policy.respondFrom === 'start') return facts.startedOn;
    if (acknowledgedOn === null) return acknowledgementDue;
    // A late acknowledgement buys no extra time: the clock starts no later than the ack due date.
    return acknowledgedOn < acknowledgementDue ? acknowledgedOn : acknowledgementDue;
  })();

  const responseDue = calendar.addWorkingDays(
    responseClockStart,
    policy.respondWithinWorkingDays + extensionWorkingDays,
  );
  const codeResponseDue = calendar.addWorkingDays(
    responseClockStart,
    policy.respondWithinWorkingDays + Math.min(extensionWorkingDays, policy.maxExtensionWorkingDays),
  );

  return {
    stage: facts.stage,
    startedOn: facts.startedOn,
    acknowledgementDue,
    acknowledgedOn,
    acknowledgementLateByWorkingDays:
      acknowledgedOn === null ? null : calendar.workingDaysBetween(acknowledgementDue, acknowledgedOn),
    responseDue,
    responseDueIsProvisional: policy.respondFrom === 'acknowledgement' && acknowledgedOn === null,
    codeResponseDue,
    extensionWorkingDays,
    extensionsBeyondLimit: extensionWorkingDays > policy.maxExtensionWorkingDays,
    respondedOn,
    responseLateByWorkingDays: respondedOn === null ? null : calendar.workingDaysBetween(codeResponseDue, respondedOn),
    withinCodeTimescales: respondedOn === null ? null : respondedOn <= codeResponseDue,
  };
}
