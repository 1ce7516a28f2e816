/**
 * The write path beside its anchors, interleaved (interleave.ts), on a store of its own (a fresh
 * PostgreSQL database, a fresh durable embedded directory) so that nothing it writes reaches the
 * read-side rows:
 *   - store append, one event per command, ten commands per stream, each with the exact expected
 *     revision, beside the raw single-row INSERT+COMMIT of the same event (raw-events.ts) and, on
 *     PostgreSQL, Emmett's appendToStream with the exact expected stream version (emmett.ts);
 *   - handleCommand as the API runs it (command-path.ts) beside the raw INSERT+COMMIT of the very
 *     events it records, one per command;
 * each at one writer and at CONCURRENT_WRITERS. On PostgreSQL, the round trips of each kind of
 * command are counted (round-trips.ts) on cases of their own, before the timed rounds.
 */
import type { SqlStoreHandle } from '@complaints/adapter-postgres';
import { ComplaintEventStore, type NewEvent } from '@complaints/event-store';
import { testEvent } from '../support/src/event-factory';
import { CommandPath, COMMANDS_PER_COMPLAINT, commandTypeAt } from './command-path';
import type { Emmett, EmmettStore } from './emmett';
import { interleave, printTable, ratio, sideOf, type Comparison, type Side } from './interleave';
import { RawEvents, type RawPayload } from './raw-events';
import { roundTripsDuring } from './round-trips';

export const SIDES = {
  raw: 'raw INSERT+COMMIT',
  store: 'store append',
  emmett: 'Emmett appendToStream',
  command: 'handleCommand',
  commandCold: 'handleCommand, stream read first',
} as const;
export const WHAT = { append: 'append 1 event/command', command: 'command (read, decide, encrypt, append)' } as const;

export interface WritePathOptions {
  backend: string;
  /** Operations per round at one writer, and per writer at `writers`. */
  sequential: number;
  perWriter: number;
  writers: number;
  rounds: number;
  /** PostgreSQL only: Emmett on the same database (or why not), and round trips are counted. */
  postgres?: { connectionString: string; emmett: Emmett | { skip: string } };
}

export interface CommandRoundTrips {
  type: string;
  roundTrips: number;
  events: number;
}

export interface WritePathResult {
  comparisons: Comparison[];
  /** Round trips per command, by type, in the order a case has them (PostgreSQL only). */
  commandRoundTrips: CommandRoundTrips[];
  /** The same with every command reading its stream first (nothing of the case in memory). */
  coldCommandRoundTrips: CommandRoundTrips[];
  /** Why Emmett is missing from the append rows, when it is. */
  emmettSkipped?: string;
}

/** A realistic payload: about the size of a ComplaintAcknowledged with encrypted fields. */
export function payload(i: number) {
  return {
    occurredAt: '2026-03-02T09:30:00.000Z',
    stage: 1,
    handler: { id: 'officer-17', name: 'Sam Patel' },
    headsOfComplaint: [{ $enc: 1, iv: 'q1w2e3r4t5y6u7i8', tag: 'a'.repeat(24), ct: 'b'.repeat(120) }],
    n: i,
  };
}

const appendEvent = (i: number): NewEvent => testEvent({ type: 'ComplaintAcknowledged', data: payload(i) });
const rawPayloadOf = (event: {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}): RawPayload => ({
  type: event.type,
  schemaVersion: event.schemaVersion,
  dataJson: JSON.stringify(event.data),
  metadataJson: JSON.stringify(event.metadata),
});
/** Ten operations per stream (a case's life has roughly that many steps): stream `i / 10` of the writer, revision `i % 10`. */
const streamOf = (prefix: string, writer: number, i: number) =>
  `${prefix}-${writer}-${Math.floor(i / COMMANDS_PER_COMPLAINT)}`;

