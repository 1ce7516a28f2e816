/**
 * The command path in the bench: `handleCommand` (load the stream, fold, decide, encrypt the
 * personal fields with the subject's key, append with the loaded revision) wired as the API wires
 * it (apps/api ComplaintWriter: a ComplaintEventStore over the handle's SqlEventStore and
 * SqlKeyStore, the complaint decider, the command's payload parsed by its schema, the data
 * subject from the state or the new complaint). Each complaint lives through ten commands in
 * the order a case has them: received (a new subject key), acknowledged, contacts logged,
 * reassigned, extended, answered, the letter sent — every one carrying personal data. Run back
 * to back, nine of a case's ten commands decide on the state the one before left in memory;
 * `readEveryTime` measures the path of a command whose stream is not in memory.
 */
import { randomUUID } from 'node:crypto';
import type { SqlStoreHandle } from '@complaints/adapter-postgres';
import { commandSchemas, type Actor, type ComplaintCommand, type ComplaintCommandType } from '@complaints/contracts';
import { complaintDecider, isReceived, type ComplaintState } from '@complaints/domain';
import { ComplaintEventStore, handleCommand } from '@complaints/event-store';
import type { RecordedEvent } from '@complaints/event-store';

export const COMMANDS_PER_COMPLAINT = 10;

const OFFICER: Actor = { id: 'u-bench-101', name: 'Priya Shah', role: 'complaints_officer' };
const HANDLER = { id: 'u-bench-101', name: 'Priya Shah' };
const OTHER_HANDLER = { id: 'u-bench-115', name: 'Tom Reid' };
const HEADS = [
  'Repeated failure to treat damp and mould in the back bedroom',
  'Missed repair appointments on 12 and 19 February',
];

/** One step of a case: the command and the fields a client sends (the business time relative to receipt). */
interface Step {
  type: ComplaintCommandType;
  hoursAfterReceipt: number;
  at: string;
  fields: (complaintId: string) => Record<string, unknown>;
}

const contact = (summary: string) => (): Record<string, unknown> => ({
  direction: 'outbound',
  channel: 'phone',
  reached: true,
  summary,
  with: 'resident',
});

/** A stage 1 case, as the API receives its writes. */
const LIFE: readonly Step[] = [
  {
    type: 'ReceiveComplaint',
    hoursAfterReceipt: 0,
    at: 'receivedAt',
    fields: (complaintId) => ({
      reference: `CMP-${complaintId}`,
      dataSubjectId: `ds-${complaintId}`,
      channel: 'phone',
      complainant: {
        name: 'Margaret Ellis',
        phone: '0161 496 0732',
        email: 'margaret.ellis@example.org',
        address: '14 Albion Street, Salford M5 4XX',
      },
      serviceArea: 'Repairs',
      category: 'Damp and mould',
      categories: ['Repairs', 'Damp and mould'],
      description:
        'Black mould keeps coming back on the bedroom wall and ceiling; two repair appointments were missed and nobody called to rearrange them.',
      outcomeSought: 'A permanent repair and an apology for the missed appointments',
      tenure: 'LCRA',
    }),
  },
  {
    type: 'AcknowledgeComplaint',
    hoursAfterReceipt: 26,
    at: 'acknowledgedAt',
    fields: () => ({
      handler: HANDLER,
      method: 'letter',
      headsOfComplaint: HEADS,
      outcomesSought: ['Permanent repair of the damp'],
    }),
  },
  {
    type: 'LogContact',
    hoursAfterReceipt: 50,
    at: 'at',
    fields: contact('Surveyor visit agreed for Thursday morning; resident works shifts'),
  },
  {
    type: 'LogContact',
    hoursAfterReceipt: 98,
    at: 'at',
    fields: contact('Surveyor found a failed extractor fan and cold bridging at the lintel'),
  },
  {
    type: 'AssignHandler',
    hoursAfterReceipt: 120,
    at: 'assignedAt',
    fields: () => ({ handler: OTHER_HANDLER, reason: 'Priya on leave for two weeks' }),
  },
  {
    type: 'LogContact',
    hoursAfterReceipt: 150,
    at: 'at',
    fields: contact('Resident says the mould has spread to the child’s bedroom'),
  },
  {
    type: 'AgreeExtension',
    hoursAfterReceipt: 170,
    at: 'agreedAt',
    fields: () => ({
      additionalWorkingDays: 5,
      reason: 'Waiting for the damp survey report',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
    }),
  },
  {
    type: 'LogContact',
    hoursAfterReceipt: 200,
    at: 'at',
    fields: contact('Told the resident the survey report is due next week'),
  },
  {
    type: 'IssueStageResponse',
    hoursAfterReceipt: 290,
    at: 'respondedAt',
    fields: () => ({
      decisions: HEADS.map((head) => ({
        head,
        outcome: 'partially_upheld',
        reasons:
          'Inspection records confirm the resident’s account of the mould; one appointment was rearranged by phone',
      })),
      remedies: {
        apology: true,
        actions: [{ description: 'Replace the extractor fan and treat the lintel', dueBy: '2026-04-30' }],
        compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
      },
    }),
  },
  {
    type: 'RecordLetterSent',
    hoursAfterReceipt: 291,
    at: 'sentAt',
    fields: () => ({ letter: 'response-1', channel: 'email', recipient: 'resident' }),
  },
];
if (LIFE.length !== COMMANDS_PER_COMPLAINT)
  throw new Error('a bench case lives through COMMANDS_PER_COMPLAINT commands');

