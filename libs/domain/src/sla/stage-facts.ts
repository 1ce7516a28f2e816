import type { CalendarDate, ComplaintEvent, Stage } from '@complaints/contracts';
import { toLondonDate } from '../calendar';

/** One extension of a stage's response deadline, as agreed. */
export interface ExtensionFacts {
  readonly agreedOn: CalendarDate;
  readonly workingDays: number;
  /** A "good reason" was recorded for going beyond the Code's limit (Code 6.4, 6.15); it never moves the Code target. */
  readonly goodReason: boolean;
}

/** What happened in one stage, as London dates: the raw material of every SLA figure. */
export interface StageFacts {
  readonly stage: Stage;
  readonly startedOn: CalendarDate;
  readonly acknowledgedOn: CalendarDate | null;
  /** In the order they were agreed (the stream's order). */
  readonly extensions: readonly ExtensionFacts[];
  readonly respondedOn: CalendarDate | null;
}

/**
 * Reads one complaint's own stream. Stage 1 starts at ComplaintReceived, stage 2 at
 * ComplaintEscalated (the request date). Withdrawal, refusal and closure change nothing here:
 * the stages keep what had happened by then. Every other event (assignment, contacts, lessons…)
 * has no bearing on the timescales.
 */
export function collectStageFacts(events: readonly ComplaintEvent[]): StageFacts[] {
  return events.reduce<StageFacts[]>(nextStageFacts, []);
}

/**
 * One event applied to the stage facts folded so far (stage order kept). Read models keep the
 * facts (a few dates, no personal data) beside their rows and apply each new event here, so
 * timing a complaint never means replaying its stream.
 */
export function nextStageFacts(facts: readonly StageFacts[], event: ComplaintEvent): StageFacts[] {
  const has = (stage: Stage) => facts.some((f) => f.stage === stage);
  const start = (stage: Stage, occurredAt: string): StageFacts[] =>
    has(stage)
      ? [...facts]
      : [
          ...facts,
          { stage, startedOn: toLondonDate(occurredAt), acknowledgedOn: null, extensions: [], respondedOn: null },
        ].sort((a, b) => a.stage - b.stage);
  const update = (stage: Stage, change: (f: StageFacts) => StageFacts): StageFacts[] =>
    facts.map((f) => (f.stage === stage ? change(f) : f));
  switch (event.type) {
    case 'ComplaintReceived':
      return start(1, event.data.occurredAt);
    case 'ComplaintEscalated':
      // Only a received complaint can be escalated; a stream that says otherwise is not one to time.
      return has(1) ? start(2, event.data.occurredAt) : [...facts];
    case 'ComplaintAcknowledged': {
      const on = toLondonDate(event.data.occurredAt);
      return update(event.data.stage, (f) => (f.acknowledgedOn === null ? { ...f, acknowledgedOn: on } : f));
    }
    case 'ExtensionAgreed': {
      const extension: ExtensionFacts = {
        agreedOn: toLondonDate(event.data.occurredAt),
        workingDays: event.data.additionalWorkingDays,
        goodReason: event.data.goodReason !== undefined,
      };
      return update(event.data.stage, (f) => ({ ...f, extensions: [...f.extensions, extension] }));
    }
    case 'StageResponseIssued': {
      const on = toLondonDate(event.data.occurredAt);
      return update(event.data.stage, (f) => (f.respondedOn === null ? { ...f, respondedOn: on } : f));
    }
    default:
      return [...facts];
  }
}
