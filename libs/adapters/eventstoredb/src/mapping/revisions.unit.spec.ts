import { NO_STREAM, START } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  eventReadPosition,
  fromEsdbCurrentRevision,
  fromEsdbEventRevision,
  globalPositionOf,
  toEsdbExpectedRevision,
  toEsdbReadRevision,
} from './revisions';

describe('revision conversion (ours counts events; ESDB numbers them from 0)', () => {
  it('expects "no stream" for our revision 0, and ESDB revision n-1 for our n', () => {
    expect(toEsdbExpectedRevision(0)).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(1)).toBe(0n);
    expect(toEsdbExpectedRevision(10_000)).toBe(9_999n);
  });

  it('numbers an ESDB event n as our revision n+1', () => {
    expect(fromEsdbEventRevision(0n)).toBe(1);
    expect(fromEsdbEventRevision(41n)).toBe(42);
  });

  it('reads a stream revision reported by ESDB (e.g. in WrongExpectedVersion) as our count', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe(0);
    expect(fromEsdbCurrentRevision(0n)).toBe(1);
    expect(fromEsdbCurrentRevision(2n)).toBe(3);
  });

  it('round-trips: the expected revision of a stream at our n is the ESDB revision of our n-th event', () => {
    for (const n of [1, 2, 7, 500]) {
      expect(fromEsdbEventRevision(toEsdbExpectedRevision(n) as bigint)).toBe(n);
      expect(toEsdbReadRevision(n)).toBe(toEsdbExpectedRevision(n));
    }
  });

  it('refuses revisions that cannot exist', () => {
    expect(() => toEsdbExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(RangeError);
    expect(() => toEsdbReadRevision(0)).toThrow(RangeError);
    expect(() => fromEsdbEventRevision(-1n)).toThrow(RangeError);
  });
});

describe('position conversion (ours is the $all commit position)', () => {
  it('takes the commit position as the global position', () => {
    expect(globalPositionOf({ commit: 18_446_744_073n, prepare: 18_446_744_073n })).toBe(18_446_744_073n);
  });

  it('reads from the start for 0, else from the event at that position', () => {
    expect(eventReadPosition(0n)).toBe(START);
    expect(eventReadPosition(5_120n)).toEqual({ commit: 5_120n, prepare: 5_120n });
    expect(() => eventReadPosition(-1n)).toThrow(RangeError);
  });
});