/** Every case is received on this day (the steps follow within two weeks, all before `now`). */
const RECEIVED = Date.parse('2026-03-02T09:15:00Z');

/** The command of step `step` of complaint `complaintId`, built as ComplaintWriter builds it. */
export function commandAt(complaintId: string, step: number): ComplaintCommand {
  const s = LIFE[step]!;
  const data = commandSchemas[s.type].parse({
    ...s.fields(complaintId),
    [s.at]: new Date(RECEIVED + s.hoursAfterReceipt * 3_600_000).toISOString(),
  });
  return { type: s.type, data, complaintId, now: new Date().toISOString(), actor: OFFICER } as ComplaintCommand;
}

export function commandTypeAt(step: number): ComplaintCommandType {
  return LIFE[step]!.type;
}

/** As ComplaintWriter's dataSubjectOf: the complaint's subject, or the one a new complaint names. */
function dataSubjectOf(state: ComplaintState, events: readonly { type: string; data: unknown }[]): string | undefined {
  if (isReceived(state)) return state.dataSubjectId;
  const received = events.find((e) => e.type === 'ComplaintReceived');
  const subject = (received?.data as { dataSubjectId?: unknown } | undefined)?.dataSubjectId;
  return typeof subject === 'string' ? subject : undefined;
}

/** The write pipeline on a store handle, as the API has it. */
export class CommandPath {
  readonly complaints: ComplaintEventStore;

  /**
   * `readEveryTime`: forget what the last command left each stream in before every command
   * (DecidedStates), so every command reads its stream first — as when a case's steps are more
   * than a minute apart, or the last one was handled by another instance.
   */
  constructor(
    store: SqlStoreHandle,
    private readonly readEveryTime = false,
  ) {
    this.complaints = new ComplaintEventStore({ store: store.eventStore, keys: store.keyStore });
  }

  /** Step `step` of complaint `complaintId`; how many events it appended. */
  async run(complaintId: string, step: number): Promise<number> {
    if (this.readEveryTime) this.complaints.decided.forget(this.complaints.streamIdOf(complaintId));
    const handled = await handleCommand(
      { events: this.complaints, decider: complaintDecider },
      complaintId,
      commandAt(complaintId, step),
      {
        actor: OFFICER,
        correlationId: randomUUID(),
        dataSubjectId: dataSubjectOf,
        // As POST /complaints without an Idempotency-Key: the id is new, so the receipt reads nothing first.
        newStream: !this.readEveryTime && commandTypeAt(step) === 'ReceiveComplaint',
      },
    );
    if (handled.newEvents.length === 0) throw new Error(`${commandTypeAt(step)} on ${complaintId} appended nothing`);
    return handled.newEvents.length;
  }

  /** The complaint's events as stored (personal fields encrypted): what the raw anchor writes the same size of. */
  stored(complaintId: string): Promise<RecordedEvent[]> {
    return this.complaints.readStored(complaintId);
  }
}

/** A fresh complaint id for the bench. */
export const benchComplaintId = (): string => `bench-${randomUUID()}`;
