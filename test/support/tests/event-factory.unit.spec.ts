import { EventMetadata } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { testEvent, testEvents, uniqueStreamId } from '../src/event-factory';

describe('test event factory', () => {
  it('builds events whose metadata satisfies the envelope contract', () => {
    const event = testEvent({ metadata: { dataSubjectId: 'subject-1', causationId: 'c-1' } });
    expect(EventMetadata.safeParse(event.metadata).success).toBe(true);
    expect(event.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives the events of one command a shared correlation id, distinct ids and their index', () => {
    const events = testEvents(4, (i) => (i === 3 ? { type: 'Last' } : {}));
    expect(new Set(events.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => e.type)).toEqual(['TestEventHappened', 'TestEventHappened', 'TestEventHappened', 'Last']);
    expect(testEvents(1)[0]!.metadata.correlationId).not.toBe(events[0]!.metadata.correlationId);
  });

  it('names streams uniquely under a prefix', () => {
    const a = uniqueStreamId('complaint');
    expect(a.startsWith('complaint-')).toBe(true);
    expect(uniqueStreamId('complaint')).not.toBe(a);
  });
});