export async function benchWritePath(store: SqlStoreHandle, options: WritePathOptions): Promise<WritePathResult> {
  const raw = await RawEvents.create(store);
  const onPostgres = options.postgres !== undefined;
  let emmett: EmmettStore | undefined;
  let emmettSkipped: string | undefined;
  if (options.postgres) {
    const loaded = options.postgres.emmett;
    if ('skip' in loaded) emmettSkipped = loaded.skip;
    else {
      emmett = loaded.open(options.postgres.connectionString);
      // Its schema is created on the first append: not a round to time.
      await emmett.appendToStream('bench-emmett-schema', [{ type: 'SchemaCreated', data: {} }], {
        expectedStreamVersion: 0n,
      });
    }
  }
  try {
    const appendSides: Side[] = [
      {
        name: SIDES.raw,
        operation: (prefix, w, i) =>
          raw.insert(streamOf(prefix, w, i), (i % COMMANDS_PER_COMPLAINT) + 1, rawPayloadOf(appendEvent(i))),
      },
      {
        name: SIDES.store,
        operation: (prefix, w, i) =>
          store.eventStore.append(streamOf(prefix, w, i), [appendEvent(i)], {
            expectedRevision: i % COMMANDS_PER_COMPLAINT,
          }),
      },
    ];
    if (emmett) {
      const es = emmett;
      appendSides.push({
        name: SIDES.emmett,
        operation: (prefix, w, i) => {
          const event = appendEvent(i);
          return es.appendToStream(
            streamOf(prefix, w, i),
            [{ type: event.type, data: event.data, metadata: { ...event.metadata } }],
            {
              expectedStreamVersion: BigInt(i % COMMANDS_PER_COMPLAINT),
            },
          );
        },
      });
    }

    const comparisons: Comparison[] = [];
    const compare = async (what: string, sides: Side[], writers: number, perWriter: number) =>
      comparisons.push(
        await interleave(
          { backend: options.backend, what, writers, perWriter, rounds: options.rounds, countRoundTrips: onPostgres },
          sides,
        ),
      );
    await compare(WHAT.append, appendSides, 1, options.sequential);
    await compare(WHAT.append, appendSides, options.writers, options.perWriter);
    // Before any command runs: closing Emmett gives `pg` its own type parsers back (emmett.ts), which reading a stream relies on.
    await emmett?.close();

    const path = new CommandPath(store);
    const coldPath = new CommandPath(store, true);
    const commandRoundTrips = onPostgres ? await countCommandRoundTrips(path, 'warm') : [];
    const coldCommandRoundTrips = onPostgres ? await countCommandRoundTrips(coldPath, 'cold') : [];
    // The raw side of the command rows writes the events a case's commands record, as stored (encrypted), one per command in step order.
    const recorded = await path.stored(await recordOneCase(path, 'bench-reference'));
    if (recorded.length !== COMMANDS_PER_COMPLAINT)
      throw new Error(`the reference case recorded ${recorded.length} events, expected one per command`);
    const casePayloads = recorded.map(rawPayloadOf);
    const commandSides: Side[] = [
      {
        name: SIDES.raw,
        operation: (prefix, w, i) =>
          raw.insert(
            ComplaintEventStore.streamIdOf(streamOf(prefix, w, i)),
            (i % COMMANDS_PER_COMPLAINT) + 1,
            casePayloads[i % COMMANDS_PER_COMPLAINT]!,
          ),
      },
      {
        name: SIDES.command,
        operation: (prefix, w, i) => path.run(streamOf(prefix, w, i), i % COMMANDS_PER_COMPLAINT),
      },
      {
        name: SIDES.commandCold,
        operation: (prefix, w, i) => coldPath.run(streamOf(prefix, w, i), i % COMMANDS_PER_COMPLAINT),
      },
    ];

    await compare(WHAT.command, commandSides, 1, options.sequential);
    await compare(WHAT.command, commandSides, options.writers, options.perWriter);
    return {
      comparisons,
      commandRoundTrips,
      coldCommandRoundTrips,
      ...(emmettSkipped !== undefined ? { emmettSkipped } : {}),
    };
  } finally {
    await emmett?.close();
  }
}

async function recordOneCase(path: CommandPath, complaintId: string): Promise<string> {
  for (let step = 0; step < COMMANDS_PER_COMPLAINT; step++) await path.run(complaintId, step);
  return complaintId;
}

/**
 * The round trips of each command of a case, one command at a time with nothing else running:
 * the second of two cases (the first warms what a process keeps between commands — prepared
 * statements, and whatever the store caches).
 */
async function countCommandRoundTrips(path: CommandPath, name: string): Promise<CommandRoundTrips[]> {
  await recordOneCase(path, `bench-count-warm-${name}`);
  const counted: CommandRoundTrips[] = [];
  for (let step = 0; step < COMMANDS_PER_COMPLAINT; step++) {
    const [events, roundTrips] = await roundTripsDuring(() => path.run(`bench-count-${name}`, step));
    counted.push({ type: commandTypeAt(step), roundTrips, events });
  }
  return counted;
}

