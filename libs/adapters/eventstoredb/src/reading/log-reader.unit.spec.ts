import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, START, type AllStreamResolvedEvent, type ReadAllOptions } from '@eventstore/db-client';
import { prepareNewEvent } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { toEsdbMetadata } from '../mapping/esdb-envelope';
import { StreamScope } from '../mapping/stream-scope';
import { LogReader, type AllReader } from './log-reader';

/**
 * A transaction log laid out as ESDB lays it out (records of varying size at byte offsets), read
 * with ESDB's rules as its AllReader shows them: forwards from a position includes the event
 * there; backwards from a position returns what lies before it; a position inside a record is
 * an error. This is the part of the server the reader's correctness depends on.
 */
class SimulatedLog implements AllReader {
  private readonly records: { position: bigint; streamId: string; type: string }[] = [];
  private end = 128n;
  reads: { from: unknown; direction: string }[] = [];

  add(streamId: string, type = 'Happened', size = 300n): bigint {
    const position = this.end;
    this.records.push({ position, streamId, type });
    this.end += size;
    return position;
  }

  async *readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    const direction = options.direction === BACKWARDS ? 'backwards' : 'forwards';
    this.reads.push({ from: options.fromPosition, direction });
    const from = options.fromPosition ?? START;
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    let at: bigint;
    if (from === START) at = 0n;
    else if (from === END) at = this.end;
    else {
      at = from.commit;
      if (at !== this.end && !this.records.some((r) => r.position === at))
        throw new Error('Trying to read from an invalid position.');
    }
    const selected =
      direction === 'forwards'
        ? this.records.filter((r) => r.position >= at).slice(0, max)
        : this.records
            .filter((r) => r.position < at)
            .reverse()
            .slice(0, max);
    for (const record of selected) yield resolved(record.streamId, record.type, record.position);
  }
}

function resolved(streamId: string, type: string, position: bigint): AllStreamResolvedEvent {
  const metadata = toEsdbMetadata({
    ...prepareNewEvent({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data: {},
      metadata: {
        actor: { id: 'u', name: 'U', role: 'system' },
        correlationId: 'c',
        occurredAt: '2026-03-02T09:00:00.000Z',
      },
    }),
    streamId,
    revision: 1,
    recordedAt: '2026-03-02T09:00:00.000Z',
    hash: 'h'.repeat(64),
    previousHash: '0'.repeat(64),
  });
  const event = {
    streamId,
    id: randomUUID(),
    revision: 0n,
    type,
    isJson: true,
    created: new Date(0),
    data: {},
    metadata,
    position: { commit: position, prepare: position },
  };
  return { event: event as unknown as NonNullable<AllStreamResolvedEvent['event']>, commitPosition: position };
}

const scope = new StreamScope(['complaint-']);

function logWithNoise(): { log: SimulatedLog; ours: bigint[] } {
  const log = new SimulatedLog();
  const ours: bigint[] = [];
  for (let i = 0; i < 12; i++) {
    log.add('$stats-127.0.0.1:2113', '$statsCollected', 700n);
    ours.push(log.add(`complaint-${i % 3}`));
    log.add('billing-1', 'InvoiceSent', 90n);
  }
  return { log, ours };
}

describe('LogReader', () => {
  it('reads our events after a position, in order, past system and foreign events, across pages', async () => {
    const { log, ours } = logWithNoise();
    const reader = new LogReader(log, scope, 4);

    expect((await reader.readAfter(0n, 100)).map((e) => e.globalPosition)).toEqual(ours);
    expect((await reader.readAfter(ours[2]!, 3)).map((e) => e.globalPosition)).toEqual(ours.slice(3, 6));
    expect(await reader.readAfter(ours[11]!, 10)).toEqual([]);
  });

  it('starts a read at an event position directly, without walking the log', async () => {
    const { log, ours } = logWithNoise();
    const reader = new LogReader(log, scope, 4);
    await reader.readAfter(ours[5]!, 1);
    expect(log.reads[0]).toEqual({ from: { commit: ours[5], prepare: ours[5] }, direction: 'forwards' });
    expect(log.reads.every((read) => read.direction === 'forwards')).toBe(true);
  });

  it('finds where to start when the position is inside a record (a position minus one, say)', async () => {
    const { log, ours } = logWithNoise();
    const reader = new LogReader(log, scope, 4);
    expect((await reader.readAfter(ours[7]! - 1n, 1)).map((e) => e.globalPosition)).toEqual([ours[7]]);
    expect((await reader.readAfter(ours[7]! + 1n, 2)).map((e) => e.globalPosition)).toEqual([ours[8], ours[9]]);
    expect((await reader.readAfter(1n, 1)).map((e) => e.globalPosition)).toEqual([ours[0]]);
  });

  it('answers nothing after a position beyond the end of the log', async () => {
    const { log } = logWithNoise();
    expect(await new LogReader(log, scope, 4).readAfter(10_000_000n, 5)).toEqual([]);
  });

  it('gives the position of our newest event as the head, 0 when there is none', async () => {
    const { log, ours } = logWithNoise();
    log.add('$stats-127.0.0.1:2113', '$statsCollected');
    log.add('billing-1', 'InvoiceSent');
    expect(await new LogReader(log, scope, 2).head()).toBe(ours[11]);
    expect(await new LogReader(log, new StreamScope(['nobody-']), 2).head()).toBe(0n);
  });
});
