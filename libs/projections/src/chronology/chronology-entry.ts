import type { Actor, CalendarDate, ComplaintEvent } from '@complaints/contracts';
import {
  CODE_2024,
  nextStageFacts,
  slaFromStageFacts,
  toLondonDate,
  type PolicyProfile,
  type StageFacts,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { human } from './chronology-words';
import { describeEvent, slaNote } from './describe-event';

/** One step of the Ombudsman-ready chronology. */
export interface ChronologyEntry {
  /** Europe/London date the step happened (occurredAt), ISO YYYY-MM-DD. */
  date: CalendarDate;
  occurredAt: string;
  recordedAt: string;
  revision: number;
  event: string;
  /** What happened, in plain English. */
  description: string;
  /** Who recorded it: name (role). */
  by: string;
  /** Timescale notes: what fell due, and whether it was met or late by N working days. */
  slaNote: string | null;
}

/** A complaint event with what the store knows about it: enough for a dated, attributed entry. */
export type TimelineEvent = ComplaintEvent & { revision: number; recordedAt: string; actor: Actor };

export function recordedBy(actor: Actor): string {
  return `${actor.name} (${human(actor.role)})`;
}

/**
 * The entry of one step, given the stage facts folded up to and including it: the SLA note is
 * the timescale as it stood right after this step.
 */
export function chronologyEntry(
  step: TimelineEvent,
  factsAfterStep: readonly StageFacts[],
  calendar: WorkingDayCalendar,
  profile: PolicyProfile = CODE_2024,
): ChronologyEntry {
  const event = { type: step.type, data: step.data } as ComplaintEvent;
  return {
    date: toLondonDate(event.data.occurredAt),
    occurredAt: event.data.occurredAt,
    recordedAt: step.recordedAt,
    revision: step.revision,
    event: event.type,
    description: describeEvent(event),
    by: recordedBy(step.actor),
    slaNote: slaNote(event, slaFromStageFacts(factsAfterStep, calendar, profile).stages, profile),
  };
}

/** Steps in the order they happened (occurredAt on the time line; events may be recorded late), then by revision. */
export function byOccurrence(a: ChronologyEntry, b: ChronologyEntry): number {
  return Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.revision - b.revision;
}

/**
 * The whole chronology of one stream in memory (stream order in, occurrence order out), with
 * the same text and notes as the chronology read model: for documents built without a database.
 */
export function buildChronology(
  events: readonly TimelineEvent[],
  calendar: WorkingDayCalendar,
  profile: PolicyProfile = CODE_2024,
): ChronologyEntry[] {
  let facts: StageFacts[] = [];
  const entries = events.map((step) => {
    facts = nextStageFacts(facts, step);
    return chronologyEntry(step, facts, calendar, profile);
  });
  return entries.sort(byOccurrence);
}
