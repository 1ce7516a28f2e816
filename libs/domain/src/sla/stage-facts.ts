import type { CalendarDate, ComplaintEvent, Stage } from '@complaints/contracts';
import { toLondonDate } from '../calendar';

/** What happened in one stage, as London dates: the raw material of every SLA figure. */
export interface StageFacts {
  readonly stage: Stage;
  readonly startedOn: CalendarDate;
  readonly acknowledgedOn: CalendarDate | null;
  readonly extensionWorkingDays: number;
  readonly respondedOn: CalendarDate | null;
}

/**
 * Reads one complaint's own stream. Stage 1 starts at ComplaintReceived, stage 2 at
 * ComplaintEscalated (the request date). Withdrawal, refusal and closure change nothing here:
 * the stages keep what had happened by then. Every other event (assignment, contacts, lessons…)
 * has no bearing on the timescales.
 */
export function collectStageFacts(events: readonly ComplaintEvent[]): StageFacts[] {
  const stages = new Map<Stage, { -readonly [K in keyof StageFacts]: StageFacts[K] }>();
  const start = (stage: Stage, occurredAt: string) => {
    if (!stages.has(stage)) {
      stages.set(stage, {
        stage,
        startedOn: toLondonDate(occurredAt),
        acknowledgedOn: null,
        extensionWorkingDays: 0,
        respondedOn: null,
      });
    }
  };

  for (const event of events) {
    switch (event.type) {
      case 'ComplaintReceived':
        start(1, event.data.occurredAt);
        break;
      case 'ComplaintEscalated':
        // Only a received complaint can be escalated; a stream that says otherwise is not one to time.
        if (stages.has(1)) start(2, event.data.occurredAt);
        break;
      case 'ComplaintAcknowledged': {
        const facts = stages.get(event.data.stage);
        if (facts && facts.acknowledgedOn === null) facts.acknowledgedOn = toLondonDate(event.data.occurredAt);
        break;
      }
      case 'ExtensionAgreed': {
        const facts = stages.get(event.data.stage);
        if (facts) facts.extensionWorkingDays += event.data.additionalWorkingDays;
        break;
      }
      case 'StageResponseIssued': {
        const facts = stages.get(event.data.stage);
        if (facts && facts.respondedOn === null) facts.respondedOn = toLondonDate(event.data.occurredAt);
        break;
      }
      default:
        break;
    }
  }
  return [...stages.values()].sort((a, b) => a.stage - b.stage);
}