export function printCommandRoundTrips(backend: string, counted: readonly CommandRoundTrips[], how: string): void {
  if (counted.length === 0) return;
  const total = counted.reduce((sum, c) => sum + c.roundTrips, 0);
  console.log(
    `\nRound trips to PostgreSQL per command (${backend}; one case's ten commands, one at a time, ${how}; counted in the pg driver)`,
  );
  const byType = new Map<string, { commands: number; roundTrips: number }>();
  for (const c of counted) {
    const entry = byType.get(c.type) ?? { commands: 0, roundTrips: 0 };
    entry.commands++;
    entry.roundTrips += c.roundTrips;
    byType.set(c.type, entry);
  }
  for (const [type, { commands, roundTrips }] of byType) {
    console.log(
      `  ${type.padEnd(22)} ${(roundTrips / commands).toFixed(1).padStart(5)}${commands > 1 ? ` (mean of ${commands})` : ''}`,
    );
  }
  console.log(`  ${'mean over the case'.padEnd(22)} ${(total / counted.length).toFixed(1).padStart(5)}`);
}

/** A target of issue 17 as measured: which ratio, its floor, and both ratios (median and min). */
export interface TargetResult {
  what: string;
  target: number;
  median: number;
  min: number;
  /** The median of the rounds' own ratios (interleave.ts ratio). */
  paired: number;
}

/** The issue's write-path targets from the comparisons of one backend (those whose sides ran). */
export function writeTargets(result: WritePathResult, writers: number, embedded: boolean): TargetResult[] {
  const targets: TargetResult[] = [];
  const find = (what: string, w: number) => result.comparisons.find((c) => c.what === what && c.writers === w);
  const add = (label: string, comparison: Comparison | undefined, side: string, anchor: string, target: number) => {
    if (
      !comparison ||
      !comparison.sides.some((s) => s.name === side) ||
      !comparison.sides.some((s) => s.name === anchor)
    )
      return;
    const r = ratio(sideOf(comparison, side), sideOf(comparison, anchor));
    targets.push({ what: `${comparison.backend}: ${label}`, target, ...r });
  };
  if (embedded) {
    add('store append / raw durable PGlite INSERT, 1 writer', find(WHAT.append, 1), SIDES.store, SIDES.raw, 0.5);
    add(
      `store append / raw durable PGlite INSERT, ${writers} writers`,
      find(WHAT.append, writers),
      SIDES.store,
      SIDES.raw,
      0.5,
    );
  } else {
    add('store append / raw INSERT+COMMIT, 1 writer', find(WHAT.append, 1), SIDES.store, SIDES.raw, 0.7);
    add(
      `store append / raw INSERT+COMMIT, ${writers} writers`,
      find(WHAT.append, writers),
      SIDES.store,
      SIDES.raw,
      0.5,
    );
    add('store append / Emmett appendToStream, 1 writer', find(WHAT.append, 1), SIDES.store, SIDES.emmett, 1.5);
    add(
      `store append / Emmett appendToStream, ${writers} writers`,
      find(WHAT.append, writers),
      SIDES.store,
      SIDES.emmett,
      1.5,
    );
  }
  add('handleCommand / raw INSERT+COMMIT, 1 writer', find(WHAT.command, 1), SIDES.command, SIDES.raw, 0.4);
  add(
    'handleCommand, stream read first / raw INSERT+COMMIT, 1 writer',
    find(WHAT.command, 1),
    SIDES.commandCold,
    SIDES.raw,
    0.4,
  );
  return targets;
}

export function printTargets(
  targets: readonly TargetResult[],
  notes: readonly string[],
  heading = 'Issue 17 targets',
): void {
  if (targets.length === 0 && notes.length === 0) return;
  console.log(
    `\n${heading} (ratios of operations per second, interleaved in this run; met when the ratio of the medians reaches the target)`,
  );
  printTable(
    ['target', 'ratio of medians', 'ratio of mins', 'ratio by round', 'target', 'verdict'],
    targets.map((t) => [
      t.what,
      `${t.median.toFixed(2)}x`,
      `${t.min.toFixed(2)}x`,
      `${t.paired.toFixed(2)}x`,
      `>= ${t.target}x`,
      t.median >= t.target ? 'met' : 'MISSED',
    ]),
    1,
  );
  for (const note of notes) console.log(`  ${note}`);
}
