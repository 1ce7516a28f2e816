import { randomUUID } from 'node:crypto';
import { eventHash, GENESIS_HASH, prepareNewEvent, verifyChain, type ChainedEvent } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { ForeignEventError, fromEsdbRecord, toEsdbEvent, toEsdbMetadata, type EsdbRecord } from './esdb-envelope';

function chained(
  revision: number,
  previousHash: string,
  overrides: Partial<ChainedEvent['metadata']> = {},
): ChainedEvent {
  const prepared = prepareNewEvent({
    eventId: randomUUID(),
    type: 'ComplaintAcknowledged',
    schemaVersion: 1,
    data: {
      occurredAt: '2026-03-04T10:00:00.000Z',
      stage: 1,
      headsOfComplaint: [{ $enc: 1, iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' }],
    },
    metadata: {
      actor: { id: 'u-1', name: 'Ann Officer', role: 'complaints_officer' },
      correlationId: 'corr-1',
      occurredAt: '2026-03-04T10:00:00.000Z',
      ...overrides,
    },
  });
  const content = { ...prepared, streamId: 'complaint-1', revision, recordedAt: '2026-03-04T10:00:01.234Z' };
  return { ...content, hash: eventHash(previousHash, content), previousHash };
}

/** What the client hands back for an event we appended: JSON parsed back, ESDB's own numbering and position. */
function asReadBack(event: ChainedEvent, esdbRevision: bigint, commit: bigint): EsdbRecord {
  const sent = toEsdbEvent(event);
  return {
    streamId: event.streamId,
    id: sent.id,
    revision: esdbRevision,
    type: sent.type,
    isJson: sent.contentType === 'application/json',
    data: JSON.parse(JSON.stringify(sent.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(sent.metadata)) as unknown,
    position: { commit, prepare: commit },
  };
}

describe('ESDB envelope mapping', () => {
  it('keeps recordedAt, schema version, hash chain and our metadata in the ESDB metadata, with ESDB correlation conventions', () => {
    const event = chained(1, GENESIS_HASH, { causationId: 'cmd-9' });
    expect(toEsdbMetadata(event)).toEqual({
      $correlationId: 'corr-1',
      $causationId: 'cmd-9',
      complaints: {
        envelope: 1,
        schemaVersion: 1,
        recordedAt: '2026-03-04T10:00:01.234Z',
        hash: event.hash,
        previousHash: GENESIS_HASH,
        metadata: event.metadata,
      },
    });
    expect(toEsdbEvent(event)).toMatchObject({
      id: event.eventId,
      type: 'ComplaintAcknowledged',
      contentType: 'application/json',
      data: event.data,
    });
  });

  it('reads back exactly what was written, with our revision and the commit position, and the chain verifies', () => {
    const first = chained(1, GENESIS_HASH);
    const second = chained(2, first.hash);
    const read = [asReadBack(first, 0n, 1_024n), asReadBack(second, 1n, 1_536n)].map(fromEsdbRecord);

    expect(read[1]).toEqual({
      eventId: second.eventId,
      type: second.type,
      schemaVersion: 1,
      data: second.data,
      metadata: second.metadata,
      streamId: 'complaint-1',
      revision: 2,
      globalPosition: 1_536n,
      recordedAt: second.recordedAt,
      hash: second.hash,
      previousHash: first.hash,
    });
    expect(verifyChain('complaint-1', read)).toMatchObject({ valid: true, eventsChecked: 2 });
  });

  it('exposes an event whose revision ESDB reports differently from the one that was hashed', () => {
    const first = chained(1, GENESIS_HASH);
    const moved = fromEsdbRecord(asReadBack(first, 3n, 1_024n));
    expect(moved.revision).toBe(4);
    expect(verifyChain('complaint-1', [moved]).valid).toBe(false);
  });

  it('refuses events written by someone else into one of our streams', () => {
    const record = asReadBack(chained(1, GENESIS_HASH), 0n, 1_024n);
    expect(() => fromEsdbRecord({ ...record, metadata: { $correlationId: 'x' } })).toThrow(ForeignEventError);
    expect(() => fromEsdbRecord({ ...record, metadata: undefined })).toThrow(ForeignEventError);
    expect(() => fromEsdbRecord({ ...record, isJson: false })).toThrow(ForeignEventError);
  });

  it('says plainly when the server gives no position (ESDB before 22.6)', () => {
    const record = asReadBack(chained(1, GENESIS_HASH), 0n, 1_024n);
    expect(() => fromEsdbRecord({ ...record, position: undefined })).toThrow(/22\.6/);
  });
});
