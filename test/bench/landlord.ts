/**
 * A seeded landlord for the bench at scale: a history of whole reporting years ending in March 2026,
 * the same number of complaints received each year (a large landlord's log grows by years, not by
 * fuller years), with the mix such a log has — closed at stage 1 or after stage 2, still open,
 * extended, refused, withdrawn, quiet for weeks — across service areas, categories, tenures and
 * handlers. Each reporting year is drawn from a seed of its own (BENCH_SEED and the year), so a
 * longer history ends with exactly the same last year: a report on the last year, month or date
 * answers about the same cases whatever the history's length, and only the caseload grows.
 *
 * Each life is generated as dates first; the events and the per-stage dates of the raw anchor
 * table (anchor.ts) are both read off those dates, so the anchor aggregates the same cases the
 * API's reports do.
 */
import { randomUUID } from 'node:crypto';
import type { SqlStoreHandle } from '@complaints/adapter-postgres';
import type {
  Actor,
  CompensationKind,
  ComplaintEvent,
  DecisionOutcome,
  Person,
  RefusalGround,
  Stage,
  Tenure,
} from '@complaints/contracts';
import {
  CODE_2024,
  reportingYear,
  SALIX_HOMES_2021,
  type PolicyProfile,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { ComplaintEventStore } from '@complaints/event-store';

/** The reporting year every history ends with (April 2025 to March 2026); nothing is dated after its last day. */
export const LAST_YEAR = 2025;
export const LANDLORD_TO = reportingYear(LAST_YEAR).to;

export const SERVICE_AREAS = [
  'Repairs',
  'Housing management',
  'Anti-social behaviour',
  'Rents and service charges',
  'Estates',
  'Customer services',
];
const CATEGORIES = [
  'repairs',
  'damp and mould',
  'heating and hot water',
  'roof',
  'windows and doors',
  'anti-social behaviour',
  'estate services',
  'rent and service charges',
];
const HANDLERS: Person[] = Array.from({ length: 14 }, (_, i) => ({ id: `officer-${i + 1}`, name: `Officer ${i + 1}` }));
const REVIEWERS: Person[] = Array.from({ length: 4 }, (_, i) => ({
  id: `reviewer-${i + 1}`,
  name: `Reviewer ${i + 1}`,
}));
const OUTCOMES: DecisionOutcome[] = ['upheld', 'upheld', 'partially_upheld', 'not_upheld', 'not_upheld'];
const GROUNDS: RefusalGround[] = ['older_than_12_months', 'legal_proceedings', 'already_considered', 'other'];
const KINDS: CompensationKind[] = ['loss', 'time_and_trouble', 'goodwill'];
export const BENCH_ACTOR: Actor = { id: 'u-bench', name: 'Bench Officer', role: 'complaints_officer' };

/** One stage as it happened: what the anchor table holds per case per stage. */
export interface StageDates {
  stage: Stage;
  handlerId: string | null;
  startedOn: string;
  ackDue: string;
  ackedOn: string | null;
  /** The Code's response target (from the acknowledgement, or provisionally from its due date). */
  responseDue: string;
  localResponseDue: string;
  extendedOn: string | null;
  extensionDays: number;
  /** The Code target moved by the extension (an extension within the Code's limit moves it). */
  extendedResponseDue: string | null;
  respondedOn: string | null;
  ackWorkingDays: number | null;
  responseWorkingDays: number | null;
  outcome: DecisionOutcome | null;
  compensationPence: number;
  compensationKind: CompensationKind | null;
  compensationPaidOn: string | null;
  /** When the stage stopped being the case's current one (stage 2 began, or the case ended). */
  endedOn: string | null;
}

export interface CaseLife {
  complaintId: string;
  serviceArea: string;
  category: string;
  tenure: Tenure;
  receivedOn: string;
  /** closed, withdrawn or refused; null while open. */
  end: { kind: 'closed' | 'withdrawn' | 'refused'; on: string; ground: RefusalGround | null } | null;
  lastActivityOn: string;
  stages: StageDates[];
  events: ComplaintEvent[];
}

/** A small fast PRNG (mulberry32): the landlord is the same for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Stops a life at the end of the window: whatever would come later has not happened yet. */
class Cut extends Error {}

/** How long a history: `years` reporting years ending with LAST_YEAR, `perYear` complaints received in each. */
export interface HistoryLength {
  years: number;
  perYear: number;
}

/** The landlord's complaints, oldest reporting year first (the order the log records them in). */
export function generateLandlord(length: HistoryLength, calendar: WorkingDayCalendar, seed: number): CaseLife[] {
  const lives: CaseLife[] = [];
  for (let year = LAST_YEAR - length.years + 1; year <= LAST_YEAR; year++) {
    const random = prng(Math.imul(seed, 100_003) + year);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    const { from, to } = reportingYear(year);
    const dice = { random, pick, between, from, days: daysFrom(from, to) + 1 };
    for (let i = 0; i < length.perYear; i++) lives.push(lifeOf(`bench-${seed}-${year}-${i}`, calendar, dice));
  }
  return lives;
}

interface Dice {
  random: () => number;
  pick: <T>(list: readonly T[]) => T;
  between: (low: number, high: number) => number;
  /** The first day and the number of days of the reporting year the complaint is received in. */
  from: string;
  days: number;
}

function dueDates(
  calendar: WorkingDayCalendar,
  profile: PolicyProfile,
  stage: Stage,
  startedOn: string,
  ackedOn: string | null,
) {
  const policy = profile.stages[stage];
  const ackDue = calendar.addWorkingDays(startedOn, policy.acknowledgeWithinWorkingDays);
  const from = policy.respondFrom === 'start' ? startedOn : (ackedOn ?? ackDue);
  return { ackDue, responseDue: calendar.addWorkingDays(from, policy.respondWithinWorkingDays) };
}

function lifeOf(complaintId: string, calendar: WorkingDayCalendar, dice: Dice): CaseLife {
  const { random, pick, between } = dice;
  // Working-day receipts, spread evenly over the year (one on the year's last days may fall into April: it is received then).
  const receivedOn = calendar.nextWorkingDay(addDays(dice.from, between(0, dice.days - 1) - 1));
  const life: CaseLife = {
    complaintId,
    serviceArea: pick(SERVICE_AREAS),
    category: pick(CATEGORIES),
    tenure: random() < 0.82 ? 'LCRA' : 'LCHO',
    receivedOn,
    end: null,
    lastActivityOn: receivedOn,
    stages: [],
    events: [],
  };
  const at = (date: string) => {
    if (date > LANDLORD_TO) throw new Cut();
    life.lastActivityOn = date > life.lastActivityOn ? date : life.lastActivityOn;
    return `${date}T10:00:00Z`;
  };
  const push = (event: ComplaintEvent) => life.events.push(event);
  push(received(complaintId, at(receivedOn), life));
  try {
    if (random() < 0.06) {
      const on = addDays(receivedOn, between(1, 4));
      const ground = pick(GROUNDS);
      push({
        type: 'ComplaintRefused',
        data: { occurredAt: at(on), ground, explanation: 'Outside the policy.', ombudsmanReferralRightGiven: true },
      });
      life.end = { kind: 'refused', on, ground };
      return life;
    }
    // A stalled case goes quiet for weeks after its acknowledgement, then is answered late. It
    // does not stay open for good: a landlord's open caseload does not pile up with its history.
    const stalls = random() < 0.02;
    const escalates = random() < 0.22;
    let startedOn = receivedOn;
    for (const stage of [1, 2] as const) {
      const handler = stage === 1 ? pick(HANDLERS) : pick(REVIEWERS);
      const dates = stageOf(calendar, stage, startedOn);
      life.stages.push(dates);
      // Most acknowledge within the Code's 5 working days; about one in ten is late.
      const ackedOn = calendar.addWorkingDays(startedOn, random() < 0.9 ? between(1, 5) : between(6, 9));
      push({
        type: 'ComplaintAcknowledged',
        data: {
          occurredAt: at(ackedOn),
          stage,
          handler,
          method: 'letter',
          headsOfComplaint: ['The repair took too long'],
          outcomesSought: ['Repair'],
        },
      });
      Object.assign(dates, dueDates(calendar, CODE_2024, stage, startedOn, ackedOn), {
        ackedOn,
        handlerId: handler.id,
      });
      dates.localResponseDue = dueDates(calendar, SALIX_HOMES_2021, stage, startedOn, ackedOn).responseDue;
      dates.ackWorkingDays = calendar.workingDaysBetween(startedOn, ackedOn);
      if (random() < 0.7) {
        push({
          type: 'ContactLogged',
          data: {
            occurredAt: at(calendar.addWorkingDays(ackedOn, 1)),
            direction: 'outbound',
            channel: 'phone',
            reached: true,
            summary: 'Called about the visit',
          },
        });
      }
      if (random() < 0.5) {
        push({
          type: 'ContactLogged',
          data: {
            occurredAt: at(calendar.addWorkingDays(ackedOn, 2)),
            direction: 'inbound',
            channel: 'email',
            reached: true,
            summary: 'Sent photos of the damage',
          },
        });
      }
      if (random() < 0.08) {
        const other = pick(stage === 1 ? HANDLERS : REVIEWERS);
        push({
          type: 'ComplaintAssigned',
          data: { occurredAt: at(calendar.addWorkingDays(ackedOn, 2)), stage, handler: other, reason: 'Leave cover' },
        });
        dates.handlerId = other.id;
      }
      if (stage === 1 && random() < 0.05) {
        const on = calendar.addWorkingDays(ackedOn, between(3, 12));
        push({ type: 'ComplaintWithdrawn', data: { occurredAt: at(on), reason: 'Resolved informally' } });
        life.end = { kind: 'withdrawn', on, ground: null };
        dates.endedOn = on;
        return life;
      }
      // Working days from the acknowledgement to the (extended) Code target: events stay in date order.
      let target = CODE_2024.stages[stage].respondWithinWorkingDays;
      const quiet = stage === 1 && stalls ? between(25, 60) : 0;
      if (random() < 0.13) {
        const extendedOn = calendar.addWorkingDays(ackedOn, between(3, 4));
        const days = between(3, 10);
        push({
          type: 'ExtensionAgreed',
          data: {
            occurredAt: at(extendedOn),
            stage,
            additionalWorkingDays: days,
            reason: 'Awaiting a surveyor',
            residentInformed: true,
            ombudsmanDetailsGiven: true,
            ...(random() < 0.5 ? { goodReason: 'Specialist report needed' } : {}),
          },
        });
        dates.extendedOn = extendedOn;
        dates.extensionDays = days;
        dates.extendedResponseDue = calendar.addWorkingDays(dates.responseDue, days);
        target += days;
      }
      // Responses land around the target: most on time, some a few working days late.
      const respondedAt = calendar.addWorkingDays(
        ackedOn,
        quiet > 0
          ? Math.max(target, 2) + quiet
          : Math.max(4, target + (random() < 0.85 ? -between(0, 6) : between(1, 8))),
      );
      const outcome = pick(OUTCOMES);
      const compensation =
        outcome !== 'not_upheld' && random() < 0.45 ? [{ amountPence: between(25, 400) * 100, kind: pick(KINDS) }] : [];
      push({
        type: 'StageResponseIssued',
        data: {
          occurredAt: at(respondedAt),
          stage,
          decisions: [{ head: 'The repair took too long', outcome, reasons: 'Our findings.' }],
          remedies: { apology: outcome !== 'not_upheld', actions: [], compensation },
        },
      });
      Object.assign(dates, {
        respondedOn: respondedAt,
        responseWorkingDays: calendar.workingDaysBetween(startedOn, respondedAt),
        outcome,
        compensationPence: compensation[0]?.amountPence ?? 0,
        compensationKind: compensation[0]?.kind ?? null,
      });
      // Most offers are paid within a few working days; the rest weeks later (on the attention queue meanwhile).
      if (compensation[0]) {
        const paidOn = calendar.addWorkingDays(respondedAt, random() < 0.9 ? between(1, 8) : between(20, 60));
        push({
          type: 'CompensationPaid',
          data: {
            occurredAt: at(paidOn),
            amountPence: compensation[0].amountPence,
            kind: compensation[0].kind,
            method: 'BACS',
          },
        });
        dates.compensationPaidOn = paidOn;
      }
      if (stage === 2 || !escalates) break;
      startedOn = addDays(life.lastActivityOn, between(3, 25));
      push({ type: 'ComplaintEscalated', data: { occurredAt: at(startedOn) } });
      dates.endedOn = startedOn;
    }
    const closedOn = addDays(life.lastActivityOn, between(1, 10));
    push({
      type: 'ComplaintClosed',
      data: {
        occurredAt: at(closedOn),
        outcome: 'Resolved',
        closedBy: { id: BENCH_ACTOR.id, name: BENCH_ACTOR.name },
        lessonsRecorded: 0,
        lessonsNotApplicableReason: 'A one-off.',
      },
    });
    life.end = { kind: 'closed', on: closedOn, ground: null };
    life.stages.at(-1)!.endedOn = closedOn;
  } catch (error) {
    if (!(error instanceof Cut)) throw error;
  }
  return life;
}

/** A stage just begun: due dates provisional from the start until it is acknowledged. */
function stageOf(calendar: WorkingDayCalendar, stage: Stage, startedOn: string): StageDates {
  return {
    stage,
    handlerId: null,
    startedOn,
    ...dueDates(calendar, CODE_2024, stage, startedOn, null),
    localResponseDue: dueDates(calendar, SALIX_HOMES_2021, stage, startedOn, null).responseDue,
    ackedOn: null,
    extendedOn: null,
    extensionDays: 0,
    extendedResponseDue: null,
    respondedOn: null,
    ackWorkingDays: null,
    responseWorkingDays: null,
    outcome: null,
    compensationPence: 0,
    compensationKind: null,
    compensationPaidOn: null,
    endedOn: null,
  };
}

function received(
  complaintId: string,
  occurredAt: string,
  life: Pick<CaseLife, 'serviceArea' | 'category' | 'tenure'>,
): ComplaintEvent {
  return {
    type: 'ComplaintReceived',
    data: {
      occurredAt,
      complaintId,
      reference: `CMP-${complaintId}`,
      dataSubjectId: `ds-${complaintId}`,
      channel: 'email',
      complainant: { name: 'A Resident', email: 'resident@example.org', address: '1 Example Street, Salford M5 2JH' },
      serviceArea: life.serviceArea,
      category: life.category,
      description: 'The repair took too long',
      tenure: life.tenure,
    },
  };
}

/**
 * Record every life through the complaint store (validated, personal fields encrypted, one
 * subject key each), a whole history per append: the bench measures reads, and a command per
 * step would make seeding 50,000 cases take longer than the rest of the run.
 */
export async function recordLandlord(
  store: SqlStoreHandle,
  lives: readonly CaseLife[],
  writers: number,
  onProgress: (done: number) => void,
): Promise<number> {
  const complaints = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  let next = 0;
  let events = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < lives.length; i = next++) {
        const life = lives[i]!;
        await complaints.append(life.complaintId, life.events, {
          expectedRevision: 0,
          actor: BENCH_ACTOR,
          correlationId: randomUUID(),
          dataSubjectId: `ds-${life.complaintId}`,
        });
        events += life.events.length;
        if ((i + 1) % 1000 === 0) onProgress(i + 1);
      }
    }),
  );
  return events;
}
